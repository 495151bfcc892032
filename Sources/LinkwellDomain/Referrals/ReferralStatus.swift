import Foundation

/// Where a referral is. The only way to move it is a `ReferralTransition`,
/// and the only way to make one is `transition(to:reason:)`, which refuses
/// any move not drawn here:
///
///     received ─┬─► accepted ──► active ──► discharged
///               ├─► declined
///               └─► redirected (to another service)
///     received, accepted, active ──► withdrawn
public enum ReferralStatus: String, Sendable, CaseIterable, Codable {
    case received, accepted, declined, redirected, active, discharged, withdrawn

    public var label: String {
        switch self {
        case .received: "Received"
        case .accepted: "Accepted"
        case .declined: "Declined"
        case .redirected: "Redirected"
        case .active: "Active"
        case .discharged: "Discharged"
        case .withdrawn: "Withdrawn"
        }
    }

    /// Still being worked on: received, accepted or active.
    public var isOpen: Bool { [.received, .accepted, .active].contains(self) }

    /// Every allowed move, and nothing else.
    public static let allowedTransitions: [ReferralStatus: Set<ReferralStatus>] = [
        .received: [.accepted, .declined, .redirected, .withdrawn],
        .accepted: [.active, .withdrawn],
        .active: [.discharged, .withdrawn],
        .declined: [], .redirected: [], .discharged: [], .withdrawn: [],
    ]

    public func canMove(to next: ReferralStatus) -> Bool {
        Self.allowedTransitions[self]?.contains(next) ?? false
    }

    /// The move to `next`, or an error if it is not one of the allowed moves
    /// or lacks the reason every move but accepting and starting needs.
    public func transition(to next: ReferralStatus, reason: String = "") throws(ReferralTransitionError)
        -> ReferralTransition
    {
        guard canMove(to: next) else { throw .notAllowed(from: self, to: next) }
        let reason = reason.trimmingWhitespace()
        if [.declined, .redirected, .withdrawn, .discharged].contains(next), reason.isEmpty {
            throw .reasonRequired(next)
        }
        guard reason.count <= 2000 else { throw .reasonTooLong }
        return ReferralTransition(from: self, to: next, reason: reason)
    }
}

/// A legal move of a referral from one status to another. Its initialiser is
/// private to this file: a value of this type is proof the move is allowed.
public struct ReferralTransition: Hashable, Sendable {
    public let from: ReferralStatus
    public let to: ReferralStatus
    public let reason: String

    fileprivate init(from: ReferralStatus, to: ReferralStatus, reason: String) {
        self.from = from
        self.to = to
        self.reason = reason
    }
}

public enum ReferralTransitionError: Error, Equatable, Sendable {
    case notAllowed(from: ReferralStatus, to: ReferralStatus)
    case reasonRequired(ReferralStatus)
    case reasonTooLong

    public var message: String {
        switch self {
        case .notAllowed(let from, let to):
            "A referral that is \(from.label.lowercased()) cannot become \(to.label.lowercased())"
        case .reasonRequired(let status):
            switch status {
            case .declined: "Say why the person declined"
            case .redirected: "Name the service they were redirected to"
            case .discharged: "Write a short summary for the discharge"
            default: "Say why"
            }
        case .reasonTooLong: "The reason must be 2000 characters or fewer"
        }
    }
}

/// A recorded move: who made it, when, and why.
public struct ReferralStatusChange: Hashable, Sendable {
    public let from: ReferralStatus
    public let to: ReferralStatus
    public let reason: String
    public let actorID: UserID?
    public let actorName: String
    public let occurredAt: Date

    public init(from: ReferralStatus, to: ReferralStatus, reason: String, actorID: UserID?, actorName: String, occurredAt: Date) {
        self.from = from
        self.to = to
        self.reason = reason
        self.actorID = actorID
        self.actorName = actorName
        self.occurredAt = occurredAt
    }
}
