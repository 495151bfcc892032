import Foundation
import GRDB
import LinkwellDomain
import LinkwellStore

struct SQLiteReferralStore: ReferralStore {
    let database: SQLiteDatabase

    /// A referral's columns and its reasons in order, joined by commas.
    static let referralColumns = """
        r.*, (SELECT group_concat(need_code, ',') FROM
            (SELECT need_code FROM referral_reasons rr WHERE rr.referral_id = r.id ORDER BY rr.position)) AS reasons
        """

    func create(
        id: ReferralID, personID: PersonID, in organisation: OrganisationID, _ referral: NewReferral,
        possibleDuplicateOf: PersonID?, at time: Date, by actor: Actor, audit: AuditEntry
    ) async throws -> ReferralWithPerson {
        try await database.write { db in
            guard try SQLiteOrganisationStore.fetch(organisation, in: db) != nil else { throw StoreError.notFound }
            try db.execute(
                sql: """
                    INSERT INTO people (name, name_key, preferred_name, date_of_birth, nhs_number, address, postcode,
                        phone, email, preferred_contact, contact_times, language, interpreter_needed, risk_flag,
                        safeguarding_flag, id, organisation_id, created_at, updated_at, version)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1)
                    """,
                arguments: SQLitePersonStore.detailArguments(referral.person)
                    + [personID.databaseText, organisation.databaseText, time.sqliteText, time.sqliteText])
            try db.execute(
                sql: """
                    INSERT INTO referrals (id, organisation_id, person_id, received_at, source, referrer_practice_id,
                        referrer_organisation, referrer_name, referrer_role, details, urgency, consent_given_by,
                        consent_representative, consent_given_on, status, snomed_code, possible_duplicate_of,
                        referring_organisation_id, referring_practice_id, referrer_on_behalf_of, updated_at, version)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'received', ?, ?, ?, ?, ?, ?, 1)
                    """,
                arguments: [
                    id.databaseText, organisation.databaseText, personID.databaseText, time.sqliteText,
                    referral.source.rawValue, referral.referrer.practiceID?.databaseText, referral.referrer.organisation,
                    referral.referrer.name, referral.referrer.role, referral.details, referral.urgency.rawValue,
                    referral.consent.givenBy.rawValue, referral.consent.representative, referral.consent.givenOn.iso,
                    SNOMED.referralToSocialPrescribing, possibleDuplicateOf?.databaseText,
                    referral.referringOrganisationID?.databaseText, referral.referringPracticeID?.databaseText,
                    referral.referrer.onBehalfOf, time.sqliteText,
                ])
            for (position, code) in referral.reasons.enumerated() {
                try db.execute(
                    sql: "INSERT INTO referral_reasons (referral_id, organisation_id, need_code, position) VALUES (?, ?, ?, ?)",
                    arguments: [id.databaseText, organisation.databaseText, code, position])
            }
            try Self.recordChange(id, in: organisation, from: "new", to: .received, reason: "", by: actor, at: time, db: db)
            try SQLiteAuditLog.append(audit, in: db)
            return try Self.fetch(id, in: organisation, db: db)!
        }
    }

    func referral(_ id: ReferralID, in organisation: OrganisationID) async throws -> ReferralWithPerson? {
        try await database.read { db in try Self.fetch(id, in: organisation, db: db) }
    }

    func referrals(of person: PersonID, in organisation: OrganisationID) async throws -> [Referral] {
        try await database.read { db in
            try Row.fetchAll(
                db,
                sql: "SELECT \(Self.referralColumns) FROM referrals r WHERE r.person_id = ? AND r.organisation_id = ? ORDER BY r.received_at DESC",
                arguments: [person.databaseText, organisation.databaseText]
            ).map(RowMapping.referral)
        }
    }

    func inbox(in organisation: OrganisationID, filter: InboxFilter) async throws -> [ReferralWithPerson] {
        try await database.read { db in
            var sql = """
                SELECT \(Self.referralColumns), \(RowMapping.personColumns)
                FROM referrals r JOIN people p ON p.id = r.person_id AND p.organisation_id = r.organisation_id
                WHERE r.organisation_id = ? AND r.status = 'received'
                """
            var arguments: StatementArguments = [organisation.databaseText]
            if let practice = filter.practiceID {
                sql += " AND r.referrer_practice_id = ?"
                arguments += [practice.databaseText]
            }
            if let urgency = filter.urgency {
                sql += " AND r.urgency = ?"
                arguments += [urgency.rawValue]
            }
            if let reason = filter.reason {
                sql += " AND EXISTS (SELECT 1 FROM referral_reasons rr WHERE rr.referral_id = r.id AND rr.need_code = ?)"
                arguments += [reason]
            }
            sql += " ORDER BY r.received_at, r.id"
            return try Row.fetchAll(db, sql: sql, arguments: arguments).map { row in
                ReferralWithPerson(referral: try RowMapping.referral(row), person: try RowMapping.person(row, prefix: "p_"))
            }
        }
    }

    func caseload(of user: UserID, in organisation: OrganisationID) async throws -> [CaseloadRow] {
        try await database.read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT \(Self.referralColumns), \(RowMapping.personColumns),
                        (SELECT min(occurred_on) FROM contacts c WHERE c.referral_id = r.id) AS first_contact,
                        (SELECT max(occurred_on) FROM contacts c WHERE c.referral_id = r.id) AS last_contact,
                        (SELECT document FROM plans pl WHERE pl.referral_id = r.id) AS plan_document
                    FROM referrals r JOIN people p ON p.id = r.person_id AND p.organisation_id = r.organisation_id
                    WHERE r.organisation_id = ? AND r.assigned_to = ? AND r.status IN ('accepted', 'active')
                    """,
                arguments: [organisation.databaseText, user.databaseText]
            ).map { row in
                CaseloadRow(
                    referral: try RowMapping.referral(row), person: try RowMapping.person(row, prefix: "p_"),
                    firstContact: try row.optionalCalendarDate("first_contact"),
                    lastContact: try row.optionalCalendarDate("last_contact"),
                    plan: try row.optionalText("plan_document").map { try Documents.decode(Plan.self, $0) })
            }
        }
    }

    func transition(
        _ id: ReferralID, in organisation: OrganisationID, _ transition: ReferralTransition, details: TransitionDetails,
        expectedVersion: Int, at time: Date, by actor: Actor, audit: AuditEntry
    ) async throws -> Referral {
        try await database.write { db in
            let current = try Self.check(id, in: organisation, version: expectedVersion, db: db)
            guard current.status == transition.from else { throw StoreError.invalidReference(field: "status") }
            let closes = !transition.to.isOpen
            try db.execute(
                sql: """
                    UPDATE referrals SET status = ?, snomed_code = ?, redirected_to = coalesce(?, redirected_to),
                        discharge_reason = coalesce(?, discharge_reason),
                        discharge_summary = CASE WHEN ? = 'discharged' THEN ? ELSE discharge_summary END,
                        assigned_to = coalesce(?, assigned_to), closed_at = CASE WHEN ? THEN ? ELSE closed_at END,
                        updated_at = ?, version = version + 1
                    WHERE id = ? AND organisation_id = ? AND status = ?
                    """,
                arguments: [
                    transition.to.rawValue,
                    transition.to == .declined ? SNOMED.socialPrescribingDeclined : current.snomedCode,
                    details.redirectedTo, details.dischargeReason?.rawValue, transition.to.rawValue, transition.reason,
                    details.assignTo?.databaseText, closes, time.sqliteText, time.sqliteText, id.databaseText,
                    organisation.databaseText, transition.from.rawValue,
                ])
            try Self.recordChange(
                id, in: organisation, from: transition.from.rawValue, to: transition.to, reason: transition.reason, by: actor,
                at: time, db: db)
            if let worker = details.assignTo, worker != current.assignedTo {
                try Self.recordAssignment(id, in: organisation, to: worker, at: time, db: db)
            }
            try SQLiteAuditLog.append(audit, in: db)
            return try Self.fetch(id, in: organisation, db: db)!.referral
        }
    }

    func assign(
        _ id: ReferralID, in organisation: OrganisationID, to user: UserID, expectedVersion: Int, at time: Date,
        audit: AuditEntry
    ) async throws -> Referral {
        try await database.write { db in
            let current = try Self.check(id, in: organisation, version: expectedVersion, db: db)
            guard current.status.isOpen else { throw StoreError.invalidReference(field: "status") }
            try db.execute(
                sql: "UPDATE referrals SET assigned_to = ?, updated_at = ?, version = version + 1 WHERE id = ? AND organisation_id = ?",
                arguments: [user.databaseText, time.sqliteText, id.databaseText, organisation.databaseText])
            if user != current.assignedTo { try Self.recordAssignment(id, in: organisation, to: user, at: time, db: db) }
            try SQLiteAuditLog.append(audit, in: db)
            return try Self.fetch(id, in: organisation, db: db)!.referral
        }
    }

    /// Who has the referral from now: the history capacity is worked out from.
    static func recordAssignment(_ id: ReferralID, in organisation: OrganisationID, to user: UserID, at time: Date, db: Database) throws {
        try db.execute(
            sql: "INSERT INTO referral_assignments (referral_id, organisation_id, user_id, assigned_at) VALUES (?, ?, ?, ?)",
            arguments: [id.databaseText, organisation.databaseText, user.databaseText, time.sqliteText])
    }

    func attach(
        _ id: ReferralID, in organisation: OrganisationID, to person: PersonID, expectedVersion: Int, at time: Date,
        audit: AuditEntry
    ) async throws -> Referral {
        try await database.write { db in
            let current = try Self.check(id, in: organisation, version: expectedVersion, db: db)
            guard current.status == .received else { throw StoreError.invalidReference(field: "status") }
            guard current.personID != person, try SQLitePersonStore.fetch(person, in: organisation, db: db) != nil else {
                throw StoreError.invalidReference(field: "personID")
            }
            let orphan = current.personID.databaseText
            try db.execute(
                sql: """
                    UPDATE referrals SET person_id = ?, possible_duplicate_of = NULL, updated_at = ?, version = version + 1
                    WHERE id = ? AND organisation_id = ?
                    """,
                arguments: [person.databaseText, time.sqliteText, id.databaseText, organisation.databaseText])
            // The record made with the referral goes, if nothing else refers to it.
            let stillUsed = try Int.fetchOne(
                db,
                sql: """
                    SELECT (SELECT count(*) FROM referrals WHERE person_id = ?)
                         + (SELECT count(*) FROM contacts WHERE person_id = ?)
                         + (SELECT count(*) FROM what_matters WHERE person_id = ?)
                    """, arguments: [orphan, orphan, orphan]) ?? 0
            if stillUsed == 0 {
                try db.execute(sql: "UPDATE referrals SET possible_duplicate_of = NULL WHERE possible_duplicate_of = ?", arguments: [orphan])
                try db.execute(sql: "DELETE FROM people WHERE id = ? AND organisation_id = ?", arguments: [orphan, organisation.databaseText])
            }
            try SQLiteAuditLog.append(audit, in: db)
            return try Self.fetch(id, in: organisation, db: db)!.referral
        }
    }

    func dismissDuplicate(
        _ id: ReferralID, in organisation: OrganisationID, expectedVersion: Int, at time: Date, audit: AuditEntry
    ) async throws -> Referral {
        try await database.write { db in
            _ = try Self.check(id, in: organisation, version: expectedVersion, db: db)
            try db.execute(
                sql: """
                    UPDATE referrals SET possible_duplicate_of = NULL, updated_at = ?, version = version + 1
                    WHERE id = ? AND organisation_id = ?
                    """,
                arguments: [time.sqliteText, id.databaseText, organisation.databaseText])
            try SQLiteAuditLog.append(audit, in: db)
            return try Self.fetch(id, in: organisation, db: db)!.referral
        }
    }

    func statusHistory(of id: ReferralID, in organisation: OrganisationID) async throws -> [ReferralStatusChange] {
        try await database.read { db in
            try Row.fetchAll(
                db, sql: "SELECT * FROM referral_status_changes WHERE referral_id = ? AND organisation_id = ? ORDER BY id",
                arguments: [id.databaseText, organisation.databaseText]
            ).map(RowMapping.statusChange)
        }
    }

    func count(in organisation: OrganisationID) async throws -> Int {
        try await database.read { db in
            try Int.fetchOne(db, sql: "SELECT count(*) FROM referrals WHERE organisation_id = ?", arguments: [organisation.databaseText]) ?? 0
        }
    }

    private static func check(_ id: ReferralID, in organisation: OrganisationID, version: Int, db: Database) throws -> Referral {
        guard let current = try fetch(id, in: organisation, db: db)?.referral else { throw StoreError.notFound }
        guard current.version == version else { throw StoreError.versionConflict(currentVersion: current.version) }
        return current
    }

    static func recordChange(
        _ id: ReferralID, in organisation: OrganisationID, from: String, to: ReferralStatus, reason: String, by actor: Actor,
        at time: Date, db: Database
    ) throws {
        try db.execute(
            sql: """
                INSERT INTO referral_status_changes (referral_id, organisation_id, from_status, to_status, reason,
                    actor_id, actor_name, occurred_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                """,
            arguments: [
                id.databaseText, organisation.databaseText, from, to.rawValue, reason, actor.userID?.databaseText,
                actor.name, time.sqliteText,
            ])
    }

    static func fetch(_ id: ReferralID, in organisation: OrganisationID, db: Database) throws -> ReferralWithPerson? {
        try Row.fetchOne(
            db,
            sql: """
                SELECT \(referralColumns), \(RowMapping.personColumns)
                FROM referrals r JOIN people p ON p.id = r.person_id AND p.organisation_id = r.organisation_id
                WHERE r.id = ? AND r.organisation_id = ?
                """,
            arguments: [id.databaseText, organisation.databaseText]
        ).map { row in
            ReferralWithPerson(referral: try RowMapping.referral(row), person: try RowMapping.person(row, prefix: "p_"))
        }
    }
}
