import Foundation

/// Access needs a link worker can search for. Feeds describe access in their
/// own words ("Ramp at the side entrance", "Ground floor; hearing loop"), so
/// each need is recognised by the phrases places use for it.
public enum DirectoryAccess: String, CaseIterable, Sendable, Equatable {
    case stepFree = "step-free"
    case hearingLoop = "hearing-loop"
    case accessibleToilet = "accessible-toilet"

    public var label: String {
        switch self {
        case .stepFree: "Step-free or wheelchair access"
        case .hearingLoop: "Hearing loop"
        case .accessibleToilet: "Accessible toilet"
        }
    }

    /// Lowercase phrases that say a place meets this need.
    var phrases: [String] {
        switch self {
        case .stepFree:
            ["step-free", "step free", "stepfree", "wheelchair", "level access", "level entrance", "ramp", "no steps"]
        case .hearingLoop: ["hearing loop", "induction loop", "loop system"]
        case .accessibleToilet: ["accessible toilet", "disabled toilet", "accessible wc", "changing places", "accessible loo"]
        }
    }

    /// The needs met somewhere among these descriptions, in declaration order.
    public static func met(by descriptions: [String]) -> [DirectoryAccess] {
        let text = descriptions.joined(separator: " \n ").lowercased()
        guard !text.isEmpty else { return [] }
        return allCases.filter { need in need.phrases.contains { text.contains($0) } }
    }
}

/// How filterable keys (languages, access needs) are kept as one text column
/// on both backends: "|english|en|polish|pl|", so that a key is found with
/// one substring test and never matches part of another.
public enum DirectoryKeys {
    public static func text(_ keys: [String]) -> String {
        "|" + keys.joined(separator: "|") + "|"
    }

    public static func needle(_ key: String) -> String {
        "|" + normalised(key) + "|"
    }

    public static func normalised(_ key: String) -> String {
        key.trimmingCharacters(in: .whitespacesAndNewlines).lowercased().replacingOccurrences(of: "|", with: " ")
    }
}
