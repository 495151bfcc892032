import Foundation
import GRDB
import LinkwellDomain
import LinkwellSQL
import LinkwellStore

/// The embedded backend: one SQLite file, opened as a GRDB `DatabasePool` in
/// WAL mode (many readers alongside one writer) with foreign keys enforced.
public final class SQLiteStore: SQLBackedStore {
    public var backendName: String { "sqlite" }

    let database: SQLiteDatabase
    public let stores: SQLStores

    /// Opens (creating if needed) the database file at `path`. Does not migrate;
    /// call `migrate()`.
    public init(path: String, maximumReaders: Int = 5) throws {
        var configuration = Configuration()
        configuration.foreignKeysEnabled = true
        configuration.maximumReaderCount = maximumReaders
        // Wait for a competing writer (another process, such as `linkwell user
        // create` beside a running server) instead of failing at once.
        configuration.busyMode = .timeout(10)
        configuration.label = "linkwell"
        // A transaction of the stores written once for both databases spans
        // several accesses (`GRDBSQLDatabase`); every write takes `writes`.
        configuration.allowsUnsafeTransactions = true
        let filters = DirectoryFilterCache()
        let function = filters.function
        configuration.prepareDatabase { db in db.add(function: function) }
        let folder = URL(fileURLWithPath: path).deletingLastPathComponent().path
        if !folder.isEmpty, !FileManager.default.fileExists(atPath: folder) {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        }
        let pool = try DatabasePool(path: path, configuration: configuration)
        let database = SQLiteDatabase(
            pool: pool, writes: AsyncLock(),
            metrics: DatabaseMetrics(backend: "sqlite", maximumConnections: maximumReaders + 1))
        self.database = database
        stores = SQLStores(
            database: GRDBSQLDatabase(pool: pool, writes: database.writes, metrics: database.metrics),
            directoryEngine: SQLiteDirectoryEngine(database: database, filters: filters))
    }

    public func checkHealth() async throws {
        _ = try await database.read { db in try Int.fetchOne(db, sql: "SELECT 1") }
    }

    @discardableResult
    public func migrate() async throws -> [Int] {
        let migrations = SQLiteMigrations.all
        try migrations.checkNumbering()
        var migrator = DatabaseMigrator()
        for migration in migrations {
            migrator.registerMigration(migration.identifier) { db in
                for check in migration.checks {
                    let count = try Int.fetchOne(db, sql: check.query) ?? 0
                    if count > 0 { throw migration.blocked(by: check, count: count) }
                }
                for statement in migration.statements {
                    try db.execute(sql: statement)
                }
            }
        }
        let pool = database.pool
        let finalMigrator = migrator
        let applied = try await pool.read { db in try finalMigrator.appliedIdentifiers(db) }
        try migrator.migrate(pool)
        _ = try await stores.directory.fillMissingKeys()
        return migrations.filter { !applied.contains($0.identifier) }.map(\.number)
    }

    public func close() async throws {
        try database.pool.close()
    }
}

/// The pool with metrics around every access. Stores use this, never the pool directly.
struct SQLiteDatabase: Sendable {
    let pool: DatabasePool
    /// Held by every write, of these stores and of `GRDBSQLDatabase`'s, so that none joins another's transaction.
    let writes: AsyncLock
    let metrics: DatabaseMetrics

    func read<T: Sendable>(_ body: @escaping @Sendable (Database) throws -> T) async throws -> T {
        try await metrics.measure(.read) { try await pool.read(body) }
    }

    /// Runs statements on the writer's connection outside any transaction
    /// (settings such as PRAGMAs that a transaction cannot change).
    func configureWriter(_ statements: String) async throws {
        try await writes.withLock { try await pool.writeWithoutTransaction { db in try db.execute(sql: statements) } }
    }

    /// One transaction: everything in `body` is written, or nothing is.
    func write<T: Sendable>(_ body: @escaping @Sendable (Database) throws -> T) async throws -> T {
        do {
            return try await metrics.measure(.write) { try await writes.withLock { try await pool.write(body) } }
        } catch let error as DatabaseError {
            throw SQLiteErrors.translate(error)
        }
    }
}

enum SQLiteErrors {
    /// Turns a unique-constraint failure that slipped past the stores' own
    /// checks (two writers at once) into the `StoreError` a caller can explain.
    static func translate(_ error: DatabaseError) -> any Error {
        guard error.extendedResultCode == .SQLITE_CONSTRAINT_UNIQUE, let message = error.message else { return error }
        if message.contains(".email") { return StoreError.duplicate(field: "email") }
        if message.contains(".ods_code") { return StoreError.duplicate(field: "odsCode") }
        return error
    }
}
