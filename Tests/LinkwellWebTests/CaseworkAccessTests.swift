import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import LinkwellDomain
import LinkwellServices
import LinkwellStore
import LinkwellTestSupport
import LinkwellWeb
import Testing

/// Role × resource × action: who may read and change a person's casework.
@Suite("Casework access matrix")
struct CaseworkAccessTests {
    enum Who: String, CaseIterable, Sendable {
        case linkWorker, manager, otherOrganisationsLinkWorker, referrer, provider, administrator, anonymous

        var email: String? {
            switch self {
            case .linkWorker: "priya@example.org"
            case .manager: "rachel@example.org"
            case .otherOrganisationsLinkWorker: "jo@example.org"
            case .referrer: "helen@example.org"
            case .provider: "mo@example.org"
            case .administrator: "chris@example.org"
            case .anonymous: nil
            }
        }

        /// What the person's own organisation's caseworkers get; others are refused.
        var expectedRead: HTTPResponse.Status {
            switch self {
            case .linkWorker, .manager: .ok
            case .otherOrganisationsLinkWorker: .notFound
            case .referrer, .provider, .administrator: .forbidden
            case .anonymous: .seeOther
            }
        }
    }

    /// Every page of a person's casework, for an active referral with a plan.
    static func readPaths(_ referral: ReferralWithPerson) -> [String] {
        let r = "/referrals/\(referral.referral.id)"
        let p = "/people/\(referral.person.id)"
        return [
            p, "\(p)/details", "\(p)/what-matters", "\(p)/suggestions", r, "\(r)/contacts/new", "\(r)/plan",
            "\(r)/plan/print", "\(r)/plan/history", "\(r)/discharge",
        ]
    }

    static func writes(_ referral: ReferralWithPerson) -> [(String, [(String, String)])] {
        let r = "/referrals/\(referral.referral.id)"
        return [
            ("\(r)/contacts/new", [("mode", "phone"), ("durationMinutes", "10")]),
            (
                "\(r)/plan",
                [("version", "1"), ("goalCount", "1"), ("stepCount-1", "0"), ("goal-1-text", "Changed by someone")]
            ),
            ("/people/\(referral.person.id)/what-matters", [("version", "0"), ("strengths", "Changed by someone")]),
            (
                "/people/\(referral.person.id)/details",
                [
                    ("version", "1"), ("name", "Changed Name"), ("birthDay", "1"), ("birthMonth", "1"),
                    ("birthYear", "1950"), ("phone", "07700900982"), ("preferredContact", "phone"),
                ]
            ),
            ("\(r)/discharge", [("version", "3"), ("reason", "other"), ("summary", "Changed by someone")]),
            ("\(r)/withdraw", [("version", "3"), ("reason", "Changed by someone")]),
            ("/people/\(referral.person.id)/unmet-needs", [("need", "money"), ("area", "RV2")]),
        ]
    }

    @Test("Reading a person's casework", arguments: Who.allCases)
    func read(who: Who) async throws {
        try await TestApp.run { app, client in
            let world = try await CaseworkWorld.make(app)
            let referral = try await Self.activeWithPlan(app, world)
            let browser = TestBrowser(client)
            if let email = who.email { try await browser.signIn(email) }
            let before = try await app.store.audit.events(
                matching: AuditQuery(action: .personAccessRefused), page: PageRequest()
            ).totalItems
            for path in Self.readPaths(referral) {
                let response = try await browser.get(path)
                #expect(response.status == who.expectedRead, "\(who) GET \(path)")
                if who != .linkWorker && who != .manager {
                    #expect(!response.text.contains("Margaret"), "\(who) sees nothing of the person at \(path)")
                }
            }
            if who == .otherOrganisationsLinkWorker {
                let refused = try await app.store.audit.events(
                    matching: AuditQuery(action: .personAccessRefused), page: PageRequest())
                #expect(refused.totalItems >= before + Self.readPaths(referral).count - 1, "each attempt is audited")
                #expect(refused.items.allSatisfy { $0.entry.actorID == world.otherLinkWorker.id })
            }
            if who == .linkWorker {
                let viewed = try await app.store.audit.events(
                    matching: AuditQuery(action: .personViewed), page: PageRequest())
                #expect(
                    viewed.items.contains {
                        $0.entry.target == .person(referral.person.id) && $0.entry.actorID == world.linkWorker.id
                    })
            }
        }
    }

    @Test("Every page of a person's record that is read writes an audit event naming them")
    func everyReadIsAudited() async throws {
        try await TestApp.run { app, client in
            let world = try await CaseworkWorld.make(app)
            let referral = try await Self.activeWithPlan(app, world)
            let browser = TestBrowser(client)
            try await browser.signIn(Who.linkWorker.email!)
            for path in Self.readPaths(referral) {
                let before = try await app.store.audit.events(matching: AuditQuery(), page: PageRequest(size: 500))
                    .items
                #expect(try await browser.get(path).status == .ok, "\(path)")
                let after = try await app.store.audit.events(matching: AuditQuery(), page: PageRequest(size: 500)).items
                let new = after.filter { event in !before.contains { $0.sequence == event.sequence } }
                #expect(
                    new.contains {
                        $0.entry.target == .person(referral.person.id) && $0.entry.actorID == world.linkWorker.id
                    },
                    "GET \(path) is audited")
            }
        }
    }

    @Test("Changing a person's casework", arguments: Who.allCases)
    func write(who: Who) async throws {
        try await TestApp.run { app, client in
            let world = try await CaseworkWorld.make(app)
            let referral = try await Self.activeWithPlan(app, world)
            let browser = TestBrowser(client)
            if let email = who.email {
                try await browser.signIn(email)
                try await browser.get("/")
            }
            let auditBefore = try await app.auditActions().count
            for (path, form) in Self.writes(referral) {
                let response = try await browser.post(path, form: form)
                switch who {
                case .linkWorker, .manager:
                    // The last write withdraws a referral the one before discharged: refused as a conflict.
                    let expected: HTTPResponse.Status = path.hasSuffix("/withdraw") ? .conflict : .seeOther
                    #expect(response.status == expected, "\(who) POST \(path)")
                case .otherOrganisationsLinkWorker:
                    #expect(response.status == .notFound, "\(who) POST \(path)")
                case .referrer, .provider, .administrator:
                    #expect(response.status == .forbidden, "\(who) POST \(path)")
                case .anonymous:
                    #expect(
                        response.status == .seeOther && response.location?.hasPrefix("/sign-in") == true,
                        "\(who) POST \(path)")
                }
            }
            if who != .linkWorker && who != .manager {
                let person = try #require(try await app.store.people.person(referral.person.id, in: world.service.id))
                #expect(person.name == "Margaret Okoro")
                #expect(try await app.store.casework.contacts(of: referral.person.id, in: world.service.id).count == 1)
                #expect(
                    try await app.store.casework.plan(of: referral.referral.id, in: world.service.id)?.plan.goals.first?
                        .text == "Original goal")
                #expect(
                    try await app.store.referrals.referral(referral.referral.id, in: world.service.id)?.referral.status
                        == .active)
                let writesAudited = try await app.auditActions().dropFirst(auditBefore).filter {
                    ![.personAccessRefused, .signInSucceeded].contains($0)
                }
                #expect(writesAudited.isEmpty, "nothing was changed, so nothing but refusals was audited")
            }
        }
    }

    @Test("The inbox and triage are for the organisation's caseworkers only", arguments: Who.allCases)
    func inbox(who: Who) async throws {
        try await TestApp.run { app, client in
            let world = try await CaseworkWorld.make(app)
            let referral = try await world.referral(app)
            let browser = TestBrowser(client)
            if let email = who.email {
                try await browser.signIn(email)
                try await browser.get("/")
            }
            let inbox = try await browser.get("/inbox")
            switch who {
            case .linkWorker, .manager:
                #expect(inbox.status == .ok)
                #expect(inbox.text.contains("Margaret Okoro"))
            case .otherOrganisationsLinkWorker:
                #expect(inbox.status == .ok)
                #expect(!inbox.text.contains("Margaret Okoro"), "only their own organisation's referrals")
            case .referrer, .provider, .administrator:
                #expect(inbox.status == .forbidden)
            case .anonymous:
                #expect(inbox.status == .seeOther)
            }
            let accept = try await browser.post(
                "/referrals/\(referral.referral.id)/accept",
                form: [("assignTo", world.linkWorker.id.description), ("version", "1")])
            let expected: HTTPResponse.Status =
                switch who {
                case .linkWorker, .manager: .seeOther
                case .otherOrganisationsLinkWorker: .notFound
                case .referrer, .provider, .administrator: .forbidden
                case .anonymous: .seeOther
                }
            #expect(accept.status == expected)
            let status = try await app.store.referrals.referral(referral.referral.id, in: world.service.id)?.referral
                .status
            #expect(status == ((who == .linkWorker || who == .manager) ? .accepted : .received))
        }
    }

    @Test("A referral cannot be assigned to someone outside the organisation")
    func assignOutside() async throws {
        try await TestApp.run { app, client in
            let world = try await CaseworkWorld.make(app)
            let referral = try await world.referral(app)
            let browser = TestBrowser(client)
            try await browser.signIn("rachel@example.org")
            try await browser.get("/referrals/\(referral.referral.id)")
            let response = try await browser.post(
                "/referrals/\(referral.referral.id)/accept",
                form: [("assignTo", world.otherLinkWorker.id.description), ("version", "1")])
            #expect(response.status == .unprocessableContent)
            #expect(response.text.contains("Choose a link worker from the list"))
            #expect(
                try await app.store.referrals.referral(referral.referral.id, in: world.service.id)?.referral.status
                    == .received)
        }
    }

    @Test("Providers and administrators cannot make referrals; referrers choose among services that take them")
    func whoRefers() async throws {
        try await TestApp.run { app, client in
            _ = try await CaseworkWorld.make(app)
            for email in ["mo@example.org", "chris@example.org"] {
                let browser = TestBrowser(client)
                try await browser.signIn(email)
                #expect(try await browser.get("/refer").status == .forbidden, "\(email)")
            }
            let gp = TestBrowser(client)
            try await gp.signIn("helen@example.org")
            let form = try await gp.get("/refer")
            #expect(form.text.contains("Riverside PCN"))
            #expect(form.text.contains("Meadow PCN"), "both services take referrals")
            #expect(
                !form.text.contains("Riverside Community Action"),
                "a charity that does not take referrals is not offered")
        }
    }

    /// An active referral with one contact and a plan, assigned to Priya.
    static func activeWithPlan(_ app: TestApp, _ world: CaseworkWorld) async throws -> ReferralWithPerson {
        let accepted = try await world.accepted(app)
        let fixtures = StoreFixtures(store: app.store, clock: app.clock)
        let actor = Actor(userID: world.linkWorker.id, name: "Priya Sharma")
        try await app.store.casework.recordContact(
            id: ContactID(), on: accepted.referral.id, in: world.service.id,
            NewContact(occurredOn: fixtures.today, durationMinutes: 30, mode: .phone, note: ""),
            startingCase: try await fixtures.startingCase(accepted.referral.id, in: world.service.id), whatMatters: nil,
            at: app.clock.now(), by: actor, audit: fixtures.audit(.contactRecorded))
        try await app.store.casework.savePlan(
            of: accepted.referral.id, in: world.service.id, Plan(goals: [Plan.Goal(text: "Original goal")]),
            summary: "Plan made",
            expectedVersion: 0, at: app.clock.now(), by: actor, audit: fixtures.audit(.planSaved))
        return accepted
    }
}
