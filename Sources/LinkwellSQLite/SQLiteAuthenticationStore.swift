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

    func recordFailedSignIn(
        _ user: UserID, at time: Date, policy: LockoutPolicy, failureAudit: AuditEntry, lockAudit: AuditEntry
    ) async throws -> FailedSignInOutcome {
        try await database.write { db in
            let id = user.databaseText
            try db.execute(
                sql: """
                    INSERT INTO sign_in_failures (organisation_id, user_id, occurred_at)
                    SELECT organisation_id, id, ? FROM users WHERE id = ?
                    """,
                arguments: [time.sqliteText, id])
            try SQLiteAuditLog.append(failureAudit, in: db)
            let windowStart = time.addingTimeInterval(-policy.window)
            let failures =
                try Int.fetchOne(
                    db, sql: "SELECT count(*) FROM sign_in_failures WHERE user_id = ? AND occurred_at > ?",
                    arguments: [id, windowStart.sqliteText]) ?? 0
            guard failures >= policy.maximumFailures else { return .counted(failuresInWindow: failures) }
            let until = time.addingTimeInterval(policy.lockDuration)
            try db.execute(sql: "UPDATE users SET locked_until = ? WHERE id = ?", arguments: [until.sqliteText, id])
            try db.execute(sql: "DELETE FROM sign_in_failures WHERE user_id = ?", arguments: [id])
            try SQLiteAuditLog.append(lockAudit, in: db)
            return .locked(until: until)
        }
    }

    func recordSuccessfulSignIn(_ session: Session, replacing: String?, audit: AuditEntry) async throws {
        try await database.write { db in
            let id = session.userID.databaseText
            try db.execute(sql: "DELETE FROM sign_in_failures WHERE user_id = ?", arguments: [id])
            try db.execute(
                sql: "UPDATE users SET last_sign_in_at = ?, locked_until = NULL WHERE id = ?",
                arguments: [session.createdAt.sqliteText, id])
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
            try SQLiteAuditLog.append(audit, in: db)
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
