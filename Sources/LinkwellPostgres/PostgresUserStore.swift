import Foundation
import LinkwellDomain
import LinkwellStore
import Logging
import PostgresNIO

struct PostgresUserStore: UserStore {
    let database: PostgresDatabase

    func create(
        id: UserID, details: UserDetails, passwordHash: String, mustChangePassword: Bool, at time: Date,
        audit: AuditEntry
    ) async throws -> User {
        try await database.write { connection, logger in
            guard try await PostgresOrganisationStore.fetch(details.organisationID, on: connection, logger: logger) != nil
            else { throw StoreError.notFound }
            try await Self.checkReferences(of: details, except: nil, on: connection, logger: logger)
            try await connection.execute(
                """
                INSERT INTO users (id, organisation_id, practice_id, name, email, role, password_hash, is_active,
                    must_change_password, created_at, updated_at, password_set_at, version)
                VALUES (\(id.rawValue), \(details.organisationID.rawValue), \(details.practiceID?.rawValue),
                    \(details.name), \(details.email.value), \(details.role.rawValue), \(passwordHash), true,
                    \(mustChangePassword), \(time), \(time), \(time), 1)
                """, logger: logger)
            try await PostgresAuditLog.append(audit, on: connection, logger: logger)
            return try await Self.fetch(id, in: details.organisationID, on: connection, logger: logger)!
        }
    }

    func user(_ id: UserID, in organisation: OrganisationID) async throws -> User? {
        try await database.read { connection, logger in
            try await Self.fetch(id, in: organisation, on: connection, logger: logger)
        }
    }

    func users(in organisation: OrganisationID) async throws -> [User] {
        try await database.read { connection, logger in
            try await connection.rows(
                "SELECT * FROM users WHERE organisation_id = \(organisation.rawValue) ORDER BY lower(name), id",
                logger: logger
            ).map(RowMapping.user)
        }
    }

    func users(in organisation: OrganisationID, role: Role) async throws -> [User] {
        try await database.read { connection, logger in
            try await connection.rows(
                """
                SELECT * FROM users WHERE organisation_id = \(organisation.rawValue) AND role = \(role.rawValue)
                    AND is_active ORDER BY lower(name), id
                """, logger: logger
            ).map(RowMapping.user)
        }
    }

    func countAll() async throws -> Int {
        try await database.read { connection, logger in
            try await connection.firstRow("SELECT count(*)::bigint AS total FROM users", logger: logger)?.integer("total") ?? 0
        }
    }

    func update(
        _ id: UserID, in organisation: OrganisationID, expectedVersion: Int, details: UserDetails, at time: Date,
        audit: AuditEntry
    ) async throws -> User {
        try await database.write { connection, logger in
            try await Self.lockAndCheckVersion(
                of: id, in: organisation, expected: expectedVersion, on: connection, logger: logger)
            guard details.organisationID == organisation else {
                throw StoreError.invalidReference(field: "organisationID")
            }
            try await Self.checkReferences(of: details, except: id, on: connection, logger: logger)
            try await connection.execute(
                """
                UPDATE users SET name = \(details.name), email = \(details.email.value), role = \(details.role.rawValue),
                    practice_id = \(details.practiceID?.rawValue), updated_at = \(time), version = version + 1
                WHERE id = \(id.rawValue) AND organisation_id = \(organisation.rawValue)
                """, logger: logger)
            try await PostgresAuditLog.append(audit, on: connection, logger: logger)
            return try await Self.fetch(id, in: organisation, on: connection, logger: logger)!
        }
    }

    func setActive(
        _ id: UserID, in organisation: OrganisationID, active: Bool, at time: Date, audit: AuditEntry
    ) async throws -> User {
        try await database.write { connection, logger in
            guard try await Self.fetch(id, in: organisation, on: connection, logger: logger) != nil else {
                throw StoreError.notFound
            }
            try await connection.execute(
                """
                UPDATE users SET is_active = \(active), updated_at = \(time), version = version + 1
                WHERE id = \(id.rawValue) AND organisation_id = \(organisation.rawValue)
                """, logger: logger)
            if !active {
                try await connection.execute("DELETE FROM sessions WHERE user_id = \(id.rawValue)", logger: logger)
            }
            try await PostgresAuditLog.append(audit, on: connection, logger: logger)
            return try await Self.fetch(id, in: organisation, on: connection, logger: logger)!
        }
    }

    func setPassword(
        _ id: UserID, in organisation: OrganisationID, passwordHash: String, mustChangePassword: Bool,
        keepingSession: String?, at time: Date, audit: AuditEntry
    ) async throws -> User {
        try await database.write { connection, logger in
            guard let user = try await Self.fetch(id, in: organisation, on: connection, logger: logger) else {
                throw StoreError.notFound
            }
            try await connection.execute(
                """
                UPDATE users SET password_hash = \(passwordHash), must_change_password = \(mustChangePassword),
                    locked_until = NULL, updated_at = \(time), password_set_at = \(time), version = version + 1
                WHERE id = \(id.rawValue) AND organisation_id = \(organisation.rawValue)
                """, logger: logger)
            // A new password lifts every lock and back-off on the account.
            try await connection.execute(
                "DELETE FROM sign_in_attempts WHERE account = \(user.email.value) AND outcome <> 'succeeded'", logger: logger)
            try await connection.execute("DELETE FROM sign_in_locks WHERE account = \(user.email.value)", logger: logger)
            try await connection.execute(
                "DELETE FROM sessions WHERE user_id = \(id.rawValue) AND token_hash IS DISTINCT FROM \(keepingSession)",
                logger: logger)
            try await PostgresAuditLog.append(audit, on: connection, logger: logger)
            return try await Self.fetch(id, in: organisation, on: connection, logger: logger)!
        }
    }

    private static func lockAndCheckVersion(
        of id: UserID, in organisation: OrganisationID, expected: Int, on connection: PostgresConnection, logger: Logger
    ) async throws {
        let current = try await connection.firstRow(
            """
            SELECT version FROM users WHERE id = \(id.rawValue) AND organisation_id = \(organisation.rawValue)
            FOR UPDATE
            """, logger: logger)
        guard let current else { throw StoreError.notFound }
        let version = try current.integer("version")
        guard version == expected else { throw StoreError.versionConflict(currentVersion: version) }
    }

    /// The email must be free and the practice must be the organisation's own.
    private static func checkReferences(
        of details: UserDetails, except id: UserID?, on connection: PostgresConnection, logger: Logger
    ) async throws {
        let holder = try await connection.firstRow(
            "SELECT id FROM users WHERE email = \(details.email.value)", logger: logger)
        if let holder, try holder.identifier("id") != id { throw StoreError.duplicate(field: "email") }
        if let practice = details.practiceID,
            try await PostgresPracticeStore.fetch(practice, in: details.organisationID, on: connection, logger: logger)
                == nil
        {
            throw StoreError.invalidReference(field: "practiceID")
        }
    }

    static func fetch(
        _ id: UserID, in organisation: OrganisationID, on connection: PostgresConnection, logger: Logger
    ) async throws -> User? {
        try await connection.firstRow(
            "SELECT * FROM users WHERE id = \(id.rawValue) AND organisation_id = \(organisation.rawValue)",
            logger: logger
        ).map(RowMapping.user)
    }
}
