import Foundation
import GRDB
import LinkwellDomain
import LinkwellStore

struct SQLiteConnectionStore: ConnectionStore {
    let database: SQLiteDatabase

    /// What a provider may be shown: sent (never a suggestion, even once dropped), and not a signposting.
    static let sentToProvider = "provider_id = ? AND referred_at IS NOT NULL AND kind <> 'signposting'"

    func create(
        id: ConnectionID, on referral: ReferralID, in organisation: OrganisationID, _ connection: NewConnection,
        at time: Date, by actor: Actor, messages: [Message], audit: AuditEntry
    ) async throws -> Connection {
        try await database.write { db in
            guard let episode = try SQLiteReferralStore.fetch(referral, in: organisation, db: db)?.referral else {
                throw StoreError.notFound
            }
            guard episode.status.isOpen else { throw StoreError.invalidReference(field: "referral") }
            let referred = connection.status == .referred ? time.sqliteText : nil
            try db.execute(
                sql: """
                    INSERT INTO connections (id, organisation_id, person_id, referral_id, service_id, service_name,
                        provider_id, provider_name, kind, status, shared_items, shared_details, note, response_days,
                        created_by, created_by_name, created_at, referred_at, updated_at, version)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1)
                    """,
                arguments: [
                    id.databaseText, organisation.databaseText, episode.personID.databaseText, referral.databaseText,
                    connection.service.id, connection.service.name, connection.service.providerID?.databaseText,
                    connection.service.providerName, connection.kind.rawValue, connection.status.rawValue,
                    connection.sharedItems.map(\.rawValue).joined(separator: ","), try Documents.encode(connection.shared),
                    connection.note, connection.responseDays, actor.userID?.databaseText, actor.name, time.sqliteText,
                    referred, time.sqliteText,
                ])
            try Self.recordChange(
                id, in: organisation, from: "new", to: connection.status, reason: "",
                by: ConnectionMover(kind: .linkWorker, userID: actor.userID, name: actor.name), at: time, db: db)
            try SQLiteMessages.write(messages, for: organisation, at: time, db: db)
            _ = try SQLiteAuditLog.append(audit, in: db)
            return try Self.fetch(id, in: organisation, db: db)!
        }
    }

    func connection(_ id: ConnectionID, in organisation: OrganisationID) async throws -> Connection? {
        try await database.read { db in try Self.fetch(id, in: organisation, db: db) }
    }

    func connections(of person: PersonID, in organisation: OrganisationID) async throws -> [Connection] {
        try await database.read { db in
            try Row.fetchAll(
                db,
                sql: "SELECT * FROM connections WHERE organisation_id = ? AND person_id = ? ORDER BY created_at DESC, id",
                arguments: [organisation.databaseText, person.databaseText]
            ).map(RowMapping.connection)
        }
    }

    func history(of id: ConnectionID, in organisation: OrganisationID) async throws -> [ConnectionStatusChange] {
        try await database.read { db in
            try Row.fetchAll(
                db, sql: "SELECT * FROM connection_status_changes WHERE connection_id = ? AND organisation_id = ? ORDER BY id",
                arguments: [id.databaseText, organisation.databaseText]
            ).map(RowMapping.connectionStatusChange)
        }
    }

    func connection(_ id: ConnectionID, sentTo provider: OrganisationID) async throws -> Connection? {
        try await database.read { db in
            try Row.fetchOne(
                db, sql: "SELECT * FROM connections WHERE id = ? AND \(Self.sentToProvider)",
                arguments: [id.databaseText, provider.databaseText]
            ).map(RowMapping.connection)
        }
    }

    func connections(sentTo provider: OrganisationID, page: PageRequest) async throws -> Page<Connection> {
        try await database.read { db in
            let total = try Int.fetchOne(
                db, sql: "SELECT count(*) FROM connections WHERE \(Self.sentToProvider)", arguments: [provider.databaseText]) ?? 0
            let rows = try Row.fetchAll(
                db,
                sql: """
                    SELECT * FROM connections WHERE \(Self.sentToProvider)
                    ORDER BY status = 'referred' DESC, referred_at DESC, id LIMIT ? OFFSET ?
                    """,
                arguments: [provider.databaseText, page.size, page.offset])
            return Page(items: try rows.map(RowMapping.connection), request: page, totalItems: total)
        }
    }

    func transition(
        _ id: ConnectionID, in organisation: OrganisationID, _ transition: ConnectionTransition, expectedVersion: Int,
        at time: Date, by mover: ConnectionMover, messages: [Message], audit: AuditEntry
    ) async throws -> Connection {
        try await database.write { db in
            guard let current = try Self.fetch(id, in: organisation, db: db) else { throw StoreError.notFound }
            guard current.version == expectedVersion else { throw StoreError.versionConflict(currentVersion: current.version) }
            guard current.status == transition.from else { throw StoreError.invalidReference(field: "status") }
            let stamps = transition.stampedColumns.map { "\($0) = coalesce(\($0), ?)" }
            try db.execute(
                sql: """
                    UPDATE connections SET status = ?, \((stamps + ["updated_at = ?"]).joined(separator: ", ")),
                        version = version + 1
                    WHERE id = ? AND organisation_id = ? AND status = ?
                    """,
                arguments: StatementArguments(
                    [transition.to.rawValue] + stamps.map { _ in time.sqliteText } + [time.sqliteText]
                        + [id.databaseText, organisation.databaseText, transition.from.rawValue]))
            try Self.recordChange(
                id, in: organisation, from: transition.from.rawValue, to: transition.to, reason: transition.reason, by: mover,
                at: time, db: db)
            try SQLiteMessages.write(messages, for: organisation, at: time, db: db)
            _ = try SQLiteAuditLog.append(audit, in: db)
            return try Self.fetch(id, in: organisation, db: db)!
        }
    }

    func awaitingAnswer(sentTo provider: OrganisationID) async throws -> Int {
        try await database.read { db in
            try Int.fetchOne(
                db,
                sql: "SELECT count(*) FROM connections WHERE provider_id = ? AND status = 'referred' AND kind = 'formal-referral'",
                arguments: [provider.databaseText]) ?? 0
        }
    }

    func awaitingAnswer(sentBefore: Date, limit: Int) async throws -> [Connection] {
        try await database.read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT * FROM connections
                    WHERE status = 'referred' AND kind = 'formal-referral' AND referred_at <= ?
                    ORDER BY referred_at, id LIMIT ?
                    """,
                arguments: [sentBefore.sqliteText, limit]
            ).map(RowMapping.connection)
        }
    }

    func recordReminder(
        _ id: ConnectionID, in organisation: OrganisationID, number: Int, at time: Date, messages: [Message], audit: AuditEntry
    ) async throws -> Bool {
        try await database.write { db in
            try db.execute(
                sql: """
                    UPDATE connections SET reminders_sent = ?
                    WHERE id = ? AND organisation_id = ? AND status = 'referred' AND reminders_sent < ?
                    """,
                arguments: [number, id.databaseText, organisation.databaseText, number])
            guard db.changesCount == 1 else { return false }
            try SQLiteMessages.write(messages, for: organisation, at: time, db: db)
            _ = try SQLiteAuditLog.append(audit, in: db)
            return true
        }
    }

    func outcomes(of services: [String]) async throws -> [String: [ProviderStatistics.Outcome]] {
        guard !services.isEmpty else { return [:] }
        return try await database.read { db in
            let rows = try Row.fetchAll(
                db,
                sql: """
                    SELECT service_id, referred_at, answered_at, accepted_at, status FROM connections
                    WHERE service_id IN (\(Array(repeating: "?", count: services.count).joined(separator: ", ")))
                        AND kind <> 'signposting' AND referred_at IS NOT NULL
                    """,
                arguments: StatementArguments(services))
            var outcomes: [String: [ProviderStatistics.Outcome]] = [:]
            for row in rows { outcomes[try row.text("service_id"), default: []].append(try RowMapping.outcome(row)) }
            return outcomes
        }
    }

    func referralsMade(by organisation: OrganisationID, practice: PracticeID?, page: PageRequest) async throws
        -> Page<ReferralProgress>
    {
        try await database.read { db in
            let scope = "r.referring_organisation_id = ? AND (? IS NULL OR r.referring_practice_id = ?)"
            let scoped: StatementArguments = [organisation.databaseText, practice?.databaseText, practice?.databaseText]
            let total = try Int.fetchOne(db, sql: "SELECT count(*) FROM referrals r WHERE \(scope)", arguments: scoped) ?? 0
            let rows = try Row.fetchAll(
                db,
                sql: """
                    SELECT r.id, r.organisation_id, r.person_id, p.name AS person_name, o.name AS receiving_organisation, r.received_at, r.status,
                        r.discharge_reason, r.discharge_summary, r.closed_at,
                        (SELECT count(*) FROM connections c WHERE c.referral_id = r.id
                            AND c.status IN \(ConnectionSQL.connectedStatuses)) AS connected_services
                    FROM referrals r
                    JOIN people p ON p.id = r.person_id AND p.organisation_id = r.organisation_id
                    JOIN organisations o ON o.id = r.organisation_id
                    WHERE \(scope)
                    ORDER BY r.received_at DESC, r.id LIMIT ? OFFSET ?
                    """,
                arguments: scoped + [page.size, page.offset])
            return Page(items: try rows.map(RowMapping.referralProgress), request: page, totalItems: total)
        }
    }

    static func recordChange(
        _ id: ConnectionID, in organisation: OrganisationID, from: String, to: ConnectionStatus, reason: String,
        by mover: ConnectionMover, at time: Date, db: Database
    ) throws {
        try db.execute(
            sql: """
                INSERT INTO connection_status_changes (connection_id, organisation_id, from_status, to_status, reason,
                    actor_kind, actor_id, actor_name, occurred_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                """,
            arguments: [
                id.databaseText, organisation.databaseText, from, to.rawValue, reason, mover.kind.rawValue,
                mover.userID?.databaseText, mover.name, time.sqliteText,
            ])
    }

    static func fetch(_ id: ConnectionID, in organisation: OrganisationID, db: Database) throws -> Connection? {
        try Row.fetchOne(
            db, sql: "SELECT * FROM connections WHERE id = ? AND organisation_id = ?",
            arguments: [id.databaseText, organisation.databaseText]
        ).map(RowMapping.connection)
    }
}

/// Writes a change's messages: emails and texts to the outbox, notices to
/// their users.
enum SQLiteMessages {
    static func write(_ messages: [Message], for organisation: OrganisationID?, at time: Date, db: Database) throws {
        for message in messages {
            if case .notice(let user, let text, let href) = message {
                try db.execute(
                    sql: "INSERT INTO notices (id, user_id, text, href, created_at) VALUES (?, ?, ?, ?, ?)",
                    arguments: [UUID().uuidString.lowercased(), user.databaseText, text, href, time.sqliteText])
            } else if let row = try OutboxRow(message) {
                try db.execute(
                    sql: """
                        INSERT INTO outbox (id, organisation_id, channel, recipient, template, personalisation,
                            next_attempt_at, created_at)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                        """,
                    arguments: [
                        UUID().uuidString.lowercased(), organisation?.databaseText, row.channel.rawValue, row.recipient,
                        row.kind.rawValue, row.personalisation, time.sqliteText, time.sqliteText,
                    ])
            }
        }
    }
}

struct SQLiteMessageStore: MessageStore {
    let database: SQLiteDatabase

    func claimDue(at now: Date, lease: TimeInterval, limit: Int) async throws -> [OutboxMessage] {
        try await database.write { db in
            let ids = try String.fetchAll(
                db,
                sql: """
                    SELECT id FROM outbox WHERE state IN ('pending', 'sending') AND next_attempt_at <= ?
                    ORDER BY next_attempt_at, id LIMIT ?
                    """,
                arguments: [now.sqliteText, limit])
            guard !ids.isEmpty else { return [] }
            let list = Array(repeating: "?", count: ids.count).joined(separator: ", ")
            try db.execute(
                sql: """
                    UPDATE outbox SET state = 'sending', attempts = attempts + 1, next_attempt_at = ?
                    WHERE id IN (\(list))
                    """,
                arguments: StatementArguments([now.addingTimeInterval(lease).sqliteText] + ids))
            return try Row.fetchAll(
                db, sql: "SELECT * FROM outbox WHERE id IN (\(list)) ORDER BY created_at, id", arguments: StatementArguments(ids)
            ).map(RowMapping.outboxMessage)
        }
    }

    func markSent(_ message: OutboxMessage, receipt: String, at time: Date) async throws {
        try await database.write { db in
            try db.execute(
                sql: """
                    UPDATE outbox SET state = 'sent', receipt = ?, sent_at = ?, personalisation = '{}', last_error = NULL
                    WHERE id = ? AND state = 'sending' AND attempts = ?
                    """,
                arguments: [receipt, time.sqliteText, message.id.uuidString.lowercased(), message.attempts])
        }
    }

    func markFailed(_ message: OutboxMessage, error: String, retryAt: Date?) async throws {
        try await database.write { db in
            try db.execute(
                sql: """
                    UPDATE outbox SET state = ?, last_error = ?, next_attempt_at = coalesce(?, next_attempt_at),
                        personalisation = CASE WHEN ? THEN '{}' ELSE personalisation END
                    WHERE id = ? AND state = 'sending' AND attempts = ?
                    """,
                arguments: [
                    retryAt == nil ? "failed" : "pending", String(error.prefix(500)), retryAt?.sqliteText, retryAt == nil,
                    message.id.uuidString.lowercased(), message.attempts,
                ])
        }
    }

    func message(_ id: UUID) async throws -> OutboxMessage? {
        try await database.read { db in
            try Row.fetchOne(db, sql: "SELECT * FROM outbox WHERE id = ?", arguments: [id.uuidString.lowercased()])
                .map(RowMapping.outboxMessage)
        }
    }

    func outboxCounts() async throws -> [OutboxMessage.State: Int] {
        try await database.read { db in
            var counts: [OutboxMessage.State: Int] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT state, count(*) AS n FROM outbox GROUP BY state") {
                counts[try row.enumeration("state")] = try row.integer("n")
            }
            return counts
        }
    }

    func notices(for user: UserID, limit: Int) async throws -> [Notice] {
        try await database.read { db in
            try Row.fetchAll(
                db, sql: "SELECT * FROM notices WHERE user_id = ? ORDER BY created_at DESC, id LIMIT ?",
                arguments: [user.databaseText, limit]
            ).map(RowMapping.notice)
        }
    }

    func unreadNoticeCount(for user: UserID) async throws -> Int {
        try await database.read { db in
            try Int.fetchOne(
                db, sql: "SELECT count(*) FROM notices WHERE user_id = ? AND read_at IS NULL", arguments: [user.databaseText]) ?? 0
        }
    }

    func markNoticesRead(for user: UserID, upTo: Date, at time: Date) async throws {
        try await database.write { db in
            try db.execute(
                sql: "UPDATE notices SET read_at = ? WHERE user_id = ? AND read_at IS NULL AND created_at <= ?",
                arguments: [time.sqliteText, user.databaseText, upTo.sqliteText])
        }
    }
}
