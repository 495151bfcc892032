import Foundation
import LinkwellDomain
import LinkwellStore

/// Connection rows to domain values, for both backends.
extension RowMapping {
    public static func connection(_ row: some StoredRow) throws -> Connection {
        let items = try row.text("shared_details")
        return Connection(
            id: try row.identifier("id"),
            organisationID: try row.identifier("organisation_id"),
            personID: try row.identifier("person_id"),
            referralID: try row.identifier("referral_id"),
            service: ConnectedService(
                id: try row.text("service_id"), name: try row.text("service_name"),
                providerID: try row.optionalIdentifier("provider_id"), providerName: try row.text("provider_name")),
            kind: try row.enumeration("kind"),
            status: try row.enumeration("status"),
            shared: try Documents.decode(SharedDetails.self, items),
            note: try row.text("note"),
            responseDays: try row.integer("response_days"),
            createdAt: try row.date("created_at"),
            createdBy: try row.identifier("created_by"),
            createdByName: try row.text("created_by_name"),
            referredAt: try row.optionalDate("referred_at"),
            answeredAt: try row.optionalDate("answered_at"),
            acceptedAt: try row.optionalDate("accepted_at"),
            attendedAt: try row.optionalDate("attended_at"),
            closedAt: try row.optionalDate("closed_at"),
            remindersSent: try row.integer("reminders_sent"),
            updatedAt: try row.date("updated_at"),
            version: try row.integer("version"))
    }

    public static func connectionStatusChange(_ row: some StoredRow) throws -> ConnectionStatusChange {
        let from = try row.text("from_status")
        return ConnectionStatusChange(
            from: from == "new" ? nil : try row.enumeration("from_status"),
            to: try row.enumeration("to_status"), reason: try row.text("reason"),
            actor: try row.enumeration("actor_kind"),
            actorName: try row.text("actor_name"), occurredAt: try row.date("occurred_at"))
    }

    public static func outcome(_ row: some StoredRow) throws -> ProviderStatistics.Outcome {
        ProviderStatistics.Outcome(
            referredAt: try row.date("referred_at"), answeredAt: try row.optionalDate("answered_at"),
            accepted: try row.optionalDate("accepted_at") != nil, status: try row.enumeration("status"))
    }

    public static func outboxMessage(_ row: some StoredRow) throws -> OutboxMessage {
        let id: Identifier<OutboxMessage> = try row.identifier("id")
        let content = try Documents.decode([String: String].self, try row.text("personalisation"))
        return OutboxMessage(
            id: id.rawValue, channel: try row.enumeration("channel"), recipient: try row.text("recipient"),
            kind: try row.enumeration("template"), subject: content["subject"] ?? "", body: content["body"] ?? "",
            state: try row.enumeration("state"), attempts: try row.integer("attempts"),
            createdAt: try row.date("created_at"))
    }

    public static func notice(_ row: some StoredRow) throws -> Notice {
        let id: Identifier<Notice> = try row.identifier("id")
        return Notice(
            id: id.rawValue, text: try row.text("text"), href: try row.text("href"),
            createdAt: try row.date("created_at"),
            readAt: try row.optionalDate("read_at"))
    }

    public static func referralProgress(_ row: some StoredRow) throws -> ReferralProgress {
        let reason: String? = try row.optionalText("discharge_reason")
        return ReferralProgress(
            referralID: try row.identifier("id"), organisationID: try row.identifier("organisation_id"),
            personID: try row.identifier("person_id"), personName: try row.text("person_name"),
            receivingOrganisation: try row.text("receiving_organisation"), receivedAt: try row.date("received_at"),
            status: try row.enumeration("status"), connectedServices: try row.integer("connected_services"),
            dischargeReason: try reason.map { raw in
                guard let value = DischargeReason(rawValue: raw) else {
                    throw CorruptValue(column: "discharge_reason", value: raw)
                }
                return value
            },
            dischargeSummary: try row.optionalText("discharge_summary"), closedAt: try row.optionalDate("closed_at"))
    }
}

/// A message as the outbox stores it: channel, recipient, kind, and its
/// wording as JSON ("personalisation", as GOV.UK Notify calls it).
public struct OutboxRow: Sendable {
    public let channel: OutboxMessage.Channel
    public let recipient: String
    public let kind: MessageKind
    public let personalisation: String

    /// Nil for a notice, which is not sent but shown.
    public init?(_ message: Message) throws {
        switch message {
        case .email(let to, let kind, let subject, let body):
            channel = .email
            recipient = to.value
            self.kind = kind
            personalisation = try Documents.encode(["subject": subject, "body": body])
        case .sms(let to, let kind, let body):
            channel = .sms
            recipient = to.value
            self.kind = kind
            personalisation = try Documents.encode(["body": body])
        case .notice:
            return nil
        }
    }
}

extension ConnectionTransition {
    /// Which of the connection's times this move stamps (column names).
    public var stampedColumns: [String] {
        var columns: [String] = []
        if from == .suggested && to == .referred { columns.append("referred_at") }
        if from == .referred && [.accepted, .declined].contains(to) { columns.append("answered_at") }
        if to == .accepted { columns.append("accepted_at") }
        if to == .attending { columns.append("attended_at") }
        if !to.isOpen { columns.append("closed_at") }
        return columns
    }
}

/// SQL both backends share for connections.
public enum ConnectionSQL {
    /// The statuses in which a person is (or was, until they finished)
    /// connected to a service: what the referrer's "connected to N services" counts.
    public static let connectedStatuses = "('accepted', 'attending', 'completed', 'stopped-attending')"
}
