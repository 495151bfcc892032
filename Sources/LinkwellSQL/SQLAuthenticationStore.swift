import Foundation
import LinkwellDomain
import LinkwellStore

public struct SQLAuthenticationStore: AuthenticationStore {
    let database: any SQLDatabase

    public init(database: any SQLDatabase) {
        self.database = database
    }

    public func credentials(forEmail email: EmailAddress) async throws -> UserCredentials? {
        try await database.read { connection in
            guard let row = try await connection.firstRow("SELECT * FROM users WHERE email = \(email.value)")
            else { return nil }
            return try RowMapping.credentials(row)
        }
    }

    public func user(forSession session: Session) async throws -> User? {
        try await database.read { connection in
            try await connection.firstRow("SELECT * FROM users WHERE id = \(session.userID.rawValue)")
                .map { try RowMapping.user($0) }
        }
    }

    /// Takes, to the end of the transaction, the locks that make attempts on
    /// one address, and on one account, take turns: the address first, then
    /// the account, always in that order (then the audit log's), so two
    /// attempts can never each hold what the other waits for. (SQLite's one
    /// writer at a time does this already.)
    private static func takeTurns(account: String, address: String, on connection: any SQLConnection) async throws {
        guard connection.dialect == .postgres else { return }
        try await connection.execute(
            "SELECT pg_advisory_xact_lock(hashtextextended(\("linkwell sign-in address " + address), 0))")
        try await connection.execute(
            "SELECT pg_advisory_xact_lock(hashtextextended(\("linkwell sign-in account " + account), 0))")
    }

    public func admitSignInAttempt(account: String, clientAddress: String, at time: Date, policy: LockoutPolicy)
        async throws
        -> SignInAdmission
    {
        try await database.write { connection in
            try await Self.takeTurns(account: account, address: clientAddress, on: connection)
            let limits = SQLSignInLimits(
                connection: connection, account: account, address: clientAddress, at: time, policy: policy)
            if let refusal = try await limits.refusal(countingPending: true) { return .refused(refusal) }
            let row = try await connection.firstRow(
                """
                INSERT INTO sign_in_attempts (account, client_address, attempted_at, outcome)
                VALUES (\(account), \(clientAddress), \(time), 'pending') RETURNING id
                """)
            return .admitted(attempt: try row?.integer64("id") ?? 0)
        }
    }

    public func recordFailedSignIn(
        attempt: Int64, account: String, clientAddress: String, at time: Date, policy: LockoutPolicy,
        failureAudit: AuditEntry,
        lockAudit: AuditEntry
    ) async throws -> FailedSignInOutcome {
        try await database.write { connection in
            try await Self.takeTurns(account: account, address: clientAddress, on: connection)
            try await connection.execute("UPDATE sign_in_attempts SET outcome = 'failed' WHERE id = \(attempt)")
            try await AuditLog.append(failureAudit, on: connection)
            let windowStart = time.addingTimeInterval(-policy.window)
            let accountFailures = try await connection.count(
                """
                SELECT count(*) AS n FROM sign_in_attempts
                WHERE account = \(account) AND outcome = 'failed' AND attempted_at > \(windowStart)
                """)
            if let wait = policy.backoff(afterFailures: accountFailures) {
                try await Self.lock(account: account, address: "", until: time.addingTimeInterval(wait), on: connection)
            }
            let failures = try await connection.count(
                """
                SELECT count(*) AS n FROM sign_in_attempts
                WHERE account = \(account) AND client_address = \(clientAddress) AND outcome = 'failed' AND attempted_at > \(windowStart)
                """)
            guard failures >= policy.maximumFailures else { return .counted(failuresInWindow: failures) }
            let until = time.addingTimeInterval(policy.lockDuration)
            try await Self.lock(account: account, address: clientAddress, until: until, on: connection)
            try await AuditLog.append(lockAudit, on: connection)
            return .locked(until: until)
        }
    }

    /// Sets a lock (the address '' for the account's back-off), mirrored on
    /// the account itself where there is one, for its administrator to see.
    private static func lock(account: String, address: String, until: Date, on connection: any SQLConnection)
        async throws
    {
        // The later of two times: greatest() on PostgreSQL, max() on SQLite (which is NULL if either is).
        let later = connection.dialect == .postgres ? "greatest" : "max"
        try await connection.execute(
            """
            INSERT INTO sign_in_locks (account, client_address, locked_until) VALUES (\(account), \(address), \(until))
            ON CONFLICT (account, client_address) DO UPDATE
                SET locked_until = \(unsafeRaw: later)(sign_in_locks.locked_until, excluded.locked_until)
            """)
        try await connection.execute(
            "UPDATE users SET locked_until = \(unsafeRaw: later)(coalesce(locked_until, \(until)), \(until)) WHERE email = \(account)"
        )
    }

    public func recordPasswordMatched(
        attempt: Int64, account: String, clientAddress: String, at time: Date, policy: LockoutPolicy, session: Session?,
        replacing: String?, audit: AuditEntry?
    ) async throws -> Bool {
        try await database.write { connection in
            try await Self.takeTurns(account: account, address: clientAddress, on: connection)
            let limits = SQLSignInLimits(
                connection: connection, account: account, address: clientAddress, at: time, policy: policy)
            // A lock that came into force while the password was checked holds, even against the right one.
            if try await limits.refusal(countingPending: false) != nil {
                try await connection.execute("DELETE FROM sign_in_attempts WHERE id = \(attempt)")
                return false
            }
            try await connection.execute("UPDATE sign_in_attempts SET outcome = 'succeeded' WHERE id = \(attempt)")
            try await connection.execute(
                """
                DELETE FROM sign_in_attempts
                WHERE account = \(account) AND client_address = \(clientAddress) AND outcome = 'failed'
                """)
            guard let session else { return true }
            let id = session.userID.rawValue
            try await connection.execute(
                "UPDATE users SET last_sign_in_at = \(session.createdAt) WHERE id = \(id)")
            if let replacing {
                try await connection.execute("DELETE FROM sessions WHERE token_hash = \(replacing)")
            }
            let inserted = try await connection.rows(
                """
                INSERT INTO sessions (token_hash, organisation_id, user_id, csrf_token, created_at, last_seen_at, client_address)
                SELECT \(session.tokenHash), organisation_id, id, \(session.csrfToken), \(session.createdAt),
                    \(session.lastSeenAt), \(session.clientAddress)
                FROM users WHERE id = \(id)
                RETURNING token_hash
                """)
            guard inserted.count == 1 else { throw StoreError.notFound }
            if let audit { try await AuditLog.append(audit, on: connection) }
            return true
        }
    }

    public func deleteOldSignInAttempts(at time: Date, policy: LockoutPolicy) async throws {
        try await database.write { connection in
            let lookBack = time.addingTimeInterval(-policy.window)
            let known = time.addingTimeInterval(-policy.knownAddressFor)
            try await connection.execute(
                "DELETE FROM sign_in_attempts WHERE outcome <> 'succeeded' AND attempted_at <= \(lookBack)")
            try await connection.execute(
                "DELETE FROM sign_in_attempts WHERE outcome = 'succeeded' AND attempted_at <= \(known)")
            try await connection.execute("DELETE FROM sign_in_locks WHERE locked_until <= \(time)")
        }
    }

    public func session(tokenHash: String) async throws -> Session? {
        try await database.read { connection in
            try await connection.firstRow("SELECT * FROM sessions WHERE token_hash = \(tokenHash)")
                .map { try RowMapping.session($0) }
        }
    }

    public func handOver(tokenHash: String, to person: PersonID) async throws {
        try await database.write { connection in
            try await connection.execute(
                "UPDATE sessions SET handed_over_to = \(person.rawValue) WHERE token_hash = \(tokenHash)")
        }
    }

    public func touchSession(tokenHash: String, at time: Date) async throws {
        try await database.write { connection in
            try await connection.execute(
                "UPDATE sessions SET last_seen_at = \(time) WHERE token_hash = \(tokenHash)")
        }
    }

    public func endSession(tokenHash: String, audit: AuditEntry?) async throws {
        try await database.write { connection in
            let deleted = try await connection.rows(
                "DELETE FROM sessions WHERE token_hash = \(tokenHash) RETURNING token_hash")
            if let audit, !deleted.isEmpty { try await AuditLog.append(audit, on: connection) }
        }
    }

    public func deleteExpiredSessions(lastSeenBefore: Date, createdBefore: Date) async throws -> Int {
        try await database.write { connection in
            try await connection.rows(
                """
                DELETE FROM sessions WHERE last_seen_at <= \(lastSeenBefore) OR created_at <= \(createdBefore)
                RETURNING token_hash
                """
            ).count
        }
    }
}

/// `LockoutPolicy`'s limits, read for one attempt inside the transaction
/// that decides it (with `takeTurns`' locks held).
private struct SQLSignInLimits {
    let connection: any SQLConnection
    let account: String
    let address: String
    let at: Date
    let policy: LockoutPolicy

    /// Why the attempt may not go ahead, if it may not. `countingPending`:
    /// attempts still being checked count as failures (when admitting one).
    func refusal(countingPending: Bool) async throws -> SignInRefusal? {
        let windowStart = at.addingTimeInterval(-policy.window)
        let counted: SQLText = countingPending ? "('pending', 'failed')" : "('failed')"
        let row = try await connection.firstRow(
            """
            SELECT
                (SELECT count(*) FROM sign_in_attempts
                    WHERE client_address = \(address) AND outcome IN \(counted) AND attempted_at > \(windowStart)) AS from_address,
                (SELECT count(*) FROM sign_in_attempts
                    WHERE account = \(account) AND client_address = \(address) AND outcome IN \(counted)
                        AND attempted_at > \(windowStart)) AS pair,
                EXISTS (SELECT 1 FROM sign_in_locks
                    WHERE account = \(account) AND client_address = \(address) AND locked_until > \(at)) AS pair_locked,
                EXISTS (SELECT 1 FROM sign_in_locks
                    WHERE account = \(account) AND client_address = '' AND locked_until > \(at)) AS backing_off,
                EXISTS (SELECT 1 FROM sign_in_attempts
                    WHERE account = \(account) AND client_address = \(address) AND outcome = 'succeeded'
                        AND attempted_at > \(at.addingTimeInterval(-policy.knownAddressFor))) AS known
            """)
        guard let row else { return nil }
        if try row.integer("from_address") >= policy.addressLimit { return .addressLimit }
        if try row.flag("pair_locked") || row.integer("pair") >= policy.maximumFailures { return .locked }
        if try row.flag("backing_off"), try !row.flag("known") { return .backingOff }
        return nil
    }
}
