import Foundation
import LinkwellDomain

/// User accounts as administrators manage them. Sign-in has its own
/// interface, `AuthenticationStore`.
public protocol UserStore: Sendable {
    /// Creates an active account. Throws `duplicate(field: "email")` when the
    /// address is taken (in any organisation: it is how people sign in),
    /// `notFound` when the organisation does not exist, and
    /// `invalidReference(field: "practiceID")` when the practice is not the organisation's.
    @discardableResult
    func create(
        id: UserID, details: UserDetails, passwordHash: String, mustChangePassword: Bool, at time: Date,
        audit: AuditEntry
    ) async throws -> User

    func user(_ id: UserID, in organisation: OrganisationID) async throws -> User?

    /// The organisation's users, by name, active and inactive.
    func users(in organisation: OrganisationID) async throws -> [User]

    /// The organisation's active users with `role`, by name.
    func users(in organisation: OrganisationID, role: Role) async throws -> [User]

    /// Number of accounts in the whole deployment (for the first-run checks of
    /// `demo` and `user create`).
    func countAll() async throws -> Int

    /// Changes name, email, role and practice. The organisation cannot change.
    @discardableResult
    func update(
        _ id: UserID, in organisation: OrganisationID, expectedVersion: Int, details: UserDetails, at time: Date,
        audit: AuditEntry
    ) async throws -> User

    /// Deactivating also ends every session of the user, in the same transaction.
    @discardableResult
    func setActive(
        _ id: UserID, in organisation: OrganisationID, active: Bool, at time: Date, audit: AuditEntry
    ) async throws -> User

    /// Replaces the password hash and ends the user's sessions, except
    /// `keepingSession` (the one that made the change, if the user changed
    /// their own password). Clears any lock.
    @discardableResult
    func setPassword(
        _ id: UserID, in organisation: OrganisationID, passwordHash: String, mustChangePassword: Bool,
        keepingSession: String?, at time: Date, audit: AuditEntry
    ) async throws -> User
}
