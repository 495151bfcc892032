import Foundation
import LinkwellDomain
import Testing

@Suite("Link workers: training")
struct TrainingTests {
    let organisation = OrganisationID()
    let today = CalendarDate(iso: "2026-11-30")!

    func record(_ worker: UserID, completed: String, expires: String? = nil, for requirement: RequiredTraining?)
        -> TrainingRecord
    {
        TrainingRecord(
            id: TrainingRecordID(), organisationID: organisation, userID: worker, course: "Course", provider: "",
            completedOn: CalendarDate(iso: completed)!,
            hours: 3, expiresOn: expires.map { CalendarDate(iso: $0)! }, requirementID: requirement?.id,
            certificateName: nil)
    }

    @Test(
        "Coverage: missing, current, expiring within 60 days, expired; the renewal applies when a record has no expiry")
    func coverage() {
        let safeguarding = RequiredTraining(
            id: RequiredTrainingID(), organisationID: organisation, title: "Safeguarding adults", renewMonths: 36)
        let induction = RequiredTraining(
            id: RequiredTrainingID(), organisationID: organisation, title: "Induction", renewMonths: nil)
        let worker = UserID()
        #expect(TrainingCoverage.of([], requirement: safeguarding, today: today) == .missing)
        #expect(
            TrainingCoverage.of(
                [record(worker, completed: "2026-01-10", for: nil)], requirement: safeguarding, today: today)
                == .missing, "not linked")
        #expect(
            TrainingCoverage.of(
                [record(worker, completed: "2024-03-10", for: safeguarding)], requirement: safeguarding, today: today)
                == .current(until: CalendarDate(iso: "2027-03-10")!), "100 days left")
        #expect(
            TrainingCoverage.of(
                [record(worker, completed: "2024-01-10", for: safeguarding)], requirement: safeguarding, today: today)
                == .expiresSoon(on: CalendarDate(iso: "2027-01-10")!), "41 days left")
        #expect(
            TrainingCoverage.of(
                [record(worker, completed: "2023-06-01", for: safeguarding)], requirement: safeguarding, today: today)
                == .expired(since: CalendarDate(iso: "2026-06-01")!))
        #expect(
            TrainingCoverage.of(
                [
                    record(worker, completed: "2023-06-01", for: safeguarding),
                    record(worker, completed: "2026-06-01", for: safeguarding),
                ],
                requirement: safeguarding, today: today) == .current(until: CalendarDate(iso: "2029-06-01")!),
            "the latest counts")
        #expect(
            TrainingCoverage.of(
                [record(worker, completed: "2026-06-01", expires: "2026-12-01", for: safeguarding)],
                requirement: safeguarding, today: today)
                == .expiresSoon(on: CalendarDate(iso: "2026-12-01")!), "the record's own expiry comes first")
        #expect(
            TrainingCoverage.of(
                [record(worker, completed: "2019-01-01", for: induction)], requirement: induction, today: today)
                == .current(until: nil))
        #expect(TrainingCoverage.expiresSoon(on: today).counts && !TrainingCoverage.expired(since: today).counts)
    }

    @Test("The record form: every problem at once, beside its field")
    func recordForm() throws {
        let requirement = RequiredTraining(
            id: RequiredTrainingID(), organisationID: organisation, title: "Safeguarding adults", renewMonths: 36)
        var form = TrainingRecordForm()
        form.course = "  Safeguarding   adults level 2 "
        form.day = "3"
        form.month = "11"
        form.year = "2026"
        form.hours = "7.5"
        form.requirementID = requirement.id.description
        let checked = try form.validate(requirements: [requirement], today: today)
        #expect(checked.course == "Safeguarding adults level 2")
        #expect(checked.requirementID == requirement.id && checked.expiresOn == nil && checked.hours == 7.5)
        var bad = TrainingRecordForm()
        bad.day = "1"
        bad.month = "12"
        bad.year = "2026"
        bad.hours = "0"
        bad.expiryDay = "1"
        bad.expiryMonth = "1"
        bad.expiryYear = "2026"
        bad.requirementID = RequiredTrainingID().description
        do {
            _ = try bad.validate(requirements: [requirement], today: today)
            Issue.record("accepted")
        } catch {
            #expect(error.errors.map(\.field) == ["course", "day", "hours", "expiryDay", "requirementID"])
        }
    }

    @Test("Certificates: PDF, PNG or JPEG by their first bytes, at most 4 MB, the name kept only as a safe label")
    func certificates() throws {
        let pdf = Array("%PDF-1.7\n".utf8) + [0, 1, 2]
        let kept = try TrainingCertificate.validate(filename: "C:\\Users\\me\\..\\cert<script>.pdf", bytes: pdf)
        #expect(kept.contentType == "application/pdf")
        #expect(kept.filename == "certificate-certscript.pdf", "the path and the angle brackets dropped")
        #expect(
            try TrainingCertificate.validate(filename: "cert.html", bytes: pdf).filename == "certificate-cert.pdf",
            "named for what it is")
        #expect(try TrainingCertificate.validate(filename: "x.pdf.html", bytes: pdf).filename == "certificate-x.pdf")
        #expect(
            try TrainingCertificate.validate(filename: "a.png", bytes: [0x89, 0x50, 0x4E, 0x47, 0x0D]).contentType
                == "image/png")
        #expect(
            try TrainingCertificate.validate(filename: "", bytes: [0xFF, 0xD8, 0xFF, 0xE0]).filename
                == "certificate.jpg")
        #expect(throws: ValidationFailure.self, "an HTML page named .pdf") {
            try TrainingCertificate.validate(filename: "cert.pdf", bytes: Array("<html><script>".utf8))
        }
        #expect(throws: ValidationFailure.self) {
            try TrainingCertificate.validate(
                filename: "big.pdf",
                bytes: Array("%PDF-".utf8) + [UInt8](repeating: 0, count: TrainingCertificate.maximumBytes))
        }
    }

    @Test(
        "Needs add up by skill, whatever the case or spacing, counting people, most wanted first; rare skills only as 'Other skills'"
    )
    func needs() throws {
        let (ann, ben, cas) = (UserID(), UserID(), UserID())
        func need(_ who: UserID, _ skill: String, _ priority: TrainingPriority) -> TrainingNeed {
            TrainingNeed(
                id: TrainingNeedID(), organisationID: organisation, userID: who, skill: skill, priority: priority,
                why: "")
        }
        let summary = TrainingNeedSummary.of(
            [
                need(ann, "DEBT advice", .high), need(ben, "debt  advice", .low), need(cas, "Debt Advice", .high),
                need(ann, "Grief", .medium),
                need(ann, "Debt advice", .medium), need(ben, "Sign language", .high),
            ], minimumPeople: 3)
        #expect(
            summary.map(\.skill) == ["Debt advice", "Other skills"],
            "tidied, not as anyone typed it; grief and signing folded away")
        #expect(summary.map(\.people) == [3, 2])
        #expect(summary.map(\.highPriority) == [2, 1])
        #expect(throws: ValidationFailure.self) { try TrainingNeed.validate(skill: "", priority: "urgent", why: "") }
        #expect(
            try TrainingNeed.validate(
                skill: "Motivational interviewing", priority: "high", why: " Stuck with some people \r\n "
            ).why == "Stuck with some people")
        #expect(throws: ValidationFailure.self) { try RequiredTraining.validate(title: "First aid", renewMonths: "0") }
        #expect(try RequiredTraining.validate(title: "First aid", renewMonths: "").renewMonths == nil)
    }
}
