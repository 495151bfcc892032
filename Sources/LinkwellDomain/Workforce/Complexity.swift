import Foundation

/// How much one person on a caseload asks of their link worker, from the
/// casework itself, so that a caseload is weighed and not only counted.
///
/// Points (docs/workforce.md):
/// - each need area by how much it matters to them: a little 1, quite a lot
///   2, a great deal 3 (at most 9 in all, so a long list does not swamp the rest);
/// - a risk flag 3; a safeguarding flag 4;
/// - contacts in the last four weeks: 2 or 3 is 1, 4 or more is 2 (how much
///   work it is now);
/// - weeks on the caseload: over 12 is 1, over 24 is 2 (long stays are the
///   harder ones);
/// - an interpreter needed 2.
///
/// Bands: 0–4 standard (weight 1), 5–9 raised (1.5), 10 and over high (2).
/// The weight is what the person counts for in a complexity-weighted load.
public struct Complexity: Hashable, Sendable {
    public struct Facts: Hashable, Sendable {
        public var needs: [WhatMatters.Importance]
        public var riskFlag: Bool
        public var safeguardingFlag: Bool
        public var contactsInLastFourWeeks: Int
        public var weeksOnCaseload: Int
        public var interpreterNeeded: Bool

        public init(
            needs: [WhatMatters.Importance] = [], riskFlag: Bool = false, safeguardingFlag: Bool = false,
            contactsInLastFourWeeks: Int = 0, weeksOnCaseload: Int = 0, interpreterNeeded: Bool = false
        ) {
            self.needs = needs
            self.riskFlag = riskFlag
            self.safeguardingFlag = safeguardingFlag
            self.contactsInLastFourWeeks = contactsInLastFourWeeks
            self.weeksOnCaseload = weeksOnCaseload
            self.interpreterNeeded = interpreterNeeded
        }
    }

    public enum Band: String, Hashable, Sendable {
        case standard, raised, high

        public var weight: Double {
            switch self {
            case .standard: 1
            case .raised: 1.5
            case .high: 2
            }
        }
    }

    public let points: Int
    public let band: Band

    public var weight: Double { band.weight }

    public init(_ facts: Facts) {
        var points = min(9, facts.needs.map(\.rawValue).reduce(0, +))
        if facts.riskFlag { points += 3 }
        if facts.safeguardingFlag { points += 4 }
        points += facts.contactsInLastFourWeeks >= 4 ? 2 : facts.contactsInLastFourWeeks >= 2 ? 1 : 0
        points += facts.weeksOnCaseload > 24 ? 2 : facts.weeksOnCaseload > 12 ? 1 : 0
        if facts.interpreterNeeded { points += 2 }
        self.points = points
        band = points >= 10 ? .high : points >= 5 ? .raised : .standard
    }
}
