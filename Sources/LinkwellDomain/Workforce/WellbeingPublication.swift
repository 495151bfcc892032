import Foundation

/// An ended four-week block's wellbeing figures as they were first shown,
/// kept with who answered. Figures recomputed from today's roles could be
/// differenced against yesterday's: a manager who saw "half or more (of 6)",
/// then "under half (of 5)" after one worker's role changed, would know that
/// worker's answer. So a block is published once and read back ever after.
public struct WellbeingPublication: Hashable, Sendable {
    public let block: ClosedRange<CalendarDate>
    public let publishedAt: Date
    /// Those whose check-ins the figures cover (members of the team when it
    /// was published who checked in during the block).
    public let respondents: Set<UserID>
    public let summary: WellbeingGroupSummary

    public init(
        block: ClosedRange<CalendarDate>, publishedAt: Date, respondents: Set<UserID>, summary: WellbeingGroupSummary
    ) {
        self.block = block
        self.publishedAt = publishedAt
        self.respondents = respondents
        self.summary = summary
    }

    /// Publishes the block from the check-ins of `members` taken in it.
    public static func publish(
        block: ClosedRange<CalendarDate>, members: Set<UserID>, checkIns: [WellbeingCheckIn], at time: Date
    ) -> WellbeingPublication {
        let inBlock = checkIns.filter { block.contains($0.takenOn) && members.contains($0.userID) }
        let summary =
            WellbeingGroupSummary.summaries(of: [("Everyone", members)], from: inBlock).first ?? .suppressed("Everyone")
        return WellbeingPublication(
            block: block, publishedAt: time, respondents: Set(inBlock.map(\.userID)), summary: summary)
    }

    /// What `viewer` may see: the five must be five other people, since
    /// everyone knows their own answers. A figure a viewer's own answer
    /// helped make needs five respondents besides them.
    public func summary(for viewer: UserID) -> WellbeingGroupSummary {
        guard respondents.contains(viewer) else { return summary }
        func others(_ aggregate: WellbeingDisclosure.Aggregate) -> WellbeingDisclosure.Aggregate {
            guard case .shown(let count, _) = aggregate, count - 1 >= WellbeingDisclosure.minimumGroup else {
                return .notEnoughResponses
            }
            return aggregate
        }
        return WellbeingGroupSummary(
            name: summary.name, personal: others(summary.personal), work: others(summary.work),
            client: others(summary.client),
            thinkingOfLeaving: others(summary.thinkingOfLeaving), satisfied: others(summary.satisfied),
            leavingWithinYear: others(summary.leavingWithinYear))
    }
}

extension WellbeingDisclosure.Aggregate: Codable {
    private enum CodingKeys: String, CodingKey { case respondents, mean }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        if let respondents = try container.decodeIfPresent(Int.self, forKey: .respondents) {
            self = .shown(respondents: respondents, mean: try container.decode(Double.self, forKey: .mean))
        } else {
            self = .notEnoughResponses
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        if case .shown(let respondents, let mean) = self {
            try container.encode(respondents, forKey: .respondents)
            try container.encode(mean, forKey: .mean)
        }
    }
}

extension WellbeingGroupSummary: Codable {
    private enum CodingKeys: String, CodingKey {
        case name, personal, work, client, thinkingOfLeaving = "thinking_of_leaving", satisfied, leavingWithinYear =
            "leaving_within_year"
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            name: try container.decode(String.self, forKey: .name),
            personal: try container.decode(WellbeingDisclosure.Aggregate.self, forKey: .personal),
            work: try container.decode(WellbeingDisclosure.Aggregate.self, forKey: .work),
            client: try container.decode(WellbeingDisclosure.Aggregate.self, forKey: .client),
            thinkingOfLeaving: try container.decode(WellbeingDisclosure.Aggregate.self, forKey: .thinkingOfLeaving),
            satisfied: try container.decode(WellbeingDisclosure.Aggregate.self, forKey: .satisfied),
            leavingWithinYear: try container.decode(WellbeingDisclosure.Aggregate.self, forKey: .leavingWithinYear))
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(name, forKey: .name)
        try container.encode(personal, forKey: .personal)
        try container.encode(work, forKey: .work)
        try container.encode(client, forKey: .client)
        try container.encode(thinkingOfLeaving, forKey: .thinkingOfLeaving)
        try container.encode(satisfied, forKey: .satisfied)
        try container.encode(leavingWithinYear, forKey: .leavingWithinYear)
    }
}
