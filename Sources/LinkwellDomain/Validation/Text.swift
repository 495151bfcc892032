/// Rules for the short free-text fields: names and titles.
public enum Text {
    /// Trims surrounding whitespace and collapses inner runs of whitespace, then
    /// checks the length. `what` names the thing in the message ("Enter a name").
    public static func requiredName(
        _ raw: String, what: String = "a name", maximumLength: Int = 200
    ) throws(ValidationFailure) -> String {
        let cleaned = raw.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        guard !cleaned.isEmpty else {
            throw ValidationFailure(field: "", message: "Enter \(what)")
        }
        // Counted as the database counts (code points), not as characters:
        // an emoji with a skin tone is one character but two code points.
        guard cleaned.unicodeScalars.count <= maximumLength else {
            throw ValidationFailure(field: "", message: "Must be \(maximumLength) characters or fewer")
        }
        guard !cleaned.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) else {
            throw ValidationFailure(field: "", message: "Must not contain control characters")
        }
        return cleaned
    }
}
