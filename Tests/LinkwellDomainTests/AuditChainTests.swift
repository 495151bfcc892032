import Foundation
import LinkwellDomain
import Testing

@Suite("Audit hash chain")
struct AuditChainTests {
    func chain(_ count: Int) -> [AuditEvent] {
        var events: [AuditEvent] = []
        var previous = AuditChain.genesis
        for index in 1...count {
            let entry = AuditEntry(
                occurredAt: Date(timeIntervalSince1970: 1_772_442_000 + Double(index)),
                organisationID: OrganisationID(),
                actorID: UserID(), actorLabel: "Chris Walker <admin@riverside.example>", action: .userUpdated,
                target: .user(UserID()), clientAddress: "192.0.2.1", detail: "change \(index)")
            let hash = AuditChain.hash(sequence: Int64(index), entry: entry, previousHash: previous)
            events.append(AuditEvent(sequence: Int64(index), entry: entry, previousHash: previous, hash: hash))
            previous = hash
        }
        return events
    }

    @Test("An untouched chain verifies")
    func intact() {
        #expect(AuditChain.verify(chain(5)) == .intact(count: 5))
        #expect(AuditChain.verify([]) == .intact(count: 0))
    }

    @Test("Changing any field of an event breaks the chain at that event")
    func editedField() {
        var events = chain(4)
        let original = events[2]
        let edited = AuditEntry(
            occurredAt: original.entry.occurredAt, organisationID: original.entry.organisationID,
            actorID: original.entry.actorID,
            actorLabel: "Someone Innocent", action: original.entry.action, target: original.entry.target,
            clientAddress: original.entry.clientAddress, detail: original.entry.detail)
        events[2] = AuditEvent(sequence: 3, entry: edited, previousHash: original.previousHash, hash: original.hash)
        #expect(AuditChain.verify(events) == .broken(count: 4, brokenAt: [3], brokenCount: 1))
    }

    @Test("Removing an event from the middle breaks the chain where it was")
    func removed() {
        var events = chain(4)
        events.remove(at: 1)
        #expect(AuditChain.verify(events) == .broken(count: 3, brokenAt: [3], brokenCount: 1))
    }

    @Test("Rehashing one edited event does not help: the next one no longer links to it")
    func rehashed() {
        var events = chain(4)
        let original = events[1]
        let edited = AuditEntry(
            occurredAt: original.entry.occurredAt, organisationID: nil, actorID: nil, action: .signInFailed,
            target: nil,
            clientAddress: nil, detail: "forged")
        let forgedHash = AuditChain.hash(sequence: 2, entry: edited, previousHash: original.previousHash)
        events[1] = AuditEvent(sequence: 2, entry: edited, previousHash: original.previousHash, hash: forgedHash)
        #expect(AuditChain.verify(events) == .broken(count: 4, brokenAt: [3], brokenCount: 1))
    }

    @Test("Every broken link is reported, so one cannot hide the tampering after it")
    func everyBrokenLink() {
        var events = chain(9)
        func edit(_ index: Int) {
            let original = events[index]
            let edited = AuditEntry(
                occurredAt: original.entry.occurredAt, organisationID: nil, actorID: nil, action: .signInFailed,
                target: nil,
                clientAddress: nil, detail: "edited")
            events[index] = AuditEvent(
                sequence: original.sequence, entry: edited, previousHash: original.previousHash, hash: original.hash)
        }
        edit(2)
        edit(6)
        events.remove(at: 4)
        #expect(AuditChain.verify(events) == .broken(count: 8, brokenAt: [3, 6, 7], brokenCount: 3))
    }

    @Test("Control characters are cleaned in the entry itself, so the hash covers what a database keeps")
    func controlCharacters() {
        let entry = AuditEntry(
            occurredAt: Date(timeIntervalSince1970: 1), organisationID: nil, actorID: nil, actorLabel: "Mo\u{0}",
            action: .connectionStatusChanged, target: AuditTarget(type: "connection", id: "x\u{7}"),
            clientAddress: "1.2.3.4\u{0}",
            detail: "Full\u{0}hidden\u{1B}[2J\u{85}\r\nnext\tline")
        #expect(entry.detail == "Fullhidden[2J\nnext\tline")
        #expect(entry.actorLabel == "Mo")
        #expect(entry.target?.id == "x")
        #expect(entry.clientAddress == "1.2.3.4")
    }

    @Test("Times are kept to the millisecond, the precision both databases store")
    func millisecondPrecision() {
        let entry = AuditEntry(
            occurredAt: Date(timeIntervalSince1970: 1.2345678), organisationID: nil, actorID: nil, action: .signedOut,
            target: nil, clientAddress: nil)
        #expect(entry.occurredAt.millisecondsSince1970 == 1234)
    }
}

@Suite("Millisecond precision")
struct MillisecondPrecisionTests {
    @Test("Truncating to the millisecond is idempotent, even where Doubles fall short")
    func idempotent() {
        for millisecond in 0..<1000 {
            let date = Date(timeIntervalSince1970: 1_772_442_000 + Double(millisecond) / 1000)
            let once = Date.millisecondPrecision(date)
            #expect(Date.millisecondPrecision(once) == once)
            #expect(once.millisecondsSince1970 == 1_772_442_000_000 + Int64(millisecond))
        }
    }
}
