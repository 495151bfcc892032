import Foundation
import LinkwellDomain

/// What a failed sign-in led to.
public enum FailedSignInOutcome: Equatable, Sendable {
    /// Recorded; `failuresInWindow` so far.
    case counted(failuresInWindow: Int)
    /// This failure reached the limit: the account is locked until the date.
    case locked(until: Date)
}

/// Sign-in, sessions and lockout. Looking a user up by email or session is not
/// scoped to an organisation, because it is how we find out who someone is.
public protocol AuthenticationStore: Sendable {
    func credentials(forEmail email: EmailAddress) async throws -> UserCredentials?

    /// The user a session belongs to.
    func user(forSession session: Session) async throws -> User?

    /// Records a wrong password for an existing account and appends
    /// `failureAudit`. When this makes `policy.maximumFailures` within
    /// `policy.window`, also locks the account for `policy.lockDuration`,
    /// forgets the counted failures and appends `lockAudit`, all in one transaction.
    func recordFailedSignIn(
        _ user: UserID, at time: Date, policy: LockoutPolicy, failureAudit: AuditEntry, lockAudit: AuditEntry
    ) async throws -> FailedSignInOutcome

    /// Starts `session` for its user: forgets counted failures, notes the time,
    /// deletes `replacing` (the session the browser had before, so that a
    /// session ID is never reused across sign-in) and appends `audit`.
    /// Throws `notFound` (and writes nothing) if the user does not exist.
    func recordSuccessfulSignIn(_ session: Session, replacing: String?, audit: AuditEntry) async throws

    func session(tokenHash: String) async throws -> Session?

    /// Notes that the session was used at `time` (postponing its idle expiry).
    func touchSession(tokenHash: String, at time: Date) async throws

    /// Marks the session as handed to `person` (see `Session.handedOverTo`).
    func handOver(tokenHash: String, to person: PersonID) async throws

    /// Ends a session. With an audit entry for a sign-out; without, for an expiry.
    func endSession(tokenHash: String, audit: AuditEntry?) async throws

    /// Deletes sessions that have expired. Returns how many.
    @discardableResult
    func deleteExpiredSessions(lastSeenBefore: Date, createdBefore: Date) async throws -> Int
}
