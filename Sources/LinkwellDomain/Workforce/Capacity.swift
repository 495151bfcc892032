import Foundation

/// What one link worker can carry: 250 people a year full time (pro rata to
/// their hours), and an active caseload, weighted by complexity, of at most
/// the organisation's ceiling (pro rata too).
public struct Capacity: Hashable, Sendable {
    public static let fullTimeHours = 37.5
    public static let defaultPeoplePerYear = 250
    public static let defaultWeightedCeiling = 60.0

    public let hoursPerWeek: Double
    public let peoplePerYear: Int
    public let weightedCeiling: Double

    public init(
        hoursPerWeek: Double = Capacity.fullTimeHours, peoplePerYear: Int = Capacity.defaultPeoplePerYear,
        weightedCeiling: Double = Capacity.defaultWeightedCeiling
    ) {
        self.hoursPerWeek = hoursPerWeek
        self.peoplePerYear = peoplePerYear
        self.weightedCeiling = weightedCeiling
    }

    var share: Double { hoursPerWeek / Self.fullTimeHours }

    /// New people a week this worker can take on: 250 a year is about 4.8 a
    /// week full time.
    public var newPeoplePerWeek: Double { Double(peoplePerYear) * share / 52 }

    /// The weighted active caseload this worker can carry.
    public var ceiling: Double { weightedCeiling * share }

    /// Over capacity: the weighted load above the ceiling, or more new people
    /// a week (averaged over the last four) than they can take.
    public func isOver(weightedLoad: Double, newPeopleLastFourWeeks: Int) -> Bool {
        weightedLoad > ceiling + 1e-9 || Double(newPeopleLastFourWeeks) / 4 > newPeoplePerWeek + 1e-9
    }

    /// The warning a manager sees: over capacity at the end of each of the
    /// last two weeks running (oldest first).
    public static func warns(overAtWeekEnds history: [Bool]) -> Bool {
        history.count >= 2 && history.suffix(2).allSatisfy { $0 }
    }
}
