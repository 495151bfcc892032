/// One entry of the needs list: the reasons people are referred, and the
/// needs and concerns recorded in "what matters to me". Administrators edit
/// the list; codes never change once used, so old records keep their meaning.
public struct Need: Hashable, Sendable, Codable, Identifiable {
    public let code: String
    public var label: String
    public var isActive: Bool
    public var position: Int

    public init(code: String, label: String, isActive: Bool = true, position: Int) {
        self.code = code
        self.label = label
        self.isActive = isActive
        self.position = position
    }

    public var id: String { code }

    /// The list every deployment starts with (from the issue and DOMAIN.md).
    public static let standard: [Need] = [
        ("loneliness", "Loneliness and isolation"), ("money", "Money and debt"), ("housing", "Housing"),
        ("relationships", "Relationships"), ("mental_wellbeing", "Mental wellbeing"),
        ("physical_activity", "Physical activity"), ("long_term_condition", "Long-term condition support"),
        ("carer_support", "Carer support"), ("employment_learning", "Employment and learning"),
        ("bereavement", "Bereavement"), ("substance_use", "Substance use"), ("other", "Other"),
    ].enumerated().map { Need(code: $1.0, label: $1.1, position: $0 + 1) }

    /// A new code from a label: lowercase letters, digits and underscores.
    public static func code(for label: String) -> String {
        let words = label.lowercased().split { !($0.isLetter || $0.isNumber) }
        return words.prefix(4).joined(separator: "_")
    }
}
