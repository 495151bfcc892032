import Foundation
import LinkwellDomain
import LinkwellStore

/// The audit log, on either database. There is no update or delete; both
/// schemas refuse them too.
public struct SQLAuditStore: AuditStore {
    let database: any SQLDatabase

    public init(database: any SQLDatabase) {
        self.database = database
    }

    public func append(_ entry: AuditEntry) async throws -> AuditEvent {
        try await database.write { db in try await AuditLog.append(entry, on: db) }
    }

    public func events(matching query: AuditQuery, page: PageRequest) async throws -> Page<AuditEvent> {
        try await database.read { db in
            // Where text is found inside a list of IDs: instr on SQLite, strpos on PostgreSQL.
            let find = db.dialect == .postgres ? "strpos" : "instr"
            var conditions: [SQLText] = []
            if let organisation = query.organisationID { conditions.append("organisation_id = \(organisation)") }
            if let scope = query.scope {
                conditions.append(
                    """
                    (organisation_id = \(scope.organisation) OR actor_id = \(scope.orActor)
                        OR \(unsafeRaw: find)(concerns, \(scope.organisation.description)) > 0)
                    """)
            }
            if let person = query.person {
                conditions.append(
                    "((target_type = 'person' AND target_id = \(person.description)) OR \(unsafeRaw: find)(people, \(person.description)) > 0)"
                )
            }
            if let actor = query.actorID { conditions.append("actor_id = \(actor)") }
            if let action = query.action { conditions.append("action = \(action.rawValue)") }
            if let target = query.target {
                conditions.append("target_type = \(target.type) AND target_id = \(target.id)")
            }
            let filter: SQLText = conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: " AND ")
            let total = try await db.count("SELECT count(*) AS n FROM audit_events \(filter)")
            let events = try await db.query(
                "SELECT * FROM audit_events \(filter) ORDER BY sequence DESC LIMIT \(page.size) OFFSET \(page.offset)"
            ) { try RowMapping.auditEvent($0) }
            return Page(items: events, request: page, totalItems: total)
        }
    }

    public func events(fromSequence sequence: Int64, limit: Int) async throws -> [AuditEvent] {
        try await database.read { db in
            try await db.query(
                "SELECT * FROM audit_events WHERE sequence >= \(sequence) ORDER BY sequence LIMIT \(limit)"
            ) {
                try RowMapping.auditEvent($0)
            }
        }
    }
}

/// Settings of the whole deployment: whether `linkwell demo` made it.
public struct SQLDeploymentStore: DeploymentStore {
    let database: any SQLDatabase

    public init(database: any SQLDatabase) {
        self.database = database
    }

    public func isDemo() async throws -> Bool {
        try await database.read { db in
            try await db.first("SELECT value FROM deployment_settings WHERE key = 'demo'") { try $0.text("value") }
                == "true"
        }
    }

    public func markAsDemo() async throws {
        try await database.write { db in
            try await db.execute(
                """
                INSERT INTO deployment_settings (key, value) VALUES ('demo', 'true')
                ON CONFLICT (key) DO UPDATE SET value = excluded.value
                """)
        }
    }
}
