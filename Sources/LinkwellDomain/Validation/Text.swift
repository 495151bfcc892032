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

extension Text {
    /// The one rule for all text that comes in (forms, addresses, imported
    /// records, pasted documents): line breaks become "\n", and every other
    /// control character (C0 but tab and line feed, DEL, C1) is removed.
    ///
    /// Why strip rather than refuse: nobody means to type them, browsers
    /// and spreadsheets add them by accident, and a stray one must not cost
    /// a person their whole form. Why at all: SQLite stores text only up to
    /// a NUL while the audit hash covered the whole, PostgreSQL refuses NUL
    /// outright, and the others can hide text or break a page's markup.
    public static func cleaned(_ raw: String) -> String {
        guard raw.unicodeScalars.contains(where: isRemoved) else { return raw }
        var scalars = String.UnicodeScalarView()
        var previousWasReturn = false
        for scalar in raw.unicodeScalars {
            defer { previousWasReturn = scalar == "\r" }
            if scalar == "\r" {
                scalars.append("\n")
            } else if scalar == "\n" {
                if !previousWasReturn { scalars.append(scalar) }
            } else if !isRemoved(scalar) {
                scalars.append(scalar)
            }
        }
        return String(scalars)
    }

    /// True for what `cleaned` takes out or changes (a carriage return becomes a line feed).
    public static func isRemoved(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x09, 0x0A: false
        case 0x00...0x1F, 0x7F...0x9F: true
        default: false
        }
    }
}
