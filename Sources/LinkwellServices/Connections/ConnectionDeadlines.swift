import Foundation
import LinkwellDomain
import LinkwellStore
import Logging

/// The deadline on formal referrals (`ConnectionDeadline`): reminds providers
/// and closes, as "no response", referrals nobody answered in time, telling
/// the link worker. Run by the server in the background and by `linkwell
/// jobs run-once`; running it twice, or from two places at once, does each
/// thing once (every step is a conditional write).
public struct ConnectionDeadlines: Sendable {
    let connections: ConnectionService
    let logger: Logger

    var context: CaseworkContext { connections.context }
    /// The stores this uses, and no others (picked from the whole store at start-up).
    struct Stores: Sendable {
        let connections: any ConnectionStore
        let users: any UserStore

        init(_ all: any LinkwellStore) {
            connections = all.connections
            users = all.users
        }
    }

    let store: Stores

    public struct Outcome: Sendable, Equatable {
        public var reminded = 0
        public var expired = 0

        public init(reminded: Int = 0, expired: Int = 0) {
            self.reminded = reminded
            self.expired = expired
        }
    }

    /// Everything due at the clock's now.
    @discardableResult
    public func runOnce() async throws -> Outcome {
        let now = context.now
        var outcome = Outcome()
        // No reminder comes sooner than a day after sending.
        for connection in try await store.connections.awaitingAnswer(
            sentBefore: now.addingTimeInterval(-86_400), limit: 100_000)
        {
            guard let referredAt = connection.referredAt,
                ConnectionDeadline.allowedDays.contains(connection.responseDays)
            else {
                continue
            }
            let deadline = ConnectionDeadline(days: connection.responseDays)
            do {
                switch deadline.step(referredAt: referredAt, remindersSent: connection.remindersSent, now: now) {
                case .nothing:
                    break
                case .remind(let number, let daysLeft):
                    if try await remind(connection, number: number, daysLeft: daysLeft, at: now) {
                        outcome.reminded += 1
                    }
                case .expire:
                    if try await expire(connection, at: now) { outcome.expired += 1 }
                }
            } catch {
                // One bad row must not stop the rest; it is tried again next run.
                logger.error("deadline step failed", metadata: ["connection": "\(connection.id)", "error": "\(error)"])
            }
        }
        if outcome != Outcome() {
            logger.info(
                "connection deadlines", metadata: ["reminded": "\(outcome.reminded)", "expired": "\(outcome.expired)"])
        }
        return outcome
    }

    func remind(_ connection: Connection, number: Int, daysLeft: Int, at now: Date) async throws -> Bool {
        guard let provider = connection.service.providerID else { return false }
        let messages = try await store.users.users(in: provider, role: .provider).filter(\.isActive).map {
            connections.wording.reminder($0, connection: connection, daysLeft: daysLeft)
        }
        return try await store.connections.recordReminder(
            connection.id, in: connection.organisationID, number: number, at: now, messages: messages,
            audit: Self.audit(.connectionReminderSent, connection, at: now, detail: "Reminder \(number)"))
    }

    func expire(_ connection: Connection, at now: Date) async throws -> Bool {
        let transition = try connection.status.transition(to: .noResponse, by: .deadline)
        let messages = try await connections.workerNotices(connection, text: connections.wording.noResponse(connection))
        do {
            _ = try await store.connections.transition(
                connection.id, in: connection.organisationID, transition, expectedVersion: connection.version, at: now,
                by: .deadline, messages: messages,
                audit: Self.audit(
                    .connectionStatusChanged, connection, at: now,
                    detail: "No response in \(connection.responseDays) days"))
            return true
        } catch StoreError.versionConflict, StoreError.invalidReference(field: "status") {
            // Answered (or reminded) since it was read: nothing to do.
            return false
        }
    }

    static func audit(_ action: AuditAction, _ connection: Connection, at now: Date, detail: String) -> AuditEntry {
        AuditEntry(
            occurredAt: now, organisationID: connection.organisationID, actorID: nil, actorLabel: "deadline job",
            action: action, target: .connection(connection.id), clientAddress: nil, detail: detail)
    }
}
