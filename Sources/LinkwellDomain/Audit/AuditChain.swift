import Foundation

/// The hash chain over the audit log. Each event's hash covers its own fields
/// and the previous event's hash, so changing or deleting any event breaks every
/// hash after it. (Removing events from the very end is not detectable this
/// way; that needs the last hash kept somewhere else, such as a backup.)
public enum AuditChain {
    /// The "previous hash" of the first event.
    public static let genesis = String(repeating: "0", count: 64)

    public static func hash(sequence: Int64, entry: AuditEntry, previousHash: String) -> String {
        // A unit separator between fields: it cannot appear in any field we store
        // (`AuditEntry` removes control characters), so two different events
        // cannot produce the same text.
        var fields: [String] = [
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
        ]
        // The people listed and the organisations concerned came later: an
        // event without them hashes as events always did, and one with them
        // cannot hash like one without (it has more fields).
        if !entry.people.isEmpty || !entry.concerns.isEmpty {
            fields.append(entry.people.map(\.description).joined(separator: " "))
            fields.append(entry.concerns.map(\.description).joined(separator: " "))
        }
        fields.append(previousHash)
        return fields.joined(separator: "\u{1F}").sha256Hex
    }

    /// What checking a log found: every event intact, or every event where
    /// the chain is broken (a changed event, a removed one before it, or a
    /// link that no longer matches), not only the first, so that one broken
    /// link cannot hide later tampering.
    public enum Verdict: Equatable, Sendable {
        case intact(count: Int)
        /// `count` events read; `brokenAt` the first `Verifier.reportLimit`
        /// broken ones by sequence; `brokenCount` how many in all.
        case broken(count: Int, brokenAt: [Int64], brokenCount: Int)
    }

    public static func verify(_ events: some Sequence<AuditEvent>) -> Verdict {
        var verifier = Verifier()
        for event in events { verifier.check(event) }
        return verifier.verdict
    }

    /// Checks a chain one event at a time, so a long log can be read in
    /// batches, and carries on past a broken link: each event is judged on
    /// its own hash and on its link to the event stored before it.
    public struct Verifier: Sendable {
        /// Sequences kept for the report; beyond this only the count grows.
        public static let reportLimit = 1_000

        private var previous = AuditChain.genesis
        private var expectedSequence: Int64 = 1
        public private(set) var count = 0
        public private(set) var brokenAt: [Int64] = []
        public private(set) var brokenCount = 0

        public init() {}

        /// Checks `event` as the next in the log; true if it is a sound link.
        @discardableResult
        public mutating func check(_ event: AuditEvent) -> Bool {
            let sound =
                event.sequence == expectedSequence && event.previousHash == previous
                && AuditChain.hash(sequence: event.sequence, entry: event.entry, previousHash: event.previousHash)
                    == event.hash
            if !sound {
                brokenCount += 1
                if brokenAt.count < Self.reportLimit { brokenAt.append(event.sequence) }
            }
            previous = event.hash
            expectedSequence = event.sequence + 1
            count += 1
            return sound
        }

        public var verdict: Verdict {
            brokenCount == 0
                ? .intact(count: count) : .broken(count: count, brokenAt: brokenAt, brokenCount: brokenCount)
        }
    }
}
