import Foundation
import LinkwellDomain
import LinkwellStore

public struct SQLConnectionStore: ConnectionStore {
    let database: any SQLDatabase

    public init(database: any SQLDatabase) {
        self.database = database
    }

    public func create(
        id: ConnectionID, on referral: ReferralID, in organisation: OrganisationID, _ connection: NewConnection,
        at time: Date, by actor: Actor, messages: [Message], audit: AuditEntry
    ) async throws -> Connection {
        try await database.write { db in
            // Lock the referral, so a discharge at the same moment waits for
            // this (or this sees it), as SQLite's one writer does by itself.
            _ = try await db.firstRow(
                "SELECT id FROM referrals WHERE id = \(referral.rawValue) AND organisation_id = \(organisation.rawValue)\(db.forUpdate)"
            )
            guard let episode = try await SQLReferralStore.fetch(referral, in: organisation, on: db)?.referral
            else { throw StoreError.notFound }
            guard episode.status.isOpen else { throw StoreError.invalidReference(field: "referral") }
            let referred: Date? = connection.status == .referred ? time : nil
            let items = connection.sharedItems.map(\.rawValue).joined(separator: ",")
            let details = try Documents.encode(connection.shared)
            try await db.execute(
                """
                INSERT INTO connections (id, organisation_id, person_id, referral_id, service_id, service_name, provider_id,
                    provider_name, kind, status, shared_items, shared_details, note, response_days, created_by,
                    created_by_name, created_at, referred_at, updated_at, version)
                VALUES (\(id.rawValue), \(organisation.rawValue), \(episode.personID.rawValue), \(referral.rawValue),
                    \(connection.service.id), \(connection.service.name), \(connection.service.providerID?.rawValue),
                    \(connection.service.providerName), \(connection.kind.rawValue), \(connection.status.rawValue), \(items),
                    \(details), \(connection.note), \(connection.responseDays), \(actor.userID?.rawValue), \(actor.name),
                    \(time), \(referred), \(time), 1)
                """)
            try await Self.recordChange(
                id, in: organisation, from: "new", to: connection.status, reason: "",
                by: ConnectionMover(kind: .linkWorker, userID: actor.userID, name: actor.name), at: time, on: db)
            try await MessageWriter.write(messages, for: organisation, at: time, on: db)
            _ = try await AuditLog.append(audit, on: db)
            return try await Self.fetch(id, in: organisation, on: db)!
        }
    }

    public func connection(_ id: ConnectionID, in organisation: OrganisationID) async throws -> Connection? {
        try await database.read { db in try await Self.fetch(id, in: organisation, on: db) }
    }

    public func connections(of person: PersonID, in organisation: OrganisationID) async throws -> [Connection] {
        try await database.read { db in
            try await db.rows(
                """
                SELECT * FROM connections WHERE organisation_id = \(organisation.rawValue) AND person_id = \(person.rawValue)
                ORDER BY created_at DESC, id
                """
            ).map { try RowMapping.connection($0) }
        }
    }

    public func history(of id: ConnectionID, in organisation: OrganisationID) async throws -> [ConnectionStatusChange] {
        try await database.read { db in
            try await db.rows(
                """
                SELECT * FROM connection_status_changes
                WHERE connection_id = \(id.rawValue) AND organisation_id = \(organisation.rawValue) ORDER BY id
                """
            ).map { try RowMapping.connectionStatusChange($0) }
        }
    }

    public func connection(_ id: ConnectionID, sentTo provider: OrganisationID) async throws -> Connection? {
        try await database.read { db in
            try await db.firstRow(
                """
                SELECT * FROM connections WHERE id = \(id.rawValue) AND provider_id = \(provider.rawValue)
                    AND referred_at IS NOT NULL AND kind <> 'signposting'
                """
            ).map { try RowMapping.connection($0) }
        }
    }

    public func connections(sentTo provider: OrganisationID, page: PageRequest) async throws -> Page<Connection> {
        try await database.read { db in
            let total = try await db.count(
                """
                SELECT count(*) AS n FROM connections WHERE provider_id = \(provider.rawValue)
                    AND referred_at IS NOT NULL AND kind <> 'signposting'
                """)
            let rows = try await db.rows(
                """
                SELECT * FROM connections WHERE provider_id = \(provider.rawValue)
                    AND referred_at IS NOT NULL AND kind <> 'signposting'
                ORDER BY status = 'referred' DESC, referred_at DESC, id LIMIT \(page.size) OFFSET \(page.offset)
                """)
            return Page(items: try rows.map { try RowMapping.connection($0) }, request: page, totalItems: total)
        }
    }

    public func transition(
        _ id: ConnectionID, in organisation: OrganisationID, _ transition: ConnectionTransition, expectedVersion: Int,
        at time: Date, by mover: ConnectionMover, messages: [Message], audit: AuditEntry
    ) async throws -> Connection {
        try await database.write { db in
            guard let current = try await Self.fetch(id, in: organisation, on: db, locking: true) else {
                throw StoreError.notFound
            }
            guard current.version == expectedVersion else {
                throw StoreError.versionConflict(currentVersion: current.version)
            }
            guard current.status == transition.from else { throw StoreError.invalidReference(field: "status") }
            let stamps: [SQLText] = transition.stampedColumns.map {
                "\(unsafeRaw: $0) = coalesce(\(unsafeRaw: $0), \(time))"
            }
            try await db.execute(
                """
                UPDATE connections SET status = \(transition.to.rawValue), \((stamps + ["updated_at = \(time)"]).joined(separator: ", ")),
                    version = version + 1
                WHERE id = \(id.rawValue) AND organisation_id = \(organisation.rawValue) AND status = \(transition.from.rawValue)
                """)
            try await Self.recordChange(
                id, in: organisation, from: transition.from.rawValue, to: transition.to, reason: transition.reason,
                by: mover,
                at: time, on: db)
            try await MessageWriter.write(messages, for: organisation, at: time, on: db)
            _ = try await AuditLog.append(audit, on: db)
            return try await Self.fetch(id, in: organisation, on: db)!
        }
    }

    public func awaitingAnswer(sentTo provider: OrganisationID) async throws -> Int {
        try await database.read { db in
            try await db.count(
                """
                SELECT count(*) AS n FROM connections
                WHERE provider_id = \(provider.rawValue) AND status = 'referred' AND kind = 'formal-referral'
                """)
        }
    }

    public func awaitingAnswer(sentBefore: Date, limit: Int) async throws -> [Connection] {
        try await database.read { db in
            try await db.rows(
                """
                SELECT * FROM connections
                WHERE status = 'referred' AND kind = 'formal-referral' AND referred_at <= \(sentBefore)
                ORDER BY referred_at, id LIMIT \(limit)
                """
            ).map { try RowMapping.connection($0) }
        }
    }

    public func recordReminder(
        _ id: ConnectionID, in organisation: OrganisationID, number: Int, at time: Date, messages: [Message],
        audit: AuditEntry
    ) async throws -> Bool {
        try await database.write { db in
            let updated = try await db.firstRow(
                """
                UPDATE connections SET reminders_sent = \(number)
                WHERE id = \(id.rawValue) AND organisation_id = \(organisation.rawValue) AND status = 'referred'
                    AND reminders_sent < \(number)
                RETURNING id
                """)
            guard updated != nil else { return false }
            try await MessageWriter.write(messages, for: organisation, at: time, on: db)
            _ = try await AuditLog.append(audit, on: db)
            return true
        }
    }

    public func outcomes(of services: [String]) async throws -> [String: [ProviderStatistics.Outcome]] {
        guard !services.isEmpty else { return [:] }
        return try await database.read { db in
            let rows = try await db.rows(
                """
                SELECT service_id, referred_at, answered_at, accepted_at, status FROM connections
                WHERE service_id IN \(list: services) AND kind <> 'signposting' AND referred_at IS NOT NULL
                """)
            var outcomes: [String: [ProviderStatistics.Outcome]] = [:]
            for row in rows { outcomes[try row.text("service_id"), default: []].append(try RowMapping.outcome(row)) }
            return outcomes
        }
    }

    public func referralsMade(by organisation: OrganisationID, practice: PracticeID?, page: PageRequest) async throws
        -> Page<ReferralProgress>
    {
        let byPractice: SQLText = practice.map { "AND r.referring_practice_id = \($0.rawValue)" } ?? ""
        return try await database.read { db in
            let total = try await db.count(
                """
                SELECT count(*) AS n FROM referrals r WHERE r.referring_organisation_id = \(organisation.rawValue)
                    \(byPractice)
                """)
            let rows = try await db.rows(
                """
                SELECT r.id, r.organisation_id, r.person_id, p.name AS person_name, o.name AS receiving_organisation, r.received_at, r.status,
                    r.discharge_reason, r.discharge_summary, r.closed_at,
                    (SELECT count(*) FROM connections c WHERE c.referral_id = r.id
                        AND c.status IN \(unsafeRaw: ConnectionSQL.connectedStatuses)) AS connected_services
                FROM referrals r
                JOIN people p ON p.id = r.person_id AND p.organisation_id = r.organisation_id
                JOIN organisations o ON o.id = r.organisation_id
                WHERE r.referring_organisation_id = \(organisation.rawValue)
                    \(byPractice)
                ORDER BY r.received_at DESC, r.id LIMIT \(page.size) OFFSET \(page.offset)
                """)
            return Page(items: try rows.map { try RowMapping.referralProgress($0) }, request: page, totalItems: total)
        }
    }

    public static func recordChange(
        _ id: ConnectionID, in organisation: OrganisationID, from: String, to: ConnectionStatus, reason: String,
        by mover: ConnectionMover, at time: Date, on db: any SQLConnection
    ) async throws {
        try await db.execute(
            """
            INSERT INTO connection_status_changes (connection_id, organisation_id, from_status, to_status, reason, actor_kind,
                actor_id, actor_name, occurred_at)
            VALUES (\(id.rawValue), \(organisation.rawValue), \(from), \(to.rawValue), \(reason), \(mover.kind.rawValue),
                \(mover.userID?.rawValue), \(mover.name), \(time))
            """)
    }

    public static func fetch(
        _ id: ConnectionID, in organisation: OrganisationID, on db: any SQLConnection, locking: Bool = false
    ) async throws -> Connection? {
        try await db.firstRow(
            """
            SELECT * FROM connections WHERE id = \(id.rawValue) AND organisation_id = \(organisation.rawValue)
            \(locking ? db.forUpdate : "")
            """
        ).map { try RowMapping.connection($0) }
    }
}

/// Writes a change's messages: emails and texts to the outbox, notices to
/// their users.
enum MessageWriter {
    public static func write(
        _ messages: [Message], for organisation: OrganisationID?, at time: Date, on db: any SQLConnection
    ) async throws {
        for message in messages {
            if case .notice(let user, let text, let href) = message {
                try await db.execute(
                    "INSERT INTO notices (id, user_id, text, href, created_at) VALUES (\(IdentifierGenerator.current.next()), \(user.rawValue), \(text), \(href), \(time))"
                )
            } else if let row = try OutboxRow(message) {
                try await db.execute(
                    """
                    INSERT INTO outbox (id, organisation_id, channel, recipient, template, personalisation, next_attempt_at,
                        created_at)
                    VALUES (\(IdentifierGenerator.current.next()), \(organisation?.rawValue), \(row.channel.rawValue), \(row.recipient),
                        \(row.kind.rawValue), \(row.personalisation), \(time), \(time))
                    """)
            }
        }
    }
}

public struct SQLMessageStore: MessageStore {
    let database: any SQLDatabase

    public init(database: any SQLDatabase) {
        self.database = database
    }

    public func claimDue(at now: Date, lease: TimeInterval, limit: Int) async throws -> [OutboxMessage] {
        try await database.write { db in
            // SKIP LOCKED: another server claiming at the same moment takes
            // different messages instead of waiting for these. SQLite has one
            // writer, so there is no one else to skip.
            let skipLocked: SQLText = db.dialect == .postgres ? " FOR UPDATE SKIP LOCKED" : ""
            return try await db.rows(
                """
                UPDATE outbox SET state = 'sending', attempts = attempts + 1, next_attempt_at = \(now.addingTimeInterval(lease))
                WHERE id IN (
                    SELECT id FROM outbox WHERE state IN ('pending', 'sending') AND next_attempt_at <= \(now)
                    ORDER BY next_attempt_at, id LIMIT \(limit)\(skipLocked))
                RETURNING *
                """
            ).map { try RowMapping.outboxMessage($0) }.sorted {
                ($0.createdAt, $0.id.uuidString) < ($1.createdAt, $1.id.uuidString)
            }
        }
    }

    public func markSent(_ message: OutboxMessage, receipt: String, at time: Date) async throws {
        try await database.write { db in
            try await db.execute(
                """
                UPDATE outbox SET state = 'sent', receipt = \(receipt), sent_at = \(time), personalisation = '{}',
                    last_error = NULL
                WHERE id = \(message.id) AND state = 'sending' AND attempts = \(message.attempts)
                """)
        }
    }

    public func markFailed(_ message: OutboxMessage, error: String, retryAt: Date?) async throws {
        try await database.write { db in
            try await db.execute(
                """
                UPDATE outbox SET state = \(retryAt == nil ? "failed" : "pending"), last_error = \(String(error.prefix(500))),
                    next_attempt_at = coalesce(\(retryAt), next_attempt_at),
                    personalisation = CASE WHEN \(retryAt == nil) THEN '{}' ELSE personalisation END
                WHERE id = \(message.id) AND state = 'sending' AND attempts = \(message.attempts)
                """)
        }
    }

    public func message(_ id: UUID) async throws -> OutboxMessage? {
        try await database.read { db in
            try await db.firstRow("SELECT * FROM outbox WHERE id = \(id)").map { try RowMapping.outboxMessage($0) }
        }
    }

    public func outboxCounts() async throws -> [OutboxMessage.State: Int] {
        try await database.read { db in
            var counts: [OutboxMessage.State: Int] = [:]
            for row in try await db.rows("SELECT state, count(*) AS n FROM outbox GROUP BY state") {
                counts[try row.enumeration("state")] = try row.integer("n")
            }
            return counts
        }
    }

    public func notices(for user: UserID, limit: Int) async throws -> [Notice] {
        try await database.read { db in
            try await db.rows(
                "SELECT * FROM notices WHERE user_id = \(user.rawValue) ORDER BY created_at DESC, id LIMIT \(limit)"
            ).map { try RowMapping.notice($0) }
        }
    }

    public func unreadNoticeCount(for user: UserID) async throws -> Int {
        try await database.read { db in
            try await db.count("SELECT count(*) AS n FROM notices WHERE user_id = \(user.rawValue) AND read_at IS NULL")
        }
    }

    public func markNoticesRead(for user: UserID, upTo: Date, at time: Date) async throws {
        try await database.write { db in
            try await db.execute(
                """
                UPDATE notices SET read_at = \(time) WHERE user_id = \(user.rawValue) AND read_at IS NULL AND created_at <= \(upTo)
                """)
        }
    }
}
