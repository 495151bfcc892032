import Foundation
import GRDB
import LinkwellDomain
import LinkwellStore

struct SQLiteOrganisationStore: OrganisationStore {
    let database: SQLiteDatabase

    func create(id: OrganisationID, details: OrganisationDetails, at time: Date, audit: AuditEntry) async throws
        -> Organisation
    {
        try await database.write { db in
            try Self.checkODSCodeIsFree(details.odsCode, except: nil, in: db)
            try db.execute(
                sql: """
                    INSERT INTO organisations (id, name, kind, ods_code, accepts_referrals, self_referral_enabled,
                        connection_response_days, outcome_follow_up_weeks, created_at, updated_at, version)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1)
                    """,
                arguments: [
                    id.databaseText, details.name, details.kind.rawValue, details.odsCode?.value, details.acceptsReferrals,
                    details.selfReferralEnabled, details.connectionResponseDays, details.outcomeFollowUpWeeks, time.sqliteText,
                    time.sqliteText,
                ])
            try SQLiteAuditLog.append(audit, in: db)
            return try Self.fetch(id, in: db)!
        }
    }

    func organisation(_ id: OrganisationID) async throws -> Organisation? {
        try await database.read { db in try Self.fetch(id, in: db) }
    }

    func all() async throws -> [Organisation] {
        try await database.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM organisations ORDER BY name COLLATE NOCASE, id")
                .map(RowMapping.organisation)
        }
    }

    func update(
        _ id: OrganisationID, expectedVersion: Int, details: OrganisationDetails, at time: Date, audit: AuditEntry
    ) async throws -> Organisation {
        try await database.write { db in
            guard let current = try Self.fetch(id, in: db) else { throw StoreError.notFound }
            guard current.version == expectedVersion else {
                throw StoreError.versionConflict(currentVersion: current.version)
            }
            try Self.checkODSCodeIsFree(details.odsCode, except: id, in: db)
            try db.execute(
                sql: """
                    UPDATE organisations SET name = ?, kind = ?, ods_code = ?, accepts_referrals = ?,
                        self_referral_enabled = ?, connection_response_days = ?, outcome_follow_up_weeks = ?, updated_at = ?,
                        version = version + 1
                    WHERE id = ?
                    """,
                arguments: [
                    details.name, details.kind.rawValue, details.odsCode?.value, details.acceptsReferrals,
                    details.selfReferralEnabled, details.connectionResponseDays, details.outcomeFollowUpWeeks, time.sqliteText,
                    id.databaseText,
                ])
            try SQLiteAuditLog.append(audit, in: db)
            return try Self.fetch(id, in: db)!
        }
    }

    private static func checkODSCodeIsFree(_ code: ODSCode?, except id: OrganisationID?, in db: Database) throws {
        guard let code else { return }
        let holder = try String.fetchOne(db, sql: "SELECT id FROM organisations WHERE ods_code = ?", arguments: [code.value])
        if let holder, holder != id?.databaseText { throw StoreError.duplicate(field: "odsCode") }
    }

    static func fetch(_ id: OrganisationID, in db: Database) throws -> Organisation? {
        try Row.fetchOne(db, sql: "SELECT * FROM organisations WHERE id = ?", arguments: [id.databaseText])
            .map(RowMapping.organisation)
    }
}

struct SQLitePracticeStore: PracticeStore {
    let database: SQLiteDatabase

    func create(
        id: PracticeID, in organisation: OrganisationID, details: PracticeDetails, at time: Date, audit: AuditEntry
    ) async throws -> Practice {
        try await database.write { db in
            guard try SQLiteOrganisationStore.fetch(organisation, in: db) != nil else { throw StoreError.notFound }
            try Self.checkODSCodeIsFree(details.odsCode, except: nil, in: db)
            try db.execute(
                sql: """
                    INSERT INTO practices (id, organisation_id, name, ods_code, created_at, updated_at, version)
                    VALUES (?, ?, ?, ?, ?, ?, 1)
                    """,
                arguments: [id.databaseText, organisation.databaseText, details.name, details.odsCode.value, time.sqliteText, time.sqliteText])
            try SQLiteAuditLog.append(audit, in: db)
            return try Self.fetch(id, in: organisation, db: db)!
        }
    }

    func practice(_ id: PracticeID, in organisation: OrganisationID) async throws -> Practice? {
        try await database.read { db in try Self.fetch(id, in: organisation, db: db) }
    }

    func practices(in organisation: OrganisationID) async throws -> [Practice] {
        try await database.read { db in
            try Row.fetchAll(
                db, sql: "SELECT * FROM practices WHERE organisation_id = ? ORDER BY name COLLATE NOCASE, id",
                arguments: [organisation.databaseText]
            ).map(RowMapping.practice)
        }
    }

    func update(
        _ id: PracticeID, in organisation: OrganisationID, expectedVersion: Int, details: PracticeDetails,
        at time: Date, audit: AuditEntry
    ) async throws -> Practice {
        try await database.write { db in
            guard let current = try Self.fetch(id, in: organisation, db: db) else { throw StoreError.notFound }
            guard current.version == expectedVersion else {
                throw StoreError.versionConflict(currentVersion: current.version)
            }
            try Self.checkODSCodeIsFree(details.odsCode, except: id, in: db)
            try db.execute(
                sql: """
                    UPDATE practices SET name = ?, ods_code = ?, updated_at = ?, version = version + 1
                    WHERE id = ? AND organisation_id = ?
                    """,
                arguments: [details.name, details.odsCode.value, time.sqliteText, id.databaseText, organisation.databaseText])
            try SQLiteAuditLog.append(audit, in: db)
            return try Self.fetch(id, in: organisation, db: db)!
        }
    }

    private static func checkODSCodeIsFree(_ code: ODSCode, except id: PracticeID?, in db: Database) throws {
        let holder = try String.fetchOne(db, sql: "SELECT id FROM practices WHERE ods_code = ?", arguments: [code.value])
        if let holder, holder != id?.databaseText { throw StoreError.duplicate(field: "odsCode") }
    }

    static func fetch(_ id: PracticeID, in organisation: OrganisationID, db: Database) throws -> Practice? {
        try Row.fetchOne(
            db, sql: "SELECT * FROM practices WHERE id = ? AND organisation_id = ?",
            arguments: [id.databaseText, organisation.databaseText]
        ).map(RowMapping.practice)
    }
}
