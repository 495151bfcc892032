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

    /// Under this many respondents a share is given in halves, not quarters.
    public static let quartersFrom = 9

    /// The share of respondents who said yes, as the bottom of its band (the
    /// mean): halves for five to eight respondents, quarters from nine. So
    /// neither "everyone" nor "nobody" can be read off it, even by someone
    /// who answered and knows their own answer: the band holding none, and
    /// the band holding all, each hold at least three counts.
    public static func share(_ answers: [UserID: Bool]) -> Aggregate {
        guard answers.count >= minimumGroup else { return .notEnoughResponses }
        let percent = Double(answers.values.filter { $0 }.count) / Double(answers.count) * 100
        return .shown(respondents: answers.count, mean: shareBand(percent, respondents: answers.count))
    }

    /// The bottom of the band `percent` falls in, for this many respondents.
    public static func shareBand(_ percent: Double, respondents: Int) -> Double {
        let width = respondents < quartersFrom ? 50.0 : 25.0
        return min(100 - width, (percent / width).rounded(.down) * width)
    }

    /// "Under half", "Half or more"; or "Under 25%", "25–49%", "50–74%", "75% or more".
    public static func shareLabel(_ band: Double, respondents: Int) -> String {
        if respondents < quartersFrom { return band < 50 ? "Under half" : "Half or more" }
        switch band {
        case ..<25: return "Under 25%"
        case ..<50: return "25–49%"
        case ..<75: return "50–74%"
        default: return "75% or more"
        }
    }

    /// The band as a range of percentages, "0-49" or "75-100".
    public static func shareRange(_ band: Double, respondents: Int) -> String {
        let width = respondents < quartersFrom ? 50 : 25
        let lower = Int(band)
        return "\(lower)-\(lower + width >= 100 ? 100 : lower + width - 1)"
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
    public static func showable(_ groups: [(name: String, scores: [UserID: Double])]) -> [(
        name: String, aggregate: Aggregate
    )] {
        var shown: [Set<UserID>] = []
        return groups.map { group in
            let members = Set(group.scores.keys)
            guard mayShow(members, beside: shown) else { return (group.name, .notEnoughResponses) }
            shown.append(members)
            return (group.name, aggregate(group.scores))
        }
    }
}
