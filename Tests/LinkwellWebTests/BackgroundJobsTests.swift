import Foundation
import HummingbirdTesting
import LinkwellApp
import LinkwellDomain
import LinkwellServices
import LinkwellStore
import LinkwellTestSupport
import LinkwellWeb
import Testing

@Suite("The server's own background work")
struct BackgroundJobsTests {
    @Test("A running server closes a referral nobody answered and sends its messages, with no one starting anything")
    func serverRunsTheJobs() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("linkwell-jobs-\(UUID())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        var configuration = TestApp.configuration(in: folder)
        configuration.jobInterval = .milliseconds(50)
        let clock = ManualClock()
        let linkwell = try await buildApplication(configuration, clock: clock)
        let store = linkwell.store
        let fixtures = StoreFixtures(store: store, clock: clock)
        let pcn = try await fixtures.organisation("Riverside PCN")
        let worker = try await fixtures.user("Priya Sharma", role: .linkWorker, in: pcn.id)
        let received = try await fixtures.referral(in: pcn.id)
        let accepted = try await fixtures.advance(received.referral, to: .accepted, worker: worker.id)
        let provider = try await fixtures.organisation("Riverside Volunteers", kind: .voluntarySector)
        let sent = try await fixtures.connection(
            on: ReferralWithPerson(referral: accepted, person: received.person),
            to: fixtures.connectedService(provider: provider),
            by: worker,
            messages: [
                .email(to: try EmailAddress("tom@example.org"), kind: .referralToProvider, subject: "S", body: "B")
            ])
        clock.advance(by: 15 * 86_400)
        do {
            try await linkwell.application.test(.live) { _ in
                // Wait (up to ten seconds) for the job's first runs: this checks that it runs, not how fast.
                for _ in 0..<200 {
                    let status = try await store.connections.connection(sent.id, in: pcn.id)?.status
                    if status == .noResponse, try await store.messages.outboxCounts() == [.sent: 1] { break }
                    try await Task.sleep(for: .milliseconds(50))
                }
            }
            #expect(try await store.connections.connection(sent.id, in: pcn.id)?.status == .noResponse)
            #expect(try await store.messages.outboxCounts() == [.sent: 1], "the logging sender took the email")
            #expect(try await store.messages.unreadNoticeCount(for: worker.id) == 1)
            try? await store.close()
        } catch {
            try? await store.close()
            throw error
        }
    }
}
