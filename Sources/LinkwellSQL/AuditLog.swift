import Foundation
import LinkwellDomain
import LinkwellStore

/// Appending to the audit log inside another store's transaction.
public enum AuditLog {
    /// Names PostgreSQL's transaction lock that orders appends (SQLite has one writer already).
    static let lockKey: Int64 = 0x4C_5741_5544

    /// Appends `entry` as the next link in the chain. Must run inside a
    /// write: the writer (SQLite) or the lock (PostgreSQL) makes reading the
    /// last hash and inserting the next one atomic, so the chain never forks.
    @discardableResult
    public static func append(_ entry: AuditEntry, on db: any SQLConnection) async throws -> AuditEvent {
        if db.dialect == .postgres { try await db.execute("SELECT pg_advisory_xact_lock(\(lockKey))") }
        let last = try await db.first("SELECT sequence, hash FROM audit_events ORDER BY sequence DESC LIMIT 1") {
            (try $0.integer64("sequence"), try $0.text("hash"))
        }
        let sequence = (last?.0 ?? 0) + 1
        let previousHash = last?.1 ?? AuditChain.genesis
        let hash = AuditChain.hash(sequence: sequence, entry: entry, previousHash: previousHash)
        try await db.execute(
            """
            INSERT INTO audit_events (sequence, occurred_at, organisation_id, actor_id, actor_label, action,
                target_type, target_id, client_address, detail, people, concerns, previous_hash, hash)
            VALUES (\(sequence), \(entry.occurredAt), \(entry.organisationID), \(entry.actorID), \(entry.actorLabel),
                \(entry.action.rawValue), \(entry.target?.type), \(entry.target?.id), \(entry.clientAddress), \(entry.detail),
                \(entry.people.map(\.description).joined(separator: " ")), \(entry.concerns.map(\.description).joined(separator: " ")),
                \(previousHash), \(hash))
            """)
        return AuditEvent(sequence: sequence, entry: entry, previousHash: previousHash, hash: hash)
    }
}
