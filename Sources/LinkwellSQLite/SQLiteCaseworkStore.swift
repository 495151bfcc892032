import Foundation
import GRDB
import LinkwellDomain
import LinkwellStore

struct SQLiteCaseworkStore: CaseworkStore {
    let database: SQLiteDatabase

    func recordContact(
        id: ContactID, on referral: ReferralID, in organisation: OrganisationID, _ contact: NewContact,
        whatMatters: (value: WhatMatters, expectedVersion: Int)?, at time: Date, by actor: Actor, audit: AuditEntry
    ) async throws -> Contact {
        guard let recordedBy = actor.userID else { throw StoreError.invalidReference(field: "recordedBy") }
        let matters = try whatMatters.map { (try Documents.encode($0.value), $0.expectedVersion) }
        return try await database.write { db in
            guard let current = try SQLiteReferralStore.fetch(referral, in: organisation, db: db)?.referral else {
                throw StoreError.notFound
            }
            guard current.status == .accepted || current.status == .active else {
                throw StoreError.invalidReference(field: "status")
            }
            try db.execute(
                sql: """
                    INSERT INTO contacts (id, organisation_id, person_id, referral_id, occurred_on, duration_minutes, mode,
                        note, recorded_by, recorded_by_name, recorded_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """,
                arguments: [
                    id.databaseText, organisation.databaseText, current.personID.databaseText, referral.databaseText,
                    contact.occurredOn.iso, contact.durationMinutes, contact.mode.rawValue, contact.note,
                    recordedBy.databaseText, actor.name, time.sqliteText,
                ])
            if current.status == .accepted {
                // The first contact starts the work.
                try db.execute(
                    sql: "UPDATE referrals SET status = 'active', updated_at = ?, version = version + 1 WHERE id = ? AND status = 'accepted'",
                    arguments: [time.sqliteText, referral.databaseText])
                try SQLiteReferralStore.recordChange(
                    referral, in: organisation, from: "accepted", to: .active, reason: "First contact recorded", by: actor,
                    at: time, db: db)
            }
            if let (document, expectedVersion) = matters {
                try Self.saveWhatMatters(
                    current.personID, in: organisation, document: document, expectedVersion: expectedVersion, at: time,
                    by: actor, db: db)
            }
            try SQLiteAuditLog.append(audit, in: db)
            return try Row.fetchOne(db, sql: "SELECT * FROM contacts WHERE id = ?", arguments: [id.databaseText])
                .map(RowMapping.contact)!
        }
    }

    func contacts(of person: PersonID, in organisation: OrganisationID) async throws -> [Contact] {
        try await database.read { db in
            try Row.fetchAll(
                db,
                sql: "SELECT * FROM contacts WHERE person_id = ? AND organisation_id = ? ORDER BY occurred_on DESC, recorded_at DESC",
                arguments: [person.databaseText, organisation.databaseText]
            ).map(RowMapping.contact)
        }
    }

    func whatMatters(of person: PersonID, in organisation: OrganisationID) async throws -> (value: WhatMatters, version: Int) {
        try await database.read { db in
            guard let row = try Row.fetchOne(
                db, sql: "SELECT document, version FROM what_matters WHERE person_id = ? AND organisation_id = ?",
                arguments: [person.databaseText, organisation.databaseText])
            else { return (WhatMatters(), 0) }
            return (try Documents.decode(WhatMatters.self, try row.text("document")), try row.integer("version"))
        }
    }

    func saveWhatMatters(
        of person: PersonID, in organisation: OrganisationID, _ value: WhatMatters, expectedVersion: Int, at time: Date,
        by actor: Actor, audit: AuditEntry
    ) async throws -> Int {
        let document = try Documents.encode(value)
        return try await database.write { db in
            guard try SQLitePersonStore.fetch(person, in: organisation, db: db) != nil else { throw StoreError.notFound }
            let version = try Self.saveWhatMatters(
                person, in: organisation, document: document, expectedVersion: expectedVersion, at: time, by: actor, db: db)
            try SQLiteAuditLog.append(audit, in: db)
            return version
        }
    }

    private static func saveWhatMatters(
        _ person: PersonID, in organisation: OrganisationID, document: String, expectedVersion: Int, at time: Date,
        by actor: Actor, db: Database
    ) throws -> Int {
        let current = try Int.fetchOne(
            db, sql: "SELECT version FROM what_matters WHERE person_id = ? AND organisation_id = ?",
            arguments: [person.databaseText, organisation.databaseText]) ?? 0
        guard current == expectedVersion else { throw StoreError.versionConflict(currentVersion: current) }
        try db.execute(
            sql: """
                INSERT INTO what_matters (person_id, organisation_id, document, updated_by, updated_by_name, updated_at, version)
                VALUES (?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (person_id) DO UPDATE SET document = excluded.document, updated_by = excluded.updated_by,
                    updated_by_name = excluded.updated_by_name, updated_at = excluded.updated_at, version = excluded.version
                """,
            arguments: [
                person.databaseText, organisation.databaseText, document, actor.userID?.databaseText, actor.name,
                time.sqliteText, current + 1,
            ])
        return current + 1
    }

    func plan(of referral: ReferralID, in organisation: OrganisationID) async throws -> (plan: Plan, version: Int)? {
        try await database.read { db in
            guard let row = try Row.fetchOne(
                db, sql: "SELECT document, version FROM plans WHERE referral_id = ? AND organisation_id = ?",
                arguments: [referral.databaseText, organisation.databaseText])
            else { return nil }
            return (try Documents.decode(Plan.self, try row.text("document")), try row.integer("version"))
        }
    }

    func savePlan(
        of referral: ReferralID, in organisation: OrganisationID, _ plan: Plan, summary: String, expectedVersion: Int,
        at time: Date, by actor: Actor, audit: AuditEntry
    ) async throws -> Int {
        let document = try Documents.encode(plan)
        return try await database.write { db in
            guard try SQLiteReferralStore.fetch(referral, in: organisation, db: db) != nil else { throw StoreError.notFound }
            let current = try Int.fetchOne(
                db, sql: "SELECT version FROM plans WHERE referral_id = ?", arguments: [referral.databaseText]) ?? 0
            guard current == expectedVersion else { throw StoreError.versionConflict(currentVersion: current) }
            let version = current + 1
            try db.execute(
                sql: """
                    INSERT INTO plans (referral_id, organisation_id, document, review_on, version, updated_at)
                    VALUES (?, ?, ?, ?, ?, ?)
                    ON CONFLICT (referral_id) DO UPDATE SET document = excluded.document, review_on = excluded.review_on,
                        version = excluded.version, updated_at = excluded.updated_at
                    """,
                arguments: [referral.databaseText, organisation.databaseText, document, plan.reviewOn?.iso, version, time.sqliteText])
            try db.execute(
                sql: """
                    INSERT INTO plan_versions (referral_id, version, organisation_id, document, summary, saved_by,
                        saved_by_name, saved_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                    """,
                arguments: [
                    referral.databaseText, version, organisation.databaseText, document, summary,
                    actor.userID?.databaseText, actor.name, time.sqliteText,
                ])
            try SQLiteAuditLog.append(audit, in: db)
            return version
        }
    }

    func planVersions(of referral: ReferralID, in organisation: OrganisationID) async throws -> [PlanVersion] {
        try await database.read { db in
            try Row.fetchAll(
                db, sql: "SELECT * FROM plan_versions WHERE referral_id = ? AND organisation_id = ? ORDER BY version DESC",
                arguments: [referral.databaseText, organisation.databaseText]
            ).map(RowMapping.planVersion)
        }
    }
}
