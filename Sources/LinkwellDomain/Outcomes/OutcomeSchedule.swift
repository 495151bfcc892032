import Foundation

/// When someone's next outcome measure is due: the baseline at the first
/// conversation, then a follow-up every so many weeks (the organisation's
/// setting, 12 unless it changes it), and one at discharge (taken then).
public enum OutcomeSchedule {
    public static let defaultFollowUpWeeks = 12
    public static let allowedFollowUpWeeks = 2...52

    public enum Due: Hashable, Sendable {
        case baseline(CalendarDate)
        case followUp(CalendarDate)

        public var date: CalendarDate {
            switch self {
            case .baseline(let date), .followUp(let date): date
            }
        }
    }

    /// Nil before the first conversation: there is nobody to ask yet.
    public static func due(firstContact: CalendarDate?, latestMeasure: CalendarDate?, followUpWeeks: Int) -> Due? {
        guard let firstContact else { return nil }
        guard let latestMeasure else { return .baseline(firstContact) }
        return .followUp(latestMeasure.adding(days: 7 * followUpWeeks))
    }
}
