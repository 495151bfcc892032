import Foundation

/// How long a provider has to answer a formal referral, and when they are
/// reminded. With the default 14 days: reminders on day 7 and day 12, and on
/// day 14 the referral becomes "no response" and the link worker is told.
/// For another number of days, the first reminder is halfway and the second
/// two days before the end.
public struct ConnectionDeadline: Hashable, Sendable {
    public static let defaultDays = 14
    public static let allowedDays = 3...60
    static let day: TimeInterval = 24 * 60 * 60

    public let days: Int

    public init(days: Int = Self.defaultDays) {
        precondition(Self.allowedDays.contains(days), "response days out of range")
        self.days = days
    }

    /// The day (counted from sending) of each reminder, in order.
    public var reminderDays: [Int] {
        let first = days / 2
        let second = days - 2
        return second > first ? [first, second] : [first]
    }

    public enum Step: Hashable, Sendable {
        case nothing
        /// Send reminder `number` (1-based); earlier ones that were missed are
        /// not sent late, as only the latest is still useful.
        case remind(number: Int, daysLeft: Int)
        case expire
    }

    /// What is due for a referral sent at `referredAt` that has had
    /// `remindersSent` reminders, at `now`. Asking again after acting on the
    /// answer gives `.nothing`: running the job twice does nothing twice.
    public func step(referredAt: Date, remindersSent: Int, now: Date) -> Step {
        let elapsed = now.timeIntervalSince(referredAt)
        if elapsed >= TimeInterval(days) * Self.day { return .expire }
        let due = reminderDays.enumerated().filter { elapsed >= TimeInterval($0.element) * Self.day }
        guard let latest = due.last, latest.offset + 1 > remindersSent else { return .nothing }
        return .remind(number: latest.offset + 1, daysLeft: days - latest.element)
    }
}
