import Foundation
import LinkwellDomain
import LinkwellStore
import LinkwellTestSupport
import Testing

@Suite("Store contract: outcomes")
struct OutcomeStoreContractTests {
    func measurement(
        _ referral: ReferralWithPerson, instrument: String = "ucla-3", occasion: OutcomeOccasion = .baseline,
        score: Double? = 8,
        on day: String = "2026-03-02", fixtures: StoreFixtures
    ) -> OutcomeMeasurement {
        OutcomeMeasurement(
            id: OutcomeMeasurementID(), organisationID: referral.referral.organisationID, personID: referral.person.id,
            referralID: referral.referral.id, instrumentID: instrument, instrumentVersion: "2004", occasion: occasion,
            answers: ["companionship": 3, "left-out": 2, "isolated": 3], score: score,
            handedOver: occasion == .followUp,
            takenOn: CalendarDate(iso: day)!, recordedByName: "Priya Sharma", recordedAt: fixtures.clock.now())
    }

    @Test(
        "Measurements are kept with their answers, score and audit event, oldest first, never across organisations",
        arguments: TestBackend.allCases)
    func measurements(backend: TestBackend) async throws {
        try await backend.withStore { store, _ in
            let fixtures = StoreFixtures(store: store)
            let pcn = try await fixtures.organisation("Riverside PCN")
            let meadow = try await fixtures.organisation("Meadow PCN")
            let worker = try await fixtures.user("Priya Sharma", role: .linkWorker, in: pcn.id)
            let referral = try await fixtures.referral(in: pcn.id)
            let actor = Actor(userID: worker.id, name: worker.name)
            let before = try await fixtures.auditTrail().count
            let follow = measurement(referral, occasion: .followUp, score: 5, on: "2026-05-25", fixtures: fixtures)
            let baseline = measurement(referral, fixtures: fixtures)
            let unscored = measurement(
                referral, instrument: "swemwbs", score: nil, on: "2026-03-03", fixtures: fixtures)
            for made in [follow, baseline, unscored] {
                try await store.outcomes.record(
                    made, by: actor, audit: fixtures.audit(.outcomeRecorded, organisation: pcn.id))
            }
            #expect(try await fixtures.auditTrail().count == before + 3)
            let read = try await store.outcomes.measurements(of: referral.person.id, in: pcn.id)
            #expect(read.map(\.id) == [baseline.id, unscored.id, follow.id])
            #expect(read.first == baseline)
            #expect(read[1].score == nil)
            #expect(read[2].handedOver)
            #expect(try await store.outcomes.measurements(of: referral.person.id, in: meadow.id).isEmpty)
            let days = try await store.outcomes.measurementDays(of: [referral.referral.id, ReferralID()], in: pcn.id)
            #expect(days.count == 1)
            #expect(
                days[referral.referral.id]?.first.iso == "2026-03-02"
                    && days[referral.referral.id]?.latest.iso == "2026-05-25")

            // Another organisation's referral, or a person it is not about: refused, nothing written.
            var elsewhere = measurement(referral, fixtures: fixtures)
            elsewhere = OutcomeMeasurement(
                id: elsewhere.id, organisationID: meadow.id, personID: elsewhere.personID,
                referralID: elsewhere.referralID,
                instrumentID: "ucla-3", instrumentVersion: "2004", occasion: .baseline, answers: [:], score: nil,
                handedOver: false,
                takenOn: elsewhere.takenOn, recordedByName: "X", recordedAt: elsewhere.recordedAt)
            await #expect(throws: StoreError.notFound) {
                try await store.outcomes.record(
                    elsewhere, by: actor, audit: fixtures.audit(.outcomeRecorded, organisation: meadow.id))
            }
            #expect(try await fixtures.auditTrail().count == before + 3)
        }
    }

    @Test(
        "An organisation's own instrument definitions are added, replaced with a version check, and its own",
        arguments: TestBackend.allCases)
    func instruments(backend: TestBackend) async throws {
        try await backend.withStore { store, _ in
            let fixtures = StoreFixtures(store: store)
            let pcn = try await fixtures.organisation("Riverside PCN")
            let meadow = try await fixtures.organisation("Meadow PCN")
            let admin = try await fixtures.user("Chris Walker", role: .administrator, in: pcn.id)
            let actor = Actor(userID: admin.id, name: admin.name)
            try await store.outcomes.saveInstrument(
                "swemwbs", document: "{\"v\":1}", in: pcn.id, expectedVersion: 0, at: fixtures.clock.now(), by: actor,
                audit: fixtures.audit(.instrumentAdded, organisation: pcn.id))
            await #expect(throws: StoreError.versionConflict(currentVersion: 1)) {
                try await store.outcomes.saveInstrument(
                    "swemwbs", document: "{\"v\":2}", in: pcn.id, expectedVersion: 0, at: fixtures.clock.now(),
                    by: actor,
                    audit: fixtures.audit(.instrumentAdded, organisation: pcn.id))
            }
            try await store.outcomes.saveInstrument(
                "swemwbs", document: "{\"v\":2}", in: pcn.id, expectedVersion: 1, at: fixtures.clock.now(), by: actor,
                audit: fixtures.audit(.instrumentAdded, organisation: pcn.id))
            let added = try await store.outcomes.addedInstruments(in: pcn.id)
            #expect(added["swemwbs"]?.document == "{\"v\":2}")
            #expect(added["swemwbs"]?.version == 2)
            #expect(added["swemwbs"]?.addedByName == "Chris Walker")
            #expect(try await store.outcomes.addedInstruments(in: meadow.id).isEmpty)
        }
    }
}
