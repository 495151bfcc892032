import Foundation
import LinkwellDomain
import LinkwellStore

public struct SQLCaseworkStore: CaseworkStore {
    let database: any SQLDatabase

    public init(database: any SQLDatabase) {
        self.database = database
    }

    public func recordContact(
        id: ContactID, on referral: ReferralID, in organisation: OrganisationID, _ contact: NewContact,
        startingCase: ReferralTransition?, whatMatters: (value: WhatMatters, expectedVersion: Int)?, at time: Date,
        by actor: Actor, audit: AuditEntry
    ) async throws -> Contact {
        guard let recordedBy = actor.userID else { throw StoreError.invalidReference(field: "recordedBy") }
        let matters = try whatMatters.map { (try Documents.encode($0.value), $0.expectedVersion) }
        return try await database.write { connection in
            try await connection.execute(
                "SELECT id FROM referrals WHERE id = \(referral.rawValue) AND organisation_id = \(organisation.rawValue)\(connection.forUpdate)"
            )
            guard let current = try await SQLReferralStore.fetch(referral, in: organisation, on: connection)?.referral
            else { throw StoreError.notFound }
            // Where the caller found the referral is where it must still be.
            guard current.status == (startingCase?.from ?? .active) else {
                throw StoreError.invalidReference(field: "status")
            }
            try await connection.execute(
                """
                INSERT INTO contacts (id, organisation_id, person_id, referral_id, occurred_on, duration_minutes, mode, note,
                    recorded_by, recorded_by_name, recorded_at)
                VALUES (\(id.rawValue), \(organisation.rawValue), \(current.personID.rawValue), \(referral.rawValue),
                    \(contact.occurredOn), \(contact.durationMinutes), \(contact.mode.rawValue), \(contact.note),
                    \(recordedBy.rawValue), \(actor.name), \(time))
                """)
            if let startingCase {
                try await SQLReferralStore.apply(startingCase, to: current, at: time, by: actor, on: connection)
            }
            if let (document, expectedVersion) = matters {
                _ = try await Self.saveWhatMatters(
                    current.personID, in: organisation, document: document, expectedVersion: expectedVersion, at: time,
                    by: actor, on: connection)
            }
            try await AuditLog.append(audit, on: connection)
            return try await connection.firstRow("SELECT * FROM contacts WHERE id = \(id.rawValue)")
                .map { try RowMapping.contact($0) }!
        }
    }

    public func contacts(of person: PersonID, in organisation: OrganisationID) async throws -> [Contact] {
        try await database.read { connection in
            try await connection.rows(
                """
                SELECT * FROM contacts WHERE person_id = \(person.rawValue) AND organisation_id = \(organisation.rawValue)
                ORDER BY occurred_on DESC, recorded_at DESC
                """
            ).map { try RowMapping.contact($0) }
        }
    }

    public func whatMatters(of person: PersonID, in organisation: OrganisationID) async throws -> (
        value: WhatMatters, version: Int
    ) {
        try await database.read { connection in
            guard
                let row = try await connection.firstRow(
                    """
                    SELECT document, version FROM what_matters
                    WHERE person_id = \(person.rawValue) AND organisation_id = \(organisation.rawValue)
                    """)
            else { return (WhatMatters(), 0) }
            return (try Documents.decode(WhatMatters.self, try row.text("document")), try row.integer("version"))
        }
    }

    public func saveWhatMatters(
        of person: PersonID, in organisation: OrganisationID, _ value: WhatMatters, expectedVersion: Int, at time: Date,
        by actor: Actor, audit: AuditEntry
    ) async throws -> Int {
        let document = try Documents.encode(value)
        return try await database.write { connection in
            guard try await SQLPersonStore.fetch(person, in: organisation, on: connection) != nil else {
                throw StoreError.notFound
            }
            let version = try await Self.saveWhatMatters(
                person, in: organisation, document: document, expectedVersion: expectedVersion, at: time, by: actor,
                on: connection)
            try await AuditLog.append(audit, on: connection)
            return version
        }
    }

    private static func saveWhatMatters(
        _ person: PersonID, in organisation: OrganisationID, document: String, expectedVersion: Int, at time: Date,
        by actor: Actor, on connection: any SQLConnection
    ) async throws -> Int {
        // Locks the person so two first saves cannot both start from version 0.
        try await connection.execute(
            "SELECT id FROM people WHERE id = \(person.rawValue) AND organisation_id = \(organisation.rawValue)\(connection.forUpdate)"
        )
        let current =
            try await connection.firstRow(
                "SELECT version FROM what_matters WHERE person_id = \(person.rawValue) AND organisation_id = \(organisation.rawValue)"
            )?.integer("version") ?? 0
        guard current == expectedVersion else { throw StoreError.versionConflict(currentVersion: current) }
        try await connection.execute(
            """
            INSERT INTO what_matters (person_id, organisation_id, document, updated_by, updated_by_name, updated_at, version)
            VALUES (\(person.rawValue), \(organisation.rawValue), \(document), \(actor.userID?.rawValue), \(actor.name), \(time),
                \(current + 1))
            ON CONFLICT (person_id) DO UPDATE SET document = excluded.document, updated_by = excluded.updated_by,
                updated_by_name = excluded.updated_by_name, updated_at = excluded.updated_at, version = excluded.version
            """)
        return current + 1
    }

    public func plan(of referral: ReferralID, in organisation: OrganisationID) async throws -> (
        plan: Plan, version: Int
    )? {
        try await database.read { connection in
            guard
                let row = try await connection.firstRow(
                    """
                    SELECT document, version FROM plans
                    WHERE referral_id = \(referral.rawValue) AND organisation_id = \(organisation.rawValue)
                    """)
            else { return nil }
            return (try Documents.decode(Plan.self, try row.text("document")), try row.integer("version"))
        }
    }

    public func savePlan(
        of referral: ReferralID, in organisation: OrganisationID, _ plan: Plan, summary: String, expectedVersion: Int,
        at time: Date, by actor: Actor, audit: AuditEntry
    ) async throws -> Int {
        let document = try Documents.encode(plan)
        return try await database.write { connection in
            try await connection.execute(
                "SELECT id FROM referrals WHERE id = \(referral.rawValue) AND organisation_id = \(organisation.rawValue)\(connection.forUpdate)"
            )
            guard try await SQLReferralStore.fetch(referral, in: organisation, on: connection) != nil else {
                throw StoreError.notFound
            }
            let current =
                try await connection.firstRow(
                    "SELECT version FROM plans WHERE referral_id = \(referral.rawValue)")?.integer("version") ?? 0
            guard current == expectedVersion else { throw StoreError.versionConflict(currentVersion: current) }
            let version = current + 1
            try await connection.execute(
                """
                INSERT INTO plans (referral_id, organisation_id, document, review_on, version, updated_at)
                VALUES (\(referral.rawValue), \(organisation.rawValue), \(document), \(plan.reviewOn), \(version), \(time))
                ON CONFLICT (referral_id) DO UPDATE SET document = excluded.document, review_on = excluded.review_on,
                    version = excluded.version, updated_at = excluded.updated_at
                """)
            try await connection.execute(
                """
                INSERT INTO plan_versions (referral_id, version, organisation_id, document, summary, saved_by, saved_by_name, saved_at)
                VALUES (\(referral.rawValue), \(version), \(organisation.rawValue), \(document), \(summary),
                    \(actor.userID?.rawValue), \(actor.name), \(time))
                """)
            try await AuditLog.append(audit, on: connection)
            return version
        }
    }

    public func planVersions(of referral: ReferralID, in organisation: OrganisationID) async throws -> [PlanVersion] {
        try await database.read { connection in
            try await connection.rows(
                """
                SELECT * FROM plan_versions
                WHERE referral_id = \(referral.rawValue) AND organisation_id = \(organisation.rawValue)
                ORDER BY version DESC
                """
            ).map { try RowMapping.planVersion($0) }
        }
    }
}
