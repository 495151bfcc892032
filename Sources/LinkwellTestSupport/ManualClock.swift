import Foundation
import LinkwellDomain
import Synchronization

/// A clock that stands still until a test moves it: session expiry, lockouts
/// and audit times become exact and repeatable.
public final class ManualClock: WallClock {
    private let current: Mutex<Date>

    /// Starts at 2026-03-02 09:00:00.055 UTC (a Monday morning) unless told
    /// otherwise. The .055 is deliberate: as a Double it is 0.05499…, which a
    /// careless conversion stores as .054, so every test that writes a time
    /// checks that the backends keep it exactly.
    public init(_ start: Date = Date(timeIntervalSince1970: 1_772_442_000.055)) {
        current = Mutex(Date.millisecondPrecision(start))
    }

    public func now() -> Date {
        current.withLock { $0 }
    }

    public func advance(by interval: TimeInterval) {
        current.withLock { $0 = Date.millisecondPrecision($0.addingTimeInterval(interval)) }
    }

    public func set(_ date: Date) {
        current.withLock { $0 = Date.millisecondPrecision(date) }
    }
}
