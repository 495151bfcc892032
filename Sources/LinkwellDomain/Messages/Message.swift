import Foundation

/// Something a change must tell someone: an email, a text message, or a
/// notice in the app. Written in the same transaction as the change, so a
/// change is never made without its messages, nor a message sent for a change
/// that did not happen.
///
/// Emails and texts are written out in full here (subject and body), and go
/// through one GOV.UK Notify template each whose fields are the subject and
/// body: so wording lives in the code, reviewed like code, and a deployment
/// sets up two templates, not one per message. They never carry anything of
/// a person's record beyond what the recipient already has: a provider's
/// email says a referral is waiting and where to sign in, never who it is.
public enum Message: Hashable, Sendable {
    case email(to: EmailAddress, kind: MessageKind, subject: String, body: String)
    case sms(to: PhoneNumber, kind: MessageKind, body: String)
    case notice(to: UserID, text: String, href: String)
}

/// What a message is about, for logs and the outbox (not its wording).
public enum MessageKind: String, Sendable, CaseIterable, Codable {
    case referralToProvider = "referral-to-provider"
    case providerReminder = "provider-reminder"
    case connectionToPerson = "connection-to-person"
    case acceptedToPerson = "accepted-to-person"
}

/// An email or text waiting in the outbox.
public struct OutboxMessage: Hashable, Sendable, Identifiable {
    public enum Channel: String, Sendable, Codable {
        case email, sms
    }

    public enum State: String, Sendable, Codable {
        /// Waiting for its next attempt.
        case pending
        /// Claimed by a sender: it may or may not have gone. If it stays
        /// claimed past its lease (the sender stopped), the next attempt first
        /// asks the service whether it arrived.
        case sending
        case sent
        /// Given up: refused as unsendable, or too many attempts.
        case failed
    }

    /// Also the reference the sending service is given, so that it can be
    /// asked later whether this message reached it.
    public let id: UUID
    public let channel: Channel
    public let recipient: String
    public let kind: MessageKind
    /// Empty for a text message.
    public let subject: String
    public let body: String
    public let state: State
    /// Attempts started, this one included once claimed.
    public let attempts: Int
    public let createdAt: Date

    public init(
        id: UUID, channel: Channel, recipient: String, kind: MessageKind, subject: String, body: String, state: State,
        attempts: Int, createdAt: Date
    ) {
        self.id = id
        self.channel = channel
        self.recipient = recipient
        self.kind = kind
        self.subject = subject
        self.body = body
        self.state = state
        self.attempts = attempts
        self.createdAt = createdAt
    }

    /// A message claimed before may already have been sent: ask before
    /// sending again.
    public var mayHaveBeenSent: Bool { attempts > 1 }
}

/// A notice shown to a user in the app.
public struct Notice: Hashable, Sendable, Identifiable {
    public let id: UUID
    public let text: String
    public let href: String
    public let createdAt: Date
    public let readAt: Date?

    public init(id: UUID, text: String, href: String, createdAt: Date, readAt: Date?) {
        self.id = id
        self.text = text
        self.href = href
        self.createdAt = createdAt
        self.readAt = readAt
    }
}
