import Foundation
import LinkwellDomain
import LinkwellStore
import LinkwellTestSupport
import Testing

@Suite("Store contract: supervision")
struct SupervisionStoreContractTests {
    @Test(
        "The note is the supervisee's: the supervisor reads it only when shared, the manager never; facts of the latest clinical session",
        arguments: TestBackend.allCases)
    func notes(backend: TestBackend) async throws {
        try await backend.withStore { store, _ in
            let fixtures = StoreFixtures(store: store)
            let pcn = try await fixtures.organisation("Riverside PCN")
            let priya = try await fixtures.user("Priya Sharma", role: .linkWorker, in: pcn.id)
            let supervisor = try await fixtures.user("Dr Ann Lee", role: .linkWorker, in: pcn.id)
            let manager = try await fixtures.user("Rachel Owen", role: .manager, in: pcn.id)
            func session(_ kind: SupervisionKind, on day: String, shared: Bool, note: String) -> SupervisionSession {
                SupervisionSession(
                    id: SupervisionSessionID(), organisationID: pcn.id, superviseeID: priya.id,
                    supervisorID: supervisor.id,
                    supervisorName: supervisor.name, kind: kind, heldOn: CalendarDate(iso: day)!, durationMinutes: 60,
                    note: note,
                    noteSharedWithSupervisor: shared)
            }
            let private1 = session(.clinical, on: "2026-03-02", shared: false, note: "Struggling with the Okoro case")
            let shared = session(.clinical, on: "2026-04-01", shared: true, note: "Boundaries: better")
            let managerial = session(.managerial, on: "2026-04-10", shared: false, note: "Caseload")
            for made in [private1, shared, managerial] {
                try await store.supervision.record(
                    made, audit: fixtures.audit(.supervisionRecorded, organisation: pcn.id, actor: priya.id))
            }
            let own = try await store.supervision.sessions(of: priya.id, in: pcn.id, reader: priya.id)
            #expect(own.map(\.note) == ["Struggling with the Okoro case", "Boundaries: better", "Caseload"])
            let supervisors = try await store.supervision.sessions(of: priya.id, in: pcn.id, reader: supervisor.id)
            #expect(supervisors.map(\.note) == [nil, "Boundaries: better", nil], "only the note she chose to share")
            await #expect(throws: StoreError.notFound) {
                try await store.supervision.sessions(of: priya.id, in: pcn.id, reader: manager.id)
            }
            let given = try await store.supervision.sessions(givenBy: supervisor.id, in: pcn.id)
            #expect(given.map(\.heldOn.iso) == ["2026-04-10", "2026-04-01", "2026-03-02"], "newest first")
            #expect(
                given.map(\.note) == [nil, "Boundaries: better", nil],
                "the supervisor's own list shows only shared notes")
            #expect(try await store.supervision.sessions(givenBy: manager.id, in: pcn.id).isEmpty)
            #expect(
                try await store.supervision.latestClinical(in: pcn.id) == [priya.id: CalendarDate(iso: "2026-04-01")!])
            let other = try await fixtures.organisation("Meadow PCN")
            #expect(try await store.supervision.latestClinical(in: other.id).isEmpty)
            #expect(try await fixtures.auditTrail().last?.entry.detail.contains("Okoro") == false)
        }
    }
}
