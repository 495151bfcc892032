import Foundation
import LinkwellDomain

/// What a failed sign-in led to.
public enum FailedSignInOutcome: Equatable, Sendable {
    /// Recorded; `failuresInWindow` so far from this address.
    case counted(failuresInWindow: Int)
    /// This failure reached the limit: the account is locked from this address until the date.
    case locked(until: Date)
}

/// Sign-in, sessions and lockout. Looking a user up by email or session is not
/// scoped to an organisation, because it is how we find out who someone is.
public protocol AuthenticationStore: Sendable {
    func credentials(forEmail email: EmailAddress) async throws -> UserCredentials?

    /// The user a session belongs to.
    func user(forSession session: Session) async throws -> User?

    /// Decides, before any password is checked, whether an attempt on
    /// `account` (the address as typed and normalised, whether or not an
    /// account has it) from `clientAddress` may go ahead, as `policy`
    /// says; if so, counts it (as a failure until it is recorded as a
    /// success) and returns its number. The decision and the count are one
    /// write, so attempts sent in parallel are decided one at a time.
    func admitSignInAttempt(account: String, clientAddress: String, at time: Date, policy: LockoutPolicy) async throws
        -> SignInAdmission

    /// Records that `attempt`'s password was wrong (or that the account
    /// cannot sign in) and appends `failureAudit`. When this makes the
    /// pair's `policy.maximumFailures` within `policy.window`, locks the pair
    /// for `policy.lockDuration` and appends `lockAudit`; past the limit for
    /// the account from anywhere, sets its back-off. All in one transaction.
    func recordFailedSignIn(
        attempt: Int64, account: String, clientAddress: String, at time: Date, policy: LockoutPolicy,
        failureAudit: AuditEntry,
        lockAudit: AuditEntry
    ) async throws -> FailedSignInOutcome

    /// Records that `attempt`'s password was right. Unless a lock (or,
    /// from an address the account does not know, a back-off) came into
    /// force since it was admitted, forgets this address's wrong passwords
    /// for the account, notes the address as known, and, given `session`,
    /// starts it as `recordSuccessfulSignIn` did: forgets nothing else,
    /// deletes `replacing`, appends `audit`. Returns false, having written
    /// nothing but the attempt's end, when a lock is in force.
    func recordPasswordMatched(
        attempt: Int64, account: String, clientAddress: String, at time: Date, policy: LockoutPolicy, session: Session?,
        replacing: String?, audit: AuditEntry?
    ) async throws -> Bool

    /// Forgets attempts and locks older than any limit looks back, and
    /// successes older than `policy.knownAddressFor`.
    func deleteOldSignInAttempts(at time: Date, policy: LockoutPolicy) async throws

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
