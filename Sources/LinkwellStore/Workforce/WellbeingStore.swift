import Foundation
import LinkwellDomain

/// Link workers' confidential check-ins. The store itself keeps them
/// confidential: one worker's rows are returned only to that worker, and
/// anything else is an aggregate `WellbeingDisclosure` allows. There is no
/// method that returns another person's check-in, whoever asks.
public protocol WellbeingStore: Sendable {
    /// Records the worker's check-in, with its audit event (which says that a
    /// check-in was made, never what it said).
    func record(_ checkIn: WellbeingCheckIn, audit: AuditEntry) async throws

    /// The worker's own check-ins, oldest first. Throws `notFound` unless
    /// `requestedBy` is that worker.
    func checkIns(of user: UserID, requestedBy: UserID) async throws -> [WellbeingCheckIn]

    /// The organisation's figures for an ended `block`, as first published:
    /// the first call publishes them (`WellbeingPublication.publish`) from
    /// the check-ins of `members` taken in the block and keeps them with who
    /// answered; every later call reads them back, whatever `members` says
    /// then, so a change of roles can never change what a block showed.
    /// Two callers publishing at once get the same figures.
    func publication(
        in organisation: OrganisationID, block: ClosedRange<CalendarDate>, members: Set<UserID>, at time: Date
    )
        async throws -> WellbeingPublication
}

extension RowMapping {
    public static func wellbeingPublication(_ row: some StoredRow) throws -> WellbeingPublication {
        WellbeingPublication(
            block: try row.calendarDate("block_start")...row.calendarDate("block_end"),
            publishedAt: try row.date("published_at"),
            respondents: Set(try Documents.decode([String].self, try row.text("respondents")).compactMap(UserID.init)),
            summary: try Documents.decode(WellbeingGroupSummary.self, try row.text("figures")))
    }
}

extension RowMapping {
    public static func wellbeingCheckIn(_ row: some StoredRow) throws -> WellbeingCheckIn {
        WellbeingCheckIn(
            id: try row.identifier("id"), organisationID: try row.identifier("organisation_id"),
            userID: try row.identifier("user_id"),
            takenOn: try row.calendarDate("taken_on"),
            answers: try Documents.decode([String: Double].self, try row.text("answers")),
            personal: try row.optionalDouble("personal"), work: try row.optionalDouble("work"),
            client: try row.optionalDouble("client"),
            thinksOfLeaving: try row.optionalText("thinks_of_leaving_text").flatMap { Int($0) },
            jobSatisfaction: try row.optionalText("job_satisfaction_text").flatMap { Int($0) },
            likelyToLeaveWithinYear: try row.optionalText("leaving_within_year_text").flatMap { Int($0) })
    }

    /// The columns to select for `wellbeingCheckIn` (the two small integers
    /// as text, so both backends read them alike when NULL).
    public static let wellbeingColumns = """
        id, organisation_id, user_id, taken_on, answers, personal, work, client,
        CAST(thinks_of_leaving AS TEXT) AS thinks_of_leaving_text, CAST(job_satisfaction AS TEXT) AS job_satisfaction_text,
        CAST(likely_to_leave_within_year AS TEXT) AS leaving_within_year_text
        """
}
