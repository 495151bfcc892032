import Foundation
import LinkwellDomain
import Logging

/// Where emails and texts go: GOV.UK Notify in a real deployment, the log
/// otherwise. The outbox (`OutboxDelivery`) decides when to send and what to
/// do on failure; a sender only sends, and says whether a message already
/// reached it.
public protocol MessageSender: Sendable {
    /// Sends the message, with its ID as the service's reference, and
    /// returns the service's ID for it. Throws `SendFailure`.
    func send(_ message: OutboxMessage) async throws -> String

    /// The service's ID for the message sent with this reference, if it
    /// has one: asked before sending a message that may already have gone.
    func alreadySent(reference: UUID) async throws -> String?
}

/// Why a message was not sent.
public enum SendFailure: Error, Equatable, Sendable {
    /// Try again later: the service was down, busy, or unreachable.
    case temporary(String)
    /// Trying again will not help: the service refused the message itself
    /// (an invalid phone number, say).
    case permanent(String)
}

/// Writes a line per message to the log instead of sending it: the default
/// when no GOV.UK Notify key is configured, so a demo or a development server
/// shows what would have gone. Never the wording or the full address, which
/// hold personal data.
public struct LoggingSender: MessageSender {
    let logger: Logger

    public init(logger: Logger) {
        self.logger = logger
    }

    public func send(_ message: OutboxMessage) async throws -> String {
        logger.notice(
            "message not sent: no GOV.UK Notify key is configured",
            metadata: [
                "message": "\(message.id)", "channel": "\(message.channel.rawValue)",
                "kind": "\(message.kind.rawValue)",
                "to": "\(Self.masked(message.recipient))",
            ])
        return "logged"
    }

    /// The log cannot be asked; a message logged twice after a crash harms nobody.
    public func alreadySent(reference: UUID) async throws -> String? { nil }

    /// "t…@example.org", "…982": enough to tell messages apart, not to contact anyone.
    static func masked(_ recipient: String) -> String {
        if let at = recipient.firstIndex(of: "@") { return "\(recipient.prefix(1))…\(recipient[at...])" }
        return "…\(recipient.suffix(3))"
    }
}
