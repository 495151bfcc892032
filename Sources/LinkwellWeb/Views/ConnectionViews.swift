import Foundation
import LinkwellDomain
import LinkwellServices

/// A connection as the pages show it, to a link worker or to a provider.
struct ConnectionView: Sendable {
    struct Step: Sendable {
        let text: String
        let time: String
        let machineTime: String
        let reason: String?
    }

    /// One move the viewer may make, as a small form.
    struct Action: Sendable {
        let status: String
        let label: String
        let needsReason: Bool
        let reasonLabel: String
        let reasonID: String
        let error: String?
        let isWarning: Bool
        /// The move that keeps the connection going: shown as the main button.
        let isPrimary: Bool
    }

    struct SharedLine: Sendable {
        let key: String
        let value: String
    }

    let id: String
    let anchor: String
    let href: String
    let service: String
    let provider: String
    let kind: String
    let status: String
    let statusClass: String
    let isOpen: Bool
    let madeBy: String
    let made: String
    let respondBy: String?
    let note: String?
    let steps: [Step]
    let shared: [SharedLine]
    let sharesNothing: Bool
    let actions: [Action]
    let hasActions: Bool
    let version: Int

    init(
        _ connection: Connection, history: [ConnectionStatusChange] = [], hrefPrefix: String, actor: ConnectionActor,
        format: DisplayFormat, errors: [FieldError] = [], attemptedStatus: String? = nil
    ) {
        id = connection.id.description
        anchor = "connection-\(connection.id)"
        href = "\(hrefPrefix)/\(connection.id)"
        service = connection.service.name
        provider = connection.service.providerName
        kind = connection.kind.label
        status = connection.status.label
        statusClass = Self.statusClass(connection.status)
        isOpen = connection.status.isOpen
        madeBy = connection.createdByName
        made = format.date(connection.createdAt)
        respondBy = connection.awaitsAnswer ? connection.respondBy.map(format.date) : nil
        note = connection.note.isEmpty ? nil : connection.note
        steps = history.map { change in
            Step(
                text: "\(change.to.label) · \(change.actorName)", time: format.compactDateTime(change.occurredAt),
                machineTime: format.machine(change.occurredAt), reason: change.reason.isEmpty ? nil : change.reason)
        }
        shared = Self.lines(connection.shared)
        sharesNothing = connection.shared.isEmpty
        let reasonError = errors.first { $0.field == "reason" }?.message
        actions = connection.moves(by: actor)
            .map { next in
                let needsReason = [.declined, .stoppedAttending, .cancelled].contains(next)
                return Action(
                    status: next.rawValue,
                    label: Self.actionLabel(next, from: connection.status, kind: connection.kind),
                    needsReason: needsReason, reasonLabel: Self.reasonLabel(next), reasonID: "reason-\(next.rawValue)",
                    error: attemptedStatus == next.rawValue ? reasonError : nil,
                    isWarning: next == .cancelled || next == .declined,
                    isPrimary: [.referred, .accepted, .attending, .completed].contains(next))
            }
        hasActions = !actions.isEmpty
        version = connection.version
    }

    static func statusClass(_ status: ConnectionStatus) -> String {
        switch status {
        case .suggested: "tag--yellow"
        case .referred: "tag--blue"
        case .accepted, .attending, .completed: "tag--green"
        case .declined, .noResponse, .didNotAttend, .stoppedAttending: "tag--orange"
        case .cancelled: "tag--grey"
        }
    }

    static func order(_ status: ConnectionStatus) -> Int { ConnectionStatus.allCases.firstIndex(of: status) ?? 0 }

    static func actionLabel(_ next: ConnectionStatus, from current: ConnectionStatus, kind: ConnectionKind) -> String {
        switch next {
        case .referred: kind == .signposting ? "Mark as given to them" : "Send it now"
        case .accepted: "Accept"
        case .declined: "Decline"
        // "Attending" is FHIR's in-progress: booked in, or started. Someone
        // booked in who never came is then "did not attend" (the SDOH guide
        // draws no way from accepted to failed).
        case .attending: "Booked in or started"
        case .completed: "They completed it"
        case .stoppedAttending: "They stopped attending"
        case .didNotAttend: "They did not come"
        case .cancelled: current == .suggested ? "Drop this suggestion" : "Cancel the connection"
        case .suggested, .noResponse: next.label
        }
    }

    static func reasonLabel(_ next: ConnectionStatus) -> String {
        switch next {
        case .declined: "Why it is declined (the link worker will see this)"
        case .stoppedAttending: "Why they stopped"
        case .cancelled: "Why it is cancelled"
        default: "Note"
        }
    }

    static func lines(_ shared: SharedDetails) -> [SharedLine] {
        var lines: [SharedLine] = []
        if let name = shared.name { lines.append(SharedLine(key: "Name", value: name)) }
        if let phone = shared.phone { lines.append(SharedLine(key: "Phone", value: phone)) }
        if let email = shared.email { lines.append(SharedLine(key: "Email", value: email)) }
        if let preference = shared.contactPreference { lines.append(SharedLine(key: "Prefers", value: preference)) }
        if let born = shared.dateOfBirth { lines.append(SharedLine(key: "Date of birth", value: born.longText)) }
        if let address = shared.address { lines.append(SharedLine(key: "Address", value: address)) }
        if let needs = shared.needs { lines.append(SharedLine(key: "Needs", value: needs.joined(separator: ", "))) }
        if let matters = shared.whatMatters {
            lines.append(SharedLine(key: "What matters", value: matters.joined(separator: "\n")))
        }
        if let access = shared.accessNeeds {
            lines.append(SharedLine(key: "Access needs", value: access.joined(separator: "\n")))
        }
        return lines
    }
}
