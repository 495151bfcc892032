import Foundation
import GRDB
import LinkwellDomain
import LinkwellStore

struct SQLiteWorkloadStore: WorkloadStore {
    let database: SQLiteDatabase

    func policy(in organisation: OrganisationID) async throws -> WorkforcePolicy {
        try await database.read { db in
            guard
                let row = try Row.fetchOne(
                    db, sql: "SELECT weighted_caseload_ceiling, clinical_supervision_weeks, wellbeing_support FROM organisations WHERE id = ?",
                    arguments: [organisation.databaseText])
            else { throw StoreError.notFound }
            return try RowMapping.workforcePolicy(row)
        }
    }

    func savePolicy(_ policy: WorkforcePolicy, in organisation: OrganisationID, audit: AuditEntry) async throws {
        try await database.write { db in
            try db.execute(
                sql: """
                    UPDATE organisations SET weighted_caseload_ceiling = ?, clinical_supervision_weeks = ?, wellbeing_support = ?
                    WHERE id = ?
                    """,
                arguments: [policy.weightedCeiling, policy.clinicalSupervisionWeeks, policy.supportText, organisation.databaseText])
            guard db.changesCount == 1 else { throw StoreError.notFound }
            _ = try SQLiteAuditLog.append(audit, in: db)
        }
    }

    func hours(in organisation: OrganisationID) async throws -> [UserID: WorkerHours] {
        try await database.read { db in
            var hours: [UserID: WorkerHours] = [:]
            for row in try Row.fetchAll(
                db, sql: "SELECT user_id, hours_per_week, people_per_year FROM worker_hours WHERE organisation_id = ?",
                arguments: [organisation.databaseText])
            {
                hours[try row.identifier("user_id")] = try RowMapping.workerHours(row)
            }
            return hours
        }
    }

    func setHours(_ hours: WorkerHours, of user: UserID, in organisation: OrganisationID, audit: AuditEntry) async throws {
        try await database.write { db in
            // Only the organisation's own people (a foreign key would refuse
            // anyone else too, but as a constraint failure, not "not found").
            guard
                try Row.fetchOne(
                    db, sql: "SELECT 1 FROM users WHERE id = ? AND organisation_id = ?",
                    arguments: [user.databaseText, organisation.databaseText]) != nil
            else { throw StoreError.notFound }
            try db.execute(
                sql: """
                    INSERT INTO worker_hours (user_id, organisation_id, hours_per_week, people_per_year, updated_at)
                    VALUES (?, ?, ?, ?, ?)
                    ON CONFLICT (user_id) DO UPDATE SET hours_per_week = excluded.hours_per_week,
                        people_per_year = excluded.people_per_year, updated_at = excluded.updated_at
                    WHERE worker_hours.organisation_id = excluded.organisation_id
                    """,
                arguments: [
                    user.databaseText, organisation.databaseText, hours.hoursPerWeek, hours.peoplePerYear, audit.occurredAt.sqliteText,
                ])
            guard db.changesCount == 1 else { throw StoreError.notFound }
            _ = try SQLiteAuditLog.append(audit, in: db)
        }
    }

    func spells(in organisation: OrganisationID, worker: UserID?, since: CalendarDate, timeZone: TimeZone) async throws
        -> [CaseloadSpell]
    {
        try await database.read { db in
            var contacts: [ReferralID: [CaseloadSpell.ContactTime]] = [:]
            for row in try Row.fetchAll(
                db,
                sql: """
                    SELECT c.id, c.referral_id, c.occurred_on, c.duration_minutes, c.recorded_by FROM contacts c
                    WHERE c.organisation_id = ? AND c.occurred_on >= ?
                        AND c.referral_id IN (SELECT referral_id FROM referral_assignments WHERE organisation_id = ? AND (? IS NULL OR user_id = ?))
                    """,
                arguments: [
                    organisation.databaseText, since.adding(days: -28).iso, organisation.databaseText, worker?.databaseText,
                    worker?.databaseText,
                ])
            {
                contacts[try row.identifier("referral_id"), default: []].append(try RowMapping.contactTime(row))
            }
            return try Row.fetchAll(
                db,
                sql: """
                    SELECT \(RowMapping.spellColumns)
                    FROM referral_assignments a
                    JOIN referrals r ON r.id = a.referral_id AND r.organisation_id = a.organisation_id
                    JOIN people p ON p.id = r.person_id AND p.organisation_id = r.organisation_id
                    LEFT JOIN what_matters w ON w.person_id = r.person_id AND w.organisation_id = r.organisation_id
                    WHERE a.organisation_id = ? AND (? IS NULL OR a.user_id = ?)
                        AND (r.closed_at IS NULL OR r.closed_at >= ?)
                    ORDER BY a.assigned_at, a.id
                    """,
                // Closed before `since` (a day in the deployment's zone) cannot
                // matter: a day's margin in UTC here, the exact test after.
                arguments: [organisation.databaseText, worker?.databaseText, worker?.databaseText, since.adding(days: -1).iso]
            ).compactMap { row in
                let id: ReferralID = try row.identifier("id")
                return try RowMapping.caseloadSpell(row, contacts: contacts[id] ?? [], timeZone: timeZone)
            }.filter { $0.ended.map { $0 >= since } ?? true }
        }
    }
}
