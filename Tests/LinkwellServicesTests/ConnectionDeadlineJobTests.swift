import Foundation
import LinkwellDomain
import LinkwellServices
import LinkwellStore
import LinkwellTestSupport
import Logging
import Testing

@Suite("The connection deadline job")
struct ConnectionDeadlineJobTests {
    /// Counts what the jobs would send, and sends nothing.
    final class CountingSender: MessageSender, @unchecked Sendable {
        private let lock = NSLock()
        private var sent: [OutboxMessage] = []
        var messages: [OutboxMessage] { lock.withLock { sent } }

        func send(_ message: OutboxMessage) async throws -> String {
            lock.withLock { sent.append(message) }
            return "counted-\(message.id)"
        }

        func alreadySent(reference: UUID) async throws -> String? { nil }
    }

    @Test(
        "Reminders on day 7 and 12, no response on day 14 with the link worker told; each once, however often it runs",
        arguments: TestBackend.allCases)
    func deadline(backend: TestBackend) async throws {
        try await backend.withStore { store, _ in
            let fixtures = StoreFixtures(store: store)
            let clock = fixtures.clock
            let pcn = try await fixtures.organisation("Riverside PCN")
            let worker = try await fixtures.user("Priya Sharma", role: .linkWorker, in: pcn.id)
            let received = try await fixtures.referral(in: pcn.id)
            let active = try await fixtures.advance(received.referral, to: .accepted, worker: worker.id)
            let referral = ReferralWithPerson(referral: active, person: received.person)
            let provider = try await fixtures.organisation("Riverside Volunteers", kind: .voluntarySector)
            _ = try await fixtures.user("Tom Reed", email: "tom@example.org", role: .provider, in: provider.id)
            _ = try await fixtures.user("Ann Reed", email: "ann@example.org", role: .provider, in: provider.id)
            let waiting = try await fixtures.connection(
                on: referral, to: fixtures.connectedService(provider: provider), by: worker)
            let answered = try await fixtures.connection(
                on: referral, to: fixtures.connectedService(provider: provider), by: worker)
            _ = try await fixtures.connection(
                on: referral, to: fixtures.connectedService(provider: provider), by: worker, kind: .warmIntroduction)
            let sender = CountingSender()
            let jobs = LinkwellJobs(
                store: store, clock: clock, timeZone: .gmt, publicAddress: "https://linkwell.example.org",
                sender: sender,
                logger: Logger(label: "test"))

            func run(at day: Double) async throws -> LinkwellJobs.Outcome {
                clock.set(waiting.referredAt!.addingTimeInterval(day * 86_400))
                return try await jobs.runOnce()
            }
            #expect(try await run(at: 6.9).deadlines == .init())
            _ = try await fixtures.move(
                answered, to: .accepted, as: ConnectionMover(kind: .provider, userID: nil, name: "Tom Reed"))
            let seventh = try await run(at: 7)
            #expect(
                seventh.deadlines == .init(reminded: 1), "only the one still waiting; an introduction has no deadline")
            #expect(seventh.messages.sent == 2, "both of the provider's users")
            #expect(Set(sender.messages.map(\.recipient)) == ["tom@example.org", "ann@example.org"])
            #expect(sender.messages.allSatisfy { $0.kind == .providerReminder && !$0.body.contains("Margaret") })
            #expect(sender.messages[0].body.contains("https://linkwell.example.org/provider/connections/\(waiting.id)"))
            #expect(try await run(at: 7.5) == .init(deadlines: .init(), messages: .init()), "run again: nothing twice")
            #expect(try await run(at: 12).deadlines == .init(reminded: 1))
            #expect(try await run(at: 13).deadlines == .init())
            let end = try await run(at: 14)
            #expect(end.deadlines == .init(expired: 1))
            let closed = try #require(try await store.connections.connection(waiting.id, in: pcn.id))
            #expect(closed.status == .noResponse)
            #expect(try await store.connections.history(of: waiting.id, in: pcn.id).last?.actor == .deadline)
            let notices = try await store.messages.notices(for: worker.id, limit: 10)
            #expect(
                notices.map(\.text) == [
                    "Margaret Okoro: No answer from Riverside Walking Group in 14 days: the referral is marked no response. You may want to try another service."
                ])
            #expect(try await run(at: 20) == .init(deadlines: .init(), messages: .init()))
            #expect(sender.messages.count == 4)
            let audited = try await fixtures.auditTrail().filter { $0.entry.target == .connection(waiting.id) }.map(
                \.entry.action)
            #expect(
                audited == [
                    .connectionMade, .connectionReminderSent, .connectionReminderSent, .connectionStatusChanged,
                ])
        }
    }

    @Test("The organisation's own deadline applies, as set when the referral was sent", arguments: TestBackend.allCases)
    func organisationDeadline(backend: TestBackend) async throws {
        try await backend.withStore { store, _ in
            let fixtures = StoreFixtures(store: store)
            let pcn = try await fixtures.organisation("Riverside PCN")
            let worker = try await fixtures.user(role: .linkWorker, in: pcn.id)
            let received = try await fixtures.referral(in: pcn.id)
            let active = try await fixtures.advance(received.referral, to: .accepted, worker: worker.id)
            let provider = try await fixtures.organisation("Riverside Volunteers", kind: .voluntarySector)
            let sent = try await fixtures.connection(
                on: ReferralWithPerson(referral: active, person: received.person),
                to: fixtures.connectedService(provider: provider),
                by: worker, responseDays: 5)
            let jobs = LinkwellJobs(
                store: store, clock: fixtures.clock, timeZone: .gmt, publicAddress: "http://x",
                sender: CountingSender(),
                logger: Logger(label: "test"))
            fixtures.clock.set(sent.referredAt!.addingTimeInterval(5 * 86_400))
            #expect(try await jobs.runOnce().deadlines == .init(expired: 1))
            #expect(try await store.connections.connection(sent.id, in: pcn.id)?.status == .noResponse)
        }
    }
}
