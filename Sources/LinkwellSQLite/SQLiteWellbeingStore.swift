import Foundation
import GRDB
import LinkwellDomain
import LinkwellStore

struct SQLiteWellbeingStore: WellbeingStore {
    let database: SQLiteDatabase

    func record(_ checkIn: WellbeingCheckIn, audit: AuditEntry) async throws {
        try await database.write { db in
            try db.execute(
                sql: """
                    INSERT INTO wellbeing_checkins (id, organisation_id, user_id, taken_on, answers, personal, work, client,
                        thinks_of_leaving, job_satisfaction, likely_to_leave_within_year, recorded_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """,
                arguments: [
                    checkIn.id.databaseText, checkIn.organisationID.databaseText, checkIn.userID.databaseText, checkIn.takenOn.iso,
                    try Documents.encode(checkIn.answers), checkIn.personal, checkIn.work, checkIn.client, checkIn.thinksOfLeaving,
                    checkIn.jobSatisfaction, checkIn.likelyToLeaveWithinYear, audit.occurredAt.sqliteText,
                ])
            _ = try SQLiteAuditLog.append(audit, in: db)
        }
    }

    func checkIns(of user: UserID, requestedBy: UserID) async throws -> [WellbeingCheckIn] {
        guard user == requestedBy else { throw StoreError.notFound }
        return try await database.read { db in
            try Row.fetchAll(
                db, sql: "SELECT \(RowMapping.wellbeingColumns) FROM wellbeing_checkins WHERE user_id = ? ORDER BY taken_on, recorded_at, id",
                arguments: [user.databaseText]
            ).map(RowMapping.wellbeingCheckIn)
        }
    }

    func publication(in organisation: OrganisationID, block: ClosedRange<CalendarDate>, members: Set<UserID>, at time: Date)
        async throws -> WellbeingPublication
    {
        try await database.write { db in
            if let existing = try Row.fetchOne(
                db,
                sql: """
                    SELECT block_start, block_end, published_at, respondents, figures FROM wellbeing_publications
                    WHERE organisation_id = ? AND block_start = ?
                    """,
                arguments: [organisation.databaseText, block.lowerBound.iso]
            ) {
                return try RowMapping.wellbeingPublication(existing)
            }
            let checkIns = try Row.fetchAll(
                db,
                sql: """
                    SELECT \(RowMapping.wellbeingColumns) FROM wellbeing_checkins
                    WHERE organisation_id = ? AND taken_on BETWEEN ? AND ?
                    """,
                arguments: [organisation.databaseText, block.lowerBound.iso, block.upperBound.iso]
            ).map(RowMapping.wellbeingCheckIn)
            let publication = WellbeingPublication.publish(block: block, members: members, checkIns: checkIns, at: time)
            try db.execute(
                sql: """
                    INSERT INTO wellbeing_publications (organisation_id, block_start, block_end, published_at, respondents, figures)
                    VALUES (?, ?, ?, ?, ?, ?)
                    """,
                arguments: [
                    organisation.databaseText, block.lowerBound.iso, block.upperBound.iso, time.sqliteText,
                    try Documents.encode(publication.respondents.map(\.description).sorted()), try Documents.encode(publication.summary),
                ])
            return publication
        }
    }
}
