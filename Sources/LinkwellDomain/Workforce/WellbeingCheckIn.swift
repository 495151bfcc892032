import Foundation

public typealias WellbeingCheckInID = Identifier<WellbeingCheckIn>

/// A link worker's own confidential check-in: the Copenhagen Burnout
/// Inventory's three scales, whether they think of leaving, and how satisfied
/// they are with the job. Only the worker ever sees it; others see only
/// `WellbeingDisclosure` aggregates.
public struct WellbeingCheckIn: Hashable, Sendable, Identifiable {
    public let id: WellbeingCheckInID
    public let organisationID: OrganisationID
    public let userID: UserID
    public let takenOn: CalendarDate
    /// Item ID → value, across the three scales and the two single items.
    public let answers: [String: Double]
    /// Each scale's score (0–100), nil when too few of its items were answered.
    public let personal: Double?
    public let work: Double?
    public let client: Double?
    /// "I often think about leaving": 1 strongly disagree … 5 strongly agree.
    public let thinksOfLeaving: Int?
    /// 1 very dissatisfied … 5 very satisfied.
    public let jobSatisfaction: Int?
    /// "I am likely to leave this job within the next year": 1 strongly disagree … 5 strongly agree.
    public let likelyToLeaveWithinYear: Int?

    public init(
        id: WellbeingCheckInID, organisationID: OrganisationID, userID: UserID, takenOn: CalendarDate,
        answers: [String: Double],
        personal: Double?, work: Double?, client: Double?, thinksOfLeaving: Int?, jobSatisfaction: Int?,
        likelyToLeaveWithinYear: Int? = nil
    ) {
        self.id = id
        self.organisationID = organisationID
        self.userID = userID
        self.takenOn = takenOn
        self.answers = answers
        self.personal = personal
        self.work = work
        self.client = client
        self.thinksOfLeaving = thinksOfLeaving
        self.jobSatisfaction = jobSatisfaction
        self.likelyToLeaveWithinYear = likelyToLeaveWithinYear
    }
}

/// A group's check-ins as anyone but the workers may see them.
public struct WellbeingGroupSummary: Hashable, Sendable {
    public let name: String
    public let personal: WellbeingDisclosure.Aggregate
    public let work: WellbeingDisclosure.Aggregate
    public let client: WellbeingDisclosure.Aggregate
    /// The share who agree or strongly agree that they often think of leaving,
    /// in quarters (`WellbeingDisclosure.share`).
    public let thinkingOfLeaving: WellbeingDisclosure.Aggregate
    /// The share satisfied or very satisfied with their job, in quarters.
    public let satisfied: WellbeingDisclosure.Aggregate
    /// The share who agree they are likely to leave within a year, in quarters.
    public let leavingWithinYear: WellbeingDisclosure.Aggregate

    public init(
        name: String, personal: WellbeingDisclosure.Aggregate, work: WellbeingDisclosure.Aggregate,
        client: WellbeingDisclosure.Aggregate, thinkingOfLeaving: WellbeingDisclosure.Aggregate,
        satisfied: WellbeingDisclosure.Aggregate = .notEnoughResponses,
        leavingWithinYear: WellbeingDisclosure.Aggregate = .notEnoughResponses
    ) {
        self.name = name
        self.personal = personal
        self.work = work
        self.client = client
        self.thinkingOfLeaving = thinkingOfLeaving
        self.satisfied = satisfied
        self.leavingWithinYear = leavingWithinYear
    }

    /// A summary with every figure withheld.
    public static func suppressed(_ name: String) -> WellbeingGroupSummary {
        WellbeingGroupSummary(
            name: name, personal: .notEnoughResponses, work: .notEnoughResponses, client: .notEnoughResponses,
            thinkingOfLeaving: .notEnoughResponses)
    }

    /// Summaries of `groups` (name → members) from the latest check-in of each
    /// member in `checkIns`, shown only as `WellbeingDisclosure` allows: a
    /// group too small, or one that could be differenced against a group
    /// shown before it, shows "not enough responses" throughout.
    public static func summaries(of groups: [(name: String, members: Set<UserID>)], from checkIns: [WellbeingCheckIn])
        -> [WellbeingGroupSummary]
    {
        var latest: [UserID: WellbeingCheckIn] = [:]
        for checkIn in checkIns where latest[checkIn.userID].map({ $0.takenOn <= checkIn.takenOn }) ?? true {
            latest[checkIn.userID] = checkIn
        }
        var shown: [Set<UserID>] = []
        return groups.map { group in
            let respondents = group.members.filter { latest[$0] != nil }
            guard WellbeingDisclosure.mayShow(respondents, beside: shown) else { return suppressed(group.name) }
            shown.append(respondents)
            /// Agree or strongly agree (satisfied or very satisfied): 4 or 5 of 5.
            func agrees(_ item: KeyPath<WellbeingCheckIn, Int?>) -> [UserID: Bool] {
                var result: [UserID: Bool] = [:]
                for member in respondents {
                    if let answer = latest[member]?[keyPath: item] { result[member] = answer >= 4 }
                }
                return result
            }
            func scores(_ value: (WellbeingCheckIn) -> Double?) -> [UserID: Double] {
                var result: [UserID: Double] = [:]
                for member in respondents {
                    if let checkIn = latest[member], let score = value(checkIn) { result[member] = score }
                }
                return result
            }
            return WellbeingGroupSummary(
                name: group.name, personal: WellbeingDisclosure.aggregate(scores(\.personal)),
                work: WellbeingDisclosure.aggregate(scores(\.work)),
                client: WellbeingDisclosure.aggregate(scores(\.client)),
                thinkingOfLeaving: WellbeingDisclosure.share(agrees(\.thinksOfLeaving)),
                satisfied: WellbeingDisclosure.share(agrees(\.jobSatisfaction)),
                leavingWithinYear: WellbeingDisclosure.share(agrees(\.likelyToLeaveWithinYear)))
        }
    }
}

/// A check-in as typed, checked whole: the burnout scales' answers (each
/// checked by its instrument definition) and the three single questions,
/// 1 to 5. Any question may be left out, but not every one.
public struct WellbeingCheckInAnswers: Hashable, Sendable {
    public let answers: [String: Double]
    public let personal: Double?
    public let work: Double?
    public let client: Double?
    public let thinksOfLeaving: Int?
    public let jobSatisfaction: Int?
    public let likelyToLeaveWithinYear: Int?

    /// The form's field for each single question.
    public static let leavingField = "leaving"
    public static let leavingWithinYearField = "leavingYear"
    public static let satisfactionField = "satisfaction"

    /// `scales` are the Copenhagen Burnout Inventory's three (ids
    /// `cbi-personal`, `cbi-work`, `cbi-client`).
    public static func read(_ form: [String: String], scales: [InstrumentDefinition]) throws(ValidationFailure)
        -> WellbeingCheckInAnswers
    {
        var answers: [String: Double] = [:]
        var scores: [String: Double] = [:]
        var problems: [FieldError] = []
        for scale in scales {
            do {
                let given = try scale.answers(from: form)
                answers.merge(given) { first, _ in first }
                scores[scale.id] = scale.score(given).total
            } catch {
                problems += error.errors
            }
        }
        func single(_ field: String) -> Int? {
            let typed = (form[field] ?? "").trimmingWhitespace()
            guard !typed.isEmpty else { return nil }
            guard let value = NumberText.whole(typed, in: 1...5) else {
                problems.append(FieldError(field: field, message: "Choose one of the answers"))
                return nil
            }
            return value
        }
        let leaving = single(leavingField)
        let satisfaction = single(satisfactionField)
        let leavingWithinYear = single(leavingWithinYearField)
        guard problems.isEmpty else { throw ValidationFailure(problems) }
        guard !answers.isEmpty || leaving != nil || satisfaction != nil || leavingWithinYear != nil else {
            throw ValidationFailure(
                field: "item-p1", message: "Answer at least one question, or leave the check-in for now")
        }
        return WellbeingCheckInAnswers(
            answers: answers, personal: scores["cbi-personal"], work: scores["cbi-work"], client: scores["cbi-client"],
            thinksOfLeaving: leaving, jobSatisfaction: satisfaction, likelyToLeaveWithinYear: leavingWithinYear)
    }
}
