import Foundation
import LinkwellDomain
import LinkwellSQL
import LinkwellStore
import Logging
import NIOSSL
import PostgresNIO

/// The server backend: PostgreSQL through PostgresNIO's connection pool.
public final class PostgresStore: SQLBackedStore {
    public var backendName: String { "postgresql" }

    let database: PostgresDatabase
    public let stores: SQLStores
    private let runTask: Task<Void, Never>

    /// Starts the connection pool (connections open lazily, on first use) and
    /// returns once it is running. Does not migrate; call `migrate()`.
    public static func connect(
        details: PostgresConnectionDetails, maximumConnections: Int = 10, logger: Logger
    ) async throws -> PostgresStore {
        let (started, signal) = AsyncStream<Void>.makeStream()
        let store = try PostgresStore(
            details: details, maximumConnections: maximumConnections, logger: logger, onStart: { signal.finish() })
        for await _ in started {}
        return store
    }

    private init(
        details: PostgresConnectionDetails, maximumConnections: Int, logger: Logger,
        onStart: @escaping @Sendable () -> Void
    ) throws {
        let tls: PostgresClient.Configuration.TLS =
            switch details.tls {
            case .disable: .disable
            case .prefer: .prefer(.makeClientConfiguration())
            case .require: .require(.makeClientConfiguration())
            }
        var configuration = PostgresClient.Configuration(
            host: details.host, port: details.port, username: details.username, password: details.password,
            database: details.database, tls: tls)
        configuration.options.maximumConnections = maximumConnections
        let client = PostgresClient(configuration: configuration, backgroundLogger: logger)
        // The pool works only while `run()` runs; the store owns that task and
        // ends it in `close()`, so every command (not only `serve`) can use it.
        runTask = Task {
            onStart()
            await client.run()
        }
        let database = PostgresDatabase(
            client: client, logger: logger,
            metrics: DatabaseMetrics(backend: "postgresql", maximumConnections: maximumConnections))
        self.database = database
        stores = SQLStores(
            database: PostgresSQLDatabase(database: database), directoryEngine: PostgresDirectoryEngine())
    }

    public func checkHealth() async throws {
        _ = try await database.read { connection, logger in
            try await connection.firstRow("SELECT 1 AS ok", logger: logger)
        }
    }

    @discardableResult
    public func migrate() async throws -> [Int] {
        let applied = try await PostgresMigrator(database: database).migrate(PostgresMigrations.all)
        _ = try await stores.directory.fillMissingKeys()
        return applied
    }

    public func close() async throws {
        runTask.cancel()
        await runTask.value
    }
}

/// The client with metrics around every access. Stores use this, never the client directly.
struct PostgresDatabase: Sendable {
    let client: PostgresClient
    let logger: Logger
    let metrics: DatabaseMetrics

    func read<T: Sendable>(_ body: (PostgresConnection, Logger) async throws -> T) async throws -> T {
        try await metrics.measure(.read) {
            try await client.withConnection { connection in try await body(connection, logger) }
        }
    }

    /// One transaction: everything in `body` is written, or nothing is.
    func write<T: Sendable>(_ body: (PostgresConnection, Logger) async throws -> T) async throws -> T {
        do {
            return try await metrics.measure(.write) {
                try await client.withTransaction(logger: logger) { connection in try await body(connection, logger) }
            }
        } catch let error as PostgresTransactionError {
            throw PostgresErrors.translate(error.closureError ?? error.commitError ?? error)
        } catch {
            throw PostgresErrors.translate(error)
        }
    }
}

enum PostgresErrors {
    /// Turns a unique-constraint failure that slipped past the stores' own
    /// checks (two writers at once) into the `StoreError` a caller can explain.
    static func translate(_ error: any Error) -> any Error {
        guard let error = error as? PSQLError, let serverInfo = error.serverInfo,
            serverInfo[.sqlState] == "23505", let constraint = serverInfo[.constraintName]
        else { return error }
        if constraint.contains("email") { return StoreError.duplicate(field: "email") }
        if constraint.contains("ods_code") { return StoreError.duplicate(field: "odsCode") }
        return error
    }
}

/// Applies migrations one transaction each, under an advisory lock so that two
/// servers starting together do not both migrate.
struct PostgresMigrator {
    let database: PostgresDatabase
    /// An arbitrary constant naming Linkwell's migration lock.
    static let lockKey: Int64 = 0x4C_494E_4B57

    func migrate(_ migrations: [Migration]) async throws -> [Int] {
        try migrations.checkNumbering()
        var applied: [Int] = []
        for migration in migrations {
            let didApply = try await database.write { connection, logger in
                try await connection.execute("SELECT pg_advisory_xact_lock(\(Self.lockKey))", logger: logger)
                try await connection.execute(
                    """
                    CREATE TABLE IF NOT EXISTS schema_migrations (
                        number integer PRIMARY KEY, identifier text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now()
                    )
                    """, logger: logger)
                let existing = try await connection.firstRow(
                    "SELECT number FROM schema_migrations WHERE number = \(migration.number)", logger: logger)
                guard existing == nil else { return false }
                for check in migration.checks {
                    let count =
                        try await connection.firstRow(PostgresQuery(unsafeSQL: check.query), logger: logger)?
                        .optionalInteger("n") ?? 0
                    if count > 0 { throw migration.blocked(by: check, count: count) }
                }
                for statement in migration.statements {
                    try await connection.execute(PostgresQuery(unsafeSQL: statement), logger: logger)
                }
                try await connection.execute(
                    "INSERT INTO schema_migrations (number, identifier) VALUES (\(migration.number), \(migration.identifier))",
                    logger: logger)
                return true
            }
            if didApply { applied.append(migration.number) }
        }
        return applied
    }
}
