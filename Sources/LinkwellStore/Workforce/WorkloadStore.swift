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

extension RowMapping {
    public static func workforcePolicy(_ row: some StoredRow) throws -> WorkforcePolicy {
        WorkforcePolicy(
            weightedCeiling: try row.double("weighted_caseload_ceiling"),
            clinicalSupervisionWeeks: try row.integer("clinical_supervision_weeks"),
            supportOptions: WorkforcePolicy.lines(try row.text("wellbeing_support")))
    }

    public static func workerHours(_ row: some StoredRow) throws -> WorkerHours {
        WorkerHours(hoursPerWeek: try row.double("hours_per_week"), peoplePerYear: try row.integer("people_per_year"))
    }

    /// A spell from its row (`spellColumns`): from the assignment (or the
    /// acceptance, if that came later) to whichever comes first, the
    /// referral's closing or its next assignment. Nil for a referral never
    /// accepted: it was never on anyone's caseload.
    public static func caseloadSpell(_ row: some StoredRow, contacts: [CaseloadSpell.ContactTime], timeZone: TimeZone)
        throws
        -> CaseloadSpell?
    {
        guard let accepted = try row.optionalDate("accepted_at") else { return nil }
        let ends = [try row.optionalDate("closed_at"), try row.optionalDate("reassigned_at")].compactMap { $0 }
        return CaseloadSpell(
            referralID: try row.identifier("id"), workerID: try row.identifier("user_id"),
            started: CalendarDate(max(try row.date("assigned_at"), accepted), in: timeZone),
            ended: ends.min().map { CalendarDate($0, in: timeZone) }, acceptedOn: CalendarDate(accepted, in: timeZone),
            needs: try needImportances(try row.optionalText("what_matters")),
            riskFlag: try row.optionalText("risk_flag") != nil,
            safeguardingFlag: try row.optionalText("safeguarding_flag") != nil,
            interpreterNeeded: try row.flag("interpreter_needed"),
            contacts: contacts)
    }

    public static func contactTime(_ row: some StoredRow) throws -> CaseloadSpell.ContactTime {
        CaseloadSpell.ContactTime(
            id: try row.identifier("id"), on: try row.calendarDate("occurred_on"),
            minutes: try row.integer("duration_minutes"),
            recordedBy: try row.identifier("recorded_by") as UserID)
    }

    /// The columns `caseloadSpell` reads, from `referral_assignments a`,
    /// `referrals r`, `people p` and `what_matters w`.
    public static let spellColumns = """
        a.referral_id AS id, a.user_id, a.assigned_at, r.closed_at, p.interpreter_needed, p.risk_flag, p.safeguarding_flag,
        w.document AS what_matters,
        (SELECT b.assigned_at FROM referral_assignments b
            WHERE b.referral_id = a.referral_id AND b.id > a.id ORDER BY b.id LIMIT 1) AS reassigned_at,
        (SELECT min(s.occurred_at) FROM referral_status_changes s WHERE s.referral_id = a.referral_id AND s.to_status = 'accepted')
            AS accepted_at
        """

    /// The importance of each need in a stored "what matters" document.
    public static func needImportances(_ document: String?) throws -> [WhatMatters.Importance] {
        guard let document else { return [] }
        return try Documents.decode(WhatMatters.self, document).needs.map(\.importance)
    }
}
