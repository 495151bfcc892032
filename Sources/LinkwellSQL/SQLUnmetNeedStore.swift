import Foundation
import LinkwellDomain
import LinkwellStore

/// Unmet needs, on either database.
public struct SQLUnmetNeedStore: UnmetNeedStore {
    let database: any SQLDatabase

    public init(database: any SQLDatabase) {
        self.database = database
    }

    public func record(_ need: UnmetNeed, recordedBy: UserID, audit: AuditEntry) async throws {
        try await database.write { db in
            try await db.execute(
                """
                INSERT INTO unmet_needs (id, organisation_id, person_id, need_code, area, note, recorded_by, recorded_by_name,
                    recorded_at)
                VALUES (\(need.id), \(need.organisationID), \(need.personID), \(need.need), \(need.area), \(need.note), \(recordedBy),
                    \(need.recordedByName), \(need.recordedAt))
                """)
            try await AuditLog.append(audit, on: db)
        }
    }

    public func unmetNeeds(of person: PersonID, in organisation: OrganisationID) async throws -> [UnmetNeed] {
        try await database.read { db in
            try await db.query(
                """
                SELECT * FROM unmet_needs WHERE organisation_id = \(organisation) AND person_id = \(person)
                ORDER BY recorded_at DESC, id
                """, RowMapping.unmetNeed)
        }
    }

    public func unmetNeeds(in organisation: OrganisationID, since: Date) async throws -> [UnmetNeed] {
        try await database.read { db in
            try await db.query(
                "SELECT * FROM unmet_needs WHERE organisation_id = \(organisation) AND recorded_at >= \(since) ORDER BY recorded_at DESC, id",
                RowMapping.unmetNeed)
        }
    }
}

extension RowMapping {
    @Sendable public static func unmetNeed(_ row: any StoredRow) throws -> UnmetNeed {
        UnmetNeed(
            id: try row.identifier("id"), organisationID: try row.identifier("organisation_id"),
            personID: try row.identifier("person_id"), need: try row.text("need_code"), area: try row.text("area"),
            note: try row.text("note"), recordedAt: try row.date("recorded_at"),
            recordedByName: try row.text("recorded_by_name"))
    }
}
