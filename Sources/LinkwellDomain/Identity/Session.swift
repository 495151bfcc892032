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

    public init(idleTimeout: TimeInterval = 30 * 60, absoluteTimeout: TimeInterval = 12 * 60 * 60, touchInterval: TimeInterval = 60) {
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

/// How many wrong passwords lock an account, and for how long.
public struct LockoutPolicy: Sendable, Equatable {
    public var maximumFailures: Int
    public var window: TimeInterval
    public var lockDuration: TimeInterval

    public init(maximumFailures: Int = 5, window: TimeInterval = 15 * 60, lockDuration: TimeInterval = 15 * 60) {
        self.maximumFailures = maximumFailures
        self.window = window
        self.lockDuration = lockDuration
    }
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
