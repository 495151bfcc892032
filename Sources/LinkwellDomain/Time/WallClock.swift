import Foundation

/// The source of "now" for everything that depends on time (session expiry,
/// lockouts, audit). Injected so that tests can move time forward.
public protocol WallClock: Sendable {
    func now() -> Date
}

/// The real clock, truncated to whole milliseconds: the precision both
/// backends store, so a value read back equals the value written.
public struct SystemClock: WallClock {
    public init() {}

    public func now() -> Date {
        Date.millisecondPrecision(Date())
    }
}

extension Date {
    /// `date` rounded down to a whole millisecond, as the canonical Double for
    /// that millisecond. Idempotent: a time already on a millisecond, which as
    /// a Double may sit a hair below it (0.055 s is 54.99999… ms), stays on it.
    /// Doubles of today's times are spaced about 0.0002 ms apart, so anything
    /// within 0.01 ms of a whole millisecond is taken to be on it.
    public static func millisecondPrecision(_ date: Date) -> Date {
        let scaled = date.timeIntervalSince1970 * 1000
        let nearest = scaled.rounded()
        let milliseconds = abs(scaled - nearest) < 0.01 ? nearest : scaled.rounded(.down)
        return Date(timeIntervalSince1970: milliseconds / 1000)
    }

    /// Milliseconds since 1970: an exact, backend-independent form of a time.
    public var millisecondsSince1970: Int64 {
        Int64((timeIntervalSince1970 * 1000).rounded())
    }
}
