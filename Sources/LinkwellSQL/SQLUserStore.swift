import Foundation
import LinkwellDomain
import LinkwellStore

public struct SQLUserStore: UserStore {
    let database: any SQLDatabase

    public init(database: any SQLDatabase) {
        self.database = database
    }

    public func create(
        id: UserID, details: UserDetails, passwordHash: String, mustChangePassword: Bool, at time: Date,
        audit: AuditEntry
    ) async throws -> User {
        try await database.write { connection in
            guard try await SQLOrganisationStore.fetch(details.organisationID, on: connection) != nil
            else { throw StoreError.notFound }
            try await Self.checkReferences(of: details, except: nil, on: connection)
            try await connection.execute(
                """
                INSERT INTO users (id, organisation_id, practice_id, name, email, role, password_hash, is_active,
                    must_change_password, created_at, updated_at, password_set_at, version)
                VALUES (\(id.rawValue), \(details.organisationID.rawValue), \(details.practiceID?.rawValue),
                    \(details.name), \(details.email.value), \(details.role.rawValue), \(passwordHash), true,
                    \(mustChangePassword), \(time), \(time), \(time), 1)
                """)
            try await AuditLog.append(audit, on: connection)
            return try await Self.fetch(id, in: details.organisationID, on: connection)!
        }
    }

    public func user(_ id: UserID, in organisation: OrganisationID) async throws -> User? {
        try await database.read { connection in
            try await Self.fetch(id, in: organisation, on: connection)
        }
    }

    public func users(in organisation: OrganisationID) async throws -> [User] {
        try await database.read { connection in
            try await connection.rows(
                "SELECT * FROM users WHERE organisation_id = \(organisation.rawValue) ORDER BY lower(name), id"
            ).map { try RowMapping.user($0) }
        }
    }

    public func users(in organisation: OrganisationID, role: Role) async throws -> [User] {
        try await database.read { connection in
            try await connection.rows(
                """
                SELECT * FROM users WHERE organisation_id = \(organisation.rawValue) AND role = \(role.rawValue)
                    AND is_active ORDER BY lower(name), id
                """
            ).map { try RowMapping.user($0) }
        }
    }

    public func countAll() async throws -> Int {
        try await database.read { connection in
            try await connection.count("SELECT count(*) AS n FROM users")
        }
    }

    public func update(
        _ id: UserID, in organisation: OrganisationID, expectedVersion: Int, details: UserDetails, at time: Date,
        audit: AuditEntry
    ) async throws -> User {
        try await database.write { connection in
            try await Self.lockAndCheckVersion(
                of: id, in: organisation, expected: expectedVersion, on: connection)
            guard details.organisationID == organisation else {
                throw StoreError.invalidReference(field: "organisationID")
            }
            try await Self.checkReferences(of: details, except: id, on: connection)
            try await connection.execute(
                """
                UPDATE users SET name = \(details.name), email = \(details.email.value), role = \(details.role.rawValue),
                    practice_id = \(details.practiceID?.rawValue), updated_at = \(time), version = version + 1
                WHERE id = \(id.rawValue) AND organisation_id = \(organisation.rawValue)
                """)
            try await AuditLog.append(audit, on: connection)
            return try await Self.fetch(id, in: organisation, on: connection)!
        }
    }

    public func setActive(
        _ id: UserID, in organisation: OrganisationID, active: Bool, at time: Date, audit: AuditEntry
    ) async throws -> User {
        try await database.write { connection in
            guard try await Self.fetch(id, in: organisation, on: connection) != nil else {
                throw StoreError.notFound
            }
            try await connection.execute(
                """
                UPDATE users SET is_active = \(active), updated_at = \(time), version = version + 1
                WHERE id = \(id.rawValue) AND organisation_id = \(organisation.rawValue)
                """)
            if !active {
                try await connection.execute("DELETE FROM sessions WHERE user_id = \(id.rawValue)")
            }
            try await AuditLog.append(audit, on: connection)
            return try await Self.fetch(id, in: organisation, on: connection)!
        }
    }

    public func setPassword(
        _ id: UserID, in organisation: OrganisationID, passwordHash: String, mustChangePassword: Bool,
        keepingSession: String?, at time: Date, audit: AuditEntry
    ) async throws -> User {
        try await database.write { connection in
            guard let user = try await Self.fetch(id, in: organisation, on: connection) else {
                throw StoreError.notFound
            }
            try await connection.execute(
                """
                UPDATE users SET password_hash = \(passwordHash), must_change_password = \(mustChangePassword),
                    locked_until = NULL, updated_at = \(time), password_set_at = \(time), version = version + 1
                WHERE id = \(id.rawValue) AND organisation_id = \(organisation.rawValue)
                """)
            // A new password lifts every lock and back-off on the account.
            try await connection.execute(
                "DELETE FROM sign_in_attempts WHERE account = \(user.email.value) AND outcome <> 'succeeded'")
            try await connection.execute("DELETE FROM sign_in_locks WHERE account = \(user.email.value)")
            try await connection.execute(
                "DELETE FROM sessions WHERE user_id = \(id.rawValue) AND token_hash IS DISTINCT FROM \(keepingSession)")
            try await AuditLog.append(audit, on: connection)
            return try await Self.fetch(id, in: organisation, on: connection)!
        }
    }

    private static func lockAndCheckVersion(
        of id: UserID, in organisation: OrganisationID, expected: Int, on connection: any SQLConnection
    ) async throws {
        let current = try await connection.firstRow(
            """
            SELECT version FROM users WHERE id = \(id.rawValue) AND organisation_id = \(organisation.rawValue)\(connection.forUpdate)
            """)
        guard let current else { throw StoreError.notFound }
        let version = try current.integer("version")
        guard version == expected else { throw StoreError.versionConflict(currentVersion: version) }
    }

    /// The email must be free and the practice must be the organisation's own.
    private static func checkReferences(
        of details: UserDetails, except id: UserID?, on connection: any SQLConnection
    ) async throws {
        let holder = try await connection.firstRow(
            "SELECT id FROM users WHERE email = \(details.email.value)")
        if let holder, try holder.identifier("id") != id { throw StoreError.duplicate(field: "email") }
        if let practice = details.practiceID,
            try await SQLPracticeStore.fetch(practice, in: details.organisationID, on: connection)
                == nil
        {
            throw StoreError.invalidReference(field: "practiceID")
        }
    }

    public static func fetch(
        _ id: UserID, in organisation: OrganisationID, on connection: any SQLConnection
    ) async throws -> User? {
        try await connection.firstRow(
            "SELECT * FROM users WHERE id = \(id.rawValue) AND organisation_id = \(organisation.rawValue)"
        ).map { try RowMapping.user($0) }
    }
}
