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

/// A caseworking world with a provider on Linkwell that keeps "Riverside
/// Walking Group", and an accepted referral of Margaret's.
struct ConnectionWorld: Sendable {
    let world: CaseworkWorld
    let referral: ReferralWithPerson
    let walking: HSDS.Service
    let debt: HSDS.Service
    let otherProvider: User

    static func make(_ app: TestApp) async throws -> ConnectionWorld {
        let world = try await CaseworkWorld.make(app)
        let referral = try await world.accepted(app)
        let walking = DirectoryFixtures.riverside[0]
        let debt = DirectoryFixtures.riverside[1]
        _ = try await app.store.directory.save(
            [
                DirectoryRecord(service: walking, source: "test", maintainedBy: world.provider.organisationID),
                DirectoryRecord(service: debt, source: "test"),
            ], at: app.clock.now())
        let other = try await app.user(.provider, name: "Kim Other", email: "kim@example.org")
        return ConnectionWorld(world: world, referral: referral, walking: walking, debt: debt, otherProvider: other)
    }

    var person: Person { referral.person }
}

@Suite("Connecting people to services, on the web")
struct ConnectionTests {
    static func referralForm(consent: Bool = true, note: String = "Keen to start; mornings suit her.") -> [(
        String, String
    )] {
        [
            ("kind", "formal-referral"), ("shared", "name"), ("shared", "contact-details"), ("note", note),
            ("action", "send"),
        ]
            + (consent ? [("consent", "yes")] : [])
    }

    @Test(
        "A link worker connects from the directory: mistakes come back beside their fields, then the referral is sent and followed"
    )
    func connect() async throws {
        try await TestApp.run { app, client in
            let setup = try await ConnectionWorld.make(app)
            let person = setup.person
            let browser = TestBrowser(client)
            try await browser.signIn("priya@example.org")

            let search = try await browser.get("/directory?q=walk&for=\(person.id)")
            #expect(search.status == .ok)
            #expect(search.text.contains("Finding a service for"))
            #expect(search.text.contains("/people/\(person.id)/connect?service=\(setup.walking.id)"))

            let form = try await browser.get("/people/\(person.id)/connect?service=\(setup.walking.id)")
            #expect(form.status == .ok)
            #expect(form.text.contains("Formal referral"))
            #expect(form.text.contains("Run by Riverside Community Action"))

            let noConsent = try await browser.post(
                "/people/\(person.id)/connect",
                form: Self.referralForm(consent: false) + [("service", setup.walking.id)])
            #expect(noConsent.status == .unprocessableContent)
            #expect(noConsent.text.contains("Confirm they have agreed to share these items"))
            #expect(noConsent.text.contains("Keen to start; mornings suit her."), "what was typed is kept")
            #expect(try await app.store.connections.connections(of: person.id, in: setup.world.service.id).isEmpty)

            let sent = try await browser.post(
                "/people/\(person.id)/connect", form: Self.referralForm() + [("service", setup.walking.id)])
            #expect(sent.status == .seeOther)
            let connection = try #require(
                try await app.store.connections.connections(of: person.id, in: setup.world.service.id).first)
            #expect(connection.status == .referred)
            #expect(connection.kind == .formalReferral)
            #expect(connection.service.providerID == setup.world.provider.organisationID)
            #expect(connection.shared.name == "Margaret Okoro")
            #expect(connection.shared.address == nil)
            #expect(try await app.store.messages.outboxCounts() == [.pending: 1], "the provider's user is emailed")

            let page = try await browser.get("/people/\(person.id)")
            #expect(page.text.contains("connection-\(connection.id)"))
            #expect(page.text.contains("Riverside Walking Group"))
            #expect(page.text.contains("answer due by"))
            #expect(try await app.auditActions().contains(.connectionMade))
        }
    }

    @Test(
        "Someone who likes texts is texted when connected and when accepted, with nothing of the provider's side; providers get an email that names nobody"
    )
    func texts() async throws {
        try await TestApp.run { app, client in
            let setup = try await ConnectionWorld.make(app)
            var details = setup.person.details
            details.preferredContact = .text
            details.preferredName = "Maggie"
            _ = try await app.store.people.update(
                setup.person.id, in: setup.world.service.id, expectedVersion: setup.person.version, details: details,
                at: app.clock.now(), audit: StoreFixtures(store: app.store, clock: app.clock).audit(.personUpdated))
            let worker = TestBrowser(client)
            try await worker.signIn("priya@example.org")
            _ = try await worker.get("/people/\(setup.person.id)/connect?service=\(setup.walking.id)")
            _ = try await worker.post(
                "/people/\(setup.person.id)/connect", form: Self.referralForm() + [("service", setup.walking.id)])
            let connection = try #require(
                try await app.store.connections.connections(of: setup.person.id, in: setup.world.service.id).first)
            let provider = TestBrowser(client)
            try await provider.signIn("mo@example.org")
            _ = try await provider.get("/provider/connections/\(connection.id)")
            _ = try await provider.post(
                "/provider/connections/\(connection.id)/status", form: [("status", "accepted"), ("version", "1")])

            let messages = try await app.store.messages.claimDue(at: app.clock.now(), lease: 60, limit: 10)
            // Both were written at the same (test) moment: put them in the order they tell.
            let texts = messages.filter { $0.channel == .sms }.sorted {
                $0.kind == .connectionToPerson && $1.kind != .connectionToPerson
            }
            #expect(texts.map(\.recipient) == ["07700900982", "07700900982"])
            #expect(texts.map(\.kind) == [.connectionToPerson, .acceptedToPerson])
            #expect(
                texts[0].body
                    == "Hello Maggie, this is Priya Sharma, your link worker. I have put you in touch with Riverside Walking Group. They will reply to the referral soon."
            )
            #expect(
                texts[1].body
                    == "Hello Maggie, Riverside Walking Group has accepted your referral and will be in touch.")
            let email = try #require(messages.first { $0.channel == .email })
            #expect(email.recipient == "mo@example.org")
            #expect(email.subject == "New referral to Riverside Walking Group")
            #expect(!email.body.contains("Margaret") && !email.body.contains("Maggie"), "an email never says who")
            #expect(email.body.contains("/provider/connections/\(connection.id)"))
        }
    }

    @Test(
        "The link worker follows up: a provider on Linkwell answers its own referrals; a suggestion is sent later only from an open referral"
    )
    func linkWorkerFollowsUp() async throws {
        try await TestApp.run { app, client in
            let setup = try await ConnectionWorld.make(app)
            let fixtures = StoreFixtures(store: app.store, clock: app.clock)
            let provider = try #require(
                try await app.store.organisations.organisation(setup.world.provider.organisationID))
            let service = fixtures.connectedService("Riverside Walking Group", id: setup.walking.id, provider: provider)
            let referral = try await fixtures.connection(on: setup.referral, to: service, by: setup.world.linkWorker)
            let worker = TestBrowser(client)
            try await worker.signIn("priya@example.org")
            let page = try await worker.get("/connections/\(referral.id)")
            #expect(!page.text.contains(">Accept</button>"), "the provider answers on Linkwell")
            #expect(page.text.contains(">Cancel the connection</button>"))
            let answered = try await worker.post(
                "/connections/\(referral.id)/status", form: [("status", "accepted"), ("version", "1")])
            #expect(answered.status == .conflict)
            #expect(answered.text.contains("answers this referral on Linkwell"))
            let noReason = try await worker.post(
                "/connections/\(referral.id)/status", form: [("status", "cancelled"), ("version", "1")])
            #expect(noReason.status == .unprocessableContent)
            #expect(noReason.text.contains("Say why"))
            let cancelled = try await worker.post(
                "/connections/\(referral.id)/status",
                form: [("status", "cancelled"), ("version", "1"), ("reason", "She moved away")])
            #expect(cancelled.status == .seeOther)

            // A signposting to a provider not on Linkwell: the link worker records what happened.
            let signposted = try await fixtures.connection(
                on: setup.referral,
                to: fixtures.connectedService("Debt Advice Drop-in", id: setup.debt.id, provider: nil),
                by: setup.world.linkWorker, kind: .signposting)
            let attending = try await worker.post(
                "/connections/\(signposted.id)/status", form: [("status", "accepted"), ("version", "1")])
            #expect(attending.status == .seeOther)

            // A suggestion kept for later, then sent: the provider is emailed then, not before.
            let suggestion = try await fixtures.connection(
                on: setup.referral, to: service, by: setup.world.linkWorker, status: .suggested)
            #expect(try await app.store.messages.outboxCounts().isEmpty)
            let sent = try await worker.post(
                "/connections/\(suggestion.id)/status", form: [("status", "referred"), ("version", "1")])
            #expect(sent.status == .seeOther)
            #expect(try await app.store.messages.outboxCounts() == [.pending: 1])
            #expect(
                try await app.store.connections.connection(suggestion.id, in: setup.world.service.id)?.referredAt != nil
            )

            // Once the referral has closed, a suggestion left on it is not sent.
            let late = try await fixtures.connection(
                on: setup.referral, to: service, by: setup.world.linkWorker, status: .suggested)
            _ = try await fixtures.advance(
                try #require(
                    try await app.store.referrals.referral(setup.referral.referral.id, in: setup.world.service.id)?
                        .referral),
                to: .withdrawn)
            let refused = try await worker.post(
                "/connections/\(late.id)/status", form: [("status", "referred"), ("version", "1")])
            #expect(refused.status == .conflict)
            #expect(refused.text.contains("has closed"))
            #expect(
                try await app.store.connections.connection(late.id, in: setup.world.service.id)?.status == .suggested)
        }
    }

    @Test("A formal referral needs a provider on Linkwell; signposting shares nothing")
    func kinds() async throws {
        try await TestApp.run { app, client in
            let setup = try await ConnectionWorld.make(app)
            let person = setup.person
            let browser = TestBrowser(client)
            try await browser.signIn("priya@example.org")
            let offline = try await browser.get("/people/\(person.id)/connect?service=\(setup.debt.id)")
            #expect(!offline.text.contains("value=\"formal-referral\""), "not offered when nobody can answer it")
            let refused = try await browser.post(
                "/people/\(person.id)/connect", form: Self.referralForm() + [("service", setup.debt.id)])
            #expect(refused.status == .unprocessableContent)
            #expect(refused.text.contains("does not answer referrals on Linkwell"))
            let sharing = try await browser.post(
                "/people/\(person.id)/connect",
                form: [("kind", "signposting"), ("shared", "name"), ("consent", "yes"), ("service", setup.debt.id)])
            #expect(sharing.status == .unprocessableContent)
            #expect(sharing.text.contains("A signposting shares nothing"))
            let signposted = try await browser.post(
                "/people/\(person.id)/connect",
                form: [("kind", "signposting"), ("service", setup.debt.id), ("action", "send")])
            #expect(signposted.status == .seeOther)
            let missing = try await browser.get("/people/\(person.id)/connect?service=no-such-service")
            #expect(missing.status == .notFound)
        }
    }

    @Test("The provider sees only what was sent to it, and only what was shared; answering tells the link worker")
    func providerAnswers() async throws {
        try await TestApp.run { app, client in
            let setup = try await ConnectionWorld.make(app)
            let worker = TestBrowser(client)
            try await worker.signIn("priya@example.org")
            _ = try await worker.get("/people/\(setup.person.id)/connect?service=\(setup.walking.id)")
            _ = try await worker.post(
                "/people/\(setup.person.id)/connect", form: Self.referralForm() + [("service", setup.walking.id)])
            let connection = try #require(
                try await app.store.connections.connections(of: setup.person.id, in: setup.world.service.id).first)

            let provider = TestBrowser(client)
            try await provider.signIn("mo@example.org")
            let home = try await provider.get("/")
            #expect(home.text.contains("1 waiting for your answer"))
            var theirs = AuditQuery(action: .peopleListed)
            theirs.scope = AuditQuery.Scope(organisation: setup.world.service.id, orActor: setup.world.administrator.id)
            let listing = try await app.store.audit.events(matching: theirs, page: PageRequest())
            #expect(
                listing.items.contains {
                    $0.entry.detail == "Referrals to the provider" && $0.entry.people == [setup.person.id]
                },
                "listing names is a read, audited, and the person's organisation sees it")
            #expect(home.text.contains("/provider/connections/\(connection.id)"))
            let view = try await provider.get("/provider/connections/\(connection.id)")
            #expect(view.status == .ok)
            #expect(view.text.contains("Margaret Okoro"))
            #expect(view.text.contains("07700900982"))
            #expect(view.text.contains("Keen to start; mornings suit her."))
            #expect(!view.text.contains("12 Mill Lane"), "the address was not shared")
            #expect(!view.text.contains("Lives alone since her husband died"), "the referral's details are never shown")
            #expect(try await app.auditActions().contains(.connectionViewed))
            #expect(view.text.contains("action=\"/provider/connections/\(connection.id)/status\""))
            #expect(view.text.contains(">Accept</button>") && view.text.contains(">Decline</button>"))
            #expect(!view.text.contains(">Cancel the connection</button>"), "only the link worker cancels")

            let noReason = try await provider.post(
                "/provider/connections/\(connection.id)/status",
                form: [("status", "declined"), ("version", "1"), ("reason", "")])
            #expect(noReason.status == .unprocessableContent)
            #expect(noReason.text.contains("Say why the referral was declined"))
            let accepted = try await provider.post(
                "/provider/connections/\(connection.id)/status", form: [("status", "accepted"), ("version", "1")])
            #expect(accepted.status == .seeOther)
            let stale = try await provider.post(
                "/provider/connections/\(connection.id)/status",
                form: [("status", "declined"), ("version", "1"), ("reason", "Full")])
            #expect(stale.status == .conflict)
            #expect(stale.text.contains("has moved on"))

            app.clock.advance(by: 60)
            let started = try await provider.post(
                "/provider/connections/\(connection.id)/status", form: [("status", "attending"), ("version", "2")])
            #expect(started.status == .seeOther, "the provider records attendance too")
            #expect(
                try await app.store.connections.connection(connection.id, in: setup.world.service.id)?.status
                    == .attending)

            let notices = try await app.store.messages.notices(for: setup.world.linkWorker.id, limit: 10).reversed()
                .map(\.text)
            #expect(
                notices == [
                    "Margaret Okoro: Mo Hassan at Riverside Community Action accepted the referral to Riverside Walking Group",
                    "Margaret Okoro: Mo Hassan at Riverside Community Action says they are booked in at, or have started, Riverside Walking Group",
                ])
            let workerHome = try await worker.get("/")
            #expect(workerHome.text.contains("2 new notice(s)"))
            let listed = try await worker.get("/notices")
            #expect(listed.text.contains("accepted the referral to Riverside Walking Group"))
            #expect(try await app.store.messages.unreadNoticeCount(for: setup.world.linkWorker.id) == 0)
            let followed = try await worker.get("/connections/\(connection.id)")
            #expect(followed.text.contains("Accepted · Mo Hassan"))
            let record = try await worker.get("/people/\(setup.person.id)")
            #expect(
                record.text.contains("Formal referral to Riverside Walking Group"), "the person's timeline tells it too"
            )
            #expect(record.text.contains("Riverside Walking Group: accepted"))
            #expect(followed.text.contains("action=\"/connections/\(connection.id)/status\""))
            #expect(followed.text.contains(">They completed it</button>"), "the link worker can record how it ended")
            #expect(followed.text.contains(">Cancel the connection</button>"))
        }
    }

    @Test("Access matrix: who may reach a connection, and through which door")
    func accessMatrix() async throws {
        try await TestApp.run { app, client in
            let setup = try await ConnectionWorld.make(app)
            let fixtures = StoreFixtures(store: app.store, clock: app.clock)
            let provider = try #require(
                try await app.store.organisations.organisation(setup.world.provider.organisationID))
            let connection = try await fixtures.connection(
                on: setup.referral, to: fixtures.connectedService(id: setup.walking.id, provider: provider),
                by: setup.world.linkWorker)
            let suggestion = try await fixtures.connection(
                on: setup.referral, to: fixtures.connectedService(id: setup.walking.id, provider: provider),
                by: setup.world.linkWorker,
                status: .suggested)
            let dropped = try await fixtures.move(
                try await fixtures.connection(
                    on: setup.referral, to: fixtures.connectedService(id: setup.walking.id, provider: provider),
                    by: setup.world.linkWorker,
                    status: .suggested),
                to: .cancelled,
                as: ConnectionMover(kind: .linkWorker, userID: setup.world.linkWorker.id, name: "Priya"),
                reason: "Not now")
            let linkWorkerPage = "/connections/\(connection.id)"
            let providerPage = "/provider/connections/\(connection.id)"
            let cases: [(email: String, path: String, expected: HTTPResponse.Status)] = [
                ("priya@example.org", linkWorkerPage, .ok),
                ("rachel@example.org", linkWorkerPage, .ok),
                ("jo@example.org", linkWorkerPage, .notFound),
                ("mo@example.org", linkWorkerPage, .forbidden),
                ("helen@example.org", linkWorkerPage, .forbidden),
                ("chris@example.org", linkWorkerPage, .forbidden),
                ("mo@example.org", providerPage, .ok),
                ("kim@example.org", providerPage, .notFound),
                ("mo@example.org", "/provider/connections/\(suggestion.id)", .notFound),
                ("mo@example.org", "/provider/connections/\(dropped.id)", .notFound),
                ("priya@example.org", providerPage, .forbidden),
                ("helen@example.org", providerPage, .forbidden),
                ("chris@example.org", providerPage, .forbidden),
                ("mo@example.org", "/people/\(setup.person.id)", .forbidden),
                ("kim@example.org", "/people/\(setup.person.id)/connect?service=\(setup.walking.id)", .forbidden),
                ("jo@example.org", "/people/\(setup.person.id)/connect?service=\(setup.walking.id)", .notFound),
            ]
            for check in cases {
                let browser = TestBrowser(client)
                try await browser.signIn(check.email)
                let response = try await browser.get(check.path)
                #expect(response.status == check.expected, "\(check.email) GET \(check.path)")
            }
            let other = TestBrowser(client)
            try await other.signIn("kim@example.org")
            _ = try await other.get("/")
            let answer = try await other.post(
                "/provider/connections/\(connection.id)/status", form: [("status", "accepted"), ("version", "1")])
            #expect(answer.status == .notFound)
            let stranger = TestBrowser(client)
            try await stranger.signIn("jo@example.org")
            _ = try await stranger.get("/")
            let move = try await stranger.post(
                "/connections/\(connection.id)/status",
                form: [("status", "cancelled"), ("version", "1"), ("reason", "x")])
            #expect(move.status == .notFound)
            #expect(
                try await app.store.connections.connection(connection.id, in: setup.world.service.id)?.status
                    == .referred)
            let refused = try await app.store.audit.events(
                matching: AuditQuery(action: .connectionAccessRefused), page: PageRequest())
            #expect(refused.items.count >= 4, "every refused reach is audited")
        }
    }

    @Test("The referrer sees where each of its referrals stands and the discharge message, never the notes")
    func referrerView() async throws {
        try await TestApp.run { app, client in
            let setup = try await ConnectionWorld.make(app)
            let referrer = TestBrowser(client)
            try await referrer.signIn("helen@example.org")
            _ = try await referrer.get("/refer")
            let sent = try await referrer.post(
                "/refer",
                form: referralFormFields(name: "Joe Bloggs") + [("organisationID", setup.world.service.id.description)])
            #expect(sent.status == .seeOther)
            let received = try #require(
                try await app.store.referrals.inbox(in: setup.world.service.id, filter: InboxFilter()).first {
                    $0.person.name == "Joe Bloggs"
                })
            let fixtures = StoreFixtures(store: app.store, clock: app.clock)
            let active = try await fixtures.advance(received.referral, to: .active, worker: setup.world.linkWorker.id)
            let provider = try #require(
                try await app.store.organisations.organisation(setup.world.provider.organisationID))
            let connection = try await fixtures.connection(
                on: ReferralWithPerson(referral: active, person: received.person),
                to: fixtures.connectedService(id: setup.walking.id, provider: provider), by: setup.world.linkWorker,
                note: "Private: worried about her son")
            _ = try await fixtures.move(
                connection, to: .accepted,
                as: ConnectionMover(kind: .provider, userID: setup.world.provider.id, name: setup.world.provider.name))

            let home = try await referrer.get("/")
            #expect(home.text.contains("Joe Bloggs"))
            #expect(home.text.contains("Connected to 1 service"))
            #expect(!home.text.contains("Margaret Okoro"), "a referral the referrer did not make")
            #expect(!home.text.contains("worried about her son"), "never the notes")

            _ = try await app.store.referrals.transition(
                active.id, in: active.organisationID,
                try active.transition(
                    .discharge(.goalsMet, summary: "Walks every Tuesday now; feels less alone."), by: .linkWorker),
                expectedVersion: active.version, at: app.clock.now(),
                by: Actor(userID: setup.world.linkWorker.id, name: "Priya Sharma"),
                audit: fixtures.audit(.referralStatusChanged))
            let after = try await referrer.get("/")
            #expect(after.text.contains("Discharged"))
            #expect(after.text.contains("Goals met: Walks every Tuesday now; feels less alone."))
        }
    }

    @Test("Statistics show on search results and suggestions once enough referrals were answered; suggestions connect")
    func statistics() async throws {
        try await TestApp.run { app, client in
            let setup = try await ConnectionWorld.make(app)
            let fixtures = StoreFixtures(store: app.store, clock: app.clock)
            let provider = try #require(
                try await app.store.organisations.organisation(setup.world.provider.organisationID))
            let service = fixtures.connectedService(id: setup.walking.id, provider: provider)
            let mover = ConnectionMover(
                kind: .provider, userID: setup.world.provider.id, name: setup.world.provider.name)
            func search() async throws -> String {
                // Days pass between answers: sign in afresh each time.
                let browser = TestBrowser(client)
                try await browser.signIn("priya@example.org")
                return try await browser.get("/directory?q=walk").text
            }
            for number in 1...5 {
                let sent = try await fixtures.connection(on: setup.referral, to: service, by: setup.world.linkWorker)
                app.clock.advance(by: 2 * 86_400)
                if number == 5 {
                    _ = try await fixtures.move(sent, to: .declined, as: mover, reason: "Full")
                } else {
                    _ = try await fixtures.move(sent, to: .accepted, as: mover)
                }
                #expect(
                    try await search().contains("Usually replies") == (number == 5), "shown only from five answered")
            }
            let text = try await search()
            #expect(text.contains("Riverside Walking Group"))
            _ = try await app.store.casework.saveWhatMatters(
                of: setup.person.id, in: setup.world.service.id,
                WhatMatters(
                    needs: [.init(need: "loneliness", importance: .aGreatDeal, ownWords: "")], interests: ["nature"]),
                expectedVersion: 0, at: app.clock.now(),
                by: Actor(userID: setup.world.linkWorker.id, name: "Priya Sharma"),
                audit: fixtures.audit(.whatMattersUpdated))
            let browser = TestBrowser(client)
            try await browser.signIn("priya@example.org")
            let suggestions = try await browser.get("/people/\(setup.person.id)/suggestions").text
            #expect(suggestions.contains("Usually replies in 2 days · 80% accepted"))
            #expect(suggestions.contains("/people/\(setup.person.id)/connect?service=\(setup.walking.id)"))
            #expect(text.contains("Usually replies in 2 days · 80% accepted"))
        }
    }
}
