import Foundation
import GRDB
import LinkwellDomain
import LinkwellStore

struct SQLiteUnmetNeedStore: UnmetNeedStore {
    let database: SQLiteDatabase

    func record(_ need: UnmetNeed, recordedBy: UserID, audit: AuditEntry) async throws {
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

    func unmetNeeds(of person: PersonID, in organisation: OrganisationID) async throws -> [UnmetNeed] {
        try await database.read { db in
            try Row.fetchAll(
                db,
                sql: "SELECT * FROM unmet_needs WHERE organisation_id = ? AND person_id = ? ORDER BY recorded_at DESC, id",
                arguments: [organisation.databaseText, person.databaseText]
            ).map(Self.unmetNeed)
        }
    }

    func unmetNeeds(in organisation: OrganisationID, since: Date) async throws -> [UnmetNeed] {
        try await database.read { db in
            try Row.fetchAll(
                db,
                sql: "SELECT * FROM unmet_needs WHERE organisation_id = ? AND recorded_at >= ? ORDER BY recorded_at DESC, id",
                arguments: [organisation.databaseText, since.sqliteText]
            ).map(Self.unmetNeed)
        }
    }

    static func unmetNeed(_ row: Row) throws -> UnmetNeed {
        UnmetNeed(
            id: try row.identifier("id"), organisationID: try row.identifier("organisation_id"),
            personID: try row.identifier("person_id"), need: try row.text("need_code"), area: try row.text("area"),
            note: try row.text("note"), recordedAt: try row.date("recorded_at"), recordedByName: try row.text("recorded_by_name"))
    }
}
