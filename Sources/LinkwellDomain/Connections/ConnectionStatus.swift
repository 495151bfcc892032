import Foundation

/// Where a connection between a person and a service stands: the closed
/// loop. The only way to move one is `transition(to:by:reason:)`, which
/// refuses any move not drawn here, or made by someone who may not make it:
///
///     suggested ──► referred ─┬─► accepted ──► attending ─┬─► completed
///                             ├─► declined                ├─► stopped attending
///                             └─► no response             └─► did not attend
///     suggested, referred, accepted, attending ──► cancelled
public enum ConnectionStatus: String, Sendable, CaseIterable, Codable {
    case suggested, referred, accepted, declined, noResponse = "no-response", attending, completed
    case stoppedAttending = "stopped-attending", didNotAttend = "did-not-attend", cancelled

    public var label: String {
        switch self {
        case .suggested: "Suggested"
        case .referred: "Referred"
        case .accepted: "Accepted"
        case .declined: "Declined"
        case .noResponse: "No response"
        case .attending: "Attending"
        case .completed: "Completed"
        case .stoppedAttending: "Stopped attending"
        case .didNotAttend: "Did not attend"
        case .cancelled: "Cancelled"
        }
    }

    /// Still waiting on someone: the loop is not yet closed.
    public var isOpen: Bool { [.suggested, .referred, .accepted, .attending].contains(self) }

    /// Every allowed move, and nothing else.
    public static let allowedTransitions: [ConnectionStatus: Set<ConnectionStatus>] = [
        .suggested: [.referred, .cancelled],
        .referred: [.accepted, .declined, .noResponse, .cancelled],
        .accepted: [.attending, .cancelled],
        .attending: [.completed, .stoppedAttending, .didNotAttend, .cancelled],
        .declined: [], .noResponse: [], .completed: [], .stoppedAttending: [], .didNotAttend: [], .cancelled: [],
    ]

    /// Who may make the move to this status. The provider answers and records
    /// attendance; so may the link worker, for a provider that is not on
    /// Linkwell (a signposting, or a group run by volunteers). Only the
    /// deadline job decides there was no response.
    public var movers: Set<ConnectionActor> {
        switch self {
        case .suggested: []
        case .referred, .cancelled: [.linkWorker]
        case .accepted, .declined, .attending, .completed, .stoppedAttending, .didNotAttend: [.linkWorker, .provider]
        case .noResponse: [.deadline]
        }
    }

    public func canMove(to next: ConnectionStatus) -> Bool {
        Self.allowedTransitions[self]?.contains(next) ?? false
    }

    /// The move to `next` by `actor`, or why it cannot be made.
    public func transition(to next: ConnectionStatus, by actor: ConnectionActor, reason: String = "")
        throws(ConnectionTransitionError) -> ConnectionTransition
    {
        guard canMove(to: next) else { throw .notAllowed(from: self, to: next) }
        guard next.movers.contains(actor) else { throw .notYours(next, actor) }
        let reason = reason.trimmingCharacters(in: .whitespacesAndNewlines)
        if [.declined, .stoppedAttending, .cancelled].contains(next), reason.isEmpty { throw .reasonRequired(next) }
        guard reason.count <= 2000 else { throw .reasonTooLong }
        return ConnectionTransition(from: self, to: next, actor: actor, reason: reason)
    }
}

/// Who moves a connection on.
public enum ConnectionActor: String, Sendable, CaseIterable, Codable {
    /// A link worker of the person's organisation.
    case linkWorker = "link-worker"
    /// A user of the organisation the connection was made to.
    case provider
    /// The background job that closes referrals nobody answered in time.
    case deadline
}

/// A legal move of a connection. Its initialiser is private to this file: a
/// value of this type is proof the move is allowed.
public struct ConnectionTransition: Hashable, Sendable {
    public let from: ConnectionStatus
    public let to: ConnectionStatus
    public let actor: ConnectionActor
    public let reason: String

    fileprivate init(from: ConnectionStatus, to: ConnectionStatus, actor: ConnectionActor, reason: String) {
        self.from = from
        self.to = to
        self.actor = actor
        self.reason = reason
    }
}

public enum ConnectionTransitionError: Error, Equatable, Sendable {
    case notAllowed(from: ConnectionStatus, to: ConnectionStatus)
    case notYours(ConnectionStatus, ConnectionActor)
    case reasonRequired(ConnectionStatus)
    case reasonTooLong

    public var message: String {
        switch self {
        case .notAllowed(let from, let to):
            "A connection that is \(from.label.lowercased()) cannot become \(to.label.lowercased())"
        case .notYours(let status, _):
            "You cannot mark this connection \(status.label.lowercased())"
        case .reasonRequired(let status):
            switch status {
            case .declined: "Say why the referral was declined"
            case .stoppedAttending: "Say why they stopped attending"
            default: "Say why"
            }
        case .reasonTooLong: "The reason must be 2000 characters or fewer"
        }
    }
}
