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

    /// Lowercase phrases that say a place meets this need, matched as whole words.
    var phrases: [String] {
        switch self {
        case .stepFree:
            [
                "step-free", "step free", "stepfree", "wheelchair", "wheelchair accessible", "level access",
                "level entrance", "ramp",
                "ramps", "ramped", "no steps", "lift",
            ]
        case .hearingLoop: ["hearing loop", "induction loop", "loop system"]
        case .accessibleToilet:
            ["accessible toilet", "disabled toilet", "accessible wc", "changing places", "accessible loo"]
        }
    }

    /// Words that, elsewhere in the same clause as a phrase, say the opposite:
    /// "no wheelchair access", "the lift is not working".
    static let negations: Set<String> = [
        "no", "not", "without", "isnt", "arent", "cannot", "cant", "unable", "none", "lacks",
    ]

    /// The needs met somewhere among these descriptions, in declaration order.
    /// Read clause by clause, so that "Ramp at the side; no hearing loop"
    /// meets step-free access and not the loop.
    public static func met(by descriptions: [String]) -> [DirectoryAccess] {
        let clauses = descriptions.flatMap { description in
            description.lowercased().replacingOccurrences(of: " but ", with: ";").replacingOccurrences(
                of: "'", with: ""
            )
            .replacingOccurrences(of: "\u{2019}", with: "")
            .split(whereSeparator: { ".;,:!?()\n".contains($0) })
            .map { clause in
                " "
                    + clause.split(whereSeparator: { !($0.isLetter || $0.isNumber || $0 == "-") }).joined(
                        separator: " ") + " "
            }
        }
        return allCases.filter { need in
            clauses.contains { clause in
                need.phrases.contains { phrase in
                    guard let range = clause.range(of: " \(phrase) ") else { return false }
                    var rest = clause
                    rest.replaceSubrange(range, with: " ")
                    return rest.split(separator: " ").allSatisfy { !negations.contains(String($0)) }
                }
            }
        }
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
