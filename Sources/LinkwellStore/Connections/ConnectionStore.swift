import Foundation
import LinkwellDomain

/// Who moved a connection, as its history will show it.
public struct ConnectionMover: Sendable, Equatable {
    public let kind: ConnectionActor
    /// Nil for the deadline job.
    public let userID: UserID?
    public let name: String

    public init(kind: ConnectionActor, userID: UserID?, name: String) {
        self.kind = kind
        self.userID = userID
        self.name = name
    }

    public static let deadline = ConnectionMover(kind: .deadline, userID: nil, name: "Linkwell (no answer in time)")
}

/// A referral as the organisation that made it sees it: where it stands,
/// never the notes.
public struct ReferralProgress: Sendable, Equatable {
    public let referralID: ReferralID
    /// The receiving organisation, and the person there.
    public let organisationID: OrganisationID
    public let personID: PersonID
    public let personName: String
    public let receivingOrganisation: String
    public let receivedAt: Date
    public let status: ReferralStatus
    /// Connections accepted by, attending or completed with a service.
    public let connectedServices: Int
    public let dischargeReason: DischargeReason?
    /// The summary written for the referrer and the GP record at discharge.
    public let dischargeSummary: String?
    public let closedAt: Date?

    public init(
        referralID: ReferralID, organisationID: OrganisationID, personID: PersonID, personName: String,
        receivingOrganisation: String, receivedAt: Date, status: ReferralStatus,
        connectedServices: Int, dischargeReason: DischargeReason?, dischargeSummary: String?, closedAt: Date?
    ) {
        self.referralID = referralID
        self.organisationID = organisationID
        self.personID = personID
        self.personName = personName
        self.receivingOrganisation = receivingOrganisation
        self.receivedAt = receivedAt
        self.status = status
        self.connectedServices = connectedServices
        self.dischargeReason = dischargeReason
        self.dischargeSummary = dischargeSummary
        self.closedAt = closedAt
    }
}

/// Connections of people to services, their status changes, and the messages
/// those changes send. Every write that must tell someone takes its
/// `messages` and writes them (to the outbox, or as notices) in the same
/// transaction as the change and its audit event.
public protocol ConnectionStore: Sendable {
    /// Records a connection on an open referral of the organisation, its first
    /// status change, its messages and its audit event. Throws `notFound` for
    /// a referral not of the organisation, `invalidReference(field: "referral")`
    /// for one that is closed.
    @discardableResult
    func create(
        id: ConnectionID, on referral: ReferralID, in organisation: OrganisationID, _ connection: NewConnection,
        at time: Date, by actor: Actor, messages: [Message], audit: AuditEntry
    ) async throws -> Connection

    /// One of the organisation's connections.
    func connection(_ id: ConnectionID, in organisation: OrganisationID) async throws -> Connection?

    /// The person's connections, newest first.
    func connections(of person: PersonID, in organisation: OrganisationID) async throws -> [Connection]

    /// Oldest first.
    func history(of id: ConnectionID, in organisation: OrganisationID) async throws -> [ConnectionStatusChange]

    /// A connection sent to `provider`: a warm introduction or formal referral
    /// that has been sent (never a suggestion, never a signposting). Nil for
    /// any other, whoever's it is.
    func connection(_ id: ConnectionID, sentTo provider: OrganisationID) async throws -> Connection?

    /// Everything sent to `provider`, waiting for an answer first, then newest.
    func connections(sentTo provider: OrganisationID, page: PageRequest) async throws -> Page<Connection>

    /// Moves the connection if it is still at `transition.from` and at
    /// `expectedVersion`, stamping answered, accepted, attended and closed
    /// times as the move implies. Throws `notFound`, `versionConflict`, or
    /// `invalidReference(field: "status")` when its status has moved on.
    @discardableResult
    func transition(
        _ id: ConnectionID, in organisation: OrganisationID, _ transition: ConnectionTransition, expectedVersion: Int,
        at time: Date, by mover: ConnectionMover, messages: [Message], audit: AuditEntry
    ) async throws -> Connection

    /// How many formal referrals sent to `provider` wait for its answer.
    func awaitingAnswer(sentTo provider: OrganisationID) async throws -> Int

    /// Formal referrals still waiting for an answer, across organisations,
    /// sent at or before `sentBefore`, oldest first.
    func awaitingAnswer(sentBefore: Date, limit: Int) async throws -> [Connection]

    /// Records that reminder `number` went to the provider, if fewer had gone
    /// and the connection is still waiting; false (and nothing written) if not.
    func recordReminder(
        _ id: ConnectionID, in organisation: OrganisationID, number: Int, at time: Date, messages: [Message],
        audit: AuditEntry
    ) async throws -> Bool

    /// Outcomes of what was sent to each of `services` (directory IDs), for
    /// `ProviderStatistics`; a service with none is absent.
    func outcomes(of services: [String]) async throws -> [String: [ProviderStatistics.Outcome]]

    /// Referrals the organisation made (only those from `practice`, when
    /// given: a GP practice sees its own), newest first.
    func referralsMade(by organisation: OrganisationID, practice: PracticeID?, page: PageRequest) async throws
        -> Page<ReferralProgress>
}

/// The outbox's side of delivery, and users' notices.
public protocol MessageStore: Sendable {
    /// Claims up to `limit` messages due at `now` (pending, or claimed by a
    /// sender whose lease ran out), counting an attempt for each and leasing
    /// them until `now + lease`. Two senders never claim the same message.
    func claimDue(at now: Date, lease: TimeInterval, limit: Int) async throws -> [OutboxMessage]

    /// Records that the message reached the service (`receipt` is its ID
    /// there), and forgets its wording, which holds personal data. Only the
    /// sender holding the claim counts: if the message was claimed again
    /// since (its attempts moved on), nothing is written.
    func markSent(_ message: OutboxMessage, receipt: String, at time: Date) async throws

    /// Puts the message back to try again at `retryAt`, or, with nil, gives
    /// up and forgets its wording (the error stays, for the operator). Only
    /// by the sender holding the claim, as for `markSent`.
    func markFailed(_ message: OutboxMessage, error: String, retryAt: Date?) async throws

    func message(_ id: UUID) async throws -> OutboxMessage?

    /// How many messages are in each state, for the health page and metrics.
    func outboxCounts() async throws -> [OutboxMessage.State: Int]

    /// The user's notices, newest first.
    func notices(for user: UserID, limit: Int) async throws -> [Notice]

    func unreadNoticeCount(for user: UserID) async throws -> Int

    /// Marks the user's notices written up to `upTo` as read.
    func markNoticesRead(for user: UserID, upTo: Date, at time: Date) async throws
}
