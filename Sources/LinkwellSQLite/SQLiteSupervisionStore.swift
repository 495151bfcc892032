import Foundation
import GRDB
import LinkwellDomain
import LinkwellStore

struct SQLiteSupervisionStore: SupervisionStore {
    let database: SQLiteDatabase

    func record(_ session: SupervisionSession, audit: AuditEntry) async throws {
        try await database.write { db in
            try db.execute(
                sql: """
                    INSERT INTO supervision_sessions (id, organisation_id, supervisee_id, supervisor_id, supervisor_name, kind,
                        held_on, duration_minutes, note, note_shared_with_supervisor, recorded_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """,
                arguments: [
                    session.id.databaseText, session.organisationID.databaseText, session.superviseeID.databaseText,
                    session.supervisorID?.databaseText, session.supervisorName, session.kind.rawValue, session.heldOn.iso,
                    session.durationMinutes, session.note ?? "", session.noteSharedWithSupervisor, audit.occurredAt.sqliteText,
                ])
            _ = try SQLiteAuditLog.append(audit, in: db)
        }
    }

    func sessions(of supervisee: UserID, in organisation: OrganisationID, reader: UserID) async throws -> [SupervisionSession] {
        let all = try await database.read { db in
            try Row.fetchAll(
                db,
                sql: "SELECT * FROM supervision_sessions WHERE organisation_id = ? AND supervisee_id = ? ORDER BY held_on, recorded_at, id",
                arguments: [organisation.databaseText, supervisee.databaseText]
            ).map(RowMapping.supervisionSession)
        }
        return try SupervisionReading.filter(all, of: supervisee, reader: reader)
    }

    func sessions(givenBy supervisor: UserID, in organisation: OrganisationID) async throws -> [SupervisionSession] {
        try await database.read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT * FROM supervision_sessions WHERE organisation_id = ? AND supervisor_id = ?
                    ORDER BY held_on DESC, recorded_at DESC, id
                    """,
                arguments: [organisation.databaseText, supervisor.databaseText]
            ).map { try RowMapping.supervisionSession($0).seen(by: supervisor) }
        }
    }

    func latestClinical(in organisation: OrganisationID) async throws -> [UserID: CalendarDate] {
        try await database.read { db in
            var latest: [UserID: CalendarDate] = [:]
            for row in try Row.fetchAll(
                db,
                sql: """
                    SELECT supervisee_id, max(held_on) AS latest FROM supervision_sessions
                    WHERE organisation_id = ? AND kind = 'clinical' GROUP BY supervisee_id
                    """,
                arguments: [organisation.databaseText])
            {
                latest[try row.identifier("supervisee_id")] = try row.calendarDate("latest")
            }
            return latest
        }
    }
}
