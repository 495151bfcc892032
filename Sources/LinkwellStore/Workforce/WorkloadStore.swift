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

    func setHours(_ hours: WorkerHours, of user: UserID, in organisation: OrganisationID, audit: AuditEntry) async throws

    /// Every referral of the organisation accepted onto someone's caseload
    /// and still open, or closed on or after `since` (days in `timeZone`);
    /// only `worker`'s when given. Contacts from four weeks before `since`.
    func spells(in organisation: OrganisationID, worker: UserID?, since: CalendarDate, timeZone: TimeZone) async throws
        -> [CaseloadSpell]
}

extension RowMapping {
    public static func workforcePolicy(_ row: some StoredRow) throws -> WorkforcePolicy {
        WorkforcePolicy(
            weightedCeiling: try row.double("weighted_caseload_ceiling"), clinicalSupervisionWeeks: try row.integer("clinical_supervision_weeks"),
            supportOptions: WorkforcePolicy.lines(try row.text("wellbeing_support")))
    }

    public static func workerHours(_ row: some StoredRow) throws -> WorkerHours {
        WorkerHours(hoursPerWeek: try row.double("hours_per_week"), peoplePerYear: try row.integer("people_per_year"))
    }

    public static func caseloadSpell(_ row: some StoredRow, contacts: [CaseloadSpell.ContactTime], timeZone: TimeZone) throws
        -> CaseloadSpell
    {
        CaseloadSpell(
            referralID: try row.identifier("id"), workerID: try row.identifier("assigned_to"),
            started: CalendarDate(try row.date("accepted_at"), in: timeZone),
            ended: try row.optionalDate("closed_at").map { CalendarDate($0, in: timeZone) },
            needs: try needImportances(try row.optionalText("what_matters")), riskFlag: try row.optionalText("risk_flag") != nil,
            safeguardingFlag: try row.optionalText("safeguarding_flag") != nil, interpreterNeeded: try row.flag("interpreter_needed"),
            contacts: contacts)
    }

    /// The importance of each need in a stored "what matters" document.
    public static func needImportances(_ document: String?) throws -> [WhatMatters.Importance] {
        guard let document else { return [] }
        return try Documents.decode(WhatMatters.self, document).needs.map(\.importance)
    }
}
