import Foundation
import LinkwellDomain
import Testing

/// The review's third finding: a NUL in a decline reason broke the audit
/// chain on SQLite, and most text fields gave a 500 on PostgreSQL. One rule
/// for all text that comes in removes control characters, the same on both.
@Suite("Control characters in what comes in")
struct ControlCharacterTests {
    @Test("Tab and line feed stay; carriage returns become line feeds; every other control character goes")
    func cleaned() {
        #expect(Text.cleaned("plain text, é, 🙂, עברית") == "plain text, é, 🙂, עברית")
        #expect(Text.cleaned("Full\u{0}") == "Full")
        #expect(Text.cleaned("a\r\nb\rc\nd\te") == "a\nb\nc\nd\te")
        #expect(Text.cleaned("\u{1B}[2J\u{7}\u{8}\u{7F}\u{80}\u{85}\u{9F}x") == "[2Jx")
        for value in UInt32(0)...0x9F {
            let scalar = Unicode.Scalar(value)!
            let kept = Text.cleaned("a\(Character(scalar))b")
            #expect(
                !kept.unicodeScalars.contains { $0.properties.generalCategory == .control && $0 != "\t" && $0 != "\n" },
                "U+\(String(value, radix: 16))")
        }
    }

    func decoded(_ json: String) throws -> String {
        let cleaned = JSONText.cleaned(Data(json.utf8))
        return try JSONDecoder().decode([String].self, from: cleaned)[0]
    }

    @Test("Inside a JSON document's strings, escaped and raw control characters go; the rest means the same")
    func json() throws {
        #expect(try decoded(#"["Full\u0000 stop"]"#) == "Full stop")
        #expect(try decoded(#"["a\r\nb\u000dc\bd\fe\u001bf\u007fg\u0085h"]"#) == "a\nb\ncdefgh")
        #expect(try decoded(#"["a\\u0000b"]"#) == #"a\u0000b"#, "an escaped backslash is not an escape")
        #expect(try decoded(#"["tab\there \"quoted\" é \u00e9 \ud83d\ude42"]"#) == "tab\there \"quoted\" é é 🙂")
        #expect(try decoded("[\"raw\ttab and\nline\u{85}\"]") == "raw\ttab and\nline")
        let untouched = Data(#"{"a": [1, 2.5, true, null, "x"]}"#.utf8)
        #expect(JSONText.cleaned(untouched) == untouched)
    }

    @Test("An email address with a control or format character is refused")
    func email() {
        for raw in [
            "sam\u{0}@example.org", "sam\u{7F}@example.org", "sa\u{200B}m@example.org", "sam\u{202E}@example.org",
        ] {
            #expect(throws: ValidationFailure.self) { try EmailAddress(raw) }
        }
    }
}
