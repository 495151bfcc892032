/// An email address as people type it, checked for the shape an address must
/// have and stored lowercased so that sign-in does not depend on case.
public struct EmailAddress: Hashable, Sendable, Codable, CustomStringConvertible {
    public let value: String

    public init(_ raw: String) throws(ValidationFailure) {
        let trimmed = raw.trimmingWhitespace().lowercased()
        guard !trimmed.isEmpty else {
            throw ValidationFailure(field: "email", message: "Enter an email address")
        }
        guard trimmed.utf8.count <= 254 else {
            throw ValidationFailure(field: "email", message: "Email address must be 254 characters or fewer")
        }
        // Letters, digits and the usual punctuation: never a control or format
        // character, whatever the mail standards allow between quotes.
        guard Self.hasValidShape(trimmed),
            !trimmed.unicodeScalars.contains(where: { [.control, .format].contains($0.properties.generalCategory) })
        else {
            throw ValidationFailure(
                field: "email", message: "Enter an email address in the correct format, like name@example.org")
        }
        self.value = trimmed
    }

    /// For values read back from the database, which were checked when written.
    public init(trusted value: String) {
        self.value = value
    }

    public var description: String { value }

    /// The part before the `@`, used to stop people choosing their own address as a password.
    public var localPart: Substring { value.prefix { $0 != "@" } }

    private static func hasValidShape(_ text: String) -> Bool {
        let parts = text.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2 else { return false }
        let (local, domain) = (parts[0], parts[1])
        guard !local.isEmpty, local.count <= 64, !domain.isEmpty else { return false }
        let forbidden: Set<Character> = [
            " ", "\t", "\n", "\r", "<", ">", "(", ")", ",", ";", ":", "\\", "\"", "[", "]",
        ]
        guard !text.contains(where: { forbidden.contains($0) }) else { return false }
        guard !local.hasPrefix("."), !local.hasSuffix("."), !local.contains("..") else { return false }
        let labels = domain.split(separator: ".", omittingEmptySubsequences: false)
        guard labels.count >= 2 else { return false }
        for label in labels {
            guard !label.isEmpty, label.count <= 63, !label.hasPrefix("-"), !label.hasSuffix("-") else { return false }
            guard label.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "-" }) else { return false }
        }
        return true
    }
}

extension StringProtocol {
    /// The text without leading and trailing whitespace and newlines.
    public func trimmingWhitespace() -> String {
        var scalars = Substring(self)
        while let first = scalars.first, first.isWhitespace { scalars.removeFirst() }
        while let last = scalars.last, last.isWhitespace { scalars.removeLast() }
        return String(scalars)
    }
}
