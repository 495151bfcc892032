import Foundation
import LinkwellDomain
import Testing

/// What reviewers send to make a server trap: values past `Int.max`, what
/// `Double` reads as infinity or NaN, other scripts' digits, exponents and
/// hexadecimal. Every number from a request goes through `NumberText`.
@Suite("Numbers from a request are read strictly and bounded")
struct HostileNumberTests {
    static let hostile = [
        "", " ", "-", "+", ".", "..", "1.2.3", "9223372036854775807", "9223372036854775808", "-9223372036854775808",
        "99999999999999999999", "1e400", "1e3", "-1e400", "inf", "-inf", "infinity", "nan", "NaN", "0x10", "0x1p3",
        "١٢", "１２", "12a", "a12", "1,000", "1 000", "--1", "+-1", "\u{0}1", "1\u{0}", "🙂", "\u{202E}12",
    ]

    @Test("A whole number is plain ASCII digits within the range asked for", arguments: hostile)
    func wholeRefuses(text: String) {
        #expect(NumberText.whole(text, in: 0...1_000_000) == nil)
    }

    @Test("Whole numbers that are fine read as typed")
    func wholeAccepts() {
        #expect(NumberText.whole("12", in: 1...50) == 12)
        #expect(NumberText.whole(" 7 ", in: 1...50) == 7)
        #expect(NumberText.whole("+7", in: 1...50) == 7)
        #expect(NumberText.whole("-3", in: -5...5) == -3)
        #expect(NumberText.whole("-3", in: 0...5) == nil, "below the range")
        #expect(NumberText.whole("51", in: 1...50) == nil, "above the range")
        #expect(NumberText.whole("007", in: 1...50) == 7)
    }

    @Test("A decimal is never NaN, infinity, an exponent or hexadecimal", arguments: hostile)
    func decimalRefuses(text: String) {
        #expect(NumberText.decimal(text, in: -1e9...1e9) == nil)
    }

    @Test("Decimals that are fine read as typed, to the places allowed")
    func decimalAccepts() {
        #expect(NumberText.decimal("37.5", in: 1...60) == 37.5)
        #expect(NumberText.decimal(".5", in: 0...1) == 0.5)
        #expect(NumberText.decimal("7.", in: 0...10) == 7)
        #expect(NumberText.decimal("2.505", in: 0...10, places: 2) == nil)
        #expect(NumberText.decimal("61", in: 1...60) == nil)
    }

    @Test("Dates typed in parts are whole numbers in range")
    func dates() throws {
        for (day, month, year) in [
            ("9223372036854775807", "1", "2020"), ("1", "1e1", "2020"), ("1", "1", "２０２０"), ("nan", "1", "2020"),
        ] {
            #expect(throws: ValidationFailure.self) {
                try CalendarDate.parse(day: day, month: month, year: year, what: "the date")
            }
        }
        #expect(try CalendarDate.parse(day: "27", month: "3", year: "1948", what: "the date").iso == "1948-03-27")
    }

    @Test("Adding months never loops or traps, whatever the count")
    func months() throws {
        let date = try #require(CalendarDate(iso: "2026-01-31"))
        #expect(date.adding(months: 1).iso == "2026-02-28")
        #expect(date.adding(months: -13).iso == "2024-12-31")
        _ = date.adding(months: .max)
        _ = date.adding(months: .min)
    }

    @Test("Scores that no definition may hold are still shown, never trapped on")
    func formatting() {
        #expect(InstrumentDefinition.format(3) == "3")
        #expect(InstrumentDefinition.format(2.5) == "2.5")
        #expect(InstrumentDefinition.format(1e300) == "1e+300")
        #expect(InstrumentDefinition.format(.infinity) == "inf")
        #expect(InstrumentDefinition.format(.nan) == "—")
        #expect(InstrumentDefinition.format(-9.3e18) == "-9.3e+18")
    }
}

@Suite("Numbers inside imported and pasted documents are bounded too")
struct HostileDocumentNumberTests {
    static let valid = """
        {"id": "mine", "title": "Mine", "version": "1", "licence": "Ours", "direction": "higher-is-better",
         "items": [{"id": "q1", "text": "How are you?", "options": [{"value": 1, "label": "Bad"}, {"value": 2, "label": "Good"}]}],
         "scoring": {"rule": "sum", "minimum_answered": 1}}
        """

    func refusal(_ json: String) -> String? {
        do {
            _ = try InstrumentDefinition.parse(Data(json.utf8), file: "mine.json")
            return nil
        } catch {
            return error.field
        }
    }

    @Test("An instrument's lookup scores, bands and meaningful change must be sane numbers")
    func instrumentNumbers() {
        #expect(refusal(Self.valid) == nil)
        let lookup = Self.valid.replacingOccurrences(
            of: #""rule": "sum""#, with: #""rule": "lookup", "table": {"1": 1e300, "2": 3}"#)
        #expect(refusal(lookup) == "scoring.table")
        let bands = Self.valid.replacingOccurrences(
            of: "}}", with: #"}, "bands": [{"from": -1e308, "to": 1e308, "label": "x"}]}"#)
        #expect(refusal(bands) == "bands[0]")
        let change = Self.valid.replacingOccurrences(of: "}}", with: #"}, "meaningful_change": 1e300}"#)
        #expect(refusal(change) == "meaningful_change")
        let wide = Self.valid.replacingOccurrences(
            of: #"{"value": 2, "label": "Good"}"#, with: #"{"value": 1000000, "label": "Good"}"#
        )
        .replacingOccurrences(of: #""rule": "sum""#, with: #""rule": "lookup", "table": {"1": 1}"#)
        #expect(refusal(wide) == "scoring.table", "a lookup over a million raw totals is refused before it is walked")
    }

    @Test("A legacy schedule's month day outside -31 to 31 is dropped, not trapped on")
    func legacyMonthDay() throws {
        let json = """
            {"id": "1", "name": "Club", "description": "A club",
             "regular_schedules": [{"id": "s1", "freq": "monthly", "bymonthday": 1e19}, {"id": "s2", "freq": "monthly", "bymonthday": 15}]}
            """
        let old = try JSONDecoder().decode(LegacyORUK.Service.self, from: Data(json.utf8))
        let converted = LegacyORUK.convert(old)
        #expect(converted.schedules?.map(\.bymonthday) == [nil, "15"])
    }

    @Test("A cost far beyond any price is a problem with the record, never a trap")
    func costAmount() throws {
        var service = HSDS.Service(id: "8d3f1c2a-5b6e-4f70-9a81-b2c3d4e5f601", name: "Club", status: "active")
        service.description = "A club"
        var option = HSDS.CostOption(id: "8d3f1c2a-5b6e-4f70-9a81-b2c3d4e5f602")
        option.amount = 9.3e18
        service.costOptions = [option]
        #expect(throws: ValidationFailure.self) { try DirectoryValidation.check(service) }
    }
}
