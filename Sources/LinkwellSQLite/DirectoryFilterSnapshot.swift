import GRDB
import LinkwellSQL

extension DirectoryFilterSnapshot {
    /// Reads the filters' columns of every service, in `db`'s transaction.
    init(generation: Int64, db: Database) throws {
        var facts: [(row: Int, minimumAge: Double?, maximumAge: Double?, isFree: Bool)] = []
        let factRows = try Row.fetchCursor(
            db, sql: "SELECT service_row, minimum_age, maximum_age, is_free FROM directory_facts")
        while let row = try factRows.next() {
            facts.append((Int(row[0] as Int64), row[1], row[2], (row[3] as Int64) != 0))
        }
        var sessions: [(row: Int, day: Int8, opens: Int32, closes: Int32)] = []
        let sessionRows = try Row.fetchCursor(db, sql: "SELECT service_row, day, opens, closes FROM directory_sessions")
        while let row = try sessionRows.next() {
            sessions.append(
                (
                    Int(row[0] as Int64), Int8(row[1] as Int64? ?? 0), Int32(row[2] as Int64? ?? -1),
                    Int32(row[3] as Int64? ?? -1)
                ))
        }
        var places: [(row: Int, latitude: Double, longitude: Double)] = []
        let placeRows = try Row.fetchCursor(db, sql: "SELECT service_row, latitude, longitude FROM directory_places")
        while let row = try placeRows.next() {
            places.append((Int(row[0] as Int64), row[1] ?? .nan, row[2] ?? .nan))
        }
        self.init(generation: generation, facts: facts, sessions: sessions, places: places)
    }
}
