import Foundation
import LinkwellPostgres
import LinkwellStore
import Logging
import PostgresNIO
import Synchronization

/// The throwaway PostgreSQL server that `scripts/test` starts. Each test gets
/// its own database, cloned from a migrated template (much faster than
/// migrating each one).
public struct PostgresTestServer: Sendable {
    public let admin: PostgresConnectionDetails

    public static func fromEnvironment() -> PostgresTestServer? {
        guard let url = ProcessInfo.processInfo.environment[TestBackend.postgresVariable], !url.isEmpty,
            let details = try? PostgresConnectionDetails(url: url)
        else { return nil }
        return PostgresTestServer(admin: details)
    }

    private static let warned = Mutex(false)

    static func warnOnce() {
        let first = warned.withLock { warned in
            defer { warned = true }
            return !warned
        }
        guard first else { return }
        let line = String(repeating: "!", count: 78)
        print(
            """
            \(line)
            !! WARNING: PostgreSQL is not available, so the PostgreSQL leg of the store
            !! contract suite is SKIPPED. Only SQLite was checked. Run scripts/test, which
            !! starts a throwaway PostgreSQL 15 server and sets \(TestBackend.postgresVariable).
            \(line)
            """)
    }

    /// Creates an empty, migrated database and returns how to reach it.
    public func makeDatabase() async throws -> PostgresConnectionDetails {
        try await TemplateDatabase.shared.ensure(on: self)
        let name = "lw_test_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased().prefix(20)
        try await Self.withClient(admin) { client in
            try await client.query(
                PostgresQuery(unsafeSQL: "CREATE DATABASE \(name) TEMPLATE \(TemplateDatabase.name)"))
        }
        var details = admin
        details.database = String(name)
        return details
    }

    public func dropDatabase(_ name: String) async throws {
        try await Self.withClient(admin) { client in
            try await client.query(PostgresQuery(unsafeSQL: "DROP DATABASE IF EXISTS \(name) WITH (FORCE)"))
        }
    }

    /// Runs `body` with a client whose pool runs only as long as `body` does.
    @discardableResult
    static func withClient<T: Sendable>(
        _ details: PostgresConnectionDetails, _ body: @Sendable (PostgresClient) async throws -> T
    ) async throws -> T {
        let client = PostgresClient(
            configuration: .init(
                host: details.host, port: details.port, username: details.username, password: details.password,
                database: details.database, tls: .disable))
        return try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { await client.run() }
            defer { group.cancelAll() }
            return try await body(client)
        }
    }
}

/// Builds the template database once per test process.
actor TemplateDatabase {
    static let shared = TemplateDatabase()
    static let name = "lw_template_\(ProcessInfo.processInfo.processIdentifier)"

    private var ready: Task<Void, any Error>?

    func ensure(on server: PostgresTestServer) async throws {
        if let ready { return try await ready.value }
        let task = Task {
            try await PostgresTestServer.withClient(server.admin) { client in
                try await client.query(PostgresQuery(unsafeSQL: "DROP DATABASE IF EXISTS \(Self.name) WITH (FORCE)"))
                try await client.query(PostgresQuery(unsafeSQL: "CREATE DATABASE \(Self.name)"))
            }
            var details = server.admin
            details.database = Self.name
            let store = try await PostgresStore.connect(
                details: details, maximumConnections: 1, logger: Logger(label: "test-template"))
            try await store.migrate()
            try await store.close()
        }
        ready = task
        try await task.value
    }
}
