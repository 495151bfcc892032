import Foundation
import LinkwellDomain
import LinkwellServices
import LinkwellStore
import LinkwellTestSupport
import Logging
import Testing

@Suite("Sending the outbox through GOV.UK Notify (a local stand-in)")
struct OutboxDeliveryTests {
    /// A sender that sends, then "crashes" before the outbox hears it went.
    struct CrashAfterSending: MessageSender {
        let inner: NotifySender
        struct Crash: Error {}

        func send(_ message: OutboxMessage) async throws -> String {
            _ = try await inner.send(message)
            throw Crash()
        }

        func alreadySent(reference: UUID) async throws -> String? { try await inner.alreadySent(reference: reference) }
    }

    /// An organisation, a referral and four messages waiting in the outbox.
    static func queue(_ store: any LinkwellStore, _ fixtures: StoreFixtures, phone: String = "07700900982") async throws
    {
        let pcn = try await fixtures.organisation("Riverside PCN")
        let worker = try await fixtures.user("Priya Sharma", role: .linkWorker, in: pcn.id)
        let received = try await fixtures.referral(in: pcn.id)
        let accepted = try await fixtures.advance(received.referral, to: .accepted, worker: worker.id)
        let provider = try await fixtures.organisation("Riverside Volunteers", kind: .voluntarySector)
        _ = try await fixtures.connection(
            on: ReferralWithPerson(referral: accepted, person: received.person),
            to: fixtures.connectedService(provider: provider),
            by: worker,
            messages: [
                .email(
                    to: try EmailAddress("tom@example.org"), kind: .referralToProvider, subject: "New referral",
                    body: "Sign in"),
                .email(
                    to: try EmailAddress("ann@example.org"), kind: .referralToProvider, subject: "New referral",
                    body: "Sign in"),
                .sms(to: PhoneNumber(trusted: phone), kind: .connectionToPerson, body: "Hello Margaret"),
                .notice(to: worker.id, text: "Sent", href: ""),
            ])
    }

    static func sender(_ url: URL, clock: ManualClock) throws -> NotifySender {
        try NotifySender(
            settings: .init(
                apiKey: NotifyStandIn.apiKey, emailTemplate: NotifyStandIn.emailTemplate,
                smsTemplate: NotifyStandIn.smsTemplate,
                baseURL: url),
            clock: clock)
    }

    @Test(
        "Each message reaches Notify exactly once through failures before and after acceptance, and a restart mid-send",
        arguments: TestBackend.allCases)
    func exactlyOnce(backend: TestBackend) async throws {
        try await backend.withStore { store, _ in
            let fixtures = StoreFixtures(store: store)
            let clock = fixtures.clock
            let standIn = NotifyStandIn()
            try await standIn.run { url in
                try await Self.queue(store, fixtures)
                let notify = try Self.sender(url, clock: clock)
                let logger = Logger(label: "test")
                let delivery = OutboxDelivery(store: store, sender: notify, clock: clock, logger: logger)

                // The first is refused before Notify takes it; the second is taken, but the answer is lost.
                standIn.plan([.failBefore, .failAfter])
                let first = try await delivery.deliverDue()
                #expect(first == .init(sent: 1, retrying: 2))
                #expect(standIn.notifications.count == 2, "one sent, one taken though its answer was lost")
                #expect(try await delivery.deliverDue() == .init(), "not due again until the wait is over")

                clock.advance(by: 31)
                let second = try await delivery.deliverDue()
                #expect(second == .init(sent: 2))
                #expect(standIn.notifications.count == 3, "the one Notify already had was asked about, not sent again")

                // A restart: a message is sent, then the process stops before recording it.
                try await Self.queue(store, fixtures)
                let crashing = OutboxDelivery(
                    store: store, sender: CrashAfterSending(inner: notify), clock: clock, logger: logger)
                await #expect(throws: CrashAfterSending.Crash.self) { try await crashing.deliverDue() }
                #expect(standIn.notifications.count == 4)
                let restarted = OutboxDelivery(store: store, sender: notify, clock: clock, logger: logger)
                #expect(try await restarted.deliverDue() == .init(), "the batch the crash held waits out its lease")
                clock.advance(by: 301)
                let late = try await restarted.deliverDue()
                #expect(late == .init(sent: 3))
                #expect(standIn.notifications.count == 6)

                let references = standIn.notifications.map(\.reference)
                #expect(Set(references).count == references.count, "nothing reached Notify twice")
                #expect(try await store.messages.outboxCounts() == [.sent: 6])
                #expect(standIn.badTokens == 0, "every request was signed as Notify requires")
                let email = try #require(standIn.notifications.first { $0.recipient == "tom@example.org" })
                #expect(email.template == NotifyStandIn.emailTemplate)
                #expect(email.personalisation == ["subject": "New referral", "body": "Sign in"])
                let sms = try #require(standIn.notifications.first { $0.recipient == "07700900982" })
                #expect(sms.template == NotifyStandIn.smsTemplate)
                #expect(sms.personalisation == ["body": "Hello Margaret"])
            }
        }
    }

    @Test(
        "A message Notify refuses is given up at once; one that keeps failing, after the most attempts",
        arguments: TestBackend.allCases)
    func givingUp(backend: TestBackend) async throws {
        try await backend.withStore { store, _ in
            let fixtures = StoreFixtures(store: store)
            let clock = fixtures.clock
            let standIn = NotifyStandIn()
            try await standIn.run { url in
                try await Self.queue(store, fixtures, phone: "01632960000")
                var policy = OutboxDelivery.RetryPolicy()
                policy.maximumAttempts = 3
                let delivery = OutboxDelivery(
                    store: store, sender: try Self.sender(url, clock: clock), clock: clock,
                    logger: Logger(label: "test"),
                    policy: policy)
                standIn.plan([.failBefore, .failBefore])
                #expect(try await delivery.deliverDue() == .init(retrying: 2, failed: 1), "a landline cannot be texted")
                #expect(policy.wait(after: 1) == 30)
                #expect(policy.wait(after: 2) == 60)
                #expect(policy.wait(after: 20) == 6 * 3600)
                standIn.plan([.failBefore, .failBefore, .failBefore, .failBefore])
                clock.advance(by: 30)
                #expect(try await delivery.deliverDue() == .init(retrying: 2))
                clock.advance(by: 60)
                #expect(try await delivery.deliverDue() == .init(failed: 2), "the third attempt was the last")
                #expect(try await store.messages.outboxCounts() == [.failed: 3])
                #expect(standIn.notifications.isEmpty)
            }
        }
    }

    @Test("A key not in Notify's form is refused at start-up, not at the first message")
    func badKey() {
        #expect(throws: SendFailure.self) {
            try NotifySender(settings: .init(apiKey: "not-a-key", emailTemplate: "e", smsTemplate: "s"))
        }
    }
}
