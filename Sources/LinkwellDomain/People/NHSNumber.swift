/// An NHS number: ten digits whose last is a modulus-11 check digit. It is the
/// primary identifier of a person in the national information standard.
public struct NHSNumber: Hashable, Sendable, Codable, CustomStringConvertible {
    /// The ten digits, without spaces.
    public let digits: String

    /// Accepts spaces and dashes ("943 476 5919", "943-476-5919").
    public init(_ raw: String) throws(ValidationFailure) {
        let digits = raw.filter { !$0.isWhitespace && $0 != "-" }
        guard digits.count == 10, digits.allSatisfy({ $0.isASCII && $0.isNumber }) else {
            throw ValidationFailure(field: "nhsNumber", message: "An NHS number is 10 digits, like 943 476 5919")
        }
        guard Self.hasValidCheckDigit(digits) else {
            throw ValidationFailure(field: "nhsNumber", message: "This is not a valid NHS number: check the digits")
        }
        self.digits = digits
    }

    public init(trusted digits: String) {
        self.digits = digits
    }

    /// Shown 3-3-4, as on NHS letters: "943 476 5919".
    public var formatted: String {
        let characters = Array(digits)
        return String(characters[0..<3]) + " " + String(characters[3..<6]) + " " + String(characters[6..<10])
    }

    public var description: String { formatted }

    /// Weights 10 down to 2 on the first nine digits; 11 minus the remainder
    /// mod 11 is the check digit (11 means 0; 10 means no valid number).
    static func hasValidCheckDigit(_ digits: String) -> Bool {
        let values = digits.compactMap(\.wholeNumberValue)
        guard values.count == 10 else { return false }
        let sum = zip(values.prefix(9), stride(from: 10, through: 2, by: -1)).reduce(0) { $0 + $1.0 * $1.1 }
        var check = 11 - sum % 11
        if check == 11 { check = 0 }
        return check != 10 && check == values[9]
    }

    /// The check digit that completes nine digits, or nil if none can (for
    /// making synthetic numbers in demo data).
    public static func checkDigit(for nineDigits: [Int]) -> Int? {
        guard nineDigits.count == 9 else { return nil }
        let sum = zip(nineDigits, stride(from: 10, through: 2, by: -1)).reduce(0) { $0 + $1.0 * $1.1 }
        let check = 11 - sum % 11
        return check == 11 ? 0 : (check == 10 ? nil : check)
    }
}
