import Foundation
import LinkwellDomain
import LinkwellStore
import LinkwellTestSupport
import Testing

@Suite("Store contract: link workers' wellbeing check-ins")
struct WellbeingStoreContractTests {
    func checkIn(
        _ user: User, on day: String, personal: Double?, work: Double? = 50, leaving: Int? = 2, satisfaction: Int? = 3,
        fixtures: StoreFixtures
    ) -> WellbeingCheckIn {
        WellbeingCheckIn(
            id: WellbeingCheckInID(), organisationID: user.organisationID, userID: user.id,
            takenOn: CalendarDate(iso: day)!,
            answers: ["p1": 75], personal: personal, work: work, client: 25, thinksOfLeaving: leaving,
            jobSatisfaction: satisfaction,
            likelyToLeaveWithinYear: 4)
    }

    @Test(
        "A worker's check-ins come back to that worker and nobody else, whoever asks", arguments: TestBackend.allCases)
    func ownOnly(backend: TestBackend) async throws {
        try await backend.withStore { store, _ in
            let fixtures = StoreFixtures(store: store)
            let pcn = try await fixtures.organisation("Riverside PCN")
            let priya = try await fixtures.user("Priya Sharma", role: .linkWorker, in: pcn.id)
            let manager = try await fixtures.user("Rachel Owen", role: .manager, in: pcn.id)
            let mine = checkIn(priya, on: "2026-03-02", personal: 62.5, fixtures: fixtures)
            try await store.wellbeing.record(
                mine, audit: fixtures.audit(.wellbeingCheckedIn, organisation: pcn.id, actor: priya.id))
            #expect(try await store.wellbeing.checkIns(of: priya.id, requestedBy: priya.id) == [mine])
            await #expect(throws: StoreError.notFound) {
                try await store.wellbeing.checkIns(of: priya.id, requestedBy: manager.id)
            }
            let audited = try await fixtures.auditTrail().last
            #expect(audited?.entry.action == .wellbeingCheckedIn)
            #expect(audited?.entry.detail.isEmpty == true, "the audit says a check-in was made, never what it said")
        }
    }

    @Test(
        "A block is published once from its members' latest check-ins, and read back the same whatever the team is later",
        arguments: TestBackend.allCases)
    func publications(backend: TestBackend) async throws {
        try await backend.withStore { store, _ in
            let fixtures = StoreFixtures(store: store)
            let pcn = try await fixtures.organisation("Riverside PCN")
            let other = try await fixtures.organisation("Meadow PCN")
            var workers: [User] = []
            for number in 1...6 {
                workers.append(try await fixtures.user("Worker \(number)", role: .linkWorker, in: pcn.id))
            }
            let outsider = try await fixtures.user("Outsider", role: .linkWorker, in: other.id)
            for (index, worker) in workers.enumerated() {
                // An older check-in that must not count, then the latest.
                try await store.wellbeing.record(
                    checkIn(worker, on: "2026-03-01", personal: 0, fixtures: fixtures),
                    audit: fixtures.audit(.wellbeingCheckedIn))
                try await store.wellbeing.record(
                    checkIn(
                        worker, on: "2026-03-10", personal: index == 5 ? 100 : 40, leaving: index < 2 ? 5 : 1,
                        satisfaction: index < 4 ? 4 : 2,
                        fixtures: fixtures),
                    audit: fixtures.audit(.wellbeingCheckedIn))
            }
            try await store.wellbeing.record(
                checkIn(outsider, on: "2026-03-10", personal: 100, fixtures: fixtures),
                audit: fixtures.audit(.wellbeingCheckedIn))
            let block = CalendarDate(iso: "2026-03-01")!...CalendarDate(iso: "2026-03-28")!
            let everyone = Set(workers.map(\.id)).union([outsider.id])
            let first = try await store.wellbeing.publication(
                in: pcn.id, block: block, members: everyone, at: fixtures.clock.now())
            let summary = first.summary
            #expect(summary.personal == .shown(respondents: 6, mean: 50), "latest only: (5 × 40 + 100) / 6 = 50")
            #expect(
                summary.leavingWithinYear == .shown(respondents: 6, mean: 50),
                "all six agree: the top half, never 'all'")
            #expect(summary.thinkingOfLeaving == .shown(respondents: 6, mean: 0), "2 of 6 agree: 33.3, under half")
            #expect(summary.satisfied == .shown(respondents: 6, mean: 50), "4 of 6 satisfied: half or more")
            #expect(
                first.respondents == Set(workers.map(\.id)), "another organisation's people never count, even if named")

            // A role changed: the team is now five. The block still shows what it showed.
            fixtures.clock.advance(by: 3600)
            let again = try await store.wellbeing.publication(
                in: pcn.id, block: block, members: Set(workers.prefix(5).map(\.id)), at: fixtures.clock.now())
            #expect(again == first, "never recomputed, so never differenced")

            // Another block, with nobody in it: nothing shown.
            let empty = try await store.wellbeing.publication(
                in: pcn.id, block: CalendarDate(iso: "2026-04-01")!...CalendarDate(iso: "2026-04-28")!,
                members: everyone, at: fixtures.clock.now())
            #expect(empty.summary.personal == .notEnoughResponses)
            #expect(empty.respondents.isEmpty)

            // Two managers looking at once see one publication.
            let may = CalendarDate(iso: "2026-02-01")!...CalendarDate(iso: "2026-02-28")!
            let ids = workers.map(\.id)
            let together = try await withThrowingTaskGroup(of: WellbeingPublication.self) { group in
                for number in 0..<6 {
                    group.addTask {
                        try await store.wellbeing.publication(
                            in: pcn.id, block: may, members: Set(ids.prefix(number)), at: fixtures.clock.now())
                    }
                }
                return try await group.reduce(into: [WellbeingPublication]()) { $0.append($1) }
            }
            #expect(Set(together).count == 1)
        }
    }
}
