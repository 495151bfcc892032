import Foundation
import LinkwellDomain
import LinkwellStore

/// The filters of a `ServiceQuery` that look at a service's ages, cost,
/// sessions and places: the ones answered from memory
/// (`DirectoryFilterSnapshot`) rather than by probing a table for each match.
public struct DirectoryFilterConditions: Sendable, Equatable {
    var minimumAge: Double?
    var maximumAge: Double?
    var forAge: Double?
    var freeOnly = false
    /// Bit `d` set for day number `d` (1 Monday … 7 Sunday); 0 for any day.
    var days: UInt8 = 0
    var startTime: Int?
    var endTime: Int?
    var near: ServiceQuery.Circle?

    /// Nil when the query has none of these filters. Without `near` when the
    /// caller tests places itself (listing services at places, where the
    /// distance applies to each place row).
    public init?(_ query: ServiceQuery, near includingNear: Bool = true) {
        minimumAge = query.minimumAge
        maximumAge = query.maximumAge
        forAge = query.forAge
        freeOnly = query.freeOnly
        days = query.days.reduce(0) { $0 | 1 << UInt8($1.rawValue) }
        startTime = query.startTime
        endTime = query.endTime
        near = includingNear ? query.near : nil
        if minimumAge == nil, maximumAge == nil, forAge == nil, !freeOnly, !looksAtSessions, near == nil { return nil }
    }

    public var looksAtSessions: Bool { days != 0 || startTime != nil || endTime != nil }
}

extension ServiceQuery.Circle {
    /// Whether a place is in the circle: the test `SQLiteServiceFilter` makes
    /// in SQL (the bounding box, then the distance on the same projection),
    /// so that either way the same services are found.
    public func covers(latitude: Double, longitude: Double) -> Bool {
        let box = bounds
        guard latitude >= box.minLatitude, latitude <= box.maxLatitude,
            longitude >= box.minLongitude, longitude <= box.maxLongitude
        else { return false }
        let scale = cos(self.latitude * .pi / 180)
        let reach = metres / Self.metresPerDegree
        let x = (longitude - self.longitude) * scale
        let y = latitude - self.latitude
        return x * x + y * y <= reach * reach
    }
}

/// Every service's ages, cost, weekly sessions and places, in flat arrays
/// indexed by the service's row ID: about 7 MB for 100,000 services.
///
/// Why in memory: a text search for "lunch club" matches some 3,000 services,
/// and filtering them by age and day in SQL costs a B-tree probe per match
/// per filter, which made filtered searches three times the price of the
/// bare full-text query. Checked here, each match costs a few array reads.
/// It is a picture of one `directory_generation`, which the engine that
/// keeps one loads (SQLite's `DirectoryFilterCache`); nothing here reads a database.
public struct DirectoryFilterSnapshot: Sendable {
    public let generation: Int64
    /// NaN where the service gives no limit.
    private var minimumAge: [Double] = []
    private var maximumAge: [Double] = []
    /// -1 where there is no service with that row ID, else 0 or 1.
    private var isFree: [Int8] = []
    /// Sessions of row `r` are at `sessionStart[r] ..< sessionStart[r + 1]`.
    private var sessionStart: [Int32] = []
    /// 0 where a session gives no day; -1 where no time.
    private var sessionDay: [Int8] = []
    private var sessionOpens: [Int32] = []
    private var sessionCloses: [Int32] = []
    /// Places of row `r` are at `placeStart[r] ..< placeStart[r + 1]`; NaN where unplaced.
    private var placeStart: [Int32] = []
    private var placeLatitude: [Double] = []
    private var placeLongitude: [Double] = []

    /// Builds the picture from every service's facts, sessions and places
    /// (each tagged with its service's row ID), in any order.
    public init(
        generation: Int64, facts: [(row: Int, minimumAge: Double?, maximumAge: Double?, isFree: Bool)],
        sessions: [(row: Int, day: Int8, opens: Int32, closes: Int32)],
        places: [(row: Int, latitude: Double, longitude: Double)]
    ) {
        self.generation = generation
        let rows = (facts.map(\.row).max() ?? 0) + 1
        minimumAge = Array(repeating: .nan, count: rows)
        maximumAge = Array(repeating: .nan, count: rows)
        isFree = Array(repeating: -1, count: rows)
        for fact in facts {
            minimumAge[fact.row] = fact.minimumAge ?? .nan
            maximumAge[fact.row] = fact.maximumAge ?? .nan
            isFree[fact.row] = fact.isFree ? 1 : 0
        }

        // Counting sort by service row: a count per row, then each row's slots.
        sessionStart = Self.starts(of: sessions.map(\.row), rows: rows)
        sessionDay = Array(repeating: 0, count: sessions.count)
        sessionOpens = Array(repeating: -1, count: sessions.count)
        sessionCloses = Array(repeating: -1, count: sessions.count)
        var next = sessionStart
        for session in sessions where session.row < rows {
            let slot = Int(next[session.row])
            next[session.row] += 1
            sessionDay[slot] = session.day
            sessionOpens[slot] = session.opens
            sessionCloses[slot] = session.closes
        }

        placeStart = Self.starts(of: places.map(\.row), rows: rows)
        placeLatitude = Array(repeating: .nan, count: places.count)
        placeLongitude = Array(repeating: .nan, count: places.count)
        next = placeStart
        for place in places where place.row < rows {
            let slot = Int(next[place.row])
            next[place.row] += 1
            placeLatitude[slot] = place.latitude
            placeLongitude[slot] = place.longitude
        }
    }

    /// Where each row's items start in a list sorted by row (and, last, the end).
    private static func starts(of itemRows: [Int], rows: Int) -> [Int32] {
        var counts = [Int32](repeating: 0, count: rows + 1)
        for row in itemRows where row < rows { counts[row + 1] += 1 }
        for index in 1...rows { counts[index] += counts[index - 1] }
        return counts
    }

    /// Whether the service at `rowID` meets every condition, exactly as the
    /// SQL of `SQLiteServiceFilter` would judge it (a missing value fails a
    /// comparison, as NULL does).
    public func admits(_ rowID: Int64, _ conditions: DirectoryFilterConditions) -> Bool {
        guard rowID >= 0, rowID < isFree.count else { return false }
        let r = Int(rowID)
        guard isFree[r] >= 0 else { return false }
        let minimum = minimumAge[r]
        let maximum = maximumAge[r]
        if let age = conditions.minimumAge, !(minimum >= age) { return false }
        if let age = conditions.maximumAge, !(maximum <= age) { return false }
        if let age = conditions.forAge, !(minimum.isNaN || minimum <= age) || !(maximum.isNaN || maximum >= age) {
            return false
        }
        if conditions.freeOnly, isFree[r] != 1 { return false }
        if conditions.looksAtSessions, !hasSession(r, conditions) { return false }
        if let circle = conditions.near {
            let places = Int(placeStart[r])..<Int(placeStart[r + 1])
            guard places.contains(where: { circle.covers(latitude: placeLatitude[$0], longitude: placeLongitude[$0]) })
            else { return false }
        }
        return true
    }

    private func hasSession(_ r: Int, _ conditions: DirectoryFilterConditions) -> Bool {
        (Int(sessionStart[r])..<Int(sessionStart[r + 1])).contains { slot in
            if conditions.days != 0, sessionDay[slot] <= 0 || conditions.days & (1 << UInt8(sessionDay[slot])) == 0 {
                return false
            }
            if let start = conditions.startTime, sessionOpens[slot] < 0 || Int(sessionOpens[slot]) < start {
                return false
            }
            if let end = conditions.endTime, sessionCloses[slot] < 0 || Int(sessionCloses[slot]) > end { return false }
            return true
        }
    }
}
