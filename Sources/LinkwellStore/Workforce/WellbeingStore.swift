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
