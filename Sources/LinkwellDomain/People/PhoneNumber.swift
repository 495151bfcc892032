/// A telephone number. UK numbers (07700 900123, +44 7700 900123) are stored
/// in the national form without spaces; others keep their + and country code.
public struct PhoneNumber: Hashable, Sendable, Codable, CustomStringConvertible {
    public let value: String

    public init(_ raw: String) throws(ValidationFailure) {
        let allowed = Set("0123456789+ ()-")
        guard raw.allSatisfy({ allowed.contains($0) }) else { throw Self.invalid }
        var digits = raw.filter { $0.isNumber || $0 == "+" }
        if digits.hasPrefix("+44") { digits = "0" + digits.dropFirst(3) }
        if digits.hasPrefix("0044") { digits = "0" + digits.dropFirst(4) }
        if digits.hasPrefix("+") {
            guard digits.dropFirst().allSatisfy(\.isNumber), (8...15).contains(digits.count - 1) else {
                throw Self.invalid
            }
        } else {
            // Mobiles (07) and 02/03 numbers have 11 digits; a few 01 and 08 numbers have 10.
            let tenAllowed = digits.hasPrefix("01") || digits.hasPrefix("08")
            guard digits.hasPrefix("0"), digits.count == 11 || (tenAllowed && digits.count == 10),
                digits.allSatisfy(\.isNumber)
            else { throw Self.invalid }
        }
        value = digits
    }

    public init(trusted value: String) {
        self.value = value
    }

    /// "07700 900123" for UK mobiles and most numbers; others as stored.
    public var formatted: String {
        guard value.hasPrefix("0"), value.count == 11 else { return value }
        return String(value.prefix(5)) + " " + String(value.dropFirst(5))
    }

    public var description: String { formatted }

    static let invalid = ValidationFailure(
        field: "phone", message: "Enter a telephone number, like 01632 960 001 or 07700 900 982")
}
