import Foundation
import GRDB
import LinkwellStore
import PostgresNIO

/// Counts every table's rows in one statement, over one connection kept
/// open for a whole test, so that a test can check after each of thousands
/// of refused requests that nothing was written.
public final class RowCounter: Sendable {
    private enum Connection: Sendable {
        case sqlite(DatabaseQueue)
        case postgres(PostgresClient, Task<Void, Never>)
    }

    private let connection: Connection

    public init(_ location: DatabaseLocation) throws {
        switch location {
        case .sqlite(let path):
            connection = .sqlite(try DatabaseQueue(path: path))
        case .postgres(let details):
            let client = PostgresClient(
                configuration: .init(
                    host: details.host, port: details.port, username: details.username, password: details.password,
                    database: details.database, tls: .disable))
            connection = .postgres(client, Task { await client.run() })
        }
    }

    public func counts(excluding excluded: Set<String> = []) async throws -> [String: Int] {
        switch connection {
        case .sqlite(let queue):
            return try await queue.read { db in
                let tables = try String.fetchAll(
                    db,
                    sql:
                        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name"
                ).filter { !excluded.contains($0) }
                guard !tables.isEmpty else { return [:] }
                let sql = "SELECT " + tables.map { "(SELECT count(*) FROM \"\($0)\")" }.joined(separator: ", ")
                guard let row = try Row.fetchOne(db, sql: sql) else { return [:] }
                return Dictionary(uniqueKeysWithValues: tables.enumerated().map { ($1, row[$0] as Int) })
            }
        case .postgres(let client, _):
            var tables: [String] = []
            for try await name in try await client.query(
                "SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename"
            )
            .decode(String.self)
            where !excluded.contains(name) { tables.append(name) }
            guard !tables.isEmpty else { return [:] }
            let sql = "SELECT " + tables.map { "(SELECT count(*) FROM \"\($0)\")::bigint" }.joined(separator: ", ")
            var counts: [String: Int] = [:]
            for try await row in try await client.query(PostgresQuery(unsafeSQL: sql)) {
                let cells = row.makeRandomAccess()
                for (index, table) in tables.enumerated() { counts[table] = try cells[index].decode(Int.self) }
            }
            return counts
        }
    }

    public func close() async {
        if case .postgres(_, let task) = connection {
            task.cancel()
            await task.value
        }
    }
}
