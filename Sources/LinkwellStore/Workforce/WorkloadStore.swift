import Foundation
import LinkwellDomain

/// What caseload capacity is worked out from: each worker's hours, the
/// organisation's policy, and the caseload spells of its referrals.
public protocol WorkloadStore: Sendable {
    /// The organisation's policy for looking after its link workers.
    func policy(in organisation: OrganisationID) async throws -> WorkforcePolicy

    func savePolicy(_ policy: WorkforcePolicy, in organisation: OrganisationID, audit: AuditEntry) async throws

    /// The hours and yearly intake set for the organisation's workers; a
    /// worker not listed works full time at the usual intake.
    func hours(in organisation: OrganisationID) async throws -> [UserID: WorkerHours]

    func setHours(_ hours: WorkerHours, of user: UserID, in organisation: OrganisationID, audit: AuditEntry)
        async throws

    /// Every spell of a referral of the organisation on someone's caseload
    /// (from its assignment to its closing or its next assignment) still
    /// open, or ended on or after `since` (days in `timeZone`); only
    /// `worker`'s when given. Contacts from four weeks before `since`.
    func spells(in organisation: OrganisationID, worker: UserID?, since: CalendarDate, timeZone: TimeZone) async throws
        -> [CaseloadSpell]
}
