import Foundation
import LinkwellDomain
import LinkwellStore
import LinkwellTestSupport
import Testing

@Suite("Store contract: unmet needs")
struct UnmetNeedStoreContractTests {
    @Test(
        "Unmet needs are kept with their audit event, listed by person and by organisation, never across organisations",
        arguments: TestBackend.allCases)
    func recordAndList(backend: TestBackend) async throws {
        try await backend.withStore { store, _ in
            let fixtures = StoreFixtures(store: store)
            let riverside = try await fixtures.organisation("Riverside PCN")
            let meadow = try await fixtures.organisation("Meadow PCN")
            let worker = try await fixtures.user("Priya Sharma", in: riverside.id)
            let referral = try await fixtures.referral(in: riverside.id)
            func unmet(_ need: String, _ area: String) -> UnmetNeed {
                UnmetNeed(
                    id: UnmetNeedID(), organisationID: riverside.id, personID: referral.person.id, need: need,
                    area: area, note: "",
                    recordedAt: fixtures.clock.now(), recordedByName: "Priya Sharma")
            }
            let start = fixtures.clock.now()
            try await store.unmetNeeds.record(
                unmet("bereavement", "RV2"), recordedBy: worker.id, audit: fixtures.audit(.unmetNeedRecorded))
            fixtures.clock.advance(by: 60)
            try await store.unmetNeeds.record(
                unmet("money", "RV3"), recordedBy: worker.id, audit: fixtures.audit(.unmetNeedRecorded))

            #expect(
                try await store.unmetNeeds.unmetNeeds(of: referral.person.id, in: riverside.id).map(\.need) == [
                    "money", "bereavement",
                ])
            #expect(
                try await store.unmetNeeds.unmetNeeds(in: riverside.id, since: start).map(\.area) == ["RV3", "RV2"])
            #expect(
                try await store.unmetNeeds.unmetNeeds(in: riverside.id, since: start.addingTimeInterval(30)).count == 1)
            #expect(try await store.unmetNeeds.unmetNeeds(in: meadow.id, since: start).isEmpty)
            #expect(try await store.unmetNeeds.unmetNeeds(of: referral.person.id, in: meadow.id).isEmpty)
            #expect(try await fixtures.auditTrail().filter { $0.entry.action == .unmetNeedRecorded }.count == 2)

            // A person of another organisation cannot be given one: nothing is written, not even the audit event.
            var stray = unmet("housing", "RV1")
            stray = UnmetNeed(
                id: stray.id, organisationID: meadow.id, personID: stray.personID, need: "housing", area: "RV1",
                note: "",
                recordedAt: stray.recordedAt, recordedByName: "Priya Sharma")
            let before = try await fixtures.auditTrail().count
            await #expect(throws: (any Error).self) {
                try await store.unmetNeeds.record(
                    stray, recordedBy: worker.id, audit: fixtures.audit(.unmetNeedRecorded))
            }
            #expect(try await fixtures.auditTrail().count == before)
        }
    }
}
