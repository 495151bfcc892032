import Foundation
import LinkwellDomain
import LinkwellStore
import Logging
import PostgresNIO

struct PostgresAuditStore: AuditStore {
    let database: PostgresDatabase

    func append(_ entry: AuditEntry) async throws -> AuditEvent {
        try await database.write { connection, logger in
            try await PostgresAuditLog.append(entry, on: connection, logger: logger)
        }
    }

    func events(matching query: AuditQuery, page: PageRequest) async throws -> Page<AuditEvent> {
        // Filters are optional, so the SQL is assembled; every value is still bound.
        var conditions: [String] = []
        var bindings = PostgresBindings()
        func bind(_ value: some PostgresDynamicTypeEncodable) -> String {
            bindings.append(value)
            return "$\(bindings.count)"
        }
        if let organisation = query.organisationID { conditions.append("organisation_id = \(bind(organisation.rawValue))") }
        if let scope = query.scope {
            let organisation = bind(scope.organisation.rawValue)
            conditions.append(
                "(organisation_id = \(organisation) OR actor_id = \(bind(scope.orActor.rawValue)) OR strpos(concerns, \(bind(scope.organisation.description))) > 0)")
        }
        if let person = query.person {
            let id = person.description
            conditions.append("((target_type = 'person' AND target_id = \(bind(id))) OR strpos(people, \(bind(id))) > 0)")
        }
        if let actor = query.actorID { conditions.append("actor_id = \(bind(actor.rawValue))") }
        if let action = query.action { conditions.append("action = \(bind(action.rawValue))") }
        if let target = query.target {
            conditions.append("target_type = \(bind(target.type)) AND target_id = \(bind(target.id))")
        }
        let whereClause = conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: " AND ")
        let countQuery = PostgresQuery(unsafeSQL: "SELECT count(*) AS total FROM audit_events \(whereClause)", binds: bindings)
        let limit = bind(page.size)
        let offset = bind(page.offset)
        let listQuery = PostgresQuery(
            unsafeSQL: "SELECT * FROM audit_events \(whereClause) ORDER BY sequence DESC LIMIT \(limit) OFFSET \(offset)",
            binds: bindings)
        return try await database.read { connection, logger in
            let total = try await connection.firstRow(countQuery, logger: logger)?.integer("total") ?? 0
            let rows = try await connection.rows(listQuery, logger: logger)
            return Page(items: try rows.map(RowMapping.auditEvent), request: page, totalItems: total)
        }
    }

    func events(fromSequence sequence: Int64, limit: Int) async throws -> [AuditEvent] {
        try await database.read { connection, logger in
            try await connection.rows(
                "SELECT * FROM audit_events WHERE sequence >= \(sequence) ORDER BY sequence LIMIT \(limit)",
                logger: logger
            ).map(RowMapping.auditEvent)
        }
    }
}

/// Appending to the audit log inside another store's transaction.
enum PostgresAuditLog {
    /// An arbitrary constant naming the lock that orders audit appends.
    static let lockKey: Int64 = 0x4C_5741_5544

    /// Appends `entry` as the next link in the chain. Must run inside a
    /// transaction; the advisory lock (held to the end of it) makes concurrent
    /// appenders take turns, so two events never claim the same predecessor.
    @discardableResult
    static func append(_ entry: AuditEntry, on connection: PostgresConnection, logger: Logger) async throws -> AuditEvent {
        try await connection.execute("SELECT pg_advisory_xact_lock(\(lockKey))", logger: logger)
        let last = try await connection.firstRow(
            "SELECT sequence, hash FROM audit_events ORDER BY sequence DESC LIMIT 1", logger: logger)
        let sequence = try (last?.integer64("sequence") ?? 0) + 1
        let previousHash = try last?.text("hash") ?? AuditChain.genesis
        let hash = AuditChain.hash(sequence: sequence, entry: entry, previousHash: previousHash)
        try await connection.execute(
            """
            INSERT INTO audit_events (sequence, occurred_at, organisation_id, actor_id, actor_label, action,
                target_type, target_id, client_address, detail, people, concerns, previous_hash, hash)
            VALUES (\(sequence), \(entry.occurredAt), \(entry.organisationID?.rawValue), \(entry.actorID?.rawValue),
                \(entry.actorLabel), \(entry.action.rawValue), \(entry.target?.type), \(entry.target?.id), \(entry.clientAddress),
                \(entry.detail), \(entry.people.map(\.description).joined(separator: " ")),
                \(entry.concerns.map(\.description).joined(separator: " ")), \(previousHash), \(hash))
            """, logger: logger)
        return AuditEvent(sequence: sequence, entry: entry, previousHash: previousHash, hash: hash)
    }
}

struct PostgresDeploymentStore: DeploymentStore {
    let database: PostgresDatabase

    func isDemo() async throws -> Bool {
        try await database.read { connection, logger in
            try await connection.firstRow("SELECT value FROM deployment_settings WHERE key = 'demo'", logger: logger)?
                .text("value") == "true"
        }
    }

    func markAsDemo() async throws {
        try await database.write { connection, logger in
            try await connection.execute(
                """
                INSERT INTO deployment_settings (key, value) VALUES ('demo', 'true')
                ON CONFLICT (key) DO UPDATE SET value = excluded.value
                """, logger: logger)
        }
    }
}
