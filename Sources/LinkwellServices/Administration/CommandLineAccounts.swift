import Foundation
import LinkwellDomain
import LinkwellStore

/// `linkwell user create`: making accounts from the server's command line,
/// which is how a real deployment gets its first administrator. Whoever can
/// run commands on the server is trusted; the audit log records the change as
/// made from the command line.
public struct CommandLineAccounts: Sendable {
    /// The stores this uses, and no others (picked from the whole store at start-up).
    struct Stores: Sendable {
        let deployment: any DeploymentStore
        let organisations: any OrganisationStore
        let users: any UserStore

        init(_ all: any LinkwellStore) {
            deployment = all.deployment
            organisations = all.organisations
            users = all.users
        }
    }

    let store: Stores
    let hasher: any PasswordHasher
    let clock: any WallClock

    public init(store: any LinkwellStore, hasher: any PasswordHasher, clock: any WallClock) {
        self.store = Stores(store)
        self.hasher = hasher
        self.clock = clock
    }

    public struct Request: Sendable {
        public var name: String
        public var email: String
        public var role: String
        /// An existing organisation's name or ODS code.
        public var organisation: String
        /// Create the organisation (of this kind) when none matches.
        public var newOrganisationKind: OrganisationKind?
        public var password: String

        public init(
            name: String, email: String, role: String, organisation: String, newOrganisationKind: OrganisationKind?,
            password: String
        ) {
            self.name = name
            self.email = email
            self.role = role
            self.organisation = organisation
            self.newOrganisationKind = newOrganisationKind
            self.password = password
        }
    }

    public struct Created: Sendable {
        public let user: User
        public let organisation: Organisation
        public let organisationWasCreated: Bool
    }

    public enum Problem: Error, CustomStringConvertible, Equatable {
        case invalid([FieldError])
        case unknownOrganisation(String, existing: [String])
        case demoDatabase

        public var description: String {
            switch self {
            case .invalid(let errors):
                errors.map { "\($0.field): \($0.message)" }.joined(separator: "\n")
            case .unknownOrganisation(let name, let existing):
                "No organisation is called or has the ODS code \"\(name)\". "
                    + (existing.isEmpty
                        ? "There are none yet: add --new-organisation-type to create it."
                        : "Existing: \(existing.joined(separator: ", ")). Or add --new-organisation-type to create it.")
            case .demoDatabase:
                "This is a demo database, whose accounts have a published password. Create real accounts in a real database."
            }
        }
    }

    public func createUser(_ request: Request) async throws -> Created {
        if try await store.deployment.isDemo() { throw Problem.demoDatabase }
        var collector = ValidationCollector()
        let email = collector.check("email") { () throws(ValidationFailure) in try EmailAddress(request.email) }
        if let email {
            _ = collector.check("password") { () throws(ValidationFailure) in
                try PasswordPolicy.check(request.password, email: email)
            }
        }
        let name = collector.check("name") { () throws(ValidationFailure) in
            try Text.requiredName(request.name, what: "the person's full name")
        }
        let role = Role(rawValue: request.role)
        if role == nil {
            collector.add("role", "Use one of: \(Role.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        guard collector.errors.isEmpty, let email, let name, let role else { throw Problem.invalid(collector.errors) }

        let now = clock.now()
        let wanted = request.organisation.trimmingWhitespace()
        let organisations = try await store.organisations.all()
        var organisation = organisations.first {
            $0.name.caseInsensitiveCompare(wanted) == .orderedSame || $0.odsCode?.value == wanted.uppercased()
        }
        var created = false
        if organisation == nil {
            guard let kind = request.newOrganisationKind else {
                throw Problem.unknownOrganisation(wanted, existing: organisations.map(\.name))
            }
            let details: OrganisationDetails
            do {
                details = try OrganisationDetails.validate(name: wanted, kind: kind.rawValue, odsCode: "")
            } catch {
                throw Problem.invalid(error.errors)
            }
            let id = OrganisationID()
            organisation = try await store.organisations.create(
                id: id, details: details, at: now,
                audit: AuditEntry(
                    occurredAt: now, organisationID: id, actorID: nil, actorLabel: "command line",
                    action: .organisationCreated,
                    target: .organisation(id), clientAddress: nil, detail: "From the command line"))
            created = true
        }
        let id = UserID()
        let hash = await hasher.hash(request.password)
        do {
            let user = try await store.users.create(
                id: id,
                details: UserDetails(
                    name: name, email: email, role: role, organisationID: organisation!.id, practiceID: nil),
                passwordHash: hash, mustChangePassword: false, at: now,
                audit: AuditEntry(
                    occurredAt: now, organisationID: organisation!.id, actorID: nil, actorLabel: "command line",
                    action: .userCreated,
                    target: .user(id), clientAddress: nil,
                    detail: "From the command line, as \(role.label)"))
            return Created(user: user, organisation: organisation!, organisationWasCreated: created)
        } catch StoreError.duplicate(let field) {
            throw Problem.invalid([FieldError(field: field, message: "Another account already uses this email address")]
            )
        }
    }
}
