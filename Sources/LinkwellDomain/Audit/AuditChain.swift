import Foundation

/// The hash chain over the audit log. Each event's hash covers its own fields
/// and the previous event's hash, so changing or deleting any event breaks every
/// hash after it. (Removing events from the very end is not detectable this
/// way; that needs the last hash kept somewhere else, such as a backup.)
public enum AuditChain {
    /// The "previous hash" of the first event.
    public static let genesis = String(repeating: "0", count: 64)

    public static func hash(sequence: Int64, entry: AuditEntry, previousHash: String) -> String {
        // A unit separator between fields: it cannot appear in any field we store,
        // so two different events cannot produce the same text.
        let fields: [String] = [
            String(sequence),
            String(entry.occurredAt.millisecondsSince1970),
            entry.organisationID?.description ?? "",
            entry.actorID?.description ?? "",
            entry.actorLabel,
            entry.action.rawValue,
            entry.target?.type ?? "",
            entry.target?.id ?? "",
            entry.clientAddress ?? "",
            entry.detail,
            previousHash,
        ]
        return fields.joined(separator: "\u{1F}").sha256Hex
    }

    /// Where a sequence of events, in order and starting from the first, stops
    /// being a valid chain.
    public enum Verdict: Equatable, Sendable {
        case intact(count: Int)
        case broken(atSequence: Int64)
    }

    public static func verify(_ events: some Sequence<AuditEvent>) -> Verdict {
        var verifier = Verifier()
        for event in events where !verifier.accept(event) {
            return .broken(atSequence: event.sequence)
        }
        return .intact(count: verifier.count)
    }

    /// Checks a chain one event at a time, so a long log can be read in batches.
    public struct Verifier: Sendable {
        private var previous = AuditChain.genesis
        private var expectedSequence: Int64 = 1
        public private(set) var count = 0

        public init() {}

        /// True if `event` is the correct next link; after a false, stop.
        public mutating func accept(_ event: AuditEvent) -> Bool {
            guard event.sequence == expectedSequence, event.previousHash == previous,
                AuditChain.hash(sequence: event.sequence, entry: event.entry, previousHash: previous) == event.hash
            else { return false }
            previous = event.hash
            expectedSequence += 1
            count += 1
            return true
        }
    }
}
