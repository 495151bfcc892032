import Foundation
import GRDB
import LinkwellDomain
import LinkwellStore

struct SQLiteAuthenticationStore: AuthenticationStore {
    let database: SQLiteDatabase

    func credentials(forEmail email: EmailAddress) async throws -> UserCredentials? {
        try await database.read { db in
            guard let row = try Row.fetchOne(db, sql: "SELECT * FROM users WHERE email = ?", arguments: [email.value])
            else { return nil }
            return try RowMapping.credentials(row)
        }
    }

    func user(forSession session: Session) async throws -> User? {
        try await database.read { db in
            try Row.fetchOne(db, sql: "SELECT * FROM users WHERE id = ?", arguments: [session.userID.databaseText])
                .map(RowMapping.user)
        }
    }

    func admitSignInAttempt(account: String, clientAddress: String, at time: Date, policy: LockoutPolicy) async throws
        -> SignInAdmission
    {
        // SQLite has one writer: the decision and the count cannot interleave with another's.
        try await database.write { db in
            let limits = SQLiteSignInLimits(db: db, account: account, address: clientAddress, at: time, policy: policy)
            if let refusal = try limits.refusal(countingPending: true) { return .refused(refusal) }
            try db.execute(
                sql: "INSERT INTO sign_in_attempts (account, client_address, attempted_at, outcome) VALUES (?, ?, ?, 'pending')",
                arguments: [account, clientAddress, time.sqliteText])
            return .admitted(attempt: db.lastInsertedRowID)
        }
    }

    func recordFailedSignIn(
        attempt: Int64, account: String, clientAddress: String, at time: Date, policy: LockoutPolicy, failureAudit: AuditEntry,
        lockAudit: AuditEntry
    ) async throws -> FailedSignInOutcome {
        try await database.write { db in
            try db.execute(sql: "UPDATE sign_in_attempts SET outcome = 'failed' WHERE id = ?", arguments: [attempt])
            try SQLiteAuditLog.append(failureAudit, in: db)
            let windowStart = time.addingTimeInterval(-policy.window).sqliteText
            let accountFailures =
                try Int.fetchOne(
                    db, sql: "SELECT count(*) FROM sign_in_attempts WHERE account = ? AND outcome = 'failed' AND attempted_at > ?",
                    arguments: [account, windowStart]) ?? 0
            if let wait = policy.backoff(afterFailures: accountFailures) {
                try Self.lock(db, account: account, address: "", until: time.addingTimeInterval(wait))
            }
            let failures =
                try Int.fetchOne(
                    db,
                    sql: """
                        SELECT count(*) FROM sign_in_attempts
                        WHERE account = ? AND client_address = ? AND outcome = 'failed' AND attempted_at > ?
                        """,
                    arguments: [account, clientAddress, windowStart]) ?? 0
            guard failures >= policy.maximumFailures else { return .counted(failuresInWindow: failures) }
            let until = time.addingTimeInterval(policy.lockDuration)
            try Self.lock(db, account: account, address: clientAddress, until: until)
            try SQLiteAuditLog.append(lockAudit, in: db)
            return .locked(until: until)
        }
    }

    /// Sets a lock (the address '' for the account's back-off), mirrored on
    /// the account itself where there is one, for its administrator to see.
    private static func lock(_ db: Database, account: String, address: String, until: Date) throws {
        try db.execute(
            sql: """
                INSERT INTO sign_in_locks (account, client_address, locked_until) VALUES (?, ?, ?)
                ON CONFLICT (account, client_address) DO UPDATE SET locked_until = max(locked_until, excluded.locked_until)
                """,
            arguments: [account, address, until.sqliteText])
        try db.execute(
            sql: "UPDATE users SET locked_until = max(coalesce(locked_until, ''), ?) WHERE email = ?",
            arguments: [until.sqliteText, account])
    }

    func recordPasswordMatched(
        attempt: Int64, account: String, clientAddress: String, at time: Date, policy: LockoutPolicy, session: Session?,
        replacing: String?, audit: AuditEntry?
    ) async throws -> Bool {
        try await database.write { db in
            let limits = SQLiteSignInLimits(db: db, account: account, address: clientAddress, at: time, policy: policy)
            // A lock that came into force while the password was checked holds, even against the right one.
            if try limits.refusal(countingPending: false) != nil {
                try db.execute(sql: "DELETE FROM sign_in_attempts WHERE id = ?", arguments: [attempt])
                return false
            }
            try db.execute(sql: "UPDATE sign_in_attempts SET outcome = 'succeeded' WHERE id = ?", arguments: [attempt])
            try db.execute(
                sql: "DELETE FROM sign_in_attempts WHERE account = ? AND client_address = ? AND outcome = 'failed'",
                arguments: [account, clientAddress])
            guard let session else { return true }
            let id = session.userID.databaseText
            try db.execute(sql: "UPDATE users SET last_sign_in_at = ? WHERE id = ?", arguments: [session.createdAt.sqliteText, id])
            if let replacing {
                try db.execute(sql: "DELETE FROM sessions WHERE token_hash = ?", arguments: [replacing])
            }
            try db.execute(
                sql: """
                    INSERT INTO sessions (token_hash, organisation_id, user_id, csrf_token, created_at, last_seen_at,
                        client_address)
                    SELECT ?, organisation_id, id, ?, ?, ?, ? FROM users WHERE id = ?
                    """,
                arguments: [
                    session.tokenHash, session.csrfToken, session.createdAt.sqliteText, session.lastSeenAt.sqliteText,
                    session.clientAddress, id,
                ])
            guard db.changesCount == 1 else { throw StoreError.notFound }
            if let audit { try SQLiteAuditLog.append(audit, in: db) }
            return true
        }
    }

    func deleteOldSignInAttempts(at time: Date, policy: LockoutPolicy) async throws {
        try await database.write { db in
            let lookBack = time.addingTimeInterval(-policy.window).sqliteText
            try db.execute(
                sql: "DELETE FROM sign_in_attempts WHERE outcome <> 'succeeded' AND attempted_at <= ?", arguments: [lookBack])
            try db.execute(
                sql: "DELETE FROM sign_in_attempts WHERE outcome = 'succeeded' AND attempted_at <= ?",
                arguments: [time.addingTimeInterval(-policy.knownAddressFor).sqliteText])
            try db.execute(sql: "DELETE FROM sign_in_locks WHERE locked_until <= ?", arguments: [time.sqliteText])
        }
    }

    func session(tokenHash: String) async throws -> Session? {
        try await database.read { db in
            try Row.fetchOne(db, sql: "SELECT * FROM sessions WHERE token_hash = ?", arguments: [tokenHash])
                .map(RowMapping.session)
        }
    }

    func handOver(tokenHash: String, to person: PersonID) async throws {
        try await database.write { db in
            try db.execute(
                sql: "UPDATE sessions SET handed_over_to = ? WHERE token_hash = ?", arguments: [person.databaseText, tokenHash])
        }
    }

    func touchSession(tokenHash: String, at time: Date) async throws {
        try await database.write { db in
            try db.execute(sql: "UPDATE sessions SET last_seen_at = ? WHERE token_hash = ?", arguments: [time.sqliteText, tokenHash])
        }
    }

    func endSession(tokenHash: String, audit: AuditEntry?) async throws {
        try await database.write { db in
            try db.execute(sql: "DELETE FROM sessions WHERE token_hash = ?", arguments: [tokenHash])
            if let audit, db.changesCount > 0 { try SQLiteAuditLog.append(audit, in: db) }
        }
    }

    func deleteExpiredSessions(lastSeenBefore: Date, createdBefore: Date) async throws -> Int {
        try await database.write { db in
            try db.execute(
                sql: "DELETE FROM sessions WHERE last_seen_at <= ? OR created_at <= ?",
                arguments: [lastSeenBefore.sqliteText, createdBefore.sqliteText])
            return db.changesCount
        }
    }
}

/// `LockoutPolicy`'s limits, read for one attempt inside the write that
/// decides it.
private struct SQLiteSignInLimits {
    let db: Database
    let account: String
    let address: String
    let at: Date
    let policy: LockoutPolicy

    /// Why the attempt may not go ahead, if it may not. `countingPending`:
    /// attempts still being checked count as failures (when admitting one).
    func refusal(countingPending: Bool) throws -> SignInRefusal? {
        let windowStart = at.addingTimeInterval(-policy.window).sqliteText
        let counted = countingPending ? "('pending', 'failed')" : "('failed')"
        let fromAddress =
            try Int.fetchOne(
                db,
                sql: "SELECT count(*) FROM sign_in_attempts WHERE client_address = ? AND outcome IN \(counted) AND attempted_at > ?",
                arguments: [address, windowStart]) ?? 0
        if fromAddress >= policy.addressLimit { return .addressLimit }
        if try isLocked(address) { return .locked }
        let pair =
            try Int.fetchOne(
                db,
                sql: """
                    SELECT count(*) FROM sign_in_attempts
                    WHERE account = ? AND client_address = ? AND outcome IN \(counted) AND attempted_at > ?
                    """,
                arguments: [account, address, windowStart]) ?? 0
        if pair >= policy.maximumFailures { return .locked }
        if try isLocked("") {
            let known =
                try Bool.fetchOne(
                    db,
                    sql: """
                        SELECT EXISTS (SELECT 1 FROM sign_in_attempts
                            WHERE account = ? AND client_address = ? AND outcome = 'succeeded' AND attempted_at > ?)
                        """,
                    arguments: [account, address, at.addingTimeInterval(-policy.knownAddressFor).sqliteText]) ?? false
            if !known { return .backingOff }
        }
        return nil
    }

    private func isLocked(_ lockAddress: String) throws -> Bool {
        try Bool.fetchOne(
            db,
            sql: "SELECT EXISTS (SELECT 1 FROM sign_in_locks WHERE account = ? AND client_address = ? AND locked_until > ?)",
            arguments: [account, lockAddress, at.sqliteText]) ?? false
    }
}
