import Foundation
import GRDB
import LinkwellDomain
import LinkwellStore

/// For `linkwell-bench writes` only (bench/README.md, "One data layer"): the
/// baseline the stores written once are measured against.
extension SQLiteStore {
    public func seedForWriteBench(organisation: OrganisationID, person: PersonID, user: UserID) async throws {
        let now = Date().sqliteText
        try await database.write { db in
            try db.execute(
                sql:
                    "INSERT INTO organisations (id, name, kind, created_at, updated_at, version) VALUES (?, 'Bench', 'pcn', ?, ?, 1)",
                arguments: [organisation.databaseText, now, now])
            try db.execute(
                sql: """
                    INSERT INTO users (id, organisation_id, name, email, role, password_hash, created_at, updated_at, version)
                    VALUES (?, ?, 'Bench', 'bench@example.org', 'link_worker', 'x', ?, ?, 1)
                    """,
                arguments: [user.databaseText, organisation.databaseText, now, now])
            try db.execute(
                sql: """
                    INSERT INTO people (id, organisation_id, name, name_key, date_of_birth, preferred_contact, language,
                        created_at, updated_at, version)
                    VALUES (?, ?, 'Bench Person', 'benchperson', '1950-01-01', 'phone', 'English', ?, ?, 1)
                    """,
                arguments: [person.databaseText, organisation.databaseText, now, now])
        }
    }

    /// The same statements as `SQLUnmetNeedStore.record`, in one closure, as the stores were written before.
    public func recordUnmetNeedInOneClosure(_ need: UnmetNeed, recordedBy: UserID, audit: AuditEntry) async throws {
        try await database.write { db in
            try db.execute(
                sql: """
                    INSERT INTO unmet_needs (id, organisation_id, person_id, need_code, area, note, recorded_by,
                        recorded_by_name, recorded_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """,
                arguments: [
                    need.id.databaseText, need.organisationID.databaseText, need.personID.databaseText, need.need,
                    need.area,
                    need.note, recordedBy.databaseText, need.recordedByName, need.recordedAt.sqliteText,
                ])
            _ = try BaselineAuditLog.append(audit, in: db)
        }
    }
}

/// `AuditLog.append` as it was written for SQLite alone, for the baseline.
private enum BaselineAuditLog {
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
                entry.actorLabel, entry.action.rawValue, entry.target?.type, entry.target?.id, entry.clientAddress,
                entry.detail,
                entry.people.map(\.description).joined(separator: " "),
                entry.concerns.map(\.description).joined(separator: " "),
                previousHash, hash,
            ])
        return AuditEvent(sequence: sequence, entry: entry, previousHash: previousHash, hash: hash)
    }
}
