import Foundation
import LinkwellDomain
import LinkwellStore
import Logging
import PostgresNIO

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
