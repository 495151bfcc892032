import Foundation

/// Where a referral is. The only way to move it is a `ReferralTransition`,
/// and the only way to make one is `Referral.transition(_:by:)`, which
/// refuses any move not drawn here, by anyone but a caseworker, or without
/// what the move needs:
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

    /// On someone's caseload: accepted or active. Such a referral always has
    /// an assignee (the schema checks it too), and contacts are recorded
    /// against it.
    public var isOnCaseload: Bool { self == .accepted || self == .active }

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
}

/// A move a caseworker asks for, carrying what that move must set.
public enum ReferralMove: Sendable, Hashable {
    /// Into the service, onto a link worker's caseload.
    case accept(assignTo: UserID)
    /// The first contact was recorded.
    case firstContact
    /// The person does not want support (SNOMED "social prescribing declined").
    case decline(reason: String)
    /// Sent to another service; the note is optional.
    case redirect(to: String, note: String)
    case withdraw(reason: String)
    /// The end of the episode, with the summary the letter home carries.
    case discharge(DischargeReason, summary: String)

    public var destination: ReferralStatus {
        switch self {
        case .accept: .accepted
        case .firstContact: .active
        case .decline: .declined
        case .redirect: .redirected
        case .withdraw: .withdrawn
        case .discharge: .discharged
        }
    }
}

extension Referral {
    /// Who may move a referral: the caseworkers. Referrers, providers and
    /// administrators see where it stands but never move it.
    public static let movers: Set<Role> = [.linkWorker, .manager]

    /// The move, checked: allowed from where the referral stands, by this
    /// role, with everything the move needs.
    public func transition(_ move: ReferralMove, by role: Role) throws(ReferralTransitionError) -> ReferralTransition {
        guard Self.movers.contains(role) else { throw .notPermitted(role) }
        let next = move.destination
        guard status.canMove(to: next) else { throw .notAllowed(from: status, to: next) }
        var reason: String
        switch move {
        case .accept, .firstContact:
            reason = move == .firstContact ? "First contact recorded" : ""
        case .decline(let why), .withdraw(let why):
            reason = why.trimmingWhitespace()
        case .redirect(let service, let note):
            let service = service.trimmingWhitespace()
            guard !service.isEmpty else { throw .serviceRequired }
            guard service.count <= 200 else { throw .serviceTooLong }
            // A redirection is explained by where it went; a note is optional.
            let note = note.trimmingWhitespace()
            reason = note.isEmpty ? "Redirected to \(service)" : note
        case .discharge(_, let summary):
            reason = summary.trimmingWhitespace()
        }
        guard next == .accepted || next == .active || !reason.isEmpty else { throw .reasonRequired(next) }
        guard reason.count <= 2000 else { throw .reasonTooLong }
        return ReferralTransition(from: status, move: move, reason: reason)
    }
}

/// A legal move of a referral from one status to another. Its initialiser is
/// private to this file: a value of this type is proof the move is allowed.
public struct ReferralTransition: Hashable, Sendable {
    public let from: ReferralStatus
    public let move: ReferralMove
    /// Why, as the status history records it.
    public let reason: String
    public var to: ReferralStatus { move.destination }

    fileprivate init(from: ReferralStatus, move: ReferralMove, reason: String) {
        self.from = from
        self.move = move
        self.reason = reason
    }

    /// The referral after the move, made at `time`: every field a move sets
    /// is decided here and nowhere else (stores write what this returns).
    public func applied(to referral: Referral, at time: Date) -> Referral {
        var next = referral
        next.status = to
        switch move {
        case .accept(let worker): next.assignedTo = worker
        case .firstContact, .withdraw: break
        case .decline: next.snomedCode = SNOMED.socialPrescribingDeclined
        case .redirect(let service, _): next.redirectedTo = service.trimmingWhitespace()
        case .discharge(let why, _):
            next.dischargeReason = why
            next.dischargeSummary = reason
        }
        if !to.isOpen { next.closedAt = time }
        next.updatedAt = time
        return next
    }
}

public enum ReferralTransitionError: Error, Equatable, Sendable {
    case notAllowed(from: ReferralStatus, to: ReferralStatus)
    case notPermitted(Role)
    case reasonRequired(ReferralStatus)
    case reasonTooLong
    case serviceRequired
    case serviceTooLong

    /// The form field the message belongs beside.
    public var field: String {
        switch self {
        case .serviceRequired, .serviceTooLong: "redirectedTo"
        case .reasonRequired(.discharged): "summary"
        default: "reason"
        }
    }

    public var message: String {
        switch self {
        case .notAllowed(let from, let to):
            "A referral that is \(from.label.lowercased()) cannot become \(to.label.lowercased())"
        case .notPermitted(let role):
            "A \(role.label.lowercased()) cannot change where a referral stands"
        case .reasonRequired(let status):
            switch status {
            case .declined: "Say why the person declined"
            case .redirected: "Name the service they were redirected to"
            case .discharged: "Write a short summary for the discharge"
            default: "Say why"
            }
        case .reasonTooLong: "The reason must be 2000 characters or fewer"
        case .serviceRequired: "Name the service they were redirected to"
        case .serviceTooLong: "Must be 200 characters or fewer"
        }
    }
}
public struct ReferralStatusChange: Hashable, Sendable {
    public let from: ReferralStatus
    public let to: ReferralStatus
    public let reason: String
    public let actorID: UserID?
    public let actorName: String
    public let occurredAt: Date

    public init(
        from: ReferralStatus, to: ReferralStatus, reason: String, actorID: UserID?, actorName: String, occurredAt: Date
    ) {
        self.from = from
        self.to = to
        self.reason = reason
        self.actorID = actorID
        self.actorName = actorName
        self.occurredAt = occurredAt
    }
}
