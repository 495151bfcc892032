import Foundation
import HTTPTypes
import HummingbirdTesting
import LinkwellDomain
import LinkwellServices
import LinkwellStore
import LinkwellTestSupport
import LinkwellWeb
import Testing

/// The review's eighth and fourteenth findings: pages of people's data that
/// left no audit event (the caseload, the inbox, the referrer's home…), one
/// page that logged two views and a save that also logged a view; and an
/// audit log that showed typed reasons and scores, every organisation's,
/// to every administrator.
@Suite("Every view of people's data is audited once; the log names records, never what was typed")
struct AuditedViewsTests {
    static let viewActions: Set<AuditAction> = [
        .personViewed, .peopleListed, .planViewed, .dischargeLetterViewed, .connectionViewed,
    ]

    /// The view events a request wrote.
    static func views(_ app: TestApp, during request: () async throws -> TestResponse) async throws -> (
        TestResponse, [AuditEvent]
    ) {
        let before = try await app.store.audit.events(fromSequence: 1, limit: 100_000).count
        let response = try await request()
        let after = try await app.store.audit.events(fromSequence: Int64(before) + 1, limit: 100_000)
        return (response, after.filter { viewActions.contains($0.entry.action) })
    }

    /// Everyone an event says was shown.
    static func shown(_ event: AuditEvent) -> Set<PersonID> {
        var people = Set(event.entry.people)
        if let target = event.entry.target, target.type == "person", let id = PersonID(target.id) { people.insert(id) }
        return people
    }

    @Test(
        "The caseload, the inbox, a referral with its possible duplicate, the connect form and a search for someone: one event each, naming everyone shown"
    )
    func linkWorkerPages() async throws {
        try await TestApp.run { app, client in
            let setup = try await ConnectionWorld.make(app)
            let margaret = setup.person
            let inboxOne = try await setup.world.referral(app, name: "Joan Smith", born: "1950-01-01")
            let browser = TestBrowser(client)
            try await browser.signIn("priya@example.org")

            let (home, homeViews) = try await Self.views(app) { try await browser.get("/") }
            #expect(home.text.contains("Margaret Okoro"))
            #expect(
                homeViews.count == 1 && homeViews[0].entry.action == .peopleListed
                    && Self.shown(homeViews[0]) == [margaret.id])
            #expect(homeViews.first?.entry.detail == "Caseload")

            let (inbox, inboxViews) = try await Self.views(app) { try await browser.get("/inbox") }
            #expect(inbox.text.contains("Joan Smith"))
            #expect(inboxViews.count == 1 && Self.shown(inboxViews[0]) == [inboxOne.person.id])

            let (_, connectViews) = try await Self.views(app) {
                try await browser.get("/people/\(margaret.id)/connect?service=\(setup.walking.id)")
            }
            #expect(connectViews.count == 1 && Self.shown(connectViews[0]) == [margaret.id])

            let (search, searchViews) = try await Self.views(app) {
                try await browser.get("/directory?q=walk&for=\(margaret.id)")
            }
            #expect(search.text.contains("Finding a service for"))
            #expect(searchViews.count == 1 && Self.shown(searchViews[0]) == [margaret.id])

            let (_, firstContact) = try await Self.views(app) {
                try await browser.get("/referrals/\(setup.referral.referral.id)/contacts/new")
            }
            #expect(firstContact.count == 1, "the first conversation's page is one view, not two")
        }
    }

    @Test("A possible duplicate shown beside a referral is named in the same event")
    func duplicate() async throws {
        try await TestApp.run { app, client in
            let world = try await CaseworkWorld.make(app)
            let browser = TestBrowser(client)
            try await browser.signIn("priya@example.org")
            try await browser.get("/refer")
            #expect(try await browser.post("/refer", form: referralFormFields()).status == .seeOther)
            try await browser.get("/refer")
            #expect(try await browser.post("/refer", form: referralFormFields()).status == .seeOther)
            let inbox = try await app.store.referrals.inbox(in: world.service.id, filter: InboxFilter())
            let second = try #require(inbox.first { $0.referral.possibleDuplicateOf != nil })
            let (page, views) = try await Self.views(app) { try await browser.get("/referrals/\(second.referral.id)") }
            #expect(page.status == .ok)
            #expect(views.count == 1)
            #expect(views.first.map(Self.shown) == [second.person.id, second.referral.possibleDuplicateOf!])
        }
    }

    @Test("Saving a plan is a save, not also a view; its history is one view")
    func planSaveAndHistory() async throws {
        try await TestApp.run { app, client in
            let world = try await CaseworkWorld.make(app)
            let referral = try await world.accepted(app)
            let browser = TestBrowser(client)
            try await browser.signIn("priya@example.org")
            try await browser.get("/referrals/\(referral.referral.id)/plan")
            let before = try await app.store.audit.events(fromSequence: 1, limit: 100_000).count
            let saved = try await browser.post(
                "/referrals/\(referral.referral.id)/plan",
                form: [
                    ("version", "0"), ("goalCount", "1"), ("goal-1-text", "Join a walking group"), ("stepCount-1", "0"),
                ])
            #expect(saved.status == .seeOther)
            let written = try await app.store.audit.events(fromSequence: Int64(before) + 1, limit: 100).map(
                \.entry.action)
            #expect(written == [.planSaved])
            let (_, history) = try await Self.views(app) {
                try await browser.get("/referrals/\(referral.referral.id)/plan/history")
            }
            #expect(history.count == 1)
        }
    }

    @Test("A provider's list and a referrer's home are one event each, which the people's own organisation sees")
    func otherOrganisations() async throws {
        try await TestApp.run { app, client in
            let setup = try await ConnectionWorld.make(app)
            let worker = TestBrowser(client)
            try await worker.signIn("priya@example.org")
            try await worker.get("/people/\(setup.person.id)/connect?service=\(setup.walking.id)")
            #expect(
                try await worker.post(
                    "/people/\(setup.person.id)/connect",
                    form: ConnectionTests.referralForm() + [("service", setup.walking.id)]
                ).status == .seeOther)

            let provider = TestBrowser(client)
            try await provider.signIn("mo@example.org")
            let (home, views) = try await Self.views(app) { try await provider.get("/") }
            #expect(home.text.contains("Margaret Okoro"))
            #expect(views.count == 1 && Self.shown(views[0]) == [setup.person.id])
            #expect(views.first?.entry.concerns == [setup.world.service.id], "the service whose person it is sees it")

            let referrer = TestBrowser(client)
            try await referrer.signIn("helen@example.org")
            try await referrer.get("/refer")
            #expect(
                try await referrer.post("/refer", form: referralFormFields(name: "Alan Jones", nhs: "")).status
                    == .seeOther)
            let (referrerHome, referrerViews) = try await Self.views(app) { try await referrer.get("/") }
            #expect(referrerHome.text.contains("Alan Jones"))
            #expect(
                referrerViews.count == 1 && referrerViews[0].entry.action == .peopleListed
                    && Self.shown(referrerViews[0]).count == 1)
        }
    }

    @Test(
        "Typed reasons, notes and scores never reach the audit log; an administrator sees their own organisation's events"
    )
    func noFreeTextAndOwnOrganisation() async throws {
        try await TestApp.run { app, client in
            let setup = try await ConnectionWorld.make(app)
            let worker = TestBrowser(client)
            try await worker.signIn("priya@example.org")
            // A decline with a typed reason, a connection the provider declines with one, and a scored measure.
            let other = try await setup.world.referral(app, name: "Joan Smith", born: "1950-01-01")
            try await worker.get("/referrals/\(other.referral.id)")
            _ = try await worker.post(
                "/referrals/\(other.referral.id)/decline",
                form: [("reason", "SECRET-DECLINE-REASON"), ("version", "\(other.referral.version)")])
            try await worker.get("/people/\(setup.person.id)/connect?service=\(setup.walking.id)")
            _ = try await worker.post(
                "/people/\(setup.person.id)/connect",
                form: ConnectionTests.referralForm(note: "SECRET-NOTE") + [("service", setup.walking.id)])
            let connection = try #require(
                try await app.store.connections.connections(of: setup.person.id, in: setup.world.service.id).first)
            let provider = TestBrowser(client)
            try await provider.signIn("mo@example.org")
            try await provider.get("/provider/connections/\(connection.id)")
            _ = try await provider.post(
                "/provider/connections/\(connection.id)/status",
                form: [
                    ("status", "declined"), ("reason", "SECRET-PROVIDER-REASON"), ("version", "\(connection.version)"),
                ])
            try await worker.get("/people/\(setup.person.id)/outcomes/new?instrument=ucla-3")
            _ = try await worker.post(
                "/people/\(setup.person.id)/outcomes",
                form: [
                    ("instrument", "ucla-3"), ("occasion", "baseline"), ("item-companionship", "3"),
                    ("item-left-out", "2"), ("item-isolated", "3"),
                ])
            #expect(
                try await app.store.outcomes.measurements(of: setup.person.id, in: setup.world.service.id).count == 1)

            let events = try await app.store.audit.events(fromSequence: 1, limit: 100_000)
            let written = events.map { "\($0.entry.detail) \($0.entry.actorLabel)" }.joined(separator: "\n")
            for secret in [
                "SECRET-DECLINE-REASON", "SECRET-NOTE", "SECRET-PROVIDER-REASON", "score", "Riverside Walking Group",
                "Margaret", "Joan",
            ] {
                #expect(!written.contains(secret), "\(secret) is in the audit log")
            }

            // The other organisation's administrator sees none of Riverside's events.
            let otherAdmin = try await app.user(
                .administrator, name: "Other Admin", email: "other-admin@example.org",
                organisation: setup.world.otherService)
            let browser = TestBrowser(client)
            try await browser.signIn(otherAdmin.email.value)
            let page = try await browser.get("/admin/audit")
            #expect(page.status == .ok)
            #expect(
                !page.text.contains("priya@example.org") && !page.text.contains("mo@example.org"),
                "no one else's actions")
            let own = try await app.linkwell.services.audit.events(
                matching: AuditQuery(), page: PageRequest(size: 500),
                ActingUser(user: otherAdmin, clientAddress: nil, sessionTokenHash: nil))
            #expect(
                own.items.allSatisfy {
                    $0.entry.organisationID == setup.world.otherService.id || $0.entry.actorID == otherAdmin.id
                })
            let riverside = TestBrowser(client)
            try await riverside.signIn("chris@example.org")
            let theirs = try await riverside.get("/admin/audit?action=referral.status_changed")
            #expect(theirs.text.contains("priya@example.org"))
            #expect(!theirs.text.contains("SECRET"))
        }
    }
}
