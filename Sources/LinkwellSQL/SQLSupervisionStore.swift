import Foundation
import LinkwellDomain
import LinkwellStore

public struct SQLSupervisionStore: SupervisionStore {
    let database: any SQLDatabase

    public init(database: any SQLDatabase) {
        self.database = database
    }

    public func record(_ session: SupervisionSession, audit: AuditEntry) async throws {
        try await database.write { db in
            try await db.execute(
                """
                INSERT INTO supervision_sessions (id, organisation_id, supervisee_id, supervisor_id, supervisor_name, kind, held_on,
                    duration_minutes, note, note_shared_with_supervisor, recorded_at)
                VALUES (\(session.id.rawValue), \(session.organisationID.rawValue), \(session.superviseeID.rawValue),
                    \(session.supervisorID?.rawValue), \(session.supervisorName), \(session.kind.rawValue), \(session.heldOn),
                    \(session.durationMinutes), \(session.note ?? ""), \(session.noteSharedWithSupervisor), \(audit.occurredAt))
                """)
            _ = try await AuditLog.append(audit, on: db)
        }
    }

    public func sessions(of supervisee: UserID, in organisation: OrganisationID, reader: UserID) async throws
        -> [SupervisionSession]
    {
        let all = try await database.read { db in
            try await db.rows(
                """
                SELECT * FROM supervision_sessions
                WHERE organisation_id = \(organisation.rawValue) AND supervisee_id = \(supervisee.rawValue)
                ORDER BY held_on, recorded_at, id
                """
            ).map { try RowMapping.supervisionSession($0) }
        }
        return try SupervisionReading.filter(all, of: supervisee, reader: reader)
    }

    public func sessions(givenBy supervisor: UserID, in organisation: OrganisationID) async throws
        -> [SupervisionSession]
    {
        try await database.read { db in
            try await db.rows(
                """
                SELECT * FROM supervision_sessions
                WHERE organisation_id = \(organisation.rawValue) AND supervisor_id = \(supervisor.rawValue)
                ORDER BY held_on DESC, recorded_at DESC, id
                """
            ).map { try RowMapping.supervisionSession($0).seen(by: supervisor) }
        }
    }

    public func latestClinical(in organisation: OrganisationID) async throws -> [UserID: CalendarDate] {
        try await database.read { db in
            var latest: [UserID: CalendarDate] = [:]
            for row in try await db.rows(
                """
                SELECT supervisee_id, max(held_on) AS latest FROM supervision_sessions
                WHERE organisation_id = \(organisation.rawValue) AND kind = 'clinical' GROUP BY supervisee_id
                """)
            {
                latest[try row.identifier("supervisee_id")] = try row.calendarDate("latest")
            }
            return latest
        }
    }
}
