import Foundation
import LinkwellDomain
import Testing

@Suite("Editing a directory entry: the form, its checks and its changes")
struct DirectoryEntryFormTests {
    static func walk() throws -> HSDS.Service {
        var service = HSDS.Service(id: "6f1c1c1e-5b8a-4d39-9a57-2a1f0c7f3b10", name: "Riverside Walking Group")
        service.description = "A gentle walk by the canal, then tea."
        service.minimumAge = 18
        var schedule = HSDS.Schedule(id: "0b0e0b8e-5d2c-4b3f-8c51-8f5c1a9a1b20")
        schedule.freq = "WEEKLY"
        schedule.byday = "TU"
        schedule.opensAt = "10:00:00"
        schedule.closesAt = "12:00:00"
        schedule.validFrom = "2026-01-01"
        service.schedules = [schedule]
        service.email = "walks@example.org"
        var language = HSDS.Language(id: "8d0f8a3a-2f0e-4c2e-9b7e-1c3d5e7f9a0b")
        language.name = "English"
        service.languages = [language]
        try DirectoryValidation.check(service)
        return service
    }

    @Test("The form shows a record, and saving it untouched gives back the same record")
    func roundTrip() throws {
        let service = try Self.walk()
        let form = DirectoryEntryForm(service)
        #expect(form.sessions == "Tuesday 10:00-12:00")
        #expect(form.minimumAge == "18")
        #expect(form.maximumAge == "")
        #expect(form.languages == "English")
        #expect(form.isFree)
        #expect(try form.applied(to: service) == service, "nothing the form does not show is lost, and no ID changes")
        #expect(DirectoryEntryForm.changes(from: form, to: form).isEmpty)
    }

    @Test("Changed fields are written into the record; the rest stay as the feed gave them")
    func changes() throws {
        let service = try Self.walk()
        var form = DirectoryEntryForm(service)
        form.sessions = "Tuesday 10:00-12:00\nSat 9:30-11"
        form.isFree = false
        form.fees = "£2 a walk, for the tea"
        form.languages = "English, Polish"
        form.phone = "0113 496 0000"
        let saved = try form.applied(to: service)
        #expect(saved.schedules?.map(\.byday) == ["TU", "SA"])
        #expect(saved.schedules?[1].opensAt == "09:30:00")
        #expect(saved.schedules?[1].closesAt == "11:00:00")
        #expect(saved.schedules?[0].validFrom == nil, "a rewritten schedule is what the form says")
        #expect(saved.fees == "£2 a walk, for the tea")
        #expect(DirectoryIndex(saved).isFree == false, "a charge now shows in search")
        #expect(saved.costOptions?.first?.amount == 2)
        #expect(saved.languages?.compactMap(\.name) == ["English", "Polish"])
        #expect(saved.phones?.first?.number == "0113 496 0000")
        #expect(saved.minimumAge == 18 && saved.email == "walks@example.org")
        try DirectoryValidation.check(saved)
        #expect(try form.applied(to: service) == saved, "the same form twice makes the same record (same IDs)")

        let lines = DirectoryEntryForm.changes(from: DirectoryEntryForm(service), to: form)
        #expect(lines.map(\.field) == ["Cost", "Free", "Languages", "Sessions", "Phone"])
        #expect(lines[2] == DirectoryFieldChange(field: "Languages", before: "English", after: "English, Polish"))

        var free = DirectoryEntryForm(saved)
        free.isFree = true
        free.fees = ""
        #expect(DirectoryIndex(try free.applied(to: saved)).isFree)
    }

    @Test("Every problem is named beside its field")
    func problems() throws {
        let service = try Self.walk()
        var form = DirectoryEntryForm(service)
        form.name = " "
        form.description = ""
        form.status = "open"
        form.minimumAge = "70"
        form.maximumAge = "12"
        form.isFree = false
        form.fees = "a small charge"
        form.email = "walks at example"
        form.url = "example.org"
        form.phone = "123"
        form.sessions = "Tuesday 10:00-12:00\nEvery other week"
        do {
            _ = try form.applied(to: service)
            Issue.record("a bad form was accepted")
        } catch {
            #expect(
                Set(error.errors.map(\.field)) == [
                    "name", "description", "status", "maximumAge", "fees", "email", "url", "phone", "sessions",
                ])
            #expect(error.message(for: "sessions")?.contains("Line 2") == true)
        }
        for (line, message) in [
            ("Tuesday", "give the time"), ("Tuesday 12:00-10:00", "after the start"),
            ("Funday 10:00", "start with a day"), ("Monday 25:00", "give the time"),
        ] {
            form = DirectoryEntryForm(service)
            form.sessions = line
            #expect(throws: ValidationFailure.self) { try form.applied(to: service) }
            do { _ = try form.applied(to: service) } catch {
                #expect(error.errors.first?.message.contains(message) == true, "\(line)")
            }
        }
        form = DirectoryEntryForm(service)
        form.minimumAge = "121"
        do { _ = try form.applied(to: service) } catch { #expect(error.errors.map(\.field) == ["minimumAge"]) }
    }

    @Test("A month on from the 31st is the month's last day; leap years count")
    func addingMonths() throws {
        let date = try #require(CalendarDate(year: 2027, month: 1, day: 31))
        #expect(date.adding(months: 1) == CalendarDate(year: 2027, month: 2, day: 28))
        #expect(
            CalendarDate(year: 2028, month: 1, day: 31)!.adding(months: 1)
                == CalendarDate(year: 2028, month: 2, day: 29))
        #expect(date.adding(months: 12) == CalendarDate(year: 2028, month: 1, day: 31))
        #expect(
            CalendarDate(year: 2026, month: 11, day: 15)!.adding(months: 3)
                == CalendarDate(year: 2027, month: 2, day: 15))
    }
}
