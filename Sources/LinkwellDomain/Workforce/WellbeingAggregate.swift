import Foundation

/// What of link workers' confidential wellbeing check-ins may be shown to
/// anyone but the worker: aggregates over at least five respondents, and
/// never two aggregates whose groups differ by fewer than five people (else
/// subtracting one from the other would give those few people's answers away).
public enum WellbeingDisclosure {
    public static let minimumGroup = 5

    /// An aggregate of one group's scores, or why it cannot be shown.
    public enum Aggregate: Hashable, Sendable {
        case notEnoughResponses
        /// The mean, rounded to the nearest 5 on the 0–100 scale, so that
        /// one answer more or less rarely moves it.
        case shown(respondents: Int, mean: Double)
    }

    /// Each respondent counts once (their latest score in the period).
    public static func aggregate(_ scores: [UserID: Double]) -> Aggregate {
        guard scores.count >= minimumGroup else { return .notEnoughResponses }
        let mean = scores.values.reduce(0, +) / Double(scores.count)
        return .shown(respondents: scores.count, mean: (mean / 5).rounded() * 5)
    }

    /// The share of respondents who said yes, in quarters (0, 25, 50 or 75:
    /// the bottom of its band), so that neither "everyone" nor "nobody" can
    /// be read off it: with five or more, the band that holds none, and the
    /// band that holds all, each hold another count too.
    public static func share(_ answers: [UserID: Bool]) -> Aggregate {
        guard answers.count >= minimumGroup else { return .notEnoughResponses }
        let percent = Double(answers.values.filter { $0 }.count) / Double(answers.count) * 100
        return .shown(respondents: answers.count, mean: shareBand(percent))
    }

    /// The bottom of the quarter `percent` falls in.
    public static func shareBand(_ percent: Double) -> Double {
        min(75, (percent / 25).rounded(.down) * 25)
    }

    /// "Under 25%", "25–49%", "50–74%", "75% or more".
    public static func shareLabel(_ band: Double) -> String {
        switch band {
        case ..<25: "Under 25%"
        case ..<50: "25–49%"
        case ..<75: "50–74%"
        default: "75% or more"
        }
    }

    /// Whether `group` may be shown beside the groups already shown for the
    /// same period: it must be big enough, and differ from each of them by
    /// nobody or by at least five people.
    public static func mayShow(_ group: Set<UserID>, beside shown: [Set<UserID>]) -> Bool {
        guard group.count >= minimumGroup else { return false }
        return shown.allSatisfy { other in
            let difference = group.symmetricDifference(other).count
            return difference == 0 || difference >= minimumGroup
        }
    }

    /// Of `groups` (named, with their scores), those that may be shown
    /// together, in the order given: each is shown only if it is big enough
    /// and cannot be differenced against those shown before it. Put the most
    /// useful first (the whole organisation).
    public static func showable(_ groups: [(name: String, scores: [UserID: Double])]) -> [(name: String, aggregate: Aggregate)] {
        var shown: [Set<UserID>] = []
        return groups.map { group in
            let members = Set(group.scores.keys)
            guard mayShow(members, beside: shown) else { return (group.name, .notEnoughResponses) }
            shown.append(members)
            return (group.name, aggregate(group.scores))
        }
    }
}
