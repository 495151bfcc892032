import Foundation
import LinkwellDomain

/// The wording of every message about connections, in one place to read and
/// review. Emails to providers never say who was referred: they say that
/// something is waiting and where to sign in. Texts go to people only when a
/// text is how they asked to be contacted, and say no more than they know.
struct ConnectionMessages: Sendable {
    /// Where Linkwell is reached, for links in emails ("https://linkwell.example.org").
    let address: String
    /// The deployment's, for dates in messages.
    let timeZone: TimeZone

    func toProvider(_ user: User, kind: ConnectionKind, service: String, from organisation: String, id: ConnectionID)
        -> Message
    {
        let what = kind == .formalReferral ? "a referral" : "an introduction"
        return .email(
            to: user.email, kind: .referralToProvider,
            subject: "New \(kind == .formalReferral ? "referral" : "introduction") to \(service)",
            body: """
                \(organisation) has sent \(what) to \(service).

                Sign in to Linkwell to see it\(kind == .formalReferral ? " and answer" : ""): \(address)/provider/connections/\(id)
                """)
    }

    func reminder(_ user: User, connection: Connection, daysLeft: Int) -> Message {
        .email(
            to: user.email, kind: .providerReminder,
            subject: "A referral to \(connection.service.name) is waiting for your answer",
            body: """
                A referral to \(connection.service.name) has been waiting since \(CalendarDate(connection.referredAt ?? connection.createdAt, in: timeZone).longText).
                If it is not answered within \(daysLeft) \(daysLeft == 1 ? "day" : "days"), the link worker will be told there was no response.

                Sign in to Linkwell to accept or decline it: \(address)/provider/connections/\(connection.id)
                """)
    }

    func toPerson(_ person: Person, connectedTo service: HSDS.Service, by worker: String, kind: ConnectionKind)
        -> [Message]
    {
        guard person.details.preferredContact == .text, let phone = person.details.phone else { return [] }
        let contact = [service.phones?.first?.number, service.email, service.url].compactMap { $0 }.first
        let line: String =
            switch kind {
            case .signposting: contact.map { " You can contact them on \($0)." } ?? ""
            case .warmIntroduction: " \(worker) is introducing you to them."
            case .formalReferral: " They will reply to the referral soon."
            }
        return [
            .sms(
                to: phone, kind: .connectionToPerson,
                body:
                    "Hello \(person.details.knownAs), this is \(worker), your link worker. I have put you in touch with \(service.name).\(line)"
            )
        ]
    }

    func acceptedToPerson(_ person: Person, service: String) -> [Message] {
        guard person.details.preferredContact == .text, let phone = person.details.phone else { return [] }
        return [
            .sms(
                to: phone, kind: .acceptedToPerson,
                body: "Hello \(person.details.knownAs), \(service) has accepted your referral and will be in touch.")
        ]
    }

    /// The link worker's notice when the provider answers or records attendance.
    func answered(_ connection: Connection, status: ConnectionStatus, by who: String, reason: String) -> String {
        let what = "\(connection.kind == .formalReferral ? "referral" : "introduction") to \(connection.service.name)"
        let text: String =
            switch status {
            case .accepted: "\(who) accepted the \(what)"
            case .declined: "\(who) declined the \(what)"
            case .attending: "\(who) says they are booked in at, or have started, \(connection.service.name)"
            case .completed: "\(who) says they have completed \(connection.service.name)"
            case .stoppedAttending: "\(who) says they have stopped attending \(connection.service.name)"
            case .didNotAttend: "\(who) says they did not attend \(connection.service.name)"
            default: "\(who) marked the \(what) \(status.label.lowercased())"
            }
        return reason.isEmpty ? text : "\(text): “\(reason)”"
    }

    func noResponse(_ connection: Connection) -> String {
        "No answer from \(connection.service.name) in \(connection.responseDays) days: the referral is marked no response. You may want to try another service."
    }
}
