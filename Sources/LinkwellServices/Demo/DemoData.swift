import Foundation
import LinkwellDomain
import LinkwellStore

/// The synthetic world of `linkwell demo`: Riverside, a fictional town with a
/// Primary Care Network, three GP practices, a community charity and the
/// council, and one account for each role. Every name, address and ODS code
/// here is invented.
///
/// Demo accounts share a published password, so they exist only in a database
/// marked as a demo; seeding refuses a database that already holds real accounts.
public enum DemoData {
    public static let password = "linkwell-demo"

    /// How many people the demo's casework follows (issue: at least 300).
    public static let casePeople = 320

    /// How many community services the demo's directory lists.
    public static let directoryServices = 400

    public struct Account: Sendable, Equatable {
        public let role: Role
        public let name: String
        public let email: String
        public let organisation: String
    }

    public enum SeedError: Error, CustomStringConvertible {
        case databaseHasRealAccounts(count: Int)

        public var description: String {
            switch self {
            case .databaseHasRealAccounts(let count):
                "This database already has \(count) user account(s) and is not a demo database. "
                    + "Demo accounts have a published password, so they are only added to a new database: "
                    + "give demo another --database."
            }
        }
    }

    struct OrganisationSeed {
        let key: String
        let name: String
        let kind: OrganisationKind
        let odsCode: String?
        var acceptsReferrals = false
    }

    struct PracticeSeed {
        let key: String
        let organisation: String
        let name: String
        let odsCode: String
    }

    struct UserSeed {
        let name: String
        let email: String
        let role: Role
        let organisation: String
        let practice: String?
        /// The account printed for its role at start-up.
        let isRoleExample: Bool
    }

    static let organisations: [OrganisationSeed] = [
        .init(
            key: "pcn", name: "Riverside Primary Care Network", kind: .primaryCareNetwork, odsCode: "U99001",
            acceptsReferrals: true),
        .init(key: "charity", name: "Riverside Community Action", kind: .voluntarySector, odsCode: nil),
        .init(key: "council", name: "Riverside Borough Council", kind: .localAuthority, odsCode: nil),
    ]

    static let practices: [PracticeSeed] = [
        .init(key: "medical", organisation: "pcn", name: "Riverside Medical Centre", odsCode: "Y99001"),
        .init(key: "meadowbank", organisation: "pcn", name: "Meadowbank Surgery", odsCode: "Y99002"),
        .init(key: "oldmill", organisation: "pcn", name: "Old Mill Health Centre", odsCode: "Y99003"),
    ]

    static let users: [UserSeed] = [
        .init(
            name: "Priya Sharma", email: "link.worker@riverside.example", role: .linkWorker, organisation: "pcn",
            practice: nil, isRoleExample: true),
        .init(
            name: "Tom Evans", email: "tom.evans@riverside.example", role: .linkWorker, organisation: "pcn",
            practice: nil, isRoleExample: false),
        .init(
            name: "Grace Mensah", email: "grace.mensah@riverside.example", role: .linkWorker, organisation: "pcn",
            practice: nil, isRoleExample: false),
        .init(
            name: "Dr Helen Carter", email: "referrer@riverside.example", role: .referrer, organisation: "pcn",
            practice: "medical", isRoleExample: true),
        .init(
            name: "Nurse Ben Adeyemi", email: "ben.adeyemi@riverside.example", role: .referrer, organisation: "pcn",
            practice: "meadowbank", isRoleExample: false),
        .init(
            name: "Dana Lee", email: "dana.lee@riverside.example", role: .referrer, organisation: "council",
            practice: nil, isRoleExample: false),
        .init(
            name: "Mo Hassan", email: "provider@riverside.example", role: .provider, organisation: "charity",
            practice: nil, isRoleExample: true),
        .init(
            name: "Rachel Owen", email: "manager@riverside.example", role: .manager, organisation: "pcn", practice: nil,
            isRoleExample: true),
        .init(
            name: "Chris Walker", email: "admin@riverside.example", role: .administrator, organisation: "pcn",
            practice: nil, isRoleExample: true),
    ]

    /// One account per role, in the order roles are listed.
    public static var roleAccounts: [Account] {
        Role.allCases.compactMap { role in
            users.first { $0.role == role && $0.isRoleExample }.map { seed in
                Account(
                    role: role, name: seed.name, email: seed.email,
                    organisation: organisations.first { $0.key == seed.organisation }!.name)
            }
        }
    }

    /// Fills `store` with the demo world, or does nothing if it is already
    /// there. Safe to run again after an interruption: what exists is kept.
    public static func seed(into store: any LinkwellStore, hasher: any PasswordHasher, clock: any WallClock)
        async throws
    {
        let existingAccounts = try await store.users.countAll()
        if existingAccounts > 0, try await !store.deployment.isDemo() {
            throw SeedError.databaseHasRealAccounts(count: existingAccounts)
        }
        try await store.deployment.markAsDemo()

        func audit(_ action: AuditAction, _ organisation: OrganisationID, _ target: AuditTarget, _ detail: String)
            -> AuditEntry
        {
            AuditEntry(
                occurredAt: clock.now(), organisationID: organisation, actorID: nil, actorLabel: "demo data",
                action: action,
                target: target,
                clientAddress: nil, detail: "Demo data: \(detail)")
        }

        var organisationIDs: [String: OrganisationID] = [:]
        let existingOrganisations = try await store.organisations.all()
        for seed in organisations {
            if let existing = existingOrganisations.first(where: { $0.name == seed.name }) {
                organisationIDs[seed.key] = existing.id
                continue
            }
            let id = OrganisationID()
            let details = OrganisationDetails(
                name: seed.name, kind: seed.kind,
                odsCode: try seed.odsCode.map { try ODSCode($0, kind: seed.kind.odsCodeKind) },
                acceptsReferrals: seed.acceptsReferrals, selfReferralEnabled: seed.acceptsReferrals)
            try await store.organisations.create(
                id: id, details: details, at: clock.now(),
                audit: audit(.organisationCreated, id, .organisation(id), details.kind.label))
            organisationIDs[seed.key] = id
        }

        var practiceIDs: [String: PracticeID] = [:]
        for seed in practices {
            let organisation = organisationIDs[seed.organisation]!
            if let existing = try await store.practices.practices(in: organisation).first(where: {
                $0.odsCode.value == seed.odsCode
            }) {
                practiceIDs[seed.key] = existing.id
                continue
            }
            let id = PracticeID()
            try await store.practices.create(
                id: id, in: organisation,
                details: PracticeDetails(name: seed.name, odsCode: try ODSCode(seed.odsCode, kind: .gpPractice)),
                at: clock.now(), audit: audit(.practiceCreated, organisation, .practice(id), "ODS \(seed.odsCode)"))
            practiceIDs[seed.key] = id
        }

        let passwordHash = await hasher.hash(password)
        var workers: [User] = []
        for seed in users {
            let email = try EmailAddress(seed.email)
            guard try await store.authentication.credentials(forEmail: email) == nil else { continue }
            let id = UserID()
            let organisation = organisationIDs[seed.organisation]!
            let details = UserDetails(
                name: seed.name, email: email, role: seed.role, organisationID: organisation,
                practiceID: seed.practice.map { practiceIDs[$0]! })
            try await store.users.create(
                id: id, details: details, passwordHash: passwordHash, mustChangePassword: false, at: clock.now(),
                audit: audit(.userCreated, organisation, .user(id), "as \(seed.role.label)"))
        }

        // Riverside's community directory, once.
        if try await store.directory.count() == 0 {
            let directory = SyntheticDirectory.generate(count: directoryServices, areas: [SyntheticDirectory.riverside])
            try await store.directory.savePostcodes(directory.postcodes)
            // Riverside Community Action keeps one entry in forty up to date
            // (its provider user sees and edits them); half of those were last
            // checked over a year ago, so the prompt to review them shows.
            let charity = organisationIDs["charity"]!
            let yearAgo = clock.now().addingTimeInterval(-400 * 86_400)
            for batch in stride(from: 0, to: directory.services.count, by: 200) {
                let positions = batch..<min(batch + 200, directory.services.count)
                let records = positions.map { position in
                    DirectoryRecord(
                        service: directory.services[position], source: "Linkwell demo",
                        maintainedBy: position % 40 == 0 ? charity : nil)
                }
                _ = try await store.directory.save(
                    records.enumerated().filter { ($0.offset + batch) % 80 != 0 }.map(\.element), at: clock.now())
                _ = try await store.directory.save(
                    records.enumerated().filter { ($0.offset + batch) % 80 == 0 }.map(\.element), at: yearAgo)
            }
        }

        let service = organisationIDs["pcn"]!
        for seed in users where seed.role == .linkWorker && seed.organisation == "pcn" {
            if let credentials = try await store.authentication.credentials(forEmail: try EmailAddress(seed.email)) {
                workers.append(credentials.user)
            }
        }
        // A year of casework, once.
        if try await store.referrals.count(in: service) == 0 {
            try await seedCasework(
                into: store, service: service, charity: organisationIDs["charity"]!, workers: workers, clock: clock)
        }
        // The team's own side, once (its own check, so an interrupted run finishes it).
        if try await store.training.requirements(in: service, includingRetired: true).isEmpty {
            try await DemoWorkforce.seed(
                into: store, organisation: service, workers: workers,
                manager: try await store.users.users(in: service, role: .manager).first, now: clock.now())
        }
    }

    /// A year of the service's casework, with connections to the charity's services.
    static func seedCasework(
        into store: any LinkwellStore, service: OrganisationID, charity: OrganisationID, workers: [User],
        clock: any WallClock
    ) async throws {
        let charityServices = try await store.directory.entries(maintainedBy: charity, page: PageRequest(size: 12))
            .items.map {
                ConnectedService(
                    id: $0.service.id, name: $0.service.name, providerID: charity,
                    providerName: "Riverside Community Action")
            }
        let charityUser = try await store.users.users(in: charity, role: .provider).first
        let homes = try await DemoCasework.seed(
            into: store,
            setting: .init(
                organisation: service, workers: workers, practices: try await store.practices.practices(in: service),
                needs: try await store.needs.all(), people: casePeople, connectionServices: charityServices,
                provider: charityUser),
            now: clock.now())
        // Place the people's made-up postcodes in Riverside too, so distances work for them.
        var unplaced: [PostcodeCentroid] = []
        for postcode in homes.sorted() where try await store.directory.centroid(of: postcode) == nil {
            unplaced.append(SyntheticDirectory.centroid(of: postcode, in: SyntheticDirectory.riverside))
        }
        try await store.directory.savePostcodes(unplaced)
    }
}
