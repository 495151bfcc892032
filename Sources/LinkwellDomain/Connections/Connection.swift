import Foundation

public typealias ConnectionID = Identifier<Connection>

/// The service a connection was made to, as it was when it was made: the
/// directory may change or lose the entry later, and the record must still
/// say where the person was sent and who was asked to answer.
public struct ConnectedService: Hashable, Sendable {
    /// The directory service's ID.
    public let id: String
    public let name: String
    /// The organisation on Linkwell that keeps the entry and answers for it;
    /// nil when the provider is not on Linkwell.
    public let providerID: OrganisationID?
    /// The provider's name as the directory gives it.
    public let providerName: String

    public init(id: String, name: String, providerID: OrganisationID?, providerName: String) {
        self.id = id
        self.name = name
        self.providerID = providerID
        self.providerName = providerName
    }
}

/// A person connected to a community service: a signposting, a warm
/// introduction or a formal referral, and where it stands.
public struct Connection: Hashable, Sendable, Identifiable {
    public let id: ConnectionID
    /// The organisation whose person this is (the link worker's).
    public let organisationID: OrganisationID
    public let personID: PersonID
    /// The episode of support it belongs to.
    public let referralID: ReferralID
    public let service: ConnectedService
    public let kind: ConnectionKind
    public var status: ConnectionStatus
    /// What the person agreed the provider may see, and only that, copied when
    /// the connection was sent (see `SharedDetails`).
    public let shared: SharedDetails
    /// For the provider, when anything is shared; otherwise for the record.
    public let note: String
    /// Days the provider has to answer a formal referral (the organisation's
    /// setting when it was sent).
    public let responseDays: Int
    public let createdAt: Date
    public let createdBy: UserID
    public let createdByName: String
    public var referredAt: Date?
    /// When the provider (or the link worker for them) accepted or declined.
    public var answeredAt: Date?
    public var acceptedAt: Date?
    /// When it became "attending": booked in, or started (FHIR's in-progress).
    public var attendedAt: Date?
    public var closedAt: Date?
    /// How many reminders the provider has been sent (see `ConnectionDeadline`).
    public var remindersSent: Int
    public var updatedAt: Date
    public var version: Int

    public init(
        id: ConnectionID, organisationID: OrganisationID, personID: PersonID, referralID: ReferralID,
        service: ConnectedService, kind: ConnectionKind, status: ConnectionStatus, shared: SharedDetails, note: String,
        responseDays: Int, createdAt: Date, createdBy: UserID, createdByName: String, referredAt: Date?,
        answeredAt: Date?,
        acceptedAt: Date?, attendedAt: Date?, closedAt: Date?, remindersSent: Int, updatedAt: Date, version: Int
    ) {
        self.id = id
        self.organisationID = organisationID
        self.personID = personID
        self.referralID = referralID
        self.service = service
        self.kind = kind
        self.status = status
        self.shared = shared
        self.note = note
        self.responseDays = responseDays
        self.createdAt = createdAt
        self.createdBy = createdBy
        self.createdByName = createdByName
        self.referredAt = referredAt
        self.answeredAt = answeredAt
        self.acceptedAt = acceptedAt
        self.attendedAt = attendedAt
        self.closedAt = closedAt
        self.remindersSent = remindersSent
        self.updatedAt = updatedAt
        self.version = version
    }

    /// The moves `actor` may make now. A formal referral to a provider on
    /// Linkwell is answered by the provider alone: a link worker recording
    /// its answer would bypass the provider, and skew its statistics.
    public func moves(by actor: ConnectionActor) -> [ConnectionStatus] {
        ConnectionStatus.allCases.filter { next in
            guard status.canMove(to: next), next.movers.contains(actor) else { return false }
            if actor == .linkWorker, kind == .formalReferral, service.providerID != nil,
                [.accepted, .declined].contains(next)
            {
                return false
            }
            return true
        }
    }

    /// The deadline applies: a formal referral still waiting for its answer.
    public var awaitsAnswer: Bool { kind.awaitsProvider && status == .referred }

    /// When the provider must answer by, for a formal referral that was sent.
    public var respondBy: Date? {
        guard kind.awaitsProvider, let referredAt else { return nil }
        return referredAt.addingTimeInterval(TimeInterval(responseDays) * ConnectionDeadline.day)
    }
}

/// A new connection, checked, before it is stored.
public struct NewConnection: Hashable, Sendable {
    public let service: ConnectedService
    public let kind: ConnectionKind
    public let sharedItems: [SharedItem]
    public let shared: SharedDetails
    public let note: String
    /// Sent now (`referred`), or kept as a suggestion to talk through first.
    public let status: ConnectionStatus
    public let responseDays: Int

    public init(
        service: ConnectedService, kind: ConnectionKind, sharedItems: [SharedItem], shared: SharedDetails, note: String,
        status: ConnectionStatus, responseDays: Int
    ) {
        precondition(status == .suggested || status == .referred, "a connection starts suggested or referred")
        self.service = service
        self.kind = kind
        self.sharedItems = sharedItems
        self.shared = shared
        self.note = note
        self.status = status
        self.responseDays = responseDays
    }
}

/// One change of a connection's status: who, when, why.
public struct ConnectionStatusChange: Hashable, Sendable {
    public let from: ConnectionStatus?
    public let to: ConnectionStatus
    public let reason: String
    public let actor: ConnectionActor
    public let actorName: String
    public let occurredAt: Date

    public init(
        from: ConnectionStatus?, to: ConnectionStatus, reason: String, actor: ConnectionActor, actorName: String,
        occurredAt: Date
    ) {
        self.from = from
        self.to = to
        self.reason = reason
        self.actor = actor
        self.actorName = actorName
        self.occurredAt = occurredAt
    }
}
