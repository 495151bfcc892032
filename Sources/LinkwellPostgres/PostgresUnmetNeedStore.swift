import Foundation
import LinkwellDomain
import LinkwellStore
import Logging
import PostgresNIO

struct PostgresUnmetNeedStore: UnmetNeedStore {
    let database: PostgresDatabase

    func record(_ need: UnmetNeed, recordedBy: UserID, audit: AuditEntry) async throws {
        try await database.write { connection, logger in
            try await connection.execute(
                """
                INSERT INTO unmet_needs (id, organisation_id, person_id, need_code, area, note, recorded_by, recorded_by_name,
                    recorded_at)
                VALUES (\(need.id.rawValue), \(need.organisationID.rawValue), \(need.personID.rawValue), \(need.need), \(need.area),
                    \(need.note), \(recordedBy.rawValue), \(need.recordedByName), \(need.recordedAt))
                """, logger: logger)
            _ = try await PostgresAuditLog.append(audit, on: connection, logger: logger)
        }
    }

    func unmetNeeds(of person: PersonID, in organisation: OrganisationID) async throws -> [UnmetNeed] {
        try await database.read { connection, logger in
            try await connection.rows(
                """
                SELECT * FROM unmet_needs WHERE organisation_id = \(organisation.rawValue) AND person_id = \(person.rawValue)
                ORDER BY recorded_at DESC, id
                """, logger: logger
            ).map(Self.unmetNeed)
        }
    }

    func unmetNeeds(in organisation: OrganisationID, since: Date) async throws -> [UnmetNeed] {
        try await database.read { connection, logger in
            try await connection.rows(
                """
                SELECT * FROM unmet_needs WHERE organisation_id = \(organisation.rawValue) AND recorded_at >= \(since)
                ORDER BY recorded_at DESC, id
                """, logger: logger
            ).map(Self.unmetNeed)
        }
    }

    static func unmetNeed(_ row: PostgresRandomAccessRow) throws -> UnmetNeed {
        UnmetNeed(
            id: try row.identifier("id"), organisationID: try row.identifier("organisation_id"),
            personID: try row.identifier("person_id"), need: try row.text("need_code"), area: try row.text("area"),
            note: try row.text("note"), recordedAt: try row.date("recorded_at"), recordedByName: try row.text("recorded_by_name"))
    }
}
