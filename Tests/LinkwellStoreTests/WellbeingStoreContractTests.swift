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
            id: WellbeingCheckInID(), organisationID: user.organisationID, userID: user.id, takenOn: CalendarDate(iso: day)!,
            answers: ["p1": 75], personal: personal, work: work, client: 25, thinksOfLeaving: leaving, jobSatisfaction: satisfaction,
            likelyToLeaveWithinYear: 4)
    }

    @Test("A worker's check-ins come back to that worker and nobody else, whoever asks", arguments: TestBackend.allCases)
    func ownOnly(backend: TestBackend) async throws {
        try await backend.withStore { store, _ in
            let fixtures = StoreFixtures(store: store)
            let pcn = try await fixtures.organisation("Riverside PCN")
            let priya = try await fixtures.user("Priya Sharma", role: .linkWorker, in: pcn.id)
            let manager = try await fixtures.user("Rachel Owen", role: .manager, in: pcn.id)
            let mine = checkIn(priya, on: "2026-03-02", personal: 62.5, fixtures: fixtures)
            try await store.wellbeing.record(mine, audit: fixtures.audit(.wellbeingCheckedIn, organisation: pcn.id, actor: priya.id))
            #expect(try await store.wellbeing.checkIns(of: priya.id, requestedBy: priya.id) == [mine])
            await #expect(throws: StoreError.notFound) { try await store.wellbeing.checkIns(of: priya.id, requestedBy: manager.id) }
            let audited = try await fixtures.auditTrail().last
            #expect(audited?.entry.action == .wellbeingCheckedIn)
            #expect(audited?.entry.detail.isEmpty == true, "the audit says a check-in was made, never what it said")
        }
    }

    @Test("Aggregates need five respondents, use each one's latest check-in, and cannot be differenced", arguments: TestBackend.allCases)
    func aggregates(backend: TestBackend) async throws {
        try await backend.withStore { store, _ in
            let fixtures = StoreFixtures(store: store)
            let pcn = try await fixtures.organisation("Riverside PCN")
            let other = try await fixtures.organisation("Meadow PCN")
            var workers: [User] = []
            for number in 1...6 { workers.append(try await fixtures.user("Worker \(number)", role: .linkWorker, in: pcn.id)) }
            let outsider = try await fixtures.user("Outsider", role: .linkWorker, in: other.id)
            for (index, worker) in workers.enumerated() {
                // An older check-in that must not count, then the latest.
                try await store.wellbeing.record(
                    checkIn(worker, on: "2026-03-01", personal: 0, fixtures: fixtures), audit: fixtures.audit(.wellbeingCheckedIn))
                try await store.wellbeing.record(
                    checkIn(
                        worker, on: "2026-03-10", personal: index == 5 ? 100 : 40, leaving: index < 2 ? 5 : 1, satisfaction: index < 4 ? 4 : 2,
                        fixtures: fixtures),
                    audit: fixtures.audit(.wellbeingCheckedIn))
            }
            try await store.wellbeing.record(
                checkIn(outsider, on: "2026-03-10", personal: 100, fixtures: fixtures), audit: fixtures.audit(.wellbeingCheckedIn))
            let everyone = Set(workers.map(\.id))
            let allButSix = Set(workers.prefix(5).map(\.id))
            let from = CalendarDate(iso: "2026-03-01")!
            let to = CalendarDate(iso: "2026-03-31")!
            let summaries = try await store.wellbeing.summaries(
                in: pcn.id, groups: [("Everyone", everyone), ("All but one", allButSix), ("Two", Set(workers.prefix(2).map(\.id)))],
                from: from, to: to)
            #expect(summaries[0].personal == .shown(respondents: 6, mean: 50), "latest only: (5 × 40 + 100) / 6 = 50")
            #expect(summaries[0].leavingWithinYear == .shown(respondents: 6, mean: 50), "all six agree: the top half, never 'all'")
            #expect(summaries[0].thinkingOfLeaving == .shown(respondents: 6, mean: 0), "2 of 6 agree: 33.3, under half")
            #expect(summaries[0].satisfied == .shown(respondents: 6, mean: 50), "4 of 6 satisfied: half or more")
            #expect(summaries[1].personal == .notEnoughResponses, "would reveal the sixth person's 100 by subtraction")
            #expect(summaries[2].personal == .notEnoughResponses, "too few")
            // Another organisation's people never count, even if named.
            let mixed = try await store.wellbeing.summaries(
                in: pcn.id, groups: [("Four and an outsider", Set(workers.prefix(4).map(\.id)).union([outsider.id]))], from: from, to: to)
            #expect(mixed[0].personal == .notEnoughResponses)
            // Outside the period: nothing.
            let later = try await store.wellbeing.summaries(
                in: pcn.id, groups: [("Everyone", everyone)], from: CalendarDate(iso: "2026-04-01")!, to: CalendarDate(iso: "2026-04-30")!)
            #expect(later[0].personal == .notEnoughResponses)
        }
    }
}
