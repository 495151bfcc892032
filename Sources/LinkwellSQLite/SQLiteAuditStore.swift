import Foundation
import GRDB
import LinkwellDomain
import LinkwellStore

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
