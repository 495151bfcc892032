/// Numbers as people type them into forms and addresses, read strictly and
/// bounded before anything is done with them.
///
/// Swift's own `Int(_:)` and `Double(_:)` accept more than a person means:
/// `Double` reads "nan", "inf", "1e400" (infinity), "0x1p3" (8); `Int` reads
/// numbers near `Int.max` whose next sum or product traps and stops the
/// server. Every number read from a request goes through here instead, so
/// what comes out is plain decimal digits within the range the caller names.
public enum NumberText {
    /// Digits beyond this are refused before converting: no range we use needs more.
    static let maximumDigits = 15

    /// A whole number in ASCII digits, with a leading "-" only if `range`
    /// allows negatives, within `range`; else nil. Surrounding whitespace is ignored.
    public static func whole(_ text: String, in range: ClosedRange<Int>) -> Int? {
        var digits = Substring(text.trimmingWhitespace())
        let negative = digits.first == "-"
        if negative || digits.first == "+" { digits = digits.dropFirst() }
        guard !digits.isEmpty, digits.count <= maximumDigits, digits.allSatisfy(\.isASCIIDigit),
            let magnitude = Int(digits)
        else { return nil }
        let value = negative ? -magnitude : magnitude
        return range.contains(value) ? value : nil
    }

    /// A decimal such as "7", "7.5" or ".5", in ASCII digits with at most
    /// `places` decimals, within `range`; else nil. Never NaN, infinity, an
    /// exponent or hexadecimal.
    public static func decimal(_ text: String, in range: ClosedRange<Double>, places: Int = 6) -> Double? {
        var body = Substring(text.trimmingWhitespace())
        let negative = body.first == "-"
        if negative || body.first == "+" { body = body.dropFirst() }
        let parts = body.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
        let whole = parts[0]
        let fraction = parts.count > 1 ? parts[1] : ""
        guard !(whole.isEmpty && fraction.isEmpty), whole.count <= maximumDigits, fraction.count <= places,
            whole.allSatisfy(\.isASCIIDigit), fraction.allSatisfy(\.isASCIIDigit),
            parts.count == 1 || !fraction.isEmpty || !whole.isEmpty,
            let magnitude = Double("\(whole.isEmpty ? "0" : whole).\(fraction.isEmpty ? "0" : fraction)")
        else { return nil }
        let value = negative ? -magnitude : magnitude
        return range.contains(value) ? value : nil
    }
}

extension NumberText {
    /// A number as programs write one (JSON's grammar: "12", "0.5",
    /// "1e-05", "2.5E+2"), within `range`; else nil. For APIs, whose
    /// clients serialise numbers so. Still never NaN or infinity, never
    /// hexadecimal, never another script's digits, never past `range`.
    public static func number(_ text: String, in range: ClosedRange<Double>) -> Double? {
        let text = text.trimmingWhitespace()
        guard !text.isEmpty, text.count <= 40, isJSONNumber(text), let value = Double(text), value.isFinite,
            range.contains(value)
        else { return nil }
        return value
    }

    static func isJSONNumber(_ text: String) -> Bool {
        var characters = Substring(text)
        if characters.first == "-" { characters = characters.dropFirst() }
        let integer = characters.prefix(while: \.isASCIIDigit)
        guard !integer.isEmpty else { return false }
        characters = characters.dropFirst(integer.count)
        if characters.first == "." {
            let fraction = characters.dropFirst().prefix(while: \.isASCIIDigit)
            guard !fraction.isEmpty else { return false }
            characters = characters.dropFirst(1 + fraction.count)
        }
        if characters.first == "e" || characters.first == "E" {
            characters = characters.dropFirst()
            if characters.first == "+" || characters.first == "-" { characters = characters.dropFirst() }
            let exponent = characters.prefix(while: \.isASCIIDigit)
            guard !exponent.isEmpty, exponent.count <= 4 else { return false }
            characters = characters.dropFirst(exponent.count)
        }
        return characters.isEmpty
    }
}

extension Character {
    /// 0 to 9 only: not other scripts' digits, which `isNumber` also accepts.
    var isASCIIDigit: Bool { isASCII && isWholeNumber }
}
