import Dispatch
import HummingbirdBcrypt

/// Hashes and checks passwords. bcrypt is deliberately slow (a quarter of a
/// second at cost 12), so it runs on Dispatch's threads rather than blocking
/// one of the few threads that serve requests.
public protocol PasswordHasher: Sendable {
    func hash(_ password: String) async -> String
    func verify(_ password: String, against hash: String) async -> Bool
}

public struct BcryptPasswordHasher: PasswordHasher {
    /// 12 in production; tests use 4, the minimum, to stay fast.
    public let cost: UInt8

    public init(cost: UInt8 = 12) {
        self.cost = cost
    }

    public func hash(_ password: String) async -> String {
        let cost = self.cost
        return await offload { Bcrypt.hash(password, cost: cost) }
    }

    public func verify(_ password: String, against hash: String) async -> Bool {
        await offload { Bcrypt.verify(password, hash: hash) }
    }

    private func offload<T: Sendable>(_ work: @escaping @Sendable () -> T) async -> T {
        await withCheckedContinuation { continuation in
            DispatchQueue.global(qos: .userInitiated).async { continuation.resume(returning: work()) }
        }
    }
}
