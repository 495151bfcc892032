import Foundation
import GRDB
import LinkwellSQL
import Synchronization

/// Keeps the latest `DirectoryFilterSnapshot` for a database and lends it to
/// searches through a SQL function, so that SQLite's full-text search can
/// drop the matches a filter rules out as it finds them.
///
/// Staying right: every write that changes what the filters look at (saving
/// services, editing one) adds one to `directory_generation` in the same
/// transaction. A search reads that number in its own read transaction and
/// uses a snapshot of exactly that generation, loading one when it has
/// changed (about 0.1 s for 100,000 services), so it sees its transaction's
/// data even while another process imports. (While one does, each batch
/// moves the generation on, so filtered searches reload often: slower for
/// that while, never wrong.)
final class DirectoryFilterCache: Sendable {
    static let functionName = "linkwell_directory_admits"

    private struct State {
        var latest: DirectoryFilterSnapshot?
        /// The searches running now, by the token their SQL passes in.
        var running: [Int64: (snapshot: DirectoryFilterSnapshot, conditions: DirectoryFilterConditions)] = [:]
        var nextToken: Int64 = 1
    }

    private let state = Mutex(State())

    /// `linkwell_directory_admits(rowid, token)`: 1 when the service meets the
    /// conditions of the search holding `token`. Added to every connection.
    var function: DatabaseFunction {
        DatabaseFunction(Self.functionName, argumentCount: 2, pure: false) { [self] values in
            guard let rowID = Int64.fromDatabaseValue(values[0]), let token = Int64.fromDatabaseValue(values[1]),
                let search = state.withLock({ $0.running[token] })
            else { return false }
            return search.snapshot.admits(rowID, search.conditions)
        }
    }

    /// Runs `body` with a token for SQL to pass to the function, valid until
    /// it returns, under which `conditions` are checked against the snapshot
    /// of `db`'s transaction.
    func searching<T>(_ conditions: DirectoryFilterConditions, db: Database, _ body: (Int64) throws -> T) throws -> T {
        let snapshot = try self.snapshot(db)
        let token = state.withLock { state in
            let token = state.nextToken
            state.nextToken += 1
            state.running[token] = (snapshot, conditions)
            return token
        }
        defer { _ = state.withLock { $0.running.removeValue(forKey: token) } }
        return try body(token)
    }

    /// The snapshot of the generation `db`'s transaction sees.
    func snapshot(_ db: Database) throws -> DirectoryFilterSnapshot {
        let generation = try Int64.fetchOne(db, sql: "SELECT value FROM directory_generation") ?? 0
        if let latest = state.withLock({ $0.latest }), latest.generation == generation { return latest }
        let loaded = try DirectoryFilterSnapshot(generation: generation, db: db)
        state.withLock { state in
            // A search in an older transaction keeps its copy to itself.
            if generation > state.latest?.generation ?? Int64.min { state.latest = loaded }
        }
        return loaded
    }

    /// Marks the directory's filter facts as changed, in the writer's transaction.
    static func advance(_ db: Database) throws {
        try db.cachedStatement(sql: "UPDATE directory_generation SET value = value + 1").execute()
    }
}
