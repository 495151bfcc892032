/// A UK postcode, stored uppercase with one space before the inward code
/// ("SW1A 1AA"), whatever spacing and case it was typed in.
public struct Postcode: Hashable, Sendable, Codable, CustomStringConvertible {
    public let value: String

    public init(_ raw: String) throws(ValidationFailure) {
        let compact = raw.uppercased().filter { !$0.isWhitespace }
        guard compact.count >= 5, compact.count <= 7, compact.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber) })
        else { throw Self.invalid }
        let outward = String(compact.dropLast(3))
        let inward = String(compact.suffix(3))
        guard Self.isValidOutward(outward) || compact == "GIR0AA", Self.isValidInward(inward) else {
            throw Self.invalid
        }
        value = outward + " " + inward
    }

    public init(trusted value: String) {
        self.value = value
    }

    public var description: String { value }

    /// The part before the space, e.g. "SW1A": the area a service covers.
    public var outwardCode: Substring { value.prefix { $0 != " " } }

    static let invalid = ValidationFailure(field: "postcode", message: "Enter a real postcode, like SW1A 1AA")

    /// A9, A99, AA9, AA99, A9A, AA9A; letters as Royal Mail allows them.
    static func isValidOutward(_ text: String) -> Bool {
        let c = Array(text)
        let firstLetters = Set("ABCDEFGHIJKLMNOPRSTUWYZ")  // not Q, V, X
        let secondLetters = Set("ABCDEFGHKLMNOPQRSTUVWXY")  // not I, J, Z
        let isDigit: (Character) -> Bool = { $0.isNumber }
        guard let first = c.first, firstLetters.contains(first) else { return false }
        switch c.count {
        case 2: return isDigit(c[1])
        case 3:
            return (isDigit(c[1]) && isDigit(c[2]))
                || (secondLetters.contains(c[1]) && isDigit(c[2]))
                || (isDigit(c[1]) && Set("ABCDEFGHJKPSTUW").contains(c[2]))
        case 4:
            return secondLetters.contains(c[1]) && isDigit(c[2])
                && (isDigit(c[3]) || Set("ABEHMNPRVWXY").contains(c[3]))
        default: return false
        }
    }

    /// 9AA, without C, I, K, M, O or V in the letters.
    static func isValidInward(_ text: String) -> Bool {
        let c = Array(text)
        let letters = Set("ABDEFGHJLNPQRSTUWXYZ")
        return c.count == 3 && c[0].isNumber && letters.contains(c[1]) && letters.contains(c[2])
    }
}
