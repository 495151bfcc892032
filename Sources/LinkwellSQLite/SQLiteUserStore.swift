import Foundation
import GRDB
import LinkwellDomain
import LinkwellStore

struct SQLiteUserStore: UserStore {
    let database: SQLiteDatabase

    func create(
        id: UserID, details: UserDetails, passwordHash: String, mustChangePassword: Bool, at time: Date,
        audit: AuditEntry
    ) async throws -> User {
        try await database.write { db in
            guard try SQLiteOrganisationStore.fetch(details.organisationID, in: db) != nil else {
                throw StoreError.notFound
            }
            try Self.checkReferences(of: details, except: nil, in: db)
            try db.execute(
                sql: """
                    INSERT INTO users (id, organisation_id, practice_id, name, email, role, password_hash, is_active,
                        must_change_password, created_at, updated_at, password_set_at, version)
                    VALUES (?, ?, ?, ?, ?, ?, ?, 1, ?, ?, ?, ?, 1)
                    """,
                arguments: [
                    id.databaseText, details.organisationID.databaseText, details.practiceID?.databaseText,
                    details.name, details.email.value, details.role.rawValue, passwordHash, mustChangePassword,
                    time.sqliteText, time.sqliteText, time.sqliteText,
                ])
            try SQLiteAuditLog.append(audit, in: db)
            return try Self.fetch(id, in: details.organisationID, db: db)!
        }
    }

    func user(_ id: UserID, in organisation: OrganisationID) async throws -> User? {
        try await database.read { db in try Self.fetch(id, in: organisation, db: db) }
    }

    func users(in organisation: OrganisationID) async throws -> [User] {
        try await database.read { db in
            try Row.fetchAll(
                db, sql: "SELECT * FROM users WHERE organisation_id = ? ORDER BY name COLLATE NOCASE, id",
                arguments: [organisation.databaseText]
            ).map(RowMapping.user)
        }
    }

    func users(in organisation: OrganisationID, role: Role) async throws -> [User] {
        try await database.read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT * FROM users WHERE organisation_id = ? AND role = ? AND is_active = 1
                    ORDER BY name COLLATE NOCASE, id
                    """,
                arguments: [organisation.databaseText, role.rawValue]
            ).map(RowMapping.user)
        }
    }

    func countAll() async throws -> Int {
        try await database.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM users") ?? 0 }
    }

    func update(
        _ id: UserID, in organisation: OrganisationID, expectedVersion: Int, details: UserDetails, at time: Date,
        audit: AuditEntry
    ) async throws -> User {
        try await database.write { db in
            try Self.checkVersion(of: id, in: organisation, expected: expectedVersion, db: db)
            guard details.organisationID == organisation else {
                throw StoreError.invalidReference(field: "organisationID")
            }
            try Self.checkReferences(of: details, except: id, in: db)
            try db.execute(
                sql: """
                    UPDATE users SET name = ?, email = ?, role = ?, practice_id = ?, updated_at = ?,
                        version = version + 1
                    WHERE id = ? AND organisation_id = ?
                    """,
                arguments: [
                    details.name, details.email.value, details.role.rawValue, details.practiceID?.databaseText, time.sqliteText,
                    id.databaseText, organisation.databaseText,
                ])
            try SQLiteAuditLog.append(audit, in: db)
            return try Self.fetch(id, in: organisation, db: db)!
        }
    }

    func setActive(
        _ id: UserID, in organisation: OrganisationID, active: Bool, at time: Date, audit: AuditEntry
    ) async throws -> User {
        try await database.write { db in
            guard try Self.fetch(id, in: organisation, db: db) != nil else { throw StoreError.notFound }
            try db.execute(
                sql: """
                    UPDATE users SET is_active = ?, updated_at = ?, version = version + 1
                    WHERE id = ? AND organisation_id = ?
                    """,
                arguments: [active, time.sqliteText, id.databaseText, organisation.databaseText])
            if !active {
                try db.execute(sql: "DELETE FROM sessions WHERE user_id = ?", arguments: [id.databaseText])
            }
            try SQLiteAuditLog.append(audit, in: db)
            return try Self.fetch(id, in: organisation, db: db)!
        }
    }

    func setPassword(
        _ id: UserID, in organisation: OrganisationID, passwordHash: String, mustChangePassword: Bool,
        keepingSession: String?, at time: Date, audit: AuditEntry
    ) async throws -> User {
        try await database.write { db in
            guard let user = try Self.fetch(id, in: organisation, db: db) else { throw StoreError.notFound }
            try db.execute(
                sql: """
                    UPDATE users SET password_hash = ?, must_change_password = ?, locked_until = NULL,
                        updated_at = ?, password_set_at = ?, version = version + 1
                    WHERE id = ? AND organisation_id = ?
                    """,
                arguments: [passwordHash, mustChangePassword, time.sqliteText, time.sqliteText, id.databaseText, organisation.databaseText])
            // A new password lifts every lock and back-off on the account.
            try db.execute(sql: "DELETE FROM sign_in_attempts WHERE account = ? AND outcome <> 'succeeded'", arguments: [user.email.value])
            try db.execute(sql: "DELETE FROM sign_in_locks WHERE account = ?", arguments: [user.email.value])
            try db.execute(
                sql: "DELETE FROM sessions WHERE user_id = ? AND token_hash IS NOT ?",
                arguments: [id.databaseText, keepingSession])
            try SQLiteAuditLog.append(audit, in: db)
            return try Self.fetch(id, in: organisation, db: db)!
        }
    }

    private static func checkVersion(of id: UserID, in organisation: OrganisationID, expected: Int, db: Database) throws {
        guard let current = try fetch(id, in: organisation, db: db) else { throw StoreError.notFound }
        guard current.version == expected else { throw StoreError.versionConflict(currentVersion: current.version) }
    }

    /// The email must be free and the practice must be the organisation's own.
    private static func checkReferences(of details: UserDetails, except id: UserID?, in db: Database) throws {
        let holder = try String.fetchOne(db, sql: "SELECT id FROM users WHERE email = ?", arguments: [details.email.value])
        if let holder, holder != id?.databaseText { throw StoreError.duplicate(field: "email") }
        if let practice = details.practiceID,
            try SQLitePracticeStore.fetch(practice, in: details.organisationID, db: db) == nil
        {
            throw StoreError.invalidReference(field: "practiceID")
        }
    }

    static func fetch(_ id: UserID, in organisation: OrganisationID, db: Database) throws -> User? {
        try Row.fetchOne(
            db, sql: "SELECT * FROM users WHERE id = ? AND organisation_id = ?",
            arguments: [id.databaseText, organisation.databaseText]
        ).map(RowMapping.user)
    }
}
