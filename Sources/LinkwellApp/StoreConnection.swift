import Foundation
import LinkwellDomain
import LinkwellPostgres
import LinkwellSQLite
import LinkwellStore
import LinkwellWeb
import Logging

/// Opens the store a `DatabaseLocation` names. Used by the server and by
/// every CLI command that touches data. The one place that knows which
/// databases exist: everything above it sees `any LinkwellStore`.
public enum StoreConnection {
    public static func open(_ location: DatabaseLocation, logger: Logger) async throws -> any LinkwellStore {
        LinkwellMetrics.bootstrap()  // database metrics need the metrics system in place first
        switch location {
        case .sqlite(let path):
            return try SQLiteStore(path: path)
        case .postgres(let details):
            return try await PostgresStore.connect(details: details, logger: logger)
        }
    }
}

/// Builds the whole application from its configuration: opens the database
/// it names, then `buildApplication(_:store:…)`. Used by `linkwell serve`,
/// `linkwell demo` and every HTTP test.
public func buildApplication(
    _ configuration: AppConfiguration, clock: any WallClock = SystemClock(), logger: Logger? = nil,
    onServerRunning: @escaping @Sendable (_ port: Int) async -> Void = { _ in }
) async throws -> Linkwell {
    // The database's logger at the configured level, as the application's own is.
    var storeLogger = logger ?? Logger(label: "linkwell")
    storeLogger.logLevel = configuration.logLevel
    let store = try await StoreConnection.open(configuration.database, logger: storeLogger)
    return try await buildApplication(
        configuration, store: store, clock: clock, logger: logger, onServerRunning: onServerRunning)
}
