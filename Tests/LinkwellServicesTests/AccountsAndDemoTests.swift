import Foundation
import LinkwellDomain
import LinkwellServices
import LinkwellStore
import LinkwellTestSupport
import Logging
import Testing

@Suite("Accounts made from the command line")
struct CommandLineAccountsTests {
    func request(
        email: String = "chris@example.org", role: String = "admin", organisation: String = "Riverside PCN",
        kind: OrganisationKind? = .primaryCareNetwork, password: String = "correct horse battery staple"
    ) -> CommandLineAccounts.Request {
        .init(
            name: "Chris Walker", email: email, role: role, organisation: organisation, newOrganisationKind: kind,
            password: password)
    }

    @Test("The first administrator is created with their organisation, and can sign in")
    func firstAdministrator() async throws {
        try await ServiceHarness.run { harness in
            let accounts = CommandLineAccounts(
                store: harness.store, hasher: BcryptPasswordHasher(cost: 4), clock: harness.clock)
            let created = try await accounts.createUser(request())
            #expect(created.organisationWasCreated)
            #expect(created.user.role == .administrator)
            #expect(!created.user.mustChangePassword)
            let result = try await harness.services.authentication.signIn(
                email: "chris@example.org", password: "correct horse battery staple", previousToken: nil,
                clientAddress: nil)
            guard case .signedIn = result else {
                Issue.record("cannot sign in")
                return
            }
            let trail = try await harness.fixtures.auditTrail()
            #expect(trail.prefix(2).map(\.entry.actorLabel) == ["command line", "command line"])

            // A second account joins the existing organisation, found by name whatever the case.
            let second = try await accounts.createUser(
                request(email: "rachel@example.org", role: "manager", organisation: "riverside pcn", kind: nil))
            #expect(!second.organisationWasCreated)
            #expect(second.organisation.id == created.organisation.id)
        }
    }

    @Test(
        "Problems are reported, and nothing is created",
        arguments: [
            (
                "weak",
                CommandLineAccounts.Problem.invalid([
                    FieldError(field: "password", message: "Password must be at least 12 characters")
                ])
            ),
            (
                "role",
                CommandLineAccounts.Problem.invalid([
                    FieldError(field: "role", message: "Use one of: link_worker, referrer, provider, manager, admin")
                ])
            ),
            ("organisation", CommandLineAccounts.Problem.unknownOrganisation("Nowhere PCN", existing: [])),
        ])
    func problems(kind: String, expected: CommandLineAccounts.Problem) async throws {
        try await ServiceHarness.run { harness in
            let accounts = CommandLineAccounts(
                store: harness.store, hasher: BcryptPasswordHasher(cost: 4), clock: harness.clock)
            let bad: CommandLineAccounts.Request =
                switch kind {
                case "weak": request(password: "short")
                case "role": request(role: "boss")
                default: request(organisation: "Nowhere PCN", kind: nil)
                }
            await #expect(throws: expected) { try await accounts.createUser(bad) }
            let accountCount = try await harness.store.users.countAll()
            let organisations = try await harness.store.organisations.all()
            #expect(accountCount == 0)
            #expect(organisations.isEmpty)
        }
    }

    @Test("A demo database gets no real accounts")
    func refusesDemo() async throws {
        try await ServiceHarness.run { harness in
            try await harness.store.deployment.markAsDemo()
            let accounts = CommandLineAccounts(
                store: harness.store, hasher: BcryptPasswordHasher(cost: 4), clock: harness.clock)
            await #expect(throws: CommandLineAccounts.Problem.demoDatabase) { try await accounts.createUser(request()) }
        }
    }
}

@Suite("Demo data")
struct DemoDataTests {
    @Test("Seeding makes one account per role with the demo password, and seeding again changes nothing")
    func seedTwice() async throws {
        try await ServiceHarness.run { harness in
            try await DemoData.seed(into: harness.store, hasher: BcryptPasswordHasher(cost: 4), clock: harness.clock)
            let users = try await harness.store.users.countAll()
            let events = try await harness.fixtures.auditTrail().count
            #expect(try await harness.store.deployment.isDemo())
            #expect(DemoData.roleAccounts.map(\.role) == Role.allCases)
            for account in DemoData.roleAccounts {
                let result = try await harness.services.authentication.signIn(
                    email: account.email, password: DemoData.password, previousToken: nil, clientAddress: nil)
                guard case .signedIn(let signedIn) = result else {
                    Issue.record("\(account.email) cannot sign in")
                    continue
                }
                #expect(signedIn.user.role == account.role)
            }
            try await DemoData.seed(into: harness.store, hasher: BcryptPasswordHasher(cost: 4), clock: harness.clock)
            #expect(try await harness.store.users.countAll() == users)
            #expect(
                try await harness.fixtures.auditTrail().filter { $0.entry.action != .signInSucceeded }.count == events)
        }
    }

    @Test("A database with real accounts is never given demo accounts")
    func refusesRealDatabase() async throws {
        try await ServiceHarness.run { harness in
            _ = try await harness.user(.administrator, email: "real.admin@example.org")
            await #expect(throws: DemoData.SeedError.self) {
                try await DemoData.seed(
                    into: harness.store, hasher: BcryptPasswordHasher(cost: 4), clock: harness.clock)
            }
            #expect(try await harness.store.deployment.isDemo() == false)
            #expect(try await harness.store.users.countAll() == 1)
        }
    }

    @Test("The demo's practices and PCN carry valid ODS codes")
    func demoCodesAreValid() async throws {
        try await ServiceHarness.run { harness in
            try await DemoData.seed(into: harness.store, hasher: BcryptPasswordHasher(cost: 4), clock: harness.clock)
            let organisations = try await harness.store.organisations.all()
            #expect(organisations.count == 3)
            let pcn = try #require(organisations.first { $0.kind == .primaryCareNetwork })
            #expect(try await harness.store.practices.practices(in: pcn.id).count == 3)
        }
    }
}

@Suite("Demo casework")
struct DemoCaseworkTests {
    @Test(
        "The demo has at least 300 people across every state, with contacts, plans and discharges; seeding again adds nothing"
    )
    func casework() async throws {
        try await ServiceHarness.run { harness in
            try await DemoData.seed(into: harness.store, hasher: BcryptPasswordHasher(cost: 4), clock: harness.clock)
            let pcn = try #require(try await harness.store.organisations.all().first { $0.acceptsReferrals })
            #expect(try await harness.store.referrals.count(in: pcn.id) >= 300)
            let workers = try await harness.store.users.users(in: pcn.id, role: .linkWorker)
            var statuses: [ReferralStatus: Int] = [:]
            var contacts = 0
            var plans = 0
            var people = Set<PersonID>()
            let inbox = try await harness.store.referrals.inbox(in: pcn.id, filter: InboxFilter())
            statuses[.received] = inbox.count
            var caseload: [CaseloadRow] = []
            for worker in workers { caseload += try await harness.store.referrals.caseload(of: worker.id, in: pcn.id) }
            for row in caseload {
                statuses[row.referral.status, default: 0] += 1
                people.insert(row.person.id)
                if row.plan != nil { plans += 1 }
                if row.lastContact != nil { contacts += 1 }
            }
            #expect((statuses[.received] ?? 0) >= 20)
            #expect((statuses[.accepted] ?? 0) >= 10)
            #expect((statuses[.active] ?? 0) >= 100)
            #expect(plans >= 100, "active people have plans")
            #expect(contacts >= 100)
            #expect(
                inbox.contains { $0.referral.possibleDuplicateOf != nil },
                "some waiting referrals look like someone known")
            let details = caseload.map(\.person.details) + inbox.map(\.person.details)
            #expect(details.contains { $0.statedGender == .female } && details.contains { $0.statedGender == .male })
            #expect(details.contains { $0.statedGender == nil }, "some were never asked")
            #expect(
                Set(details.compactMap(\.ethnicCategory)).count >= 8, "a mix of ethnic groups, for the equity report")
            // Closed referrals: look at everyone's history.
            let trail = try await harness.fixtures.auditTrail()
            let closing = trail.filter { $0.entry.action == .referralStatusChanged }.map(\.entry.detail)
            for status in ["Discharged", "Declined", "Redirected", "Withdrawn"] {
                #expect(closing.contains(status), "\(status)")
            }
            #expect(closing.filter { $0 == "Discharged" }.count >= 90)
            #expect(AuditChain.verify(trail) == .intact(count: trail.count))
            let times = trail.filter {
                $0.entry.action != .userCreated && $0.entry.action != .organisationCreated
                    && $0.entry.action != .practiceCreated
            }.map(\.entry.occurredAt)
            #expect(times == times.sorted(), "events were applied in date order")

            // Seeding again adds nothing.
            let before = trail.count
            try await DemoData.seed(into: harness.store, hasher: BcryptPasswordHasher(cost: 4), clock: harness.clock)
            #expect(try await harness.fixtures.auditTrail().count == before)
        }
    }
}
