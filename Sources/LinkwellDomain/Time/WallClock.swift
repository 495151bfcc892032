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
    /// `date` rounded down to a whole millisecond.
    public static func millisecondPrecision(_ date: Date) -> Date {
        Date(timeIntervalSince1970: (date.timeIntervalSince1970 * 1000).rounded(.down) / 1000)
    }

    /// Milliseconds since 1970: an exact, backend-independent form of a time.
    public var millisecondsSince1970: Int64 {
        Int64((timeIntervalSince1970 * 1000).rounded())
    }
}
