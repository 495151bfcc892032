import Foundation
import LinkwellDomain
import LinkwellStore
import LinkwellTestSupport
import Testing

@Suite("Store contract: connections")
struct ConnectionStoreContractTests {
    /// A link worker's organisation with a referral, and a provider on Linkwell.
    struct World {
        let fixtures: StoreFixtures
        let pcn: Organisation
        let worker: User
        let referral: ReferralWithPerson
        let provider: Organisation
        let providerUser: User
        let service: ConnectedService

        init(_ store: any LinkwellStore) async throws {
            fixtures = StoreFixtures(store: store)
            pcn = try await fixtures.organisation("Riverside PCN")
            worker = try await fixtures.user("Priya Sharma", role: .linkWorker, in: pcn.id)
            let received = try await fixtures.referral(in: pcn.id)
            let accepted = try await fixtures.advance(received.referral, to: .active, worker: worker.id)
            referral = ReferralWithPerson(referral: accepted, person: received.person)
            provider = try await fixtures.organisation("Riverside Volunteers", kind: .voluntarySector)
            providerUser = try await fixtures.user("Tom Reed", role: .provider, in: provider.id)
            service = fixtures.connectedService(provider: provider)
        }

        var providerMover: ConnectionMover {
            ConnectionMover(kind: .provider, userID: providerUser.id, name: providerUser.name)
        }
        var workerMover: ConnectionMover { ConnectionMover(kind: .linkWorker, userID: worker.id, name: worker.name) }
    }

    @Test(
        "A connection is stored with what was shared, its first status change, its messages and its audit event",
        arguments: TestBackend.allCases)
    func create(backend: TestBackend) async throws {
        try await backend.withStore { store, _ in
            let world = try await World(store)
            let before = try await world.fixtures.auditTrail().count
            let made = try await world.fixtures.connection(
                on: world.referral, to: world.service, by: world.worker,
                messages: [
                    .email(
                        to: try EmailAddress("tom@example.org"), kind: .referralToProvider, subject: "A referral",
                        body: "Sign in"),
                    .sms(to: PhoneNumber(trusted: "07700900982"), kind: .connectionToPerson, body: "Hello"),
                    .notice(to: world.worker.id, text: "Sent", href: "/people/x"),
                ])
            let read = try #require(try await store.connections.connection(made.id, in: world.pcn.id))
            #expect(read == made)
            #expect(read.status == .referred)
            #expect(read.personID == world.referral.person.id)
            #expect(read.shared.name == "Margaret Okoro")
            #expect(read.shared.phone == "07700900982")
            #expect(read.shared.address == nil, "only what was agreed is copied")
            #expect(read.referredAt?.isSameInstant(as: world.fixtures.clock.now()) == true)
            #expect(
                read.respondBy?.isSameInstant(as: world.fixtures.clock.now().addingTimeInterval(14 * 86_400)) == true)
            let history = try await store.connections.history(of: made.id, in: world.pcn.id)
            #expect(history.map(\.to) == [.referred])
            #expect(history.first?.from == nil)
            #expect(history.first?.actorName == "Priya Sharma")
            #expect(try await store.messages.outboxCounts() == [.pending: 2])
            #expect(try await store.messages.notices(for: world.worker.id, limit: 10).map(\.text) == ["Sent"])
            let trail = try await world.fixtures.auditTrail()
            #expect(trail.count == before + 1)
            #expect(trail.last?.entry.action == .connectionMade)
            #expect(
                try await store.connections.connections(of: world.referral.person.id, in: world.pcn.id).map(\.id) == [
                    made.id
                ])
        }
    }

    @Test(
        "A connection needs an open referral of the organisation; a failed one writes nothing",
        arguments: TestBackend.allCases)
    func refused(backend: TestBackend) async throws {
        try await backend.withStore { store, _ in
            let world = try await World(store)
            let other = try await world.fixtures.organisation("Meadow PCN")
            let otherWorker = try await world.fixtures.user(role: .linkWorker, in: other.id)
            let closed = try await world.fixtures.referral(in: world.pcn.id)
            _ = try await world.fixtures.advance(closed.referral, to: .declined)
            let before = try await world.fixtures.auditTrail().count
            let elsewhere = ReferralWithPerson(
                referral: Referral(
                    id: world.referral.referral.id, organisationID: other.id, personID: world.referral.person.id,
                    receivedAt: Date(), source: .staff, referrer: world.referral.referral.referrer, reasons: [],
                    details: "",
                    urgency: .routine, consent: world.referral.referral.consent, status: .active, snomedCode: "",
                    assignedTo: nil,
                    redirectedTo: nil, dischargeReason: nil, dischargeSummary: nil, closedAt: nil,
                    possibleDuplicateOf: nil,
                    updatedAt: Date(), version: 1),
                person: world.referral.person)
            await #expect(throws: StoreError.notFound) {
                try await world.fixtures.connection(
                    on: elsewhere, to: world.service, by: otherWorker,
                    messages: [.notice(to: otherWorker.id, text: "Sent", href: "")])
            }
            await #expect(throws: StoreError.invalidReference(field: "referral")) {
                try await world.fixtures.connection(
                    on: closed, to: world.service, by: world.worker,
                    messages: [.notice(to: world.worker.id, text: "Sent", href: "")])
            }
            #expect(try await world.fixtures.auditTrail().count == before, "nothing was audited")
            #expect(try await store.messages.unreadNoticeCount(for: world.worker.id) == 0)
            #expect(try await store.messages.unreadNoticeCount(for: otherWorker.id) == 0)
        }
    }

    @Test(
        "Another organisation cannot read or move a connection; a provider sees only what was sent to it",
        arguments: TestBackend.allCases)
    func scoped(backend: TestBackend) async throws {
        try await backend.withStore { store, _ in
            let world = try await World(store)
            let meadow = try await world.fixtures.organisation("Meadow PCN")
            let otherProvider = try await world.fixtures.organisation("Hillside Trust", kind: .voluntarySector)
            let sent = try await world.fixtures.connection(on: world.referral, to: world.service, by: world.worker)
            world.fixtures.clock.advance(by: 60)
            let suggestion = try await world.fixtures.connection(
                on: world.referral, to: world.service, by: world.worker, status: .suggested)
            let signposting = try await world.fixtures.connection(
                on: world.referral, to: world.service, by: world.worker, kind: .signposting)
            let introduction = try await world.fixtures.connection(
                on: world.referral, to: world.service, by: world.worker, kind: .warmIntroduction)

            #expect(try await store.connections.connection(sent.id, in: meadow.id) == nil)
            #expect(try await store.connections.connections(of: world.referral.person.id, in: meadow.id).isEmpty)
            #expect(try await store.connections.history(of: sent.id, in: meadow.id).isEmpty)
            await #expect(throws: StoreError.notFound) {
                try await store.connections.transition(
                    sent.id, in: meadow.id, try ConnectionStatus.referred.transition(to: .accepted, by: .provider),
                    expectedVersion: 1, at: world.fixtures.clock.now(), by: world.providerMover, messages: [],
                    audit: world.fixtures.audit(.connectionStatusChanged))
            }

            #expect(try await store.connections.connection(sent.id, sentTo: world.provider.id)?.id == sent.id)
            #expect(
                try await store.connections.connection(introduction.id, sentTo: world.provider.id)?.id
                    == introduction.id)
            #expect(try await store.connections.connection(sent.id, sentTo: otherProvider.id) == nil)
            #expect(
                try await store.connections.connection(suggestion.id, sentTo: world.provider.id) == nil, "not sent yet")
            let dropped = try await world.fixtures.move(
                suggestion, to: .cancelled, as: world.workerMover, reason: "Not for her")
            #expect(
                try await store.connections.connection(dropped.id, sentTo: world.provider.id) == nil,
                "a dropped suggestion was never sent")
            #expect(
                try await store.connections.connection(signposting.id, sentTo: world.provider.id) == nil,
                "nothing was shared")
            #expect(try await store.connections.connection(sent.id, sentTo: world.pcn.id) == nil)
            let listed = try await store.connections.connections(sentTo: world.provider.id, page: PageRequest())
            #expect(Set(listed.items.map(\.id)) == [sent.id, introduction.id])
            #expect(listed.totalItems == 2)
            #expect(
                try await store.connections.connections(sentTo: otherProvider.id, page: PageRequest()).items.isEmpty)
        }
    }

    @Test(
        "Moves stamp the answer, acceptance, attendance and closing; stale versions and moved-on statuses are refused",
        arguments: TestBackend.allCases)
    func transitions(backend: TestBackend) async throws {
        try await backend.withStore { store, _ in
            let world = try await World(store)
            let clock = world.fixtures.clock
            let sent = try await world.fixtures.connection(on: world.referral, to: world.service, by: world.worker)
            clock.advance(by: 3 * 86_400)
            let accepted = try await world.fixtures.move(sent, to: .accepted, as: world.providerMover)
            #expect(accepted.version == 2)
            #expect(accepted.answeredAt?.isSameInstant(as: clock.now()) == true)
            #expect(accepted.acceptedAt?.isSameInstant(as: clock.now()) == true)
            #expect(accepted.closedAt == nil)
            await #expect(throws: StoreError.versionConflict(currentVersion: 2)) {
                try await world.fixtures.move(sent, to: .declined, as: world.providerMover, reason: "Full")
            }
            var stale = accepted
            stale.status = .referred
            await #expect(throws: StoreError.invalidReference(field: "status")) {
                try await world.fixtures.move(stale, to: .declined, as: world.providerMover, reason: "Full")
            }
            clock.advance(by: 86_400)
            let attending = try await world.fixtures.move(accepted, to: .attending, as: world.providerMover)
            #expect(attending.attendedAt?.isSameInstant(as: clock.now()) == true)
            #expect(attending.answeredAt?.isSameInstant(as: accepted.answeredAt) == true)
            clock.advance(by: 30 * 86_400)
            let done = try await world.fixtures.move(
                attending, to: .completed, as: world.workerMover,
                messages: [
                    .notice(to: world.worker.id, text: "Completed", href: "")
                ])
            #expect(done.closedAt?.isSameInstant(as: clock.now()) == true)
            let history = try await store.connections.history(of: sent.id, in: world.pcn.id)
            #expect(history.map(\.to) == [.referred, .accepted, .attending, .completed])
            #expect(history.map(\.actor) == [.linkWorker, .provider, .provider, .linkWorker])
            #expect(history[1].actorName == "Tom Reed")
            #expect(try await store.messages.unreadNoticeCount(for: world.worker.id) == 1)
        }
    }

    @Test(
        "The schema itself refuses a move not drawn, a signposting that shares, and a formal referral to nobody",
        arguments: TestBackend.allCases)
    func schemaGuards(backend: TestBackend) async throws {
        try await backend.withStore { store, raw in
            let world = try await World(store)
            let sent = try await world.fixtures.connection(on: world.referral, to: world.service, by: world.worker)
            await #expect(throws: (any Error).self) {
                try await raw.execute(
                    """
                    INSERT INTO connection_status_changes (connection_id, organisation_id, from_status, to_status, reason,
                        actor_kind, actor_name, occurred_at)
                    VALUES ('\(sent.id)', '\(world.pcn.id)', 'referred', 'completed', '', 'provider', 'X', '2026-01-01 00:00:00.000')
                    """)
            }
            await #expect(throws: (any Error).self) {
                try await raw.execute("UPDATE connections SET kind = 'signposting' WHERE id = '\(sent.id)'")
            }
            await #expect(throws: (any Error).self) {
                try await raw.execute("UPDATE connections SET provider_id = NULL WHERE id = '\(sent.id)'")
            }
        }
    }

    @Test(
        "Formal referrals waiting for an answer are found; a reminder is recorded once, never a lesser one after",
        arguments: TestBackend.allCases)
    func reminders(backend: TestBackend) async throws {
        try await backend.withStore { store, _ in
            let world = try await World(store)
            let clock = world.fixtures.clock
            let waiting = try await world.fixtures.connection(on: world.referral, to: world.service, by: world.worker)
            let introduction = try await world.fixtures.connection(
                on: world.referral, to: world.service, by: world.worker, kind: .warmIntroduction)
            clock.advance(by: 3600)
            let answered = try await world.fixtures.connection(on: world.referral, to: world.service, by: world.worker)
            _ = try await world.fixtures.move(answered, to: .accepted, as: world.providerMover)
            #expect(
                try await store.connections.awaitingAnswer(sentBefore: clock.now(), limit: 10).map(\.id) == [waiting.id]
            )
            #expect(
                try await store.connections.awaitingAnswer(sentBefore: clock.now().addingTimeInterval(-7200), limit: 10)
                    .isEmpty)
            _ = introduction

            let reminder: [Message] = [
                .email(to: try EmailAddress("tom@example.org"), kind: .providerReminder, subject: "S", body: "B")
            ]
            func remind(_ number: Int) async throws -> Bool {
                try await store.connections.recordReminder(
                    waiting.id, in: world.pcn.id, number: number, at: clock.now(), messages: reminder,
                    audit: world.fixtures.audit(.connectionReminderSent, organisation: world.pcn.id))
            }
            #expect(try await remind(1))
            #expect(try await remind(1) == false, "the same reminder again does nothing")
            #expect(try await remind(2))
            #expect(try await remind(1) == false)
            #expect(try await store.connections.connection(waiting.id, in: world.pcn.id)?.remindersSent == 2)
            #expect(try await store.messages.outboxCounts() == [.pending: 2])
        }
    }

    @Test("Outcomes per service feed the provider's statistics", arguments: TestBackend.allCases)
    func outcomes(backend: TestBackend) async throws {
        try await backend.withStore { store, _ in
            let world = try await World(store)
            let clock = world.fixtures.clock
            let other = world.fixtures.connectedService("Lunch Club", provider: world.provider)
            for day in 1...5 {
                let sent = try await world.fixtures.connection(on: world.referral, to: world.service, by: world.worker)
                clock.advance(by: TimeInterval(day) * 86_400)
                if day == 5 {
                    _ = try await world.fixtures.move(sent, to: .declined, as: world.providerMover, reason: "Full")
                } else {
                    let accepted = try await world.fixtures.move(sent, to: .accepted, as: world.providerMover)
                    if day <= 2 { _ = try await world.fixtures.move(accepted, to: .attending, as: world.providerMover) }
                }
            }
            _ = try await world.fixtures.connection(on: world.referral, to: other, by: world.worker, kind: .signposting)
            let outcomes = try await store.connections.outcomes(of: [world.service.id, other.id, "unknown"])
            #expect(outcomes[other.id] == nil, "a signposting is not a referral the provider answers")
            let statistics = ProviderStatistics(try #require(outcomes[world.service.id]))
            #expect(statistics.answered == 5)
            #expect(statistics.medianDaysToRespond == 3)
            #expect(statistics.acceptedShare == 0.8)
            #expect(statistics.attendedShare == nil, "attendance is known for two only")
            #expect(statistics.summary == "Usually replies in 3 days · 80% accepted")
        }
    }

    @Test(
        "A referring organisation sees where its referrals stand and how many services they reached",
        arguments: TestBackend.allCases)
    func referrerView(backend: TestBackend) async throws {
        try await backend.withStore { store, _ in
            let world = try await World(store)
            let council = try await world.fixtures.organisation("Riverside Council", kind: .localAuthority)
            let officer = try await world.fixtures.user("Ann Lee", role: .referrer, in: council.id)
            var new = NewReferral(
                person: try world.fixtures.personDetails("Joe Bloggs"), source: .staff,
                referrer: Referrer(organisation: "Riverside Council", name: "Ann Lee", role: "Housing officer"),
                reasons: ["housing"], details: "", urgency: .routine,
                consent: Consent(givenBy: .person, givenOn: world.fixtures.today))
            new.referringOrganisationID = council.id
            let id = ReferralID()
            let referral = try await store.referrals.create(
                id: id, personID: PersonID(), in: world.pcn.id, new, possibleDuplicateOf: nil,
                at: world.fixtures.clock.now(),
                by: Actor(userID: officer.id, name: officer.name),
                audit: world.fixtures.audit(.referralReceived, organisation: world.pcn.id))
            let active = try await world.fixtures.advance(referral.referral, to: .active, worker: world.worker.id)
            let episode = ReferralWithPerson(referral: active, person: referral.person)
            let first = try await world.fixtures.connection(on: episode, to: world.service, by: world.worker)
            _ = try await world.fixtures.move(first, to: .accepted, as: world.providerMover)
            _ = try await world.fixtures.connection(on: episode, to: world.service, by: world.worker)

            let seen = try await store.connections.referralsMade(by: council.id, practice: nil, page: PageRequest())
            #expect(seen.totalItems == 1)
            let row = try #require(seen.items.first)
            #expect(row.personName == "Joe Bloggs")
            #expect(row.receivingOrganisation == "Riverside PCN")
            #expect(row.status == .active)
            #expect(row.connectedServices == 1, "accepted counts; still waiting does not")
            #expect(
                try await store.connections.referralsMade(by: world.pcn.id, practice: nil, page: PageRequest()).items
                    .isEmpty)
            // A GP practice's referrer refers to another organisation's service:
            // the practice still follows it.
            let practice = try await world.fixtures.practice("Riverside Surgery", odsCode: "A81001", in: world.pcn.id)
            let meadow = try await world.fixtures.organisation("Meadow PCN")
            var fromPractice = new
            fromPractice.referrer = Referrer(organisation: "Riverside Surgery", name: "Dr Carter", role: "GP")
            fromPractice.referringOrganisationID = world.pcn.id
            fromPractice.referringPracticeID = practice.id
            try await store.referrals.create(
                id: ReferralID(), personID: PersonID(), in: meadow.id, fromPractice, possibleDuplicateOf: nil,
                at: world.fixtures.clock.now(), by: Actor(userID: nil, name: "Dr Carter"),
                audit: world.fixtures.audit(.referralReceived, organisation: meadow.id))
            let other = try await world.fixtures.practice("Hill Surgery", odsCode: "A81002", in: world.pcn.id)
            let followed = try await store.connections.referralsMade(
                by: world.pcn.id, practice: practice.id, page: PageRequest())
            #expect(followed.items.map(\.receivingOrganisation) == ["Meadow PCN"])
            #expect(
                try await store.connections.referralsMade(by: world.pcn.id, practice: other.id, page: PageRequest())
                    .totalItems == 0,
                "a practice sees only its own referrals")
        }
    }

    @Test(
        "The outbox hands each due message to one sender at a time, retries when told, and forgets the wording once sent",
        arguments: TestBackend.allCases)
    func outbox(backend: TestBackend) async throws {
        try await backend.withStore { store, _ in
            let world = try await World(store)
            let clock = world.fixtures.clock
            _ = try await world.fixtures.connection(
                on: world.referral, to: world.service, by: world.worker,
                messages: [
                    .email(
                        to: try EmailAddress("tom@example.org"), kind: .referralToProvider, subject: "A referral",
                        body: "Sign in"),
                    .sms(to: PhoneNumber(trusted: "07700900982"), kind: .connectionToPerson, body: "Hello"),
                ])
            let claimed = try await store.messages.claimDue(at: clock.now(), lease: 300, limit: 10)
            #expect(claimed.map(\.channel) == [.email, .sms] || claimed.map(\.channel) == [.sms, .email])
            #expect(claimed.allSatisfy { $0.attempts == 1 && $0.state == .sending })
            let email = try #require(claimed.first { $0.channel == .email })
            #expect(email.subject == "A referral" && email.body == "Sign in" && email.recipient == "tom@example.org")
            #expect(try await store.messages.claimDue(at: clock.now(), lease: 300, limit: 10).isEmpty, "leased")

            try await store.messages.markSent(email, receipt: "notify-1", at: clock.now())
            let sms = try #require(claimed.first { $0.channel == .sms })
            try await store.messages.markFailed(sms, error: "503", retryAt: clock.now().addingTimeInterval(60))
            #expect(try await store.messages.claimDue(at: clock.now(), lease: 300, limit: 10).isEmpty)
            clock.advance(by: 61)
            let again = try await store.messages.claimDue(at: clock.now(), lease: 300, limit: 10)
            #expect(again.map(\.id) == [sms.id])
            #expect(again.first?.attempts == 2)
            #expect(again.first?.mayHaveBeenSent == true)
            // The sender stops without saying: once the lease runs out, it is due again.
            clock.advance(by: 301)
            let afterLease = try await store.messages.claimDue(at: clock.now(), lease: 300, limit: 10)
            #expect(afterLease.map(\.id) == [sms.id])
            #expect(afterLease.first?.body == "Hello", "kept while it may still be sent")
            // The sender whose lease ran out comes back late: its word no longer counts.
            try await store.messages.markSent(try #require(again.first), receipt: "late", at: clock.now())
            #expect(try await store.messages.message(sms.id)?.state == .sending)
            try await store.messages.markFailed(
                try #require(afterLease.first), error: "400 bad phone number", retryAt: nil)
            #expect(try await store.messages.message(sms.id)?.body == "", "given up: the wording goes too")
            #expect(try await store.messages.outboxCounts() == [.sent: 1, .failed: 1])
            let sent = try #require(try await store.messages.message(email.id))
            #expect(sent.state == .sent)
            #expect(sent.body.isEmpty && sent.subject.isEmpty, "the wording holds personal data; it goes once sent")
        }
    }

    @Test("Notices are the user's own, newest first, until read", arguments: TestBackend.allCases)
    func notices(backend: TestBackend) async throws {
        try await backend.withStore { store, _ in
            let world = try await World(store)
            let sent = try await world.fixtures.connection(
                on: world.referral, to: world.service, by: world.worker,
                messages: [.notice(to: world.worker.id, text: "First", href: "/a")])
            world.fixtures.clock.advance(by: 60)
            _ = try await world.fixtures.move(
                sent, to: .accepted, as: world.providerMover,
                messages: [.notice(to: world.worker.id, text: "Second", href: "/b")])
            #expect(
                try await store.messages.notices(for: world.worker.id, limit: 10).map(\.text) == ["Second", "First"])
            #expect(try await store.messages.notices(for: world.providerUser.id, limit: 10).isEmpty)
            #expect(try await store.messages.unreadNoticeCount(for: world.worker.id) == 2)
            let listed = try await store.messages.notices(for: world.worker.id, limit: 10)
            world.fixtures.clock.advance(by: 60)
            _ = try await world.fixtures.move(
                try #require(try await store.connections.connection(sent.id, in: world.pcn.id)), to: .attending,
                as: world.providerMover, messages: [.notice(to: world.worker.id, text: "Third", href: "/c")])
            try await store.messages.markNoticesRead(
                for: world.worker.id, upTo: try #require(listed.first?.createdAt), at: world.fixtures.clock.now())
            #expect(
                try await store.messages.unreadNoticeCount(for: world.worker.id) == 1,
                "written after the list was read: still new")
            try await store.messages.markNoticesRead(
                for: world.worker.id, upTo: world.fixtures.clock.now(), at: world.fixtures.clock.now())
            #expect(try await store.messages.unreadNoticeCount(for: world.worker.id) == 0)
            #expect(try await store.messages.notices(for: world.worker.id, limit: 10).allSatisfy { $0.readAt != nil })
        }
    }
}
