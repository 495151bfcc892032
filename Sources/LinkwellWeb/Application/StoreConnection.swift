import Foundation
import LinkwellPostgres
import LinkwellSQLite
import LinkwellStore
import Logging

/// Opens the store a `DatabaseLocation` names. Used by the server and by
/// every CLI command that touches data.
public enum StoreConnection {
    public static func open(_ location: DatabaseLocation, logger: Logger) async throws -> any LinkwellStore {
        _ = LinkwellMetrics.registry  // database metrics need the metrics system in place first
        switch location {
        case .sqlite(let path):
            return try SQLiteStore(path: path)
        case .postgres(let details):
            return try await PostgresStore.connect(details: details, logger: logger)
        }
    }
}
