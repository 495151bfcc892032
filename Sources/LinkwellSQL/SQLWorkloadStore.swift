import Foundation
import LinkwellDomain
import LinkwellStore

public struct SQLWorkloadStore: WorkloadStore {
    let database: any SQLDatabase

    public init(database: any SQLDatabase) {
        self.database = database
    }

    public func policy(in organisation: OrganisationID) async throws -> WorkforcePolicy {
        try await database.read { db in
            guard
                let row = try await db.rows(
                    """
                    SELECT weighted_caseload_ceiling, clinical_supervision_weeks, wellbeing_support FROM organisations
                    WHERE id = \(organisation.rawValue)
                    """
                ).first
            else { throw StoreError.notFound }
            return try RowMapping.workforcePolicy(row)
        }
    }

    public func savePolicy(_ policy: WorkforcePolicy, in organisation: OrganisationID, audit: AuditEntry) async throws {
        try await database.write { db in
            let updated = try await db.rows(
                """
                UPDATE organisations SET weighted_caseload_ceiling = \(policy.weightedCeiling),
                    clinical_supervision_weeks = \(policy.clinicalSupervisionWeeks), wellbeing_support = \(policy.supportText)
                WHERE id = \(organisation.rawValue) RETURNING id
                """)
            guard updated.count == 1 else { throw StoreError.notFound }
            _ = try await AuditLog.append(audit, on: db)
        }
    }

    public func hours(in organisation: OrganisationID) async throws -> [UserID: WorkerHours] {
        try await database.read { db in
            var hours: [UserID: WorkerHours] = [:]
            for row in try await db.rows(
                """
                SELECT user_id, hours_per_week, people_per_year FROM worker_hours WHERE organisation_id = \(organisation.rawValue)
                """)
            {
                hours[try row.identifier("user_id")] = try RowMapping.workerHours(row)
            }
            return hours
        }
    }

    public func setHours(_ hours: WorkerHours, of user: UserID, in organisation: OrganisationID, audit: AuditEntry)
        async throws
    {
        try await database.write { db in
            // Only the organisation's own people (a foreign key would refuse
            // anyone else too, but as a constraint failure, not "not found").
            guard
                try await db.rows(
                    "SELECT 1 FROM users WHERE id = \(user.rawValue) AND organisation_id = \(organisation.rawValue)"
                ).first != nil
            else { throw StoreError.notFound }
            let written = try await db.rows(
                """
                INSERT INTO worker_hours (user_id, organisation_id, hours_per_week, people_per_year, updated_at)
                VALUES (\(user.rawValue), \(organisation.rawValue), \(hours.hoursPerWeek), \(hours.peoplePerYear), \(audit.occurredAt))
                ON CONFLICT (user_id) DO UPDATE SET hours_per_week = excluded.hours_per_week,
                    people_per_year = excluded.people_per_year, updated_at = excluded.updated_at
                WHERE worker_hours.organisation_id = excluded.organisation_id
                RETURNING user_id
                """)
            guard written.count == 1 else { throw StoreError.notFound }
            _ = try await AuditLog.append(audit, on: db)
        }
    }

    public func spells(in organisation: OrganisationID, worker: UserID?, since: CalendarDate, timeZone: TimeZone)
        async throws
        -> [CaseloadSpell]
    {
        try await database.read { db in
            var contacts: [ReferralID: [CaseloadSpell.ContactTime]] = [:]
            for row in try await db.rows(
                """
                SELECT c.id, c.referral_id, c.occurred_on, c.duration_minutes, c.recorded_by FROM contacts c
                WHERE c.organisation_id = \(organisation.rawValue) AND c.occurred_on >= \(since.adding(days: -28))
                    AND c.referral_id IN (
                        SELECT referral_id FROM referral_assignments
                        WHERE organisation_id = \(organisation.rawValue) AND (\(worker?.rawValue) IS NULL OR user_id = \(worker?.rawValue)))
                """)
            {
                contacts[try row.identifier("referral_id"), default: []].append(try RowMapping.contactTime(row))
            }
            return try await db.rows(
                """
                SELECT \(unsafeRaw: RowMapping.spellColumns)
                FROM referral_assignments a
                JOIN referrals r ON r.id = a.referral_id AND r.organisation_id = a.organisation_id
                JOIN people p ON p.id = r.person_id AND p.organisation_id = r.organisation_id
                LEFT JOIN what_matters w ON w.person_id = r.person_id AND w.organisation_id = r.organisation_id
                WHERE a.organisation_id = \(organisation.rawValue) AND (\(worker?.rawValue) IS NULL OR a.user_id = \(worker?.rawValue))
                    -- Closed before `since` cannot matter: a day's margin in UTC here, the exact test after.
                    AND (r.closed_at IS NULL OR r.closed_at >= \(since.adding(days: -1)))
                ORDER BY a.assigned_at, a.id
                """
            ).compactMap { row in
                let id: ReferralID = try row.identifier("id")
                return try RowMapping.caseloadSpell(row, contacts: contacts[id] ?? [], timeZone: timeZone)
            }.filter { $0.ended.map { $0 >= since } ?? true }
        }
    }
}
