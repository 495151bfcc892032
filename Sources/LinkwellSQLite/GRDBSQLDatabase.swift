import Foundation
import GRDB
import LinkwellDomain
import LinkwellStore
import Synchronization

/// `SQLDatabase` over GRDB. Reads go to the pool's readers (WAL: they never
/// wait for a writer). A transaction holds `writes` from BEGIN to COMMIT, and
/// runs each of its statements on the writer connection in turn, so that the
/// store code written once for both databases can await between them.
///
/// Why not GRDB's own `write { }`: its closure cannot await, and PostgreSQL's
/// statements must. Why this is still safe: every write of this store goes
/// through `writes` (GRDB's `allowsUnsafeTransactions` lets one transaction
/// span accesses), so no other statement can join a transaction left open.
struct GRDBSQLDatabase: SQLDatabase {
    let pool: DatabasePool
    let writes: AsyncLock
    let metrics: DatabaseMetrics

    var dialect: SQLDialect { .sqlite }

    func read<T: Sendable>(_ body: @Sendable (any SQLConnection) async throws -> T) async throws -> T {
        try await metrics.measure(.read) { try await body(Connection(pool: pool, writer: false)) }
    }

    func write<T: Sendable>(_ body: @Sendable (any SQLConnection) async throws -> T) async throws -> T {
        try await metrics.measure(.write) {
            try await writes.withLock {
                try await pool.writeWithoutTransaction { db in try db.beginTransaction(.immediate) }
                do {
                    let result = try await body(Connection(pool: pool, writer: true))
                    try await pool.writeWithoutTransaction { db in try db.commit() }
                    return result
                } catch {
                    try? await pool.writeWithoutTransaction { db in if db.isInsideTransaction { try db.rollback() } }
                    if let error = error as? DatabaseError { throw SQLiteErrors.translate(error) }
                    throw error
                }
            }
        }
    }

    struct Connection: SQLConnection {
        let pool: DatabasePool
        let writer: Bool

        var dialect: SQLDialect { .sqlite }

        func execute(_ sql: SQLText) async throws {
            let (text, arguments) = Self.render(sql)
            if writer {
                try await pool.writeWithoutTransaction { db in
                    try db.cachedStatement(sql: text).execute(arguments: arguments)
                }
            } else {
                try await pool.read { db in try db.execute(sql: text, arguments: arguments) }
            }
        }

        func rows(_ sql: SQLText) async throws -> [any StoredRow] {
            let (text, arguments) = Self.render(sql)
            let fetch: @Sendable (Database) throws -> FetchedRows = { db in
                FetchedRows(rows: try Row.fetchAll(db.cachedStatement(sql: text), arguments: arguments))
            }
            return (writer ? try await pool.writeWithoutTransaction(fetch) : try await pool.read(fetch)).rows
        }

        /// Runs `body` on this connection's GRDB database in one access (one
        /// snapshot, for a read): only for what SQLite does as no other engine
        /// does, the directory's full-text search and bulk save.
        func access<T: Sendable>(_ body: @escaping @Sendable (Database) throws -> T) async throws -> T {
            writer ? try await pool.writeWithoutTransaction(body) : try await pool.read(body)
        }

        /// `?` for each value, and the values as SQLite keeps them.
        static func render(_ sql: SQLText) -> (String, StatementArguments) {
            var text = ""
            var values: [(any DatabaseValueConvertible)?] = []
            for piece in sql.pieces {
                switch piece {
                case .text(let part): text += part
                case .value(let value):
                    text += "?"
                    values.append(Self.sqliteValue(value))
                }
            }
            return (text, StatementArguments(values))
        }

        static func sqliteValue(_ value: SQLValue) -> (any DatabaseValueConvertible)? {
            switch value {
            case .null: nil
            case .text(let text): text
            case .integer(let number): number
            case .real(let number): number
            case .boolean(let flag): flag ? 1 : 0
            case .timestamp(let date): date.sqliteText
            case .day(let day): day.iso
            case .uuid(let uuid): uuid.uuidString.lowercased()
            case .blob(let bytes): Data(bytes)
            }
        }
    }
}

/// Rows fetched whole (`fetchAll` copies them out of the statement), so
/// they can be read after the database access that fetched them.
struct FetchedRows: @unchecked Sendable {
    let rows: [Row]
}

/// A lock an async task can wait for without blocking a thread: one holder
/// at a time, the rest in the order they came.
final class AsyncLock: Sendable {
    private struct State {
        var held = false
        var waiting: [CheckedContinuation<Void, Never>] = []
    }

    private let state = Mutex(State())

    func withLock<T: Sendable>(_ body: () async throws -> T) async throws -> T {
        await acquire()
        defer { release() }
        return try await body()
    }

    private func acquire() async {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let acquired = state.withLock { state in
                if state.held {
                    state.waiting.append(continuation)
                    return false
                }
                state.held = true
                return true
            }
            if acquired { continuation.resume() }
        }
    }

    private func release() {
        let next = state.withLock { state -> CheckedContinuation<Void, Never>? in
            if state.waiting.isEmpty {
                state.held = false
                return nil
            }
            return state.waiting.removeFirst()
        }
        next?.resume()
    }
}

extension SQLConnection {
    /// This connection as GRDB's: every connection a SQLite store is given is one.
    var grdb: GRDBSQLDatabase.Connection {
        guard let connection = self as? GRDBSQLDatabase.Connection else {
            preconditionFailure("A SQLite store was given a \(type(of: self)), not a GRDB connection")
        }
        return connection
    }
}
