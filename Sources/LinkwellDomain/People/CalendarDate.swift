import Foundation

/// A date with no time of day: a birthday, a review date, "by when". Kept as
/// year, month and day so that it never shifts across time zones.
public struct CalendarDate: Hashable, Sendable, Comparable, Codable, CustomStringConvertible {
    public let year: Int
    public let month: Int
    public let day: Int

    /// Nil unless the three numbers name a real day (no 30 February).
    public init?(year: Int, month: Int, day: Int) {
        guard (1850...2200).contains(year), (1...12).contains(month), day >= 1,
            day <= CalendarDate.daysInMonth(year: year, month: month)
        else { return nil }
        self.year = year
        self.month = month
        self.day = day
    }

    /// Reads "YYYY-MM-DD" (how dates are stored and sent in forms).
    public init?(iso text: some StringProtocol) {
        let parts = text.split(separator: "-")
        guard parts.count == 3, parts[0].count == 4, let year = Int(parts[0]), let month = Int(parts[1]),
            let day = Int(parts[2])
        else { return nil }
        self.init(year: year, month: month, day: day)
    }

    /// The day `date` falls on in `timeZone`.
    public init(_ date: Date, in timeZone: TimeZone) {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        let parts = calendar.dateComponents([.year, .month, .day], from: date)
        year = parts.year!
        month = parts.month!
        day = parts.day!
    }

    /// "2026-03-02".
    public var iso: String {
        func pad(_ value: Int, _ width: Int) -> String {
            let text = String(value)
            return String(repeating: "0", count: max(0, width - text.count)) + text
        }
        return "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))"
    }

    public var description: String { iso }

    /// Encoded as "YYYY-MM-DD", as in the database and in FHIR.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        guard let date = CalendarDate(iso: text) else {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: "Not a YYYY-MM-DD date: \(text)")
        }
        self = date
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(iso)
    }

    /// "2 March 2026".
    public var longText: String { "\(day) \(Self.monthNames[month - 1]) \(year)" }

    /// "2 Mar 2026".
    public var shortText: String { "\(day) \(Self.monthNames[month - 1].prefix(3)) \(year)" }

    public static func < (lhs: CalendarDate, rhs: CalendarDate) -> Bool {
        (lhs.year, lhs.month, lhs.day) < (rhs.year, rhs.month, rhs.day)
    }

    /// Days from this date to `other` (negative if `other` is earlier).
    public func days(until other: CalendarDate) -> Int {
        other.dayNumber - dayNumber
    }

    public func adding(days: Int) -> CalendarDate {
        CalendarDate(dayNumber: dayNumber + days)
    }

    /// The same day `months` later, or the month's last day when it has fewer
    /// days (31 January and one month is 28 or 29 February).
    public func adding(months: Int) -> CalendarDate {
        // Callers add a few years at most; anything wilder is held to ±10,000
        // years so that the sum cannot overflow.
        let total = year * 12 + (month - 1) + min(max(months, -120_000), 120_000)
        let (newYear, newMonth) = (total.floorDivided(by: 12), total.floorModulo(12) + 1)
        let newDay = min(day, Self.daysInMonth(year: newYear, month: newMonth))
        return CalendarDate(unchecked: newYear, newMonth, newDay)
    }

    /// Whole years of age on `date`.
    public func age(on date: CalendarDate) -> Int {
        var years = date.year - year
        if (date.month, date.day) < (month, day) { years -= 1 }
        return years
    }

    /// 1 = Monday … 7 = Sunday.
    public var weekday: Int {
        // 1970-01-01 was a Thursday (4).
        ((dayNumber % 7) + 7 + 3) % 7 + 1
    }

    static let monthNames = [
        "January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
        "November", "December",
    ]

    static func daysInMonth(year: Int, month: Int) -> Int {
        switch month {
        case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    /// Days since 1970-01-01 (proleptic Gregorian), for arithmetic.
    var dayNumber: Int {
        // Howard Hinnant's days_from_civil.
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146097 + dayOfEra - 719468
    }

    /// The day `days` after 1 January 1970 (negative for days before it),
    /// worked out arithmetically: no `Calendar`, so it is cheap in bulk.
    public init(daysSince1970 days: Int) {
        self.init(dayNumber: days)
    }

    private init(unchecked year: Int, _ month: Int, _ day: Int) {
        self.year = year
        self.month = month
        self.day = day
    }

    init(dayNumber: Int) {
        let z = dayNumber + 719468
        let era = (z >= 0 ? z : z - 146096) / 146097
        let dayOfEra = z - era * 146097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let mp = (5 * dayOfYear + 2) / 153
        day = dayOfYear - (153 * mp + 2) / 5 + 1
        month = mp < 10 ? mp + 3 : mp - 9
        year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
    }

    /// A date typed as three boxes (day, month, year), the accessible way to
    /// ask for dates. Messages name what is wrong.
    public static func parse(day: String, month: String, year: String, what: String) throws(ValidationFailure)
        -> CalendarDate
    {
        let (d, m, y) = (day.trimmingWhitespace(), month.trimmingWhitespace(), year.trimmingWhitespace())
        if d.isEmpty && m.isEmpty && y.isEmpty {
            throw ValidationFailure(field: "", message: "Enter \(what)")
        }
        var missing: [String] = []
        if d.isEmpty { missing.append("a day") }
        if m.isEmpty { missing.append("a month") }
        if y.isEmpty { missing.append("a year") }
        if !missing.isEmpty {
            throw ValidationFailure(
                field: "",
                message:
                    "\(what.prefix(1).uppercased() + what.dropFirst()) must include \(missing.joined(separator: " and "))"
            )
        }
        guard let dayNumber = NumberText.whole(d, in: 1...31), let monthNumber = NumberText.whole(m, in: 1...12),
            let yearNumber = NumberText.whole(y, in: 1000...9999), y.count == 4,
            let date = CalendarDate(year: yearNumber, month: monthNumber, day: dayNumber)
        else {
            throw ValidationFailure(
                field: "",
                message: "\(what.prefix(1).uppercased() + what.dropFirst()) must be a real date, like 27 3 1956")
        }
        return date
    }
}

extension Int {
    fileprivate func floorDivided(by divisor: Int) -> Int {
        let quotient = self / divisor
        return (self % divisor < 0) ? quotient - 1 : quotient
    }

    fileprivate func floorModulo(_ divisor: Int) -> Int {
        let remainder = self % divisor
        return remainder < 0 ? remainder + divisor : remainder
    }
}
