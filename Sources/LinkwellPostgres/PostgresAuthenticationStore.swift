import Foundation
import LinkwellDomain
import LinkwellStore
import Logging
import PostgresNIO

struct PostgresAuthenticationStore: AuthenticationStore {
    let database: PostgresDatabase

    func credentials(forEmail email: EmailAddress) async throws -> UserCredentials? {
        try await database.read { connection, logger in
            guard let row = try await connection.firstRow("SELECT * FROM users WHERE email = \(email.value)", logger: logger)
            else { return nil }
            return try RowMapping.credentials(row)
        }
    }

    func user(forSession session: Session) async throws -> User? {
        try await database.read { connection, logger in
            try await connection.firstRow("SELECT * FROM users WHERE id = \(session.userID.rawValue)", logger: logger)
                .map(RowMapping.user)
        }
    }

    func recordFailedSignIn(
        _ user: UserID, at time: Date, policy: LockoutPolicy, failureAudit: AuditEntry, lockAudit: AuditEntry
    ) async throws -> FailedSignInOutcome {
        try await database.write { connection, logger in
            // Lock the user's row so that concurrent failures are counted one at a time.
            try await connection.execute("SELECT id FROM users WHERE id = \(user.rawValue) FOR UPDATE", logger: logger)
            try await connection.execute(
                """
                INSERT INTO sign_in_failures (organisation_id, user_id, occurred_at)
                SELECT organisation_id, id, \(time) FROM users WHERE id = \(user.rawValue)
                """, logger: logger)
            try await PostgresAuditLog.append(failureAudit, on: connection, logger: logger)
            let windowStart = time.addingTimeInterval(-policy.window)
            let failures =
                try await connection.firstRow(
                    """
                    SELECT count(*)::bigint AS failures FROM sign_in_failures
                    WHERE user_id = \(user.rawValue) AND occurred_at > \(windowStart)
                    """, logger: logger)?.integer("failures") ?? 0
            guard failures >= policy.maximumFailures else { return .counted(failuresInWindow: failures) }
            let until = time.addingTimeInterval(policy.lockDuration)
            try await connection.execute(
                "UPDATE users SET locked_until = \(until) WHERE id = \(user.rawValue)", logger: logger)
            try await connection.execute("DELETE FROM sign_in_failures WHERE user_id = \(user.rawValue)", logger: logger)
            try await PostgresAuditLog.append(lockAudit, on: connection, logger: logger)
            return .locked(until: until)
        }
    }

    func recordSuccessfulSignIn(_ session: Session, replacing: String?, audit: AuditEntry) async throws {
        try await database.write { connection, logger in
            let id = session.userID.rawValue
            try await connection.execute("DELETE FROM sign_in_failures WHERE user_id = \(id)", logger: logger)
            try await connection.execute(
                "UPDATE users SET last_sign_in_at = \(session.createdAt), locked_until = NULL WHERE id = \(id)",
                logger: logger)
            if let replacing {
                try await connection.execute("DELETE FROM sessions WHERE token_hash = \(replacing)", logger: logger)
            }
            let inserted = try await connection.rows(
                """
                INSERT INTO sessions (token_hash, organisation_id, user_id, csrf_token, created_at, last_seen_at, client_address)
                SELECT \(session.tokenHash), organisation_id, id, \(session.csrfToken), \(session.createdAt),
                    \(session.lastSeenAt), \(session.clientAddress)
                FROM users WHERE id = \(id)
                RETURNING token_hash
                """, logger: logger)
            guard inserted.count == 1 else { throw StoreError.notFound }
            try await PostgresAuditLog.append(audit, on: connection, logger: logger)
        }
    }

    func session(tokenHash: String) async throws -> Session? {
        try await database.read { connection, logger in
            try await connection.firstRow("SELECT * FROM sessions WHERE token_hash = \(tokenHash)", logger: logger)
                .map(RowMapping.session)
        }
    }

    func handOver(tokenHash: String, to person: PersonID) async throws {
        try await database.write { connection, logger in
            try await connection.execute(
                "UPDATE sessions SET handed_over_to = \(person.rawValue) WHERE token_hash = \(tokenHash)", logger: logger)
        }
    }

    func touchSession(tokenHash: String, at time: Date) async throws {
        try await database.write { connection, logger in
            try await connection.execute(
                "UPDATE sessions SET last_seen_at = \(time) WHERE token_hash = \(tokenHash)", logger: logger)
        }
    }

    func endSession(tokenHash: String, audit: AuditEntry?) async throws {
        try await database.write { connection, logger in
            let deleted = try await connection.rows(
                "DELETE FROM sessions WHERE token_hash = \(tokenHash) RETURNING token_hash", logger: logger)
            if let audit, !deleted.isEmpty { try await PostgresAuditLog.append(audit, on: connection, logger: logger) }
        }
    }

    func deleteExpiredSessions(lastSeenBefore: Date, createdBefore: Date) async throws -> Int {
        try await database.write { connection, logger in
            try await connection.rows(
                """
                DELETE FROM sessions WHERE last_seen_at <= \(lastSeenBefore) OR created_at <= \(createdBefore)
                RETURNING token_hash
                """, logger: logger
            ).count
        }
    }
}
