import Foundation
import LinkwellDomain
import LinkwellStore
import LinkwellTestSupport
import Testing

@Suite("Store contract: training")
struct TrainingStoreContractTests {
    @Test(
        "Required trainings, records with certificates byte for byte, and needs, each kept to its organisation and worker",
        arguments: TestBackend.allCases)
    func training(backend: TestBackend) async throws {
        try await backend.withStore { store, _ in
            let fixtures = StoreFixtures(store: store)
            let pcn = try await fixtures.organisation("Riverside PCN")
            let other = try await fixtures.organisation("Meadow PCN")
            let priya = try await fixtures.user("Priya Sharma", role: .linkWorker, in: pcn.id)
            let sam = try await fixtures.user("Sam Okafor", role: .linkWorker, in: pcn.id)
            let now = fixtures.clock.now()

            let safeguarding = RequiredTraining(
                id: RequiredTrainingID(), organisationID: pcn.id, title: "Safeguarding adults", renewMonths: 36)
            let induction = RequiredTraining(
                id: RequiredTrainingID(), organisationID: pcn.id, title: "Induction", renewMonths: nil)
            for requirement in [safeguarding, induction] {
                try await store.training.addRequirement(
                    requirement, at: now, audit: fixtures.audit(.trainingRequirementChanged, organisation: pcn.id))
            }
            #expect(try await store.training.requirements(in: pcn.id) == [induction, safeguarding], "by title")
            #expect(try await store.training.requirements(in: other.id).isEmpty)
            await #expect(throws: StoreError.notFound) {
                try await store.training.retireRequirement(
                    induction.id, in: other.id, at: now, audit: fixtures.audit(.trainingRequirementChanged))
            }
            try await store.training.retireRequirement(
                induction.id, in: pcn.id, at: now, audit: fixtures.audit(.trainingRequirementChanged))
            #expect(try await store.training.requirements(in: pcn.id) == [safeguarding])
            #expect(
                try await store.training.requirements(in: pcn.id, includingRetired: true) == [induction, safeguarding],
                "old records still count towards a retired requirement")

            let bytes: [UInt8] = Array("%PDF-1.7\n".utf8) + [0, 255, 13, 10, 0x89] + (0..<300).map { UInt8($0 % 256) }
            let older = TrainingRecord(
                id: TrainingRecordID(), organisationID: pcn.id, userID: priya.id, course: "Safeguarding adults level 2",
                provider: "Council",
                completedOn: CalendarDate(iso: "2025-02-01")!, hours: 7.5, expiresOn: nil,
                requirementID: safeguarding.id,
                certificateName: "cert.pdf")
            let newer = TrainingRecord(
                id: TrainingRecordID(), organisationID: pcn.id, userID: priya.id, course: "Motivational interviewing",
                provider: "",
                completedOn: CalendarDate(iso: "2026-01-15")!, hours: 3, expiresOn: CalendarDate(iso: "2028-01-15")!,
                requirementID: nil,
                certificateName: nil)
            try await store.training.record(
                older,
                certificate: TrainingCertificate(filename: "cert.pdf", contentType: "application/pdf", bytes: bytes),
                at: now,
                audit: fixtures.audit(.trainingRecorded, organisation: pcn.id))
            try await store.training.record(
                newer, certificate: nil, at: now, audit: fixtures.audit(.trainingRecorded, organisation: pcn.id))
            #expect(
                try await store.training.records(of: priya.id, in: pcn.id) == [newer, older],
                "newest first, the certificate named")
            #expect(try await store.training.records(of: sam.id, in: pcn.id).isEmpty)
            #expect(try await store.training.records(of: nil, in: pcn.id).count == 2)
            #expect(try await store.training.records(of: nil, in: other.id).isEmpty)
            let found = try #require(try await store.training.certificate(of: older.id, in: pcn.id))
            #expect(found.certificate.bytes == bytes)
            #expect(found.certificate.contentType == "application/pdf")
            #expect(found.record == older)
            #expect(
                try await store.training.certificate(of: older.id, in: other.id) == nil,
                "never through another organisation")
            #expect(try await store.training.certificate(of: newer.id, in: pcn.id) == nil, "no certificate")

            let bad = TrainingRecord(
                id: TrainingRecordID(), organisationID: pcn.id, userID: priya.id, course: "Backwards", provider: "",
                completedOn: CalendarDate(iso: "2026-01-15")!, hours: 3, expiresOn: CalendarDate(iso: "2026-01-01")!,
                requirementID: nil,
                certificateName: nil)
            await #expect(throws: (any Error).self, "the schema refuses an expiry before completion") {
                try await store.training.record(
                    bad, certificate: nil, at: now, audit: fixtures.audit(.trainingRecorded, organisation: pcn.id))
            }
            #expect(try await store.training.records(of: priya.id, in: pcn.id).count == 2, "nothing half-written")

            func need(_ who: User, _ skill: String, _ priority: TrainingPriority) -> TrainingNeed {
                TrainingNeed(
                    id: TrainingNeedID(), organisationID: pcn.id, userID: who.id, skill: skill, priority: priority,
                    why: "Because")
            }
            let low = need(priya, "Welfare benefits", .low)
            let high = need(priya, "Grief", .high)
            let samsNeed = need(sam, "Debt advice", .medium)
            for made in [low, high, samsNeed] {
                try await store.training.addNeed(
                    made, at: now, audit: fixtures.audit(.trainingNeedChanged, organisation: pcn.id))
            }
            #expect(try await store.training.needs(of: priya.id, in: pcn.id) == [high, low], "most pressing first")
            #expect(try await store.training.needs(of: nil, in: pcn.id).count == 3)
            #expect(try await store.training.needs(of: nil, in: other.id).isEmpty)
            await #expect(throws: StoreError.notFound, "only the worker removes their own") {
                try await store.training.removeNeed(
                    samsNeed.id, of: priya.id, in: pcn.id, audit: fixtures.audit(.trainingNeedChanged))
            }
            try await store.training.removeNeed(
                low.id, of: priya.id, in: pcn.id, audit: fixtures.audit(.trainingNeedChanged, organisation: pcn.id))
            #expect(try await store.training.needs(of: priya.id, in: pcn.id) == [high])
        }
    }
}
