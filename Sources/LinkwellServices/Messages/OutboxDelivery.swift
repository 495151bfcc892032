import Foundation
import LinkwellDomain
import LinkwellStore
import Logging

/// Sends what the outbox holds, each message once.
///
/// A message is claimed (with a lease) before it is sent, and marked sent
/// after. If the sender stops in between (a crash, a restart), the message
/// comes due again when its lease runs out, and because it may already have
/// gone, the sending service is first asked whether it has it (by the
/// message's ID, its reference there): if so, it is marked sent, not sent
/// again. A temporary failure is tried again after a wait that doubles each
/// time; a permanent one, or too many attempts, gives up and logs an error.
public struct OutboxDelivery: Sendable {
    /// The stores this uses, and no others (picked from the whole store at start-up).
    struct Stores: Sendable {
        let messages: any MessageStore

        init(_ all: any LinkwellStore) {
            messages = all.messages
        }
    }

    let store: Stores
    let sender: any MessageSender
    let clock: any WallClock
    let logger: Logger
    let policy: RetryPolicy

    public struct RetryPolicy: Sendable, Equatable {
        /// How long a claimed message stays claimed before another attempt may take it.
        public var lease: TimeInterval = 300
        public var firstWait: TimeInterval = 30
        public var longestWait: TimeInterval = 6 * 3600
        public var maximumAttempts = 10
        /// Claimed together under one lease: small enough that sending them
        /// all (20 s at most each, twice with the check) ends well inside it.
        public var batch = 5

        public init() {}

        /// The wait before attempt `attempts + 1`: 30 s, 1 min, 2 min… up to 6 hours.
        public func wait(after attempts: Int) -> TimeInterval {
            min(longestWait, firstWait * pow(2, Double(max(0, attempts - 1))))
        }
    }

    public struct Outcome: Sendable, Equatable {
        public var sent = 0
        public var retrying = 0
        public var failed = 0

        public init(sent: Int = 0, retrying: Int = 0, failed: Int = 0) {
            self.sent = sent
            self.retrying = retrying
            self.failed = failed
        }
    }

    public init(
        store: any LinkwellStore, sender: any MessageSender, clock: any WallClock, logger: Logger,
        policy: RetryPolicy = RetryPolicy()
    ) {
        self.store = Stores(store)
        self.sender = sender
        self.clock = clock
        self.logger = logger
        self.policy = policy
    }

    /// Sends everything due now, a batch at a time, until nothing is due.
    @discardableResult
    public func deliverDue() async throws -> Outcome {
        var outcome = Outcome()
        while true {
            let due = try await store.messages.claimDue(at: clock.now(), lease: policy.lease, limit: policy.batch)
            if due.isEmpty { break }
            for message in due { try await deliver(message, into: &outcome) }
            if due.count < policy.batch { break }
        }
        return outcome
    }

    private func deliver(_ message: OutboxMessage, into outcome: inout Outcome) async throws {
        do {
            if message.mayHaveBeenSent, let receipt = try await sender.alreadySent(reference: message.id) {
                try await store.messages.markSent(message, receipt: receipt, at: clock.now())
                outcome.sent += 1
                return
            }
            let receipt = try await sender.send(message)
            try await store.messages.markSent(message, receipt: receipt, at: clock.now())
            outcome.sent += 1
        } catch let failure as SendFailure {
            switch failure {
            case .temporary(let reason) where message.attempts < policy.maximumAttempts:
                try await store.messages.markFailed(
                    message, error: reason,
                    retryAt: clock.now().addingTimeInterval(policy.wait(after: message.attempts)))
                logger.warning(
                    "message not sent; will try again",
                    metadata: ["message": "\(message.id)", "attempt": "\(message.attempts)", "reason": "\(reason)"])
                outcome.retrying += 1
            case .temporary(let reason), .permanent(let reason):
                try await store.messages.markFailed(message, error: reason, retryAt: nil)
                logger.error(
                    "message given up",
                    metadata: ["message": "\(message.id)", "attempts": "\(message.attempts)", "reason": "\(reason)"])
                outcome.failed += 1
            }
        }
    }
}
