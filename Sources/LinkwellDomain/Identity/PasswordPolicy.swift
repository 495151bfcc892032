import Foundation

/// What makes a password acceptable: long enough to resist guessing (NCSC
/// guidance favours length over composition rules), not on the lists attackers
/// try first, and short enough for bcrypt, which ignores bytes after the 72nd.
public enum PasswordPolicy {
    public static let minimumLength = 12
    public static let maximumBytes = 72

    /// Throws with a message for the `password` field, or returns normally.
    /// `email` lets us refuse a password built from the person's own address.
    public static func check(_ password: String, email: EmailAddress? = nil) throws(ValidationFailure) {
        guard password.count >= minimumLength else {
            throw ValidationFailure(field: "password", message: "Password must be at least \(minimumLength) characters")
        }
        guard password.utf8.count <= maximumBytes else {
            throw ValidationFailure(field: "password", message: "Password must be \(maximumBytes) characters or fewer")
        }
        if isEasilyGuessed(password, email: email) {
            throw ValidationFailure(
                field: "password",
                message: "Choose a password that is harder to guess: avoid common words, your email and simple patterns"
            )
        }
    }

    static func isEasilyGuessed(_ password: String, email: EmailAddress?) -> Bool {
        let lowered = password.lowercased()
        if commonPasswords.contains(lowered) { return true }
        // "Password2024!", "Football12345": a common word padded with digits and symbols.
        let letters = lowered.filter(\.isLetter)
        if letters.isEmpty || commonWords.contains(letters) { return true }
        if commonWords.contains(where: { isRepetition(of: $0, in: letters) }) { return true }
        if Set(lowered).count <= 2 { return true }
        if isSequence(lowered) { return true }
        if let email, isMostlyAddress(lowered, email) { return true }
        return false
    }

    /// "jojojojojojo" for jo@…, "sam.okafor2024" for sam.okafor@…,
    /// "riverside123456" for …@riverside.example: the address, or its parts
    /// (however short), make up most of it.
    private static func isMostlyAddress(_ password: String, _ email: EmailAddress) -> Bool {
        if password.contains(email.value) { return true }
        let local = String(email.localPart)
        if local.count >= 4, password.contains(local) { return true }
        let domain = email.value.split(separator: "@").last.map(String.init) ?? ""
        let separators: (Character) -> Bool = { !($0.isLetter || $0.isNumber) }
        var parts = local.split(whereSeparator: separators).map(String.init).filter { $0.count >= 2 }
        parts += domain.split(whereSeparator: separators).dropLast().map(String.init).filter { $0.count >= 4 }
        var rest = password
        for part in parts.sorted(by: { $0.count > $1.count }) { rest = rest.replacingOccurrences(of: part, with: "") }
        return rest.count < 8 || rest.count < password.count / 2 || Set(rest).count <= 4
    }

    private static func isRepetition(of word: String, in text: String) -> Bool {
        guard !word.isEmpty, text.count > word.count, text.count % word.count == 0 else { return false }
        return String(repeating: word, count: text.count / word.count) == text
    }

    /// "123456789012", "abcdefghijkl", "987654321098": each character one step from the last.
    private static func isSequence(_ text: String) -> Bool {
        let values = text.unicodeScalars.map { Int($0.value) }
        guard values.count > 2 else { return false }
        let steps = zip(values, values.dropFirst()).map { $1 - $0 }
        let wrappedDigitStep: (Int) -> Bool = { $0 == -9 || $0 == 9 }  // 0 after 9, 9 after 0
        return steps.allSatisfy { $0 == 1 || wrappedDigitStep($0) }
            || steps.allSatisfy { $0 == -1 || wrappedDigitStep($0) }
    }

    /// Passwords of twelve or more characters that appear near the top of
    /// published breach lists (NCSC's 100,000 list, SecLists), lowercased.
    static let commonPasswords: Set<String> = [
        "123456789012", "1234567890123", "qwertyuiop12", "qwertyuiopas", "qwertyuiop123",
        "1q2w3e4r5t6y", "1qaz2wsx3edc", "q1w2e3r4t5y6", "zaq12wsxcde3", "!qaz2wsx#edc",
        "passwordpassword", "password1234", "password12345", "password123!", "p@ssw0rd1234",
        "iloveyou1234", "qwertyqwerty", "abcd1234abcd", "abc123abc123", "letmeinletmein",
        "welcome12345", "welcome123!", "changeme1234", "trustno1trustno1", "111111111111",
        "000000000000", "aaaaaaaaaaaa", "asdfghjkl123", "asdfasdfasdf", "zxcvbnm12345",
        "monkeymonkey", "football1234", "liverpool123", "chelsea12345", "arsenal12345",
        "manchester12", "superman1234", "batman123456", "starwars1234", "pokemon12345",
        "princess1234", "sunshine1234", "baseball1234", "dragon123456", "shadow123456",
        "master123456", "hello1234567", "freedom12345", "whatever1234", "michael12345",
        "jennifer1234", "charlie12345", "qazwsxedcrfv", "1234qwerasdf", "qwerty123456",
    ]

    /// Words that, padded with digits or symbols, make most "complex" weak passwords.
    static let commonWords: Set<String> = [
        "password", "passw", "pass", "qwerty", "qwertyuiop", "asdfgh", "asdfghjkl", "zxcvbnm", "letmein", "welcome",
        "iloveyou", "admin", "administrator", "monkey", "dragon", "football", "baseball", "sunshine", "princess",
        "master", "shadow", "superman", "batman", "trustno", "whatever", "freedom", "starwars", "pokemon", "liverpool",
        "chelsea", "arsenal", "manchester", "changeme", "secret", "linkwell", "health", "nhs", "summer", "winter",
        "spring", "autumn", "london", "england", "abc", "abcdef", "qazwsx", "login", "user", "test",
    ]
}
