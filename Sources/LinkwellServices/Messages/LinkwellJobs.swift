import Foundation
import LinkwellDomain
import LinkwellStore
import Logging

/// The work Linkwell does on its own, in order: connection deadlines (which
/// may write messages), then the outbox. The server runs this every minute;
/// `linkwell jobs run-once` runs it once (for cron, or after an outage).
public struct LinkwellJobs: Sendable {
    public let deadlines: ConnectionDeadlines
    public let delivery: OutboxDelivery

    public init(deadlines: ConnectionDeadlines, delivery: OutboxDelivery) {
        self.deadlines = deadlines
        self.delivery = delivery
    }

    public struct Outcome: Sendable, Equatable {
        public let deadlines: ConnectionDeadlines.Outcome
        public let messages: OutboxDelivery.Outcome

        public init(deadlines: ConnectionDeadlines.Outcome, messages: OutboxDelivery.Outcome) {
            self.deadlines = deadlines
            self.messages = messages
        }
    }

    @discardableResult
    public func runOnce() async throws -> Outcome {
        let deadlines = try await deadlines.runOnce()
        let messages = try await delivery.deliverDue()
        return Outcome(deadlines: deadlines, messages: messages)
    }
}

extension LinkwellJobs {
    /// The jobs alone, for `linkwell jobs run-once`, without the rest of the services.
    public init(
        store: any LinkwellStore, clock: any WallClock, timeZone: TimeZone, publicAddress: String,
        sender: any MessageSender,
        logger: Logger
    ) {
        let context = CaseworkContext(store: .init(store), clock: clock, timeZone: timeZone)
        let connections = ConnectionService(
            context: context, store: .init(store), publicAddress: publicAddress,
            outcomes: OutcomeService(context: context, store: .init(store)))
        self.init(
            deadlines: ConnectionDeadlines(connections: connections, logger: logger, store: .init(store)),
            delivery: OutboxDelivery(store: store, sender: sender, clock: clock, logger: logger))
    }
}
