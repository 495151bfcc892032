import Foundation
import LinkwellDomain
import LinkwellStore
import Logging
import PostgresNIO

struct PostgresSupervisionStore: SupervisionStore {
    let database: PostgresDatabase

    func record(_ session: SupervisionSession, audit: AuditEntry) async throws {
        try await database.write { db, logger in
            try await db.execute(
                """
                INSERT INTO supervision_sessions (id, organisation_id, supervisee_id, supervisor_id, supervisor_name, kind, held_on,
                    duration_minutes, note, note_shared_with_supervisor, recorded_at)
                VALUES (\(session.id.rawValue), \(session.organisationID.rawValue), \(session.superviseeID.rawValue),
                    \(session.supervisorID?.rawValue), \(session.supervisorName), \(session.kind.rawValue), \(session.heldOn.iso)::date,
                    \(session.durationMinutes), \(session.note ?? ""), \(session.noteSharedWithSupervisor), \(audit.occurredAt))
                """, logger: logger)
            _ = try await PostgresAuditLog.append(audit, on: db, logger: logger)
        }
    }

    func sessions(of supervisee: UserID, in organisation: OrganisationID, reader: UserID) async throws -> [SupervisionSession] {
        let all = try await database.read { db, logger in
            try await db.rows(
                """
                SELECT * FROM supervision_sessions
                WHERE organisation_id = \(organisation.rawValue) AND supervisee_id = \(supervisee.rawValue)
                ORDER BY held_on, recorded_at, id
                """, logger: logger
            ).map(RowMapping.supervisionSession)
        }
        return try SupervisionReading.filter(all, of: supervisee, reader: reader)
    }

    func sessions(givenBy supervisor: UserID, in organisation: OrganisationID) async throws -> [SupervisionSession] {
        try await database.read { db, logger in
            try await db.rows(
                """
                SELECT * FROM supervision_sessions
                WHERE organisation_id = \(organisation.rawValue) AND supervisor_id = \(supervisor.rawValue)
                ORDER BY held_on DESC, recorded_at DESC, id
                """, logger: logger
            ).map { try RowMapping.supervisionSession($0).seen(by: supervisor) }
        }
    }

    func latestClinical(in organisation: OrganisationID) async throws -> [UserID: CalendarDate] {
        try await database.read { db, logger in
            var latest: [UserID: CalendarDate] = [:]
            for row in try await db.rows(
                """
                SELECT supervisee_id, max(held_on) AS latest FROM supervision_sessions
                WHERE organisation_id = \(organisation.rawValue) AND kind = 'clinical' GROUP BY supervisee_id
                """, logger: logger)
            {
                latest[try row.identifier("supervisee_id")] = try row.calendarDate("latest")
            }
            return latest
        }
    }
}
