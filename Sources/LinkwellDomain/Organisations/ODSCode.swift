/// An NHS Organisation Data Service (ODS) code: the national identifier of a
/// GP practice, Primary Care Network, trust or other organisation.
///
/// Typed by what it identifies, because the formats differ: a GP practice is a
/// letter and five digits (`A81001`), a Primary Care Network is `U` and five
/// digits (`U12345`), and other organisations have three to six letters and digits.
public struct ODSCode: Hashable, Sendable, Codable, CustomStringConvertible {
    public enum Kind: Sendable {
        case gpPractice
        case primaryCareNetwork
        case organisation
    }

    public let value: String

    /// Accepts the code in any case and with spaces (as often pasted from a
    /// letter), and stores it uppercase without them.
    public init(_ raw: String, kind: Kind) throws(ValidationFailure) {
        let code = String(raw.uppercased().filter { !$0.isWhitespace })
        guard !code.isEmpty else {
            throw ValidationFailure(field: "odsCode", message: "Enter an ODS code")
        }
        let isASCIIAlphanumeric: (Character) -> Bool = { $0.isASCII && ($0.isLetter || $0.isNumber) }
        guard code.allSatisfy(isASCIIAlphanumeric) else {
            throw ValidationFailure(field: "odsCode", message: "An ODS code has only letters and numbers")
        }
        let digits = code.dropFirst()
        switch kind {
        case .gpPractice:
            guard code.count == 6, code.first!.isLetter, digits.allSatisfy(\.isNumber) else {
                throw ValidationFailure(
                    field: "odsCode", message: "A GP practice ODS code is a letter followed by 5 numbers, like A81001")
            }
        case .primaryCareNetwork:
            guard code.count == 6, code.first == "U", digits.allSatisfy(\.isNumber) else {
                throw ValidationFailure(
                    field: "odsCode", message: "A Primary Care Network ODS code is U followed by 5 numbers, like U12345"
                )
            }
        case .organisation:
            guard (3...6).contains(code.count) else {
                throw ValidationFailure(field: "odsCode", message: "An ODS code is 3 to 6 letters and numbers")
            }
        }
        self.value = code
    }

    /// For values read back from the database, which were checked when written.
    public init(trusted value: String) {
        self.value = value
    }

    public var description: String { value }
}
