import Foundation
import GRDB
import LinkwellDomain
import LinkwellPostgres
import LinkwellSQLite
import LinkwellStore
import Logging
import PostgresNIO
import Testing

/// The backends the store contract suite runs against. Every store test takes
/// one of these as its argument, so each test runs on both.
public enum TestBackend: String, CaseIterable, Sendable, CustomTestStringConvertible {
    case sqlite
    case postgres

    public var testDescription: String { rawValue }

    /// The environment variable through which `scripts/test` hands the tests
    /// the address of the throwaway PostgreSQL server it started.
    public static let postgresVariable = "LINKWELL_TEST_POSTGRES_URL"

    /// Set to 1 (by `.ci/run`) to make a missing PostgreSQL fail the suite.
    public static let requirePostgresVariable = "LINKWELL_REQUIRE_POSTGRES"
    /// A file `scripts/test` names; each PostgreSQL test case that really
    /// ran against a server adds a line, so the script can tell the leg ran.
    public static let markerVariable = "LINKWELL_POSTGRES_LEG_MARKER"

    struct PostgresLegMissing: Error, CustomStringConvertible {
        var description: String {
            "\(TestBackend.requirePostgresVariable)=1 but \(TestBackend.postgresVariable) is not set: the PostgreSQL leg must run here"
        }
    }

    /// The test PostgreSQL server, noted as used. Without one, the test case
    /// is skipped, loudly; or, where `.ci/run` requires the leg, it fails.
    public static func postgresServer() throws -> PostgresTestServer {
        guard let server = PostgresTestServer.fromEnvironment() else {
            if ProcessInfo.processInfo.environment[requirePostgresVariable] == "1" { throw PostgresLegMissing() }
            PostgresTestServer.warnOnce()
            try Test.cancel("PostgreSQL leg skipped: \(postgresVariable) is not set (scripts/test sets it)")
        }
        notePostgresLegRan()
        return server
    }

    static func notePostgresLegRan() {
        guard let path = ProcessInfo.processInfo.environment[markerVariable],
            let file = FileHandle(forWritingAtPath: path)
        else { return }
        defer { try? file.close() }
        _ = try? file.seekToEnd()
        try? file.write(contentsOf: Data("ran\n".utf8))
    }

    /// Runs `body` with a new, migrated, empty store of this backend, then
    /// closes and deletes it. On PostgreSQL without a server, cancels the test
    /// case with the reason (shown as skipped), so only that leg is lost.
    public func withStore<T>(_ body: (any LinkwellStore, RawDatabase) async throws -> T) async throws -> T {
        switch self {
        case .sqlite:
            let folder = FileManager.default.temporaryDirectory.appendingPathComponent("linkwell-test-\(UUID())")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(at: folder) }
            let path = folder.appendingPathComponent("test.sqlite").path
            let store = try SQLiteStore(path: path)
            try await store.migrate()
            let raw = try RawDatabase.sqlite(path: path)
            do {
                let result = try await body(store, raw)
                try await store.close()
                return result
            } catch {
                try? await store.close()
                throw error
            }
        case .postgres:
            let server = try Self.postgresServer()
            let details = try await server.makeDatabase()
            let store = try await PostgresStore.connect(
                details: details, maximumConnections: 4, logger: Logger(label: "test"))
            let raw = RawDatabase.postgres(details)
            do {
                let result = try await body(store, raw)
                try await store.close()
                try await server.dropDatabase(details.database)
                return result
            } catch {
                try? await store.close()
                try? await server.dropDatabase(details.database)
                throw error
            }
        }
    }
}

/// Direct SQL against a test database, beside the store, for what the store
/// API deliberately cannot do: tampering with the audit log, to prove it shows.
public enum RawDatabase: Sendable {
    case sqliteQueue(DatabaseQueue)
    case postgres(PostgresConnectionDetails)

    public static func sqlite(path: String) throws -> RawDatabase {
        .sqliteQueue(try DatabaseQueue(path: path))
    }

    public func execute(_ sql: String) async throws {
        switch self {
        case .sqliteQueue(let queue):
            try await queue.write { db in try db.execute(sql: sql) }
        case .postgres(let details):
            try await PostgresTestServer.withClient(details) { client in
                try await client.query(PostgresQuery(unsafeSQL: sql))
            }
        }
    }

    /// The same trigger-free tamper on both backends: drops the append-only
    /// guard (as someone with database access could) and edits one event.
    public func tamperWithAuditEvent(sequence: Int64, detail: String) async throws {
        switch self {
        case .sqliteQueue:
            try await execute("DROP TRIGGER IF EXISTS audit_events_no_update")
        case .postgres:
            try await execute("DROP TRIGGER IF EXISTS audit_events_no_update_or_delete ON audit_events")
        }
        let escaped = detail.replacingOccurrences(of: "'", with: "''")
        try await execute("UPDATE audit_events SET detail = '\(escaped)' WHERE sequence = \(sequence)")
    }
}
