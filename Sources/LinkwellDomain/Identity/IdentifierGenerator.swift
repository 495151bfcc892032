import Foundation
import Synchronization

/// Where new identifiers come from: random UUIDs, or, for tests that compare
/// whole pages with a recorded copy (golden tests), a numbered sequence.
/// A task-local, so a test sets it around its own work and nothing else
/// sees it:
///
///     try await IdentifierGenerator.$current.withValue(.sequential()) { … }
public final class IdentifierGenerator: Sendable {
    @TaskLocal public static var current = IdentifierGenerator(sequential: false)

    private let isSequential: Bool
    private let counter = Mutex<UInt64>(0)

    private init(sequential: Bool) {
        isSequential = sequential
    }

    /// 00000000-0000-4000-8000-000000000001, …02, and so on: valid version-4
    /// shaped UUIDs, the same every run.
    public static func sequential() -> IdentifierGenerator {
        IdentifierGenerator(sequential: true)
    }

    public func next() -> UUID {
        guard isSequential else { return UUID() }
        let number = counter.withLock { value in
            value += 1
            return value
        }
        let digits = String(number, radix: 16)
        return UUID(uuidString: "00000000-0000-4000-8000-" + String(repeating: "0", count: 12 - digits.count) + digits)!
    }
}
