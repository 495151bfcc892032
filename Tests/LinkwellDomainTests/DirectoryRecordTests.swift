import Foundation
import LinkwellDomain
import Testing

@Suite("Directory records (HSDS 3.0, UK profile)")
struct DirectoryRecordTests {
    static func example() throws -> Data {
        let url = try #require(Bundle.module.url(forResource: "Standards/oruk-service-full", withExtension: "json"))
        return try Data(contentsOf: url)
    }

    @Test("The standard's own example reads, passes our checks, and writes back as the same JSON")
    func roundTrip() throws {
        let original = try Self.example()
        let service = try HSDS.decoder().decode(HSDS.Service.self, from: original)
        #expect(service.name == "Community Counselling")
        #expect(service.serviceAtLocations?.first?.location?.addresses?.first?.address1 == "1-30 Main Street")
        try DirectoryValidation.check(service)

        let written = try HSDS.encoder().encode(service)
        let before = try JSONSerialization.jsonObject(with: original) as! NSDictionary
        let after = try JSONSerialization.jsonObject(with: written) as! NSDictionary
        #expect(after == before, "every field of the example survives, under its own name")
    }

    @Test("Bad records are refused with the path and reason of every problem")
    func problems() throws {
        var service = try HSDS.decoder().decode(HSDS.Service.self, from: Self.example())
        service.id = "42"
        service.description = "  "
        service.status = "open"
        service.email = "not an email"
        service.url = "www.example.org"
        service.lastModified = "yesterday"
        service.minimumAge = 60
        service.maximumAge = 18
        service.schedules?[0].opensAt = "10am"
        service.schedules?[0].byday = "MO,XX"
        do {
            try DirectoryValidation.check(service)
            Issue.record("a bad record was accepted")
        } catch {
            let fields = Set(error.errors.map(\.field))
            #expect(
                fields == [
                    "id", "description", "status", "email", "url", "last_modified", "maximum_age",
                    "schedules[0].opens_at",
                    "schedules[0].byday",
                ])
            #expect(error.message(for: "id") == "must be a UUID (was \"42\")")
        }
    }

    @Test("Dates, times and days are read the ways feeds write them")
    func formats() {
        #expect(DirectoryValidation.minutes(ofTime: "10:30") == 630)
        #expect(DirectoryValidation.minutes(ofTime: "10:30:00") == 630)
        #expect(DirectoryValidation.minutes(ofTime: "09:00:00Z") == 540)
        #expect(DirectoryValidation.minutes(ofTime: "9am") == nil)
        #expect(DirectoryValidation.minutes(ofTime: "25:00") == nil)
        #expect(DirectoryDay("TU") == .tuesday)
        #expect(DirectoryDay("tuesday") == .tuesday)
        #expect(DirectoryDay("Sat") == .saturday)
        #expect(DirectoryDay("1MO") == .monday, "monthly positions are days too")
        #expect(DirectoryDay("X") == nil)
        #expect(DirectoryDay.parseList("MO, WE,MO") == [.monday, .wednesday])
        #expect(DirectoryDay.parseList("MO,XX") == nil)
    }

    @Test("The index carries sessions, places, terms and cost")
    func index() throws {
        let service = try HSDS.decoder().decode(HSDS.Service.self, from: Self.example())
        let index = DirectoryIndex(service)
        #expect(index.sessions.contains(DirectoryIndex.Session(day: .thursday, opens: 600, closes: 1080)))
        #expect(index.sessions.contains(DirectoryIndex.Session(day: .friday, opens: 600, closes: 1080)))
        #expect(service.serviceAtLocations?.first?.location?.latitude == 100, "the example's place is impossible…")
        #expect(index.places.first?.latitude == nil, "…so it is left off the map")
        var moved = service
        moved.serviceAtLocations?[0].location?.latitude = 53.8
        moved.serviceAtLocations?[0].location?.longitude = -1.55
        #expect(DirectoryIndex(moved).places.first?.latitude == 53.8)
        #expect(index.places.first?.postcode == "ABC 1234")
        #expect(!index.terms.isEmpty)
        #expect(index.organizationName == service.organization?.name)

        var free = HSDS.Service(id: UUID().uuidString, name: "Lunch club")
        #expect(DirectoryIndex(free).isFree)
        var option = HSDS.CostOption(id: UUID().uuidString)
        option.amount = 2.5
        free.costOptions = [option]
        #expect(!DirectoryIndex(free).isFree)
    }
}

@Suite("Forgiving typos")
struct SpellingTests {
    let vocabulary = [
        "walking", "walk", "choir", "debt", "advice", "befriending", "lunch", "club", "singing", "swimming",
    ]

    @Test("A word one or two keystrokes off finds the right one; short words and far-off words do not")
    func corrections() {
        #expect(Spelling.corrections(of: "wlaking", in: vocabulary) == ["walking"], "two letters swapped")
        #expect(Spelling.corrections(of: "choire", in: vocabulary) == ["choir"], "one letter too many")
        #expect(Spelling.corrections(of: "befrending", in: vocabulary) == ["befriending"], "one letter missing")
        #expect(Spelling.corrections(of: "swiming", in: vocabulary) == ["swimming"])
        #expect(Spelling.corrections(of: "advise", in: vocabulary) == ["advice"])
        #expect(Spelling.corrections(of: "clb", in: vocabulary) == [], "short words are not guessed at")
        #expect(Spelling.corrections(of: "gardening", in: vocabulary) == [])
        #expect(Spelling.corrections(of: "walking", in: vocabulary) == [], "a known word needs no correction")
    }
}

@Suite("Days counted from 1970")
struct DaysSince1970Tests {
    /// From 1600: before the Gregorian reform of 1582 Foundation's calendar is
    /// Julian, while the arithmetic is proleptic Gregorian (no one Linkwell
    /// records was born then).
    @Test("Arithmetic days agree with the Gregorian calendar, before and after 1970 and across leap years")
    func agreesWithCalendar() {
        for days in stride(from: -135_000, through: 800_000, by: 997) + [-1, 0, 1, 59, 60, 789, 11_016, 20_513, 20_514]
        {
            let date = Date(timeIntervalSince1970: Double(days) * 86_400)
            #expect(CalendarDate(daysSince1970: days) == CalendarDate(date, in: .gmt), "\(days)")
        }
    }
}

@Suite("Web addresses in directory records")
struct DirectoryAddressTests {
    @Test("Addresses are refused for the same reasons whether they are ASCII or not")
    func addresses() {
        func accepted(_ url: String) -> Bool {
            var service = HSDS.Service(id: "6f1c1c1e-5b8a-4d39-9a57-2a1f0c7f3b10", name: "Walk")
            service.description = "A walk"
            service.url = url
            return (try? DirectoryValidation.check(service)) != nil
        }
        for good in [
            "https://example.org/a?b=c#d", "http://example.org", "mailto:walks@example.org", "urn:isbn:0451450523",
            "https://exämple.org/ä", "h2+x.y-z:rest",
        ] {
            #expect(accepted(good), "\(good)")
        }
        for bad in [
            "www.example.org", "https://exa mple.org", "https://example.org/<x>", "1http://x", ":x", "http:",
            "ht tp://x",
            "https://example.org/{x}", "https://example.org/\u{00A0}x", "https://ex\tample.org", "https://ä.org/a b",
            "https://x.org/`",
        ] {
            #expect(!accepted(bad), "\(bad)")
        }
    }
}

@Suite("Identifiers in directory records")
struct DirectoryIdentifierTests {
    @Test("IDs must be UUIDs: 8-4-4-4-12 hexadecimal digits, either case, nothing around them")
    func uuids() {
        func accepted(_ id: String) -> Bool {
            var service = HSDS.Service(id: id, name: "Walk")
            service.description = "A walk"
            return (try? DirectoryValidation.check(service)) != nil
        }
        let cases = [
            "6f1c1c1e-5b8a-4d39-9a57-2a1f0c7f3b10", "6F1C1C1E-5B8A-4D39-9A57-2A1F0C7F3B10",
            "00000000-0000-0000-0000-000000000000",
            "6f1c1c1e-5b8a-4d39-9a57-2a1f0c7f3b1", "6f1c1c1e-5b8a-4d39-9a57-2a1f0c7f3b100",
            "6f1c1c1e5b8a-4d39-9a57-2a1f0c7f3b10-",
            "6f1c1c1e-5b8a-4d39-9a57-2a1f0c7f3b1g", "6f1c1c1e_5b8a_4d39_9a57_2a1f0c7f3b10",
            "{6f1c1c1e-5b8a-4d39-9a57-2a1f0c7f3b1}",
            "6f1c1c1é-5b8a-4d39-9a57-2a1f0c7f3b1", " 6f1c1c1e-5b8a-4d39-9a57-2a1f0c7f3b1", "", "walk",
        ]
        // The first three are UUIDs. (Foundation's parser, which the check once
        // used, is laxer: it takes a last group one digit short, after a space.)
        for (index, id) in cases.enumerated() {
            #expect(accepted(id) == (index < 3), "\(id)")
        }
    }
}

@Suite("Canonical JSON: the same bytes as Foundation's sorted-keys encoder")
struct CanonicalJSONTests {
    func foundation<T: Encodable>(_ value: T) throws -> String {
        String(decoding: try HSDS.encoder().encode(value), as: UTF8.self)
    }

    @Test("The standard's full example encodes to the same text")
    func example() throws {
        let service = try HSDS.decoder().decode(HSDS.Service.self, from: try DirectoryRecordTests.example())
        #expect(try CanonicalJSON.string(service) == foundation(service))
        #expect(try CanonicalJSON.string(service).count > 2000, "the example is a whole record")
    }

    @Test("Awkward strings and numbers are written as Foundation writes them")
    func awkward() throws {
        let controls = String(decoding: (0..<0x20).map { UInt8($0) } + [0x7F], as: UTF8.self)
        let strings = [
            controls, "quote \" backslash \\ slash / https://x.org/a", "ünïcödé 日本 🚶‍♀️ \u{2028}\u{2029}", "", "plain",
        ]
        for text in strings {
            var service = HSDS.Service(id: "6f1c1c1e-5b8a-4d39-9a57-2a1f0c7f3b10", name: text)
            service.description = text
            #expect(try CanonicalJSON.string(service) == foundation(service), "\(text.debugDescription)")
        }
        let numbers: [Double] = [
            0, -0.0, 1, -1, 1.5, 0.1, 53.80, -1.55, 1e21, 1e22, 1e-7, 123_456_789_012_345_678, 0.000_001, 2.5e-300, .pi,
        ]
        for number in numbers {
            var service = HSDS.Service(id: "6f1c1c1e-5b8a-4d39-9a57-2a1f0c7f3b10", name: "n")
            service.minimumAge = number
            #expect(try CanonicalJSON.string(service) == foundation(service), "\(number)")
        }
        #expect(throws: EncodingError.self) {
            var service = HSDS.Service(id: "6f1c1c1e-5b8a-4d39-9a57-2a1f0c7f3b10", name: "n")
            service.minimumAge = .nan
            return try CanonicalJSON.string(service)
        }
    }

    @Test("Arrays, nested containers, super encoders and repeated keys are handled as Foundation does")
    func shapes() throws {
        struct Odd: Encodable {
            enum Keys: String, CodingKey { case b, a, super_ = "super", inner, list }
            func encode(to encoder: any Encoder) throws {
                var container = encoder.container(keyedBy: Keys.self)
                try container.encode(1, forKey: .b)
                try container.encode("first", forKey: .a)
                try container.encode("second", forKey: .a)
                var inner = container.nestedContainer(keyedBy: Keys.self, forKey: .inner)
                try inner.encodeNil(forKey: .b)
                try inner.encode(true, forKey: .a)
                var list = container.nestedUnkeyedContainer(forKey: .list)
                try list.encode([1.5, 2])
                try list.encode(["x": 1])
                let later = container.superEncoder()
                var single = later.singleValueContainer()
                try single.encode("parent")
            }
        }
        #expect(try CanonicalJSON.string(Odd()) == foundation(Odd()))
        #expect(try CanonicalJSON.string([String]()) == foundation([String]()))
    }
}

@Suite("Languages and access needs in the directory index")
struct DirectoryKeysTests {
    @Test("Access needs are recognised from the words places use; languages by name and code")
    func keys() {
        #expect(DirectoryAccess.met(by: ["Ramp at the side entrance"]) == [.stepFree])
        #expect(
            DirectoryAccess.met(by: ["Wheelchair users welcome", "Induction loop at reception"]) == [
                .stepFree, .hearingLoop,
            ])
        #expect(DirectoryAccess.met(by: ["Disabled toilet on the ground floor"]) == [.accessibleToilet])
        #expect(DirectoryAccess.met(by: ["Up two flights of stairs", ""]) == [])
        #expect(DirectoryAccess.met(by: ["The hall is a bit cramped"]) == [], "whole words only")
        #expect(
            DirectoryAccess.met(by: ["No wheelchair access, sorry", "There isn't an accessible toilet"]) == [],
            "said not to be there")
        #expect(DirectoryAccess.met(by: ["No steps to the door but no hearing loop"]) == [.stepFree])
        #expect(DirectoryAccess.met(by: ["Ramp at the side entrance; the lift is not working"]) == [.stepFree])
        var service = HSDS.Service(id: "6f1c1c1e-5b8a-4d39-9a57-2a1f0c7f3b10", name: "Advice")
        service.languages = [
            HSDS.Language(id: "6f1c1c1e-5b8a-4d39-9a57-2a1f0c7f3b11"),
            HSDS.Language(id: "6f1c1c1e-5b8a-4d39-9a57-2a1f0c7f3b12"),
        ]
        service.languages?[0].name = "British Sign Language"
        service.languages?[0].code = "BSL"
        service.languages?[1].code = "pl"
        let keys = DirectoryIndex(service).keyTexts
        #expect(keys.languages == "|british sign language|bsl|pl|")
        #expect(keys.access == "||")
        #expect(keys.languages.contains(DirectoryKeys.needle(" Bsl")))
        #expect(!keys.languages.contains(DirectoryKeys.needle("sign")))
    }
}
