import Foundation
import LinkwellDomain
import LinkwellStore

/// The link worker's own confidential check-in, every four weeks, and the
/// only thing anyone else may see of it: aggregates over at least five.
public struct WellbeingService: Sendable {
    let context: CaseworkContext
    /// The Copenhagen Burnout Inventory's three scales.
    public let scales: [InstrumentDefinition]

    init(context: CaseworkContext, store: Stores) {
        self.context = context
        self.store = store
        scales = (try? BuiltInInstruments.loadWorkforce()) ?? []
    }

    /// The stores this uses, and no others (picked from the whole store at start-up).
    struct Stores: Sendable {
        let users: any UserStore
        let wellbeing: any WellbeingStore

        init(_ all: any LinkwellStore) {
            users = all.users
            wellbeing = all.wellbeing
        }
    }

    let store: Stores

    public static let checkInEveryDays = 28

    /// The two single questions, 1 to 5.
    public static let leavingOptions = [
        "Strongly disagree", "Disagree", "Neither agree nor disagree", "Agree", "Strongly agree",
    ]
    public static let satisfactionOptions = [
        "Very dissatisfied", "Dissatisfied", "Neither", "Satisfied", "Very satisfied",
    ]

    /// Records the acting worker's check-in. Every question may be left out;
    /// an answer that is not one of the options is refused beside it.
    @discardableResult
    public func checkIn(_ form: [String: String], _ acting: ActingUser) async throws -> WellbeingCheckIn {
        try AccessPolicy.requireTeamMember(acting)
        let read: WellbeingCheckInAnswers
        do { read = try WellbeingCheckInAnswers.read(form, scales: scales) } catch { throw ServiceError.invalid(error) }
        let checkIn = WellbeingCheckIn(
            id: WellbeingCheckInID(), organisationID: acting.organisationID, userID: acting.id, takenOn: context.today,
            answers: read.answers, personal: read.personal, work: read.work, client: read.client,
            thinksOfLeaving: read.thinksOfLeaving,
            jobSatisfaction: read.jobSatisfaction, likelyToLeaveWithinYear: read.likelyToLeaveWithinYear)
        // The audit says a check-in was made, by whom, and nothing of what it said.
        try await store.wellbeing.record(
            checkIn, audit: context.audit(.wellbeingCheckedIn, acting, target: nil))
        return checkIn
    }

    /// The acting worker's own check-ins, oldest first, and whether one is due.
    public func mine(_ acting: ActingUser) async throws -> (checkIns: [WellbeingCheckIn], isDue: Bool) {
        try AccessPolicy.requireTeamMember(acting)
        let own = try await store.wellbeing.checkIns(of: acting.id, requestedBy: acting.id)
        let due = own.last.map { $0.takenOn.days(until: context.today) >= Self.checkInEveryDays } ?? true
        return (own, due)
    }

    /// For managers and administrators: the organisation's check-ins in
    /// the last two four-week blocks that have ended, as aggregates over at
    /// least five people, for the whole organisation only. Only ended blocks:
    /// a block still open would change as each person checked in, and the
    /// change would point at them.
    public func teamSummary(_ acting: ActingUser) async throws -> [(period: String, summary: WellbeingGroupSummary)] {
        try AccessPolicy.requireWellbeingOverseer(acting)
        var result: [(String, WellbeingGroupSummary)] = []
        for block in Self.endedBlocks(before: context.today, count: 2) {
            let summary = try await Self.published(
                block, for: acting, users: store.users, wellbeing: store.wellbeing, at: context.now)
            result.append(("\(block.lowerBound.longText) to \(block.upperBound.longText)", summary))
        }
        return result
    }

    /// An ended block's figures as `acting` may see them: as first
    /// published (never recomputed from today's roles), and with five
    /// respondents besides the viewer behind each.
    static func published(
        _ block: ClosedRange<CalendarDate>, for acting: ActingUser, users: any UserStore, wellbeing: any WellbeingStore,
        at now: Date
    ) async throws -> WellbeingGroupSummary {
        let members = Set(
            try await users.users(in: acting.organisationID).filter {
                [.linkWorker, .manager].contains($0.role)
            }.map(\.id))
        let publication = try await wellbeing.publication(
            in: acting.organisationID, block: block, members: members, at: now)
        return publication.summary(for: acting.id)
    }

    /// Four-week blocks fixed to the calendar (from 1 January 1970, a
    /// Thursday), newest first, that ended before `today`.
    static func endedBlocks(before today: CalendarDate, count: Int) -> [ClosedRange<CalendarDate>] {
        let epoch = CalendarDate(daysSince1970: 0)
        let current = epoch.days(until: today) / checkInEveryDays
        return (1...count).map { back in
            let start = epoch.adding(days: (current - back) * checkInEveryDays)
            return start...start.adding(days: checkInEveryDays - 1)
        }
    }
}
