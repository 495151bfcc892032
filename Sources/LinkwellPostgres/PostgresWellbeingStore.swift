import Foundation
import LinkwellDomain
import LinkwellStore
import Logging
import PostgresNIO

struct PostgresWellbeingStore: WellbeingStore {
    let database: PostgresDatabase

    func record(_ checkIn: WellbeingCheckIn, audit: AuditEntry) async throws {
        try await database.write { db, logger in
            try await db.execute(
                """
                INSERT INTO wellbeing_checkins (id, organisation_id, user_id, taken_on, answers, personal, work, client,
                    thinks_of_leaving, job_satisfaction, likely_to_leave_within_year, recorded_at)
                VALUES (\(checkIn.id.rawValue), \(checkIn.organisationID.rawValue), \(checkIn.userID.rawValue),
                    \(checkIn.takenOn.iso)::date, \(try Documents.encode(checkIn.answers)), \(checkIn.personal), \(checkIn.work),
                    \(checkIn.client), \(checkIn.thinksOfLeaving), \(checkIn.jobSatisfaction), \(checkIn.likelyToLeaveWithinYear),
                    \(audit.occurredAt))
                """, logger: logger)
            _ = try await PostgresAuditLog.append(audit, on: db, logger: logger)
        }
    }

    func checkIns(of user: UserID, requestedBy: UserID) async throws -> [WellbeingCheckIn] {
        guard user == requestedBy else { throw StoreError.notFound }
        return try await database.read { db, logger in
            try await db.rows(
                """
                SELECT \(unescaped: RowMapping.wellbeingColumns) FROM wellbeing_checkins WHERE user_id = \(user.rawValue)
                ORDER BY taken_on, recorded_at, id
                """, logger: logger
            ).map(RowMapping.wellbeingCheckIn)
        }
    }

    func summaries(
        in organisation: OrganisationID, groups: [(name: String, members: Set<UserID>)], from: CalendarDate, to: CalendarDate
    ) async throws -> [WellbeingGroupSummary] {
        let checkIns = try await database.read { db, logger in
            try await db.rows(
                """
                SELECT \(unescaped: RowMapping.wellbeingColumns) FROM wellbeing_checkins
                WHERE organisation_id = \(organisation.rawValue) AND taken_on BETWEEN \(from.iso)::date AND \(to.iso)::date
                """, logger: logger
            ).map(RowMapping.wellbeingCheckIn)
        }
        return WellbeingGroupSummary.summaries(of: groups, from: checkIns)
    }
}
