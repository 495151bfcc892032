import Foundation
import LinkwellDomain
import LinkwellStore

public struct SQLWellbeingStore: WellbeingStore {
    let database: any SQLDatabase

    public init(database: any SQLDatabase) {
        self.database = database
    }

    public func record(_ checkIn: WellbeingCheckIn, audit: AuditEntry) async throws {
        try await database.write { db in
            try await db.execute(
                """
                INSERT INTO wellbeing_checkins (id, organisation_id, user_id, taken_on, answers, personal, work, client,
                    thinks_of_leaving, job_satisfaction, likely_to_leave_within_year, recorded_at)
                VALUES (\(checkIn.id.rawValue), \(checkIn.organisationID.rawValue), \(checkIn.userID.rawValue),
                    \(checkIn.takenOn), \(try Documents.encode(checkIn.answers)), \(checkIn.personal), \(checkIn.work),
                    \(checkIn.client), \(checkIn.thinksOfLeaving), \(checkIn.jobSatisfaction), \(checkIn.likelyToLeaveWithinYear),
                    \(audit.occurredAt))
                """)
            _ = try await AuditLog.append(audit, on: db)
        }
    }

    public func checkIns(of user: UserID, requestedBy: UserID) async throws -> [WellbeingCheckIn] {
        guard user == requestedBy else { throw StoreError.notFound }
        return try await database.read { db in
            try await db.rows(
                """
                SELECT \(unsafeRaw: RowMapping.wellbeingColumns) FROM wellbeing_checkins WHERE user_id = \(user.rawValue)
                ORDER BY taken_on, recorded_at, id
                """
            ).map { try RowMapping.wellbeingCheckIn($0) }
        }
    }

    public func publication(
        in organisation: OrganisationID, block: ClosedRange<CalendarDate>, members: Set<UserID>, at time: Date
    )
        async throws -> WellbeingPublication
    {
        try await database.write { db in
            func published() async throws -> WellbeingPublication? {
                try await db.firstRow(
                    """
                    SELECT block_start, block_end, published_at, respondents, figures FROM wellbeing_publications
                    WHERE organisation_id = \(organisation.rawValue) AND block_start = \(block.lowerBound)
                    """
                ).map { try RowMapping.wellbeingPublication($0) }
            }
            if let existing = try await published() { return existing }
            let checkIns = try await db.rows(
                """
                SELECT \(unsafeRaw: RowMapping.wellbeingColumns) FROM wellbeing_checkins
                WHERE organisation_id = \(organisation.rawValue)
                    AND taken_on BETWEEN \(block.lowerBound) AND \(block.upperBound)
                """
            ).map { try RowMapping.wellbeingCheckIn($0) }
            let publication = WellbeingPublication.publish(block: block, members: members, checkIns: checkIns, at: time)
            // Whoever publishes first wins; the other reads back what they published.
            try await db.execute(
                """
                INSERT INTO wellbeing_publications (organisation_id, block_start, block_end, published_at, respondents, figures)
                VALUES (\(organisation.rawValue), \(block.lowerBound), \(block.upperBound), \(time),
                    \(try Documents.encode(publication.respondents.map(\.description).sorted())), \(try Documents.encode(publication.summary)))
                ON CONFLICT (organisation_id, block_start) DO NOTHING
                """)
            return try await published() ?? publication
        }
    }
}
