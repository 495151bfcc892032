/// One-time passwords that an administrator passes on to a new user or to one
/// who has forgotten theirs. Four groups of four from an alphabet without
/// look-alike characters (no 0/O, 1/l/I), so they can be read out over the phone.
public enum TemporaryPassword {
    static let alphabet = Array("abcdefghijkmnpqrstuvwxyzACDEFGHJKLMNPQRTUVWXYZ2346789")

    public static func generate() -> String {
        var generator = SystemRandomNumberGenerator()
        let groups = (0..<4).map { _ in String((0..<4).map { _ in alphabet.randomElement(using: &generator)! }) }
        return groups.joined(separator: "-")
    }
}
