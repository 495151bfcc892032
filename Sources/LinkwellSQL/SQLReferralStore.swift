import Foundation
import LinkwellDomain
import LinkwellStore

public struct SQLReferralStore: ReferralStore {
    let database: any SQLDatabase

    public init(database: any SQLDatabase) {
        self.database = database
    }

    /// A referral's columns and its reasons in order, joined by commas. The
    /// engines spell an ordered string aggregate differently.
    static func referralColumns(_ connection: any SQLConnection) -> SQLText {
        switch connection.dialect {
        case .postgres:
            """
            r.*, (SELECT string_agg(need_code, ',' ORDER BY position) FROM referral_reasons rr
                WHERE rr.referral_id = r.id) AS reasons
            """
        case .sqlite:
            """
            r.*, (SELECT group_concat(need_code, ',') FROM
                (SELECT need_code FROM referral_reasons rr WHERE rr.referral_id = r.id ORDER BY rr.position)) AS reasons
            """
        }
    }

    static let joined: SQLText = """
        FROM referrals r JOIN people p ON p.id = r.person_id AND p.organisation_id = r.organisation_id
        """

    static let personColumns: SQLText = "\(unsafeRaw: RowMapping.personColumns)"

    public func create(
        id: ReferralID, personID: PersonID, in organisation: OrganisationID, _ referral: NewReferral,
        possibleDuplicateOf: PersonID?, at time: Date, by actor: Actor, audit: AuditEntry
    ) async throws -> ReferralWithPerson {
        try await database.write { connection in
            guard try await SQLOrganisationStore.fetch(organisation, on: connection) != nil else {
                throw StoreError.notFound
            }
            let person = referral.person
            try await connection.execute(
                """
                INSERT INTO people (id, organisation_id, name, name_key, preferred_name, date_of_birth, nhs_number, address,
                    postcode, phone, email, preferred_contact, contact_times, language, interpreter_needed, risk_flag,
                    safeguarding_flag, stated_gender, ethnic_category, registered_practice, created_at, updated_at, version)
                VALUES (\(personID.rawValue), \(organisation.rawValue), \(person.name), \(person.nameKey), \(person.preferredName),
                    \(person.dateOfBirth), \(person.nhsNumber?.digits), \(person.address), \(person.postcode?.value),
                    \(person.phone?.value), \(person.email?.value), \(person.preferredContact.rawValue), \(person.contactTimes),
                    \(person.language), \(person.interpreterNeeded), \(person.riskFlag), \(person.safeguardingFlag),
                    \(person.statedGender?.rawValue), \(person.ethnicCategory?.rawValue), \(person.registeredPractice?.value),
                    \(time), \(time), 1)
                """)
            try await connection.execute(
                """
                INSERT INTO referrals (id, organisation_id, person_id, received_at, source, referrer_practice_id,
                    referrer_organisation, referrer_name, referrer_role, details, urgency, consent_given_by,
                    consent_representative, consent_given_on, status, snomed_code, possible_duplicate_of,
                    referring_organisation_id, referring_practice_id, referrer_on_behalf_of, updated_at, version)
                VALUES (\(id.rawValue), \(organisation.rawValue), \(personID.rawValue), \(time), \(referral.source.rawValue),
                    \(referral.referrer.practiceID?.rawValue), \(referral.referrer.organisation), \(referral.referrer.name),
                    \(referral.referrer.role), \(referral.details), \(referral.urgency.rawValue),
                    \(referral.consent.givenBy.rawValue), \(referral.consent.representative),
                    \(referral.consent.givenOn), 'received', \(SNOMED.referralToSocialPrescribing),
                    \(possibleDuplicateOf?.rawValue), \(referral.referringOrganisationID?.rawValue),
                    \(referral.referringPracticeID?.rawValue), \(referral.referrer.onBehalfOf), \(time), 1)
                """)
            for (position, code) in referral.reasons.enumerated() {
                try await connection.execute(
                    """
                    INSERT INTO referral_reasons (referral_id, organisation_id, need_code, position)
                    VALUES (\(id.rawValue), \(organisation.rawValue), \(code), \(position))
                    """)
            }
            try await Self.recordChange(
                id, in: organisation, from: "new", to: .received, reason: "", by: actor, at: time, on: connection)
            try await AuditLog.append(audit, on: connection)
            return try await Self.fetch(id, in: organisation, on: connection)!
        }
    }

    public func referral(_ id: ReferralID, in organisation: OrganisationID) async throws -> ReferralWithPerson? {
        try await database.read { connection in
            try await Self.fetch(id, in: organisation, on: connection)
        }
    }

    public func referrals(of person: PersonID, in organisation: OrganisationID) async throws -> [Referral] {
        try await database.read { connection in
            try await connection.rows(
                """
                SELECT \(Self.referralColumns(connection)) FROM referrals r
                WHERE r.person_id = \(person.rawValue) AND r.organisation_id = \(organisation.rawValue)
                ORDER BY r.received_at DESC
                """
            ).map { try RowMapping.referral($0) }
        }
    }

    public func inbox(in organisation: OrganisationID, filter: InboxFilter) async throws -> [ReferralWithPerson] {
        var conditions: [SQLText] = ["r.organisation_id = \(organisation.rawValue) AND r.status = 'received'"]
        if let practice = filter.practiceID { conditions.append("r.referrer_practice_id = \(practice.rawValue)") }
        if let urgency = filter.urgency { conditions.append("r.urgency = \(urgency.rawValue)") }
        if let reason = filter.reason {
            conditions.append(
                "EXISTS (SELECT 1 FROM referral_reasons rr WHERE rr.referral_id = r.id AND rr.need_code = \(reason))")
        }
        let matching = conditions.joined(separator: " AND ")
        return try await database.read { connection in
            try await connection.rows(
                """
                SELECT \(Self.referralColumns(connection)), \(Self.personColumns) \(Self.joined)
                WHERE \(matching) ORDER BY r.received_at, r.id
                """
            ).map { row in
                ReferralWithPerson(
                    referral: try RowMapping.referral(row), person: try RowMapping.person(row, prefix: "p_"))
            }
        }
    }

    public func caseload(of user: UserID, in organisation: OrganisationID) async throws -> [CaseloadRow] {
        try await database.read { connection in
            try await connection.rows(
                """
                SELECT \(Self.referralColumns(connection)), \(Self.personColumns),
                    (SELECT min(occurred_on) FROM contacts c WHERE c.referral_id = r.id) AS first_contact,
                    (SELECT max(occurred_on) FROM contacts c WHERE c.referral_id = r.id) AS last_contact,
                    (SELECT document FROM plans pl WHERE pl.referral_id = r.id) AS plan_document
                \(Self.joined)
                WHERE r.organisation_id = \(organisation.rawValue) AND r.assigned_to = \(user.rawValue)
                  AND r.status IN ('accepted', 'active')
                """
            ).map { row in
                CaseloadRow(
                    referral: try RowMapping.referral(row), person: try RowMapping.person(row, prefix: "p_"),
                    firstContact: try row.optionalCalendarDate("first_contact"),
                    lastContact: try row.optionalCalendarDate("last_contact"),
                    plan: try row.optionalText("plan_document").map { try Documents.decode(Plan.self, $0) })
            }
        }
    }

    public func transition(
        _ id: ReferralID, in organisation: OrganisationID, _ transition: ReferralTransition, expectedVersion: Int,
        at time: Date, by actor: Actor, audit: AuditEntry
    ) async throws -> Referral {
        try await database.write { connection in
            let current = try await Self.lockAndCheck(id, in: organisation, version: expectedVersion, on: connection)
            try await Self.apply(transition, to: current, at: time, by: actor, on: connection)
            try await AuditLog.append(audit, on: connection)
            return try await Self.fetch(id, in: organisation, on: connection)!.referral
        }
    }

    /// Writes what the domain decided the move makes of `current` (locked by
    /// the caller), with its status change and any new assignment. The store
    /// decides nothing: it refuses only a referral that has moved on.
    static func apply(
        _ transition: ReferralTransition, to current: Referral, at time: Date, by actor: Actor,
        on connection: any SQLConnection
    ) async throws {
        guard current.status == transition.from else { throw StoreError.invalidReference(field: "status") }
        let next = transition.applied(to: current, at: time)
        try await connection.execute(
            """
            UPDATE referrals SET status = \(next.status.rawValue), snomed_code = \(next.snomedCode),
                redirected_to = \(next.redirectedTo), discharge_reason = \(next.dischargeReason?.rawValue),
                discharge_summary = \(next.dischargeSummary), assigned_to = \(next.assignedTo?.rawValue),
                closed_at = \(next.closedAt), updated_at = \(next.updatedAt), version = version + 1
            WHERE id = \(current.id.rawValue) AND organisation_id = \(current.organisationID.rawValue)
              AND status = \(transition.from.rawValue)
            """)
        try await recordChange(
            current.id, in: current.organisationID, from: transition.from.rawValue, to: next.status,
            reason: transition.reason,
            by: actor, at: time, on: connection)
        if let worker = next.assignedTo, worker != current.assignedTo {
            try await recordAssignment(current.id, in: current.organisationID, to: worker, at: time, on: connection)
        }
    }

    /// Who has the referral from now: the history capacity is worked out from.
    public static func recordAssignment(
        _ id: ReferralID, in organisation: OrganisationID, to user: UserID, at time: Date,
        on connection: any SQLConnection
    ) async throws {
        try await connection.execute(
            """
            INSERT INTO referral_assignments (referral_id, organisation_id, user_id, assigned_at)
            VALUES (\(id.rawValue), \(organisation.rawValue), \(user.rawValue), \(time))
            """)
    }

    public func assign(
        _ id: ReferralID, in organisation: OrganisationID, to user: UserID, expectedVersion: Int, at time: Date,
        audit: AuditEntry
    ) async throws -> Referral {
        try await database.write { connection in
            let current = try await Self.lockAndCheck(id, in: organisation, version: expectedVersion, on: connection)
            guard current.status.isOpen else { throw StoreError.invalidReference(field: "status") }
            try await connection.execute(
                """
                UPDATE referrals SET assigned_to = \(user.rawValue), updated_at = \(time), version = version + 1
                WHERE id = \(id.rawValue) AND organisation_id = \(organisation.rawValue)
                """)
            if user != current.assignedTo {
                try await Self.recordAssignment(id, in: organisation, to: user, at: time, on: connection)
            }
            try await AuditLog.append(audit, on: connection)
            return try await Self.fetch(id, in: organisation, on: connection)!.referral
        }
    }

    public func attach(
        _ id: ReferralID, in organisation: OrganisationID, to person: PersonID, expectedVersion: Int, at time: Date,
        audit: AuditEntry
    ) async throws -> Referral {
        try await database.write { connection in
            let current = try await Self.lockAndCheck(id, in: organisation, version: expectedVersion, on: connection)
            guard current.status == .received else { throw StoreError.invalidReference(field: "status") }
            guard current.personID != person,
                try await SQLPersonStore.fetch(person, in: organisation, on: connection) != nil
            else { throw StoreError.invalidReference(field: "personID") }
            let orphan = current.personID.rawValue
            try await connection.execute(
                """
                UPDATE referrals SET person_id = \(person.rawValue), possible_duplicate_of = NULL, updated_at = \(time),
                    version = version + 1
                WHERE id = \(id.rawValue) AND organisation_id = \(organisation.rawValue)
                """)
            let uses =
                try await connection.firstRow(
                    """
                    SELECT (SELECT count(*) FROM referrals WHERE person_id = \(orphan))
                         + (SELECT count(*) FROM contacts WHERE person_id = \(orphan))
                         + (SELECT count(*) FROM what_matters WHERE person_id = \(orphan)) AS uses
                    """)?.integer("uses") ?? 0
            if uses == 0 {
                try await connection.execute(
                    "UPDATE referrals SET possible_duplicate_of = NULL WHERE possible_duplicate_of = \(orphan)")
                try await connection.execute(
                    "DELETE FROM people WHERE id = \(orphan) AND organisation_id = \(organisation.rawValue)")
            }
            try await AuditLog.append(audit, on: connection)
            return try await Self.fetch(id, in: organisation, on: connection)!.referral
        }
    }

    public func dismissDuplicate(
        _ id: ReferralID, in organisation: OrganisationID, expectedVersion: Int, at time: Date, audit: AuditEntry
    ) async throws -> Referral {
        try await database.write { connection in
            _ = try await Self.lockAndCheck(id, in: organisation, version: expectedVersion, on: connection)
            try await connection.execute(
                """
                UPDATE referrals SET possible_duplicate_of = NULL, updated_at = \(time), version = version + 1
                WHERE id = \(id.rawValue) AND organisation_id = \(organisation.rawValue)
                """)
            try await AuditLog.append(audit, on: connection)
            return try await Self.fetch(id, in: organisation, on: connection)!.referral
        }
    }

    public func statusHistory(of id: ReferralID, in organisation: OrganisationID) async throws -> [ReferralStatusChange]
    {
        try await database.read { connection in
            try await connection.rows(
                """
                SELECT * FROM referral_status_changes
                WHERE referral_id = \(id.rawValue) AND organisation_id = \(organisation.rawValue) ORDER BY id
                """
            ).map { try RowMapping.statusChange($0) }
        }
    }

    public func count(in organisation: OrganisationID) async throws -> Int {
        try await database.read { connection in
            try await connection.count(
                "SELECT count(*) AS n FROM referrals WHERE organisation_id = \(organisation.rawValue)")
        }
    }

    private static func lockAndCheck(
        _ id: ReferralID, in organisation: OrganisationID, version: Int, on connection: any SQLConnection
    ) async throws -> Referral {
        try await connection.execute(
            "SELECT id FROM referrals WHERE id = \(id.rawValue) AND organisation_id = \(organisation.rawValue)\(connection.forUpdate)"
        )
        guard let current = try await fetch(id, in: organisation, on: connection)?.referral else {
            throw StoreError.notFound
        }
        guard current.version == version else { throw StoreError.versionConflict(currentVersion: current.version) }
        return current
    }

    public static func recordChange(
        _ id: ReferralID, in organisation: OrganisationID, from: String, to: ReferralStatus, reason: String,
        by actor: Actor,
        at time: Date, on connection: any SQLConnection
    ) async throws {
        try await connection.execute(
            """
            INSERT INTO referral_status_changes (referral_id, organisation_id, from_status, to_status, reason, actor_id,
                actor_name, occurred_at)
            VALUES (\(id.rawValue), \(organisation.rawValue), \(from), \(to.rawValue), \(reason), \(actor.userID?.rawValue),
                \(actor.name), \(time))
            """)
    }

    public static func fetch(_ id: ReferralID, in organisation: OrganisationID, on connection: any SQLConnection)
        async throws -> ReferralWithPerson?
    {
        try await connection.firstRow(
            """
            SELECT \(referralColumns(connection)), \(Self.personColumns) \(joined)
            WHERE r.id = \(id.rawValue) AND r.organisation_id = \(organisation.rawValue)
            """
        ).map { row in
            ReferralWithPerson(referral: try RowMapping.referral(row), person: try RowMapping.person(row, prefix: "p_"))
        }
    }
}
