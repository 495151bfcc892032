import Foundation
import LinkwellDomain
import LinkwellStore

/// Shortcuts for tests that need a session or a wrong password on record,
/// going through the same admitted attempt that sign-in does.
extension AuthenticationStore {
    /// Starts `session` as a successful sign-in would: an attempt admitted
    /// for `account` from `address`, whose password then matched.
    public func recordSuccessfulSignIn(
        _ session: Session, replacing: String?, audit: AuditEntry, account: String = "fixture@example.org",
        address: String = "192.0.2.1"
    ) async throws {
        let policy = LockoutPolicy()
        guard
            case .admitted(let attempt) = try await admitSignInAttempt(
                account: account, clientAddress: address, at: session.createdAt, policy: policy)
        else { throw FixtureError("the sign-in attempt was not admitted") }
        guard
            try await recordPasswordMatched(
                attempt: attempt, account: account, clientAddress: address, at: session.createdAt, policy: policy,
                session: session,
                replacing: replacing, audit: audit)
        else { throw FixtureError("the session was refused") }
    }

    /// A wrong password for `account` from `address`, admitted then recorded;
    /// nil when the attempt was refused before its password was checked.
    public func recordWrongPassword(
        account: String, address: String = "192.0.2.1", at time: Date, policy: LockoutPolicy, failureAudit: AuditEntry,
        lockAudit: AuditEntry
    ) async throws -> FailedSignInOutcome? {
        guard
            case .admitted(let attempt) = try await admitSignInAttempt(
                account: account, clientAddress: address, at: time, policy: policy)
        else { return nil }
        return try await recordFailedSignIn(
            attempt: attempt, account: account, clientAddress: address, at: time, policy: policy,
            failureAudit: failureAudit,
            lockAudit: lockAudit)
    }
}

public struct FixtureError: Error, CustomStringConvertible {
    public let description: String
    public init(_ description: String) { self.description = description }
}
