import Foundation
import LinkwellDomain
import LinkwellStore
import Logging

/// What administrators do: organisations, GP practices and user accounts.
/// Every method checks that the acting user is an administrator and records
/// what changed in the audit log, in the same transaction as the change.
public struct AdministrationService: Sendable {
    /// The stores this uses, and no others (picked from the whole store at start-up).
    struct Stores: Sendable {
        let audit: any AuditStore
        let organisations: any OrganisationStore
        let practices: any PracticeStore
        let users: any UserStore

        init(_ all: any LinkwellStore) {
            audit = all.audit
            organisations = all.organisations
            practices = all.practices
            users = all.users
        }
    }

    let store: Stores
    let hasher: any PasswordHasher
    let clock: any WallClock
    let logger: Logger

    public init(store: any LinkwellStore, hasher: any PasswordHasher, clock: any WallClock, logger: Logger) {
        self.store = Stores(store)
        self.hasher = hasher
        self.clock = clock
        self.logger = logger
    }

    /// An organisation with its practices and users, for its page.
    public struct OrganisationOverview: Sendable {
        public let organisation: Organisation
        public let practices: [Practice]
        public let users: [User]
    }

    /// A user account just created or reset, with the one-time password to
    /// pass on. It is shown once and stored only as a hash.
    public struct IssuedPassword: Sendable {
        public let user: User
        public let temporaryPassword: String
    }

    static let duplicateMessages = [
        "odsCode": "Another organisation or practice already has this ODS code",
        "email": "Another account already uses this email address",
    ]

    /// What an administrator's home page shows.
    public struct Dashboard: Sendable {
        public let organisations: [Organisation]
        public let accountCount: Int
        public let recentEvents: [AuditEvent]
    }

    public func dashboard(_ acting: ActingUser) async throws -> Dashboard {
        try AccessPolicy.requireAdministrator(acting)
        async let organisations = store.organisations.all()
        async let accounts = store.users.countAll()
        var own = AuditQuery()
        own.scope = AuditService.scope(for: acting)
        async let recent = store.audit.events(matching: own, page: PageRequest(number: 1, size: 8))
        return Dashboard(
            organisations: try await organisations, accountCount: try await accounts,
            recentEvents: try await recent.items)
    }

    // MARK: Organisations

    public func organisations(_ acting: ActingUser) async throws -> [Organisation] {
        try AccessPolicy.requireAdministrator(acting)
        return try await store.organisations.all()
    }

    public func overview(of id: OrganisationID, _ acting: ActingUser) async throws -> OrganisationOverview {
        try AccessPolicy.requireAdministrator(acting)
        guard let organisation = try await store.organisations.organisation(id) else { throw ServiceError.notFound }
        async let practices = store.practices.practices(in: id)
        async let users = store.users.users(in: id)
        return OrganisationOverview(organisation: organisation, practices: try await practices, users: try await users)
    }

    public func createOrganisation(_ form: OrganisationForm, _ acting: ActingUser) async throws -> Organisation {
        try AccessPolicy.requireAdministrator(acting)
        let details = try validated { () throws(ValidationFailure) in
            try OrganisationDetails.validate(
                name: form.name, kind: form.kind, odsCode: form.odsCode, acceptsReferrals: form.acceptsReferrals,
                selfReferralEnabled: form.selfReferralEnabled, connectionResponseDays: form.connectionResponseDays,
                outcomeFollowUpWeeks: form.outcomeFollowUpWeeks)
        }
        let id = OrganisationID()
        return try await ServiceError.mappingStoreErrors(duplicateMessages: Self.duplicateMessages) {
            try await store.organisations.create(
                id: id, details: details, at: clock.now(),
                audit: audit(
                    .organisationCreated, acting, organisation: id, target: .organisation(id),
                    detail: Self.describe(details)))
        }
    }

    public func updateOrganisation(
        _ id: OrganisationID, version: Int, _ form: OrganisationForm, _ acting: ActingUser
    ) async throws -> Organisation {
        try AccessPolicy.requireAdministrator(acting)
        let details = try validated { () throws(ValidationFailure) in
            try OrganisationDetails.validate(
                name: form.name, kind: form.kind, odsCode: form.odsCode, acceptsReferrals: form.acceptsReferrals,
                selfReferralEnabled: form.selfReferralEnabled, connectionResponseDays: form.connectionResponseDays,
                outcomeFollowUpWeeks: form.outcomeFollowUpWeeks)
        }
        return try await ServiceError.mappingStoreErrors(duplicateMessages: Self.duplicateMessages) {
            try await store.organisations.update(
                id, expectedVersion: version, details: details, at: clock.now(),
                audit: audit(
                    .organisationUpdated, acting, organisation: id, target: .organisation(id),
                    detail: Self.describe(details)))
        }
    }

    // MARK: Practices

    public func practice(_ id: PracticeID, in organisation: OrganisationID, _ acting: ActingUser) async throws
        -> Practice
    {
        try AccessPolicy.requireAdministrator(acting)
        guard let practice = try await store.practices.practice(id, in: organisation) else {
            throw ServiceError.notFound
        }
        return practice
    }

    public func createPractice(_ form: PracticeForm, in organisation: OrganisationID, _ acting: ActingUser) async throws
        -> Practice
    {
        try AccessPolicy.requireAdministrator(acting)
        let details = try validated { () throws(ValidationFailure) in
            try PracticeDetails.validate(name: form.name, odsCode: form.odsCode)
        }
        let id = PracticeID()
        return try await ServiceError.mappingStoreErrors(duplicateMessages: Self.duplicateMessages) {
            try await store.practices.create(
                id: id, in: organisation, details: details, at: clock.now(),
                audit: audit(
                    .practiceCreated, acting, organisation: organisation, target: .practice(id),
                    detail: "ODS \(details.odsCode)"))
        }
    }

    public func updatePractice(
        _ id: PracticeID, in organisation: OrganisationID, version: Int, _ form: PracticeForm, _ acting: ActingUser
    ) async throws -> Practice {
        try AccessPolicy.requireAdministrator(acting)
        let details = try validated { () throws(ValidationFailure) in
            try PracticeDetails.validate(name: form.name, odsCode: form.odsCode)
        }
        return try await ServiceError.mappingStoreErrors(duplicateMessages: Self.duplicateMessages) {
            try await store.practices.update(
                id, in: organisation, expectedVersion: version, details: details, at: clock.now(),
                audit: audit(
                    .practiceUpdated, acting, organisation: organisation, target: .practice(id),
                    detail: "ODS \(details.odsCode)"))
        }
    }

    // MARK: Users

    public func user(_ id: UserID, in organisation: OrganisationID, _ acting: ActingUser) async throws -> User {
        try AccessPolicy.requireAdministrator(acting)
        guard let user = try await store.users.user(id, in: organisation) else { throw ServiceError.notFound }
        return user
    }

    /// Creates an account with a one-time password that must be changed at
    /// first sign-in.
    public func createUser(_ form: UserForm, _ acting: ActingUser) async throws -> IssuedPassword {
        try AccessPolicy.requireAdministrator(acting)
        let details = try validated { () throws(ValidationFailure) in
            try UserDetails.validate(
                name: form.name, email: form.email, role: form.role, organisationID: form.organisationID,
                practiceID: form.practiceID)
        }
        let password = TemporaryPassword.generate()
        let hash = await hasher.hash(password)
        let id = UserID()
        let user = try await ServiceError.mappingStoreErrors(duplicateMessages: Self.duplicateMessages) {
            do {
                return try await store.users.create(
                    id: id, details: details, passwordHash: hash, mustChangePassword: true, at: clock.now(),
                    audit: audit(
                        .userCreated, acting, organisation: details.organisationID, target: .user(id),
                        detail: "As \(details.role.label)"))
            } catch StoreError.notFound {
                throw ServiceError.invalid(field: "organisationID", "Choose an organisation from the list")
            }
        }
        return IssuedPassword(user: user, temporaryPassword: password)
    }

    public func updateUser(
        _ id: UserID, in organisation: OrganisationID, version: Int, _ form: UserForm, _ acting: ActingUser
    ) async throws -> User {
        try AccessPolicy.requireAdministrator(acting)
        var form = form
        form.organisationID = organisation.description  // an account stays in its organisation
        let details = try validated { () throws(ValidationFailure) in
            try UserDetails.validate(
                name: form.name, email: form.email, role: form.role, organisationID: form.organisationID,
                practiceID: form.practiceID)
        }
        if id == acting.id, details.role != acting.role {
            throw ServiceError.invalid(
                field: "role", "You cannot change your own role; ask another administrator")
        }
        return try await ServiceError.mappingStoreErrors(duplicateMessages: Self.duplicateMessages) {
            try await store.users.update(
                id, in: organisation, expectedVersion: version, details: details, at: clock.now(),
                audit: audit(
                    .userUpdated, acting, organisation: organisation, target: .user(id),
                    detail: "As \(details.role.label)"))
        }
    }

    /// Deactivated users cannot sign in and their sessions end at once. Their
    /// records stay, because the audit log and casework refer to them.
    public func setActive(_ id: UserID, in organisation: OrganisationID, active: Bool, _ acting: ActingUser)
        async throws -> User
    {
        try AccessPolicy.requireAdministrator(acting)
        if id == acting.id, !active {
            throw ServiceError.conflict("You cannot deactivate your own account; ask another administrator.")
        }
        return try await ServiceError.mappingStoreErrors {
            try await store.users.setActive(
                id, in: organisation, active: active, at: clock.now(),
                audit: audit(
                    active ? .userReactivated : .userDeactivated, acting, organisation: organisation,
                    target: .user(id)))
        }
    }

    /// Replaces the password with a one-time one the user must change at next
    /// sign-in, ends their sessions and lifts any lock.
    public func resetPassword(_ id: UserID, in organisation: OrganisationID, _ acting: ActingUser) async throws
        -> IssuedPassword
    {
        try AccessPolicy.requireAdministrator(acting)
        let password = TemporaryPassword.generate()
        let hash = await hasher.hash(password)
        let user = try await ServiceError.mappingStoreErrors {
            try await store.users.setPassword(
                id, in: organisation, passwordHash: hash, mustChangePassword: true, keepingSession: nil,
                at: clock.now(),
                audit: audit(
                    .passwordReset, acting, organisation: organisation, target: .user(id),
                    detail: "Reset by an administrator; must be changed at next sign-in"))
        }
        return IssuedPassword(user: user, temporaryPassword: password)
    }

    // MARK: Helpers

    private func audit(
        _ action: AuditAction, _ acting: ActingUser, organisation: OrganisationID, target: AuditTarget,
        detail: String = ""
    ) -> AuditEntry {
        AuditEntry(
            occurredAt: clock.now(), organisationID: organisation, actorID: acting.id,
            actorLabel: acting.user.auditLabel, action: action, target: target,
            clientAddress: acting.clientAddress, detail: detail)
    }

    /// The kind and the ODS code: codes, never the names typed.
    private static func describe(_ details: OrganisationDetails) -> String {
        details.kind.label + (details.odsCode.map { ", ODS \($0)" } ?? "")
    }
}

/// Runs a domain validation and reports its failure as a service error.
func validated<T>(_ body: () throws(ValidationFailure) -> T) throws(ServiceError) -> T {
    do {
        return try body()
    } catch {
        throw .invalid(error)
    }
}
