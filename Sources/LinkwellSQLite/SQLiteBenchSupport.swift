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
                sql: "INSERT INTO organisations (id, name, kind, created_at, updated_at, version) VALUES (?, 'Bench', 'pcn', ?, ?, 1)",
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
                    need.id.databaseText, need.organisationID.databaseText, need.personID.databaseText, need.need, need.area,
                    need.note, recordedBy.databaseText, need.recordedByName, need.recordedAt.sqliteText,
                ])
            _ = try SQLiteAuditLog.append(audit, in: db)
        }
    }
}
