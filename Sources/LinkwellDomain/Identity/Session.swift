import Foundation

/// A signed-in browser session, held on the server. The browser holds only a
/// random token; the database holds its SHA-256, so a copy of the database
/// does not let anyone take over a session.
public struct Session: Hashable, Sendable {
    public let tokenHash: String
    public let userID: UserID
    /// Every state-changing form carries this; a POST without it is refused.
    public let csrfToken: String
    public let createdAt: Date
    public var lastSeenAt: Date
    public let clientAddress: String?
    /// Handed to this person to answer a questionnaire: until it ends, the
    /// session reaches that and nothing else.
    public var handedOverTo: PersonID?

    public init(
        tokenHash: String, userID: UserID, csrfToken: String, createdAt: Date, lastSeenAt: Date, clientAddress: String?,
        handedOverTo: PersonID? = nil
    ) {
        self.tokenHash = tokenHash
        self.userID = userID
        self.csrfToken = csrfToken
        self.createdAt = createdAt
        self.lastSeenAt = lastSeenAt
        self.clientAddress = clientAddress
        self.handedOverTo = handedOverTo
    }
}

/// How long sessions last. A session ends after `idleTimeout` without a
/// request, and after `absoluteTimeout` whatever happens.
public struct SessionPolicy: Sendable, Equatable {
    public var idleTimeout: TimeInterval
    public var absoluteTimeout: TimeInterval
    /// Recording "last seen" on every request would write on every page view;
    /// once a minute is precise enough for a 30-minute idle timeout.
    public var touchInterval: TimeInterval

    public init(
        idleTimeout: TimeInterval = 30 * 60, absoluteTimeout: TimeInterval = 12 * 60 * 60,
        touchInterval: TimeInterval = 60
    ) {
        self.idleTimeout = idleTimeout
        self.absoluteTimeout = absoluteTimeout
        self.touchInterval = touchInterval
    }

    public func isExpired(_ session: Session, at now: Date) -> Bool {
        now.timeIntervalSince(session.lastSeenAt) >= idleTimeout
            || now.timeIntervalSince(session.createdAt) >= absoluteTimeout
    }

    public func needsTouch(_ session: Session, at now: Date) -> Bool {
        now.timeIntervalSince(session.lastSeenAt) >= touchInterval
    }

    /// The oldest `lastSeenAt` and `createdAt` a live session can have at `now`;
    /// sessions older than either can be deleted.
    public func expiryCutoffs(at now: Date) -> (lastSeenBefore: Date, createdBefore: Date) {
        (now.addingTimeInterval(-idleTimeout), now.addingTimeInterval(-absoluteTimeout))
    }
}

/// How guessing passwords is held back. Three limits, each decided before
/// a password is checked, so that attempts sent in parallel cannot slip past:
///
/// - **One account from one address**: `maximumFailures` wrong passwords
///   within `window` lock that pair for `lockDuration`, even against the
///   right password. Attempts still being checked count too.
/// - **One account from anywhere**: past `maximumFailures` within `window`,
///   each further wrong password doubles a short wait (one second, two,
///   four… at most `lockDuration`) before the account can be tried again
///   from an address it has not signed in from. So nobody can lock someone
///   out from elsewhere for long, and where they usually sign in, not at all.
/// - **One address, any account**: `addressLimit` wrong passwords within
///   `window`, and that address is refused until they age out.
///
/// Every limit is the same whether or not an account has the address typed,
/// so none of them tells an attacker which accounts exist.
public struct LockoutPolicy: Sendable, Equatable {
    public var maximumFailures: Int
    public var window: TimeInterval
    public var lockDuration: TimeInterval
    public var addressLimit: Int
    /// How long a successful sign-in makes an address known to the account.
    public var knownAddressFor: TimeInterval

    public init(
        maximumFailures: Int = 5, window: TimeInterval = 15 * 60, lockDuration: TimeInterval = 15 * 60,
        addressLimit: Int = 30,
        knownAddressFor: TimeInterval = 30 * 86_400
    ) {
        self.maximumFailures = maximumFailures
        self.window = window
        self.lockDuration = lockDuration
        self.addressLimit = addressLimit
        self.knownAddressFor = knownAddressFor
    }

    /// The wait after the account's `failures`th wrong password within the
    /// window, from any address: none until the limit, then doubling.
    public func backoff(afterFailures failures: Int) -> TimeInterval? {
        guard failures >= maximumFailures else { return nil }
        let doublings = min(failures - maximumFailures, 30)
        return min(Double(1 << doublings), lockDuration)
    }
}

/// Why an attempt was refused before its password was checked.
public enum SignInRefusal: String, Sendable, Equatable {
    /// Too many wrong passwords from this address, whatever the account.
    case addressLimit = "address_limit"
    /// Too many wrong passwords for this account from this address.
    case locked
    /// The account is waiting out its back-off, and this address is not one it knows.
    case backingOff = "backing_off"
}

/// Whether an attempt may have its password checked.
public enum SignInAdmission: Sendable, Equatable {
    /// Counted (as a failure until it succeeds): check the password, then
    /// record what happened under this attempt.
    case admitted(attempt: Int64)
    case refused(SignInRefusal)
}

/// Unguessable random tokens for sessions and CSRF, and the hash a session is
/// stored under.
public enum SecureToken {
    /// 32 bytes from the system's cryptographic generator, base64url without
    /// padding: 43 characters, safe in cookies and forms.
    public static func generate() -> String {
        var generator = SystemRandomNumberGenerator()
        let bytes = (0..<32).map { _ in UInt8.random(in: .min ... .max, using: &generator) }
        return Data(bytes).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-")
            .replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }

    public static func hash(_ token: String) -> String {
        token.sha256Hex
    }

    /// Compares two tokens in time that does not depend on where they differ.
    public static func constantTimeEquals(_ a: String, _ b: String) -> Bool {
        let (x, y) = (Array(a.utf8), Array(b.utf8))
        guard x.count == y.count else { return false }
        var difference: UInt8 = 0
        for index in x.indices { difference |= x[index] ^ y[index] }
        return difference == 0
    }
}
