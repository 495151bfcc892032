import Foundation
import GRDB
import LinkwellDomain
import LinkwellStore

struct SQLiteAuditStore: AuditStore {
    let database: SQLiteDatabase

    func append(_ entry: AuditEntry) async throws -> AuditEvent {
        try await database.write { db in try SQLiteAuditLog.append(entry, in: db) }
    }

    func events(matching query: AuditQuery, page: PageRequest) async throws -> Page<AuditEvent> {
        try await database.read { db in
            var conditions: [String] = []
            var arguments: StatementArguments = []
            if let organisation = query.organisationID {
                conditions.append("organisation_id = ?")
                arguments += [organisation.databaseText]
            }
            if let scope = query.scope {
                conditions.append("(organisation_id = ? OR actor_id = ? OR instr(concerns, ?) > 0)")
                arguments += [scope.organisation.databaseText, scope.orActor.databaseText, scope.organisation.databaseText]
            }
            if let person = query.person {
                conditions.append("((target_type = 'person' AND target_id = ?) OR instr(people, ?) > 0)")
                arguments += [person.description, person.description]
            }
            if let actor = query.actorID {
                conditions.append("actor_id = ?")
                arguments += [actor.databaseText]
            }
            if let action = query.action {
                conditions.append("action = ?")
                arguments += [action.rawValue]
            }
            if let target = query.target {
                conditions.append("target_type = ? AND target_id = ?")
                arguments += [target.type, target.id]
            }
            let whereClause = conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: " AND ")
            let total = try Int.fetchOne(db, sql: "SELECT count(*) FROM audit_events \(whereClause)", arguments: arguments) ?? 0
            let rows = try Row.fetchAll(
                db, sql: "SELECT * FROM audit_events \(whereClause) ORDER BY sequence DESC LIMIT ? OFFSET ?",
                arguments: arguments + [page.size, page.offset])
            return Page(items: try rows.map(RowMapping.auditEvent), request: page, totalItems: total)
        }
    }

    func events(fromSequence sequence: Int64, limit: Int) async throws -> [AuditEvent] {
        try await database.read { db in
            try Row.fetchAll(
                db, sql: "SELECT * FROM audit_events WHERE sequence >= ? ORDER BY sequence LIMIT ?",
                arguments: [sequence, limit]
            ).map(RowMapping.auditEvent)
        }
    }
}

/// Appending to the audit log inside another store's transaction.
enum SQLiteAuditLog {
    /// Appends `entry` as the next link in the chain. Must run inside a write
    /// transaction: SQLite's single writer makes reading the last hash and
    /// inserting the next one atomic.
    @discardableResult
    static func append(_ entry: AuditEntry, in db: Database) throws -> AuditEvent {
        let last = try Row.fetchOne(db, sql: "SELECT sequence, hash FROM audit_events ORDER BY sequence DESC LIMIT 1")
        let sequence = try (last?.integer64("sequence") ?? 0) + 1
        let previousHash = try last?.text("hash") ?? AuditChain.genesis
        let hash = AuditChain.hash(sequence: sequence, entry: entry, previousHash: previousHash)
        try db.execute(
            sql: """
                INSERT INTO audit_events (sequence, occurred_at, organisation_id, actor_id, actor_label, action,
                    target_type, target_id, client_address, detail, people, concerns, previous_hash, hash)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """,
            arguments: [
                sequence, entry.occurredAt.sqliteText, entry.organisationID?.databaseText, entry.actorID?.databaseText,
                entry.actorLabel, entry.action.rawValue, entry.target?.type, entry.target?.id, entry.clientAddress, entry.detail,
                entry.people.map(\.description).joined(separator: " "), entry.concerns.map(\.description).joined(separator: " "),
                previousHash, hash,
            ])
        return AuditEvent(sequence: sequence, entry: entry, previousHash: previousHash, hash: hash)
    }
}

struct SQLiteDeploymentStore: DeploymentStore {
    let database: SQLiteDatabase

    func isDemo() async throws -> Bool {
        try await database.read { db in
            try String.fetchOne(db, sql: "SELECT value FROM deployment_settings WHERE key = 'demo'") == "true"
        }
    }

    func markAsDemo() async throws {
        try await database.write { db in
            try db.execute(sql: "INSERT OR REPLACE INTO deployment_settings (key, value) VALUES ('demo', 'true')")
        }
    }
}
