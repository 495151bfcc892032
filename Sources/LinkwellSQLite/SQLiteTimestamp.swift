import Foundation
import LinkwellDomain

extension Date {
    /// The text SQLite stores for this instant: UTC "YYYY-MM-DD HH:MM:SS.SSS",
    /// the format GRDB reads back, built from the whole number of milliseconds.
    ///
    /// GRDB's own Date binding goes through a DateFormatter, which truncates:
    /// 12:00:00.055 is 0.05499999… as a Double and would be stored as .054,
    /// so the time read back would not be the time written (and an audit
    /// event's hash, which covers its time, would no longer match). Every
    /// Date bound in the SQLite stores goes through here instead.
    var sqliteText: String {
        let milliseconds = millisecondsSince1970
        let seconds = milliseconds.floorDivided(by: 1000)
        let fraction = Int(milliseconds - seconds * 1000)
        // Whole days and the second within the day, without a Calendar (bulk
        // imports format hundreds of thousands of these).
        let days = seconds.floorDivided(by: 86_400)
        let second = Int(seconds - days * 86_400)
        let day = CalendarDate(daysSince1970: Int(days))
        func pad(_ value: Int, _ width: Int) -> String {
            let text = String(value)
            return String(repeating: "0", count: max(0, width - text.count)) + text
        }
        return "\(pad(day.year, 4))-\(pad(day.month, 2))-\(pad(day.day, 2)) "
            + "\(pad(second / 3600, 2)):\(pad(second / 60 % 60, 2)):\(pad(second % 60, 2)).\(pad(fraction, 3))"
    }
}

extension Int64 {
    /// Division rounding towards minus infinity, so times before 1970 format correctly too.
    fileprivate func floorDivided(by divisor: Int64) -> Int64 {
        let quotient = self / divisor
        return (self % divisor != 0 && (self < 0) != (divisor < 0)) ? quotient - 1 : quotient
    }
}
