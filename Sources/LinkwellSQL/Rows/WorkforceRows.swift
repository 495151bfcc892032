import Foundation
import LinkwellDomain
import LinkwellStore

extension RowMapping {
    public static func supervisionSession(_ row: some StoredRow) throws -> SupervisionSession {
        SupervisionSession(
            id: try row.identifier("id"), organisationID: try row.identifier("organisation_id"),
            superviseeID: try row.identifier("supervisee_id"),
            supervisorID: try row.optionalIdentifier("supervisor_id"),
            supervisorName: try row.text("supervisor_name"), kind: try row.enumeration("kind"),
            heldOn: try row.calendarDate("held_on"),
            durationMinutes: try row.integer("duration_minutes"), note: try row.text("note"),
            noteSharedWithSupervisor: try row.flag("note_shared_with_supervisor"))
    }
}

extension RowMapping {
    public static func requiredTraining(_ row: some StoredRow) throws -> RequiredTraining {
        RequiredTraining(
            id: try row.identifier("id"), organisationID: try row.identifier("organisation_id"),
            title: try row.text("title"),
            renewMonths: try row.optionalText("renew_months_text").flatMap { Int($0) })
    }

    public static func trainingRecord(_ row: some StoredRow) throws -> TrainingRecord {
        TrainingRecord(
            id: try row.identifier("id"), organisationID: try row.identifier("organisation_id"),
            userID: try row.identifier("user_id"),
            course: try row.text("course"), provider: try row.text("provider"),
            completedOn: try row.calendarDate("completed_on"),
            hours: try row.double("hours"), expiresOn: try row.optionalCalendarDate("expires_on"),
            requirementID: try row.optionalIdentifier("requirement_id"),
            certificateName: try row.optionalText("certificate_name"))
    }

    public static func trainingNeed(_ row: some StoredRow) throws -> TrainingNeed {
        TrainingNeed(
            id: try row.identifier("id"), organisationID: try row.identifier("organisation_id"),
            userID: try row.identifier("user_id"),
            skill: try row.text("skill"), priority: try row.enumeration("priority"), why: try row.text("why"))
    }

    /// The columns `requiredTraining` reads (the optional integer as text,
    /// so both backends read a NULL alike).
    public static let requiredTrainingColumns =
        "id, organisation_id, title, CAST(renew_months AS TEXT) AS renew_months_text"

    /// The columns `trainingRecord` reads from `training_records r`.
    public static let trainingRecordColumns = """
        r.id, r.organisation_id, r.user_id, r.course, r.provider, r.completed_on, r.hours, r.expires_on, r.requirement_id,
        (SELECT c.filename FROM training_certificates c WHERE c.record_id = r.id) AS certificate_name
        """

    /// Most pressing first: high, medium, low; then the skill.
    public static let trainingNeedOrder = "CASE priority WHEN 'high' THEN 0 WHEN 'medium' THEN 1 ELSE 2 END, skill, id"
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
