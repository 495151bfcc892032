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

    /// Takes, to the end of the transaction, the locks that make attempts on
    /// one address, and on one account, take turns: the address first, then
    /// the account, always in that order (then the audit log's), so two
    /// attempts can never each hold what the other waits for.
    private static func takeTurns(account: String, address: String, on connection: PostgresConnection, logger: Logger) async throws {
        try await connection.execute(
            "SELECT pg_advisory_xact_lock(hashtextextended(\("linkwell sign-in address " + address), 0))", logger: logger)
        try await connection.execute(
            "SELECT pg_advisory_xact_lock(hashtextextended(\("linkwell sign-in account " + account), 0))", logger: logger)
    }

    func admitSignInAttempt(account: String, clientAddress: String, at time: Date, policy: LockoutPolicy) async throws
        -> SignInAdmission
    {
        try await database.write { connection, logger in
            try await Self.takeTurns(account: account, address: clientAddress, on: connection, logger: logger)
            let limits = PostgresSignInLimits(
                connection: connection, logger: logger, account: account, address: clientAddress, at: time, policy: policy)
            if let refusal = try await limits.refusal(countingPending: true) { return .refused(refusal) }
            let row = try await connection.firstRow(
                """
                INSERT INTO sign_in_attempts (account, client_address, attempted_at, outcome)
                VALUES (\(account), \(clientAddress), \(time), 'pending') RETURNING id
                """, logger: logger)
            return .admitted(attempt: try row?.integer64("id") ?? 0)
        }
    }

    func recordFailedSignIn(
        attempt: Int64, account: String, clientAddress: String, at time: Date, policy: LockoutPolicy, failureAudit: AuditEntry,
        lockAudit: AuditEntry
    ) async throws -> FailedSignInOutcome {
        try await database.write { connection, logger in
            try await Self.takeTurns(account: account, address: clientAddress, on: connection, logger: logger)
            try await connection.execute("UPDATE sign_in_attempts SET outcome = 'failed' WHERE id = \(attempt)", logger: logger)
            try await PostgresAuditLog.append(failureAudit, on: connection, logger: logger)
            let windowStart = time.addingTimeInterval(-policy.window)
            let accountFailures =
                try await connection.firstRow(
                    """
                    SELECT count(*)::bigint AS failures FROM sign_in_attempts
                    WHERE account = \(account) AND outcome = 'failed' AND attempted_at > \(windowStart)
                    """, logger: logger)?.integer("failures") ?? 0
            if let wait = policy.backoff(afterFailures: accountFailures) {
                try await Self.lock(account: account, address: "", until: time.addingTimeInterval(wait), on: connection, logger: logger)
            }
            let failures =
                try await connection.firstRow(
                    """
                    SELECT count(*)::bigint AS failures FROM sign_in_attempts
                    WHERE account = \(account) AND client_address = \(clientAddress) AND outcome = 'failed'
                        AND attempted_at > \(windowStart)
                    """, logger: logger)?.integer("failures") ?? 0
            guard failures >= policy.maximumFailures else { return .counted(failuresInWindow: failures) }
            let until = time.addingTimeInterval(policy.lockDuration)
            try await Self.lock(account: account, address: clientAddress, until: until, on: connection, logger: logger)
            try await PostgresAuditLog.append(lockAudit, on: connection, logger: logger)
            return .locked(until: until)
        }
    }

    /// Sets a lock (the address '' for the account's back-off), mirrored on
    /// the account itself where there is one, for its administrator to see.
    private static func lock(account: String, address: String, until: Date, on connection: PostgresConnection, logger: Logger)
        async throws
    {
        try await connection.execute(
            """
            INSERT INTO sign_in_locks (account, client_address, locked_until) VALUES (\(account), \(address), \(until))
            ON CONFLICT (account, client_address) DO UPDATE SET locked_until = greatest(sign_in_locks.locked_until, excluded.locked_until)
            """, logger: logger)
        try await connection.execute(
            "UPDATE users SET locked_until = greatest(locked_until, \(until)) WHERE email = \(account)", logger: logger)
    }

    func recordPasswordMatched(
        attempt: Int64, account: String, clientAddress: String, at time: Date, policy: LockoutPolicy, session: Session?,
        replacing: String?, audit: AuditEntry?
    ) async throws -> Bool {
        try await database.write { connection, logger in
            try await Self.takeTurns(account: account, address: clientAddress, on: connection, logger: logger)
            let limits = PostgresSignInLimits(
                connection: connection, logger: logger, account: account, address: clientAddress, at: time, policy: policy)
            // A lock that came into force while the password was checked holds, even against the right one.
            if try await limits.refusal(countingPending: false) != nil {
                try await connection.execute("DELETE FROM sign_in_attempts WHERE id = \(attempt)", logger: logger)
                return false
            }
            try await connection.execute("UPDATE sign_in_attempts SET outcome = 'succeeded' WHERE id = \(attempt)", logger: logger)
            try await connection.execute(
                """
                DELETE FROM sign_in_attempts
                WHERE account = \(account) AND client_address = \(clientAddress) AND outcome = 'failed'
                """, logger: logger)
            guard let session else { return true }
            let id = session.userID.rawValue
            try await connection.execute(
                "UPDATE users SET last_sign_in_at = \(session.createdAt) WHERE id = \(id)", logger: logger)
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
            if let audit { try await PostgresAuditLog.append(audit, on: connection, logger: logger) }
            return true
        }
    }

    func deleteOldSignInAttempts(at time: Date, policy: LockoutPolicy) async throws {
        try await database.write { connection, logger in
            let lookBack = time.addingTimeInterval(-policy.window)
            let known = time.addingTimeInterval(-policy.knownAddressFor)
            try await connection.execute(
                "DELETE FROM sign_in_attempts WHERE outcome <> 'succeeded' AND attempted_at <= \(lookBack)", logger: logger)
            try await connection.execute(
                "DELETE FROM sign_in_attempts WHERE outcome = 'succeeded' AND attempted_at <= \(known)", logger: logger)
            try await connection.execute("DELETE FROM sign_in_locks WHERE locked_until <= \(time)", logger: logger)
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

/// `LockoutPolicy`'s limits, read for one attempt inside the transaction
/// that decides it (with `takeTurns`' locks held).
private struct PostgresSignInLimits {
    let connection: PostgresConnection
    let logger: Logger
    let account: String
    let address: String
    let at: Date
    let policy: LockoutPolicy

    /// Why the attempt may not go ahead, if it may not. `countingPending`:
    /// attempts still being checked count as failures (when admitting one).
    func refusal(countingPending: Bool) async throws -> SignInRefusal? {
        let windowStart = at.addingTimeInterval(-policy.window)
        let counted = countingPending ? ["pending", "failed"] : ["failed"]
        let row = try await connection.firstRow(
            """
            SELECT
                (SELECT count(*) FROM sign_in_attempts
                    WHERE client_address = \(address) AND outcome = ANY(\(counted)) AND attempted_at > \(windowStart))::bigint
                    AS from_address,
                (SELECT count(*) FROM sign_in_attempts
                    WHERE account = \(account) AND client_address = \(address) AND outcome = ANY(\(counted))
                        AND attempted_at > \(windowStart))::bigint AS pair,
                EXISTS (SELECT 1 FROM sign_in_locks
                    WHERE account = \(account) AND client_address = \(address) AND locked_until > \(at)) AS pair_locked,
                EXISTS (SELECT 1 FROM sign_in_locks
                    WHERE account = \(account) AND client_address = '' AND locked_until > \(at)) AS backing_off,
                EXISTS (SELECT 1 FROM sign_in_attempts
                    WHERE account = \(account) AND client_address = \(address) AND outcome = 'succeeded'
                        AND attempted_at > \(at.addingTimeInterval(-policy.knownAddressFor))) AS known
            """, logger: logger)
        guard let row else { return nil }
        if try row.integer("from_address") >= policy.addressLimit { return .addressLimit }
        if try row.flag("pair_locked") || row.integer("pair") >= policy.maximumFailures { return .locked }
        if try row.flag("backing_off"), try !row.flag("known") { return .backingOff }
        return nil
    }
}
