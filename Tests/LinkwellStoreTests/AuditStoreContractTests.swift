import Foundation
import LinkwellDomain
import LinkwellStore
import LinkwellTestSupport
import Testing

@Suite("Store contract: audit log")
struct AuditStoreContractTests {
    @Test("Appended events form an intact hash chain and read back exactly", arguments: TestBackend.allCases)
    func chain(backend: TestBackend) async throws {
        try await backend.withStore { store, _ in
            let fixtures = StoreFixtures(store: store)
            let riverside = try await fixtures.organisation()
            let sam = try await fixtures.user(in: riverside.id)
            let appended = try await store.audit.append(
                AuditEntry(
                    occurredAt: fixtures.clock.now(), organisationID: riverside.id, actorID: sam.id,
                    actorLabel: sam.auditLabel, action: .signInFailed,
                    target: .user(sam.id), clientAddress: "192.0.2.7", detail: "wrong password"))
            #expect(appended.sequence == 3)

            let trail = try await fixtures.auditTrail()
            #expect(trail.map(\.sequence) == [1, 2, 3])
            #expect(AuditChain.verify(trail) == .intact(count: 3))
            let last = try #require(trail.last)
            #expect(last == appended, "what was read back is what was written, to the millisecond")
        }
    }

    @Test("The schema refuses to change or delete an audit event", arguments: TestBackend.allCases)
    func appendOnly(backend: TestBackend) async throws {
        try await backend.withStore { store, raw in
            let fixtures = StoreFixtures(store: store)
            try await fixtures.organisation()
            await #expect(throws: (any Error).self) {
                try await raw.execute("UPDATE audit_events SET detail = 'edited'")
            }
            await #expect(throws: (any Error).self) { try await raw.execute("DELETE FROM audit_events") }
            #expect(try await fixtures.auditTrail().count == 1)
            #expect(try await fixtures.auditTrail().first?.entry.detail == "")
        }
    }

    @Test("Editing an event behind the schema's back breaks the chain at that event", arguments: TestBackend.allCases)
    func tamperingShows(backend: TestBackend) async throws {
        try await backend.withStore { store, raw in
            let fixtures = StoreFixtures(store: store)
            let riverside = try await fixtures.organisation()
            try await fixtures.user("One", in: riverside.id)
            try await fixtures.user("Two", in: riverside.id)
            #expect(AuditChain.verify(try await fixtures.auditTrail()) == .intact(count: 3))

            try await raw.tamperWithAuditEvent(sequence: 2, detail: "nothing to see here")
            #expect(
                AuditChain.verify(try await fixtures.auditTrail()) == .broken(count: 3, brokenAt: [2], brokenCount: 1))
            try await raw.tamperWithAuditEvent(sequence: 3, detail: "nor here")
            #expect(
                AuditChain.verify(try await fixtures.auditTrail())
                    == .broken(count: 3, brokenAt: [2, 3], brokenCount: 2),
                "a second edit is reported too, not hidden behind the first")
        }
    }

    @Test(
        "Text with control characters is stored exactly as its hash covers it, so the chain stays intact",
        arguments: TestBackend.allCases)
    func controlCharacters(backend: TestBackend) async throws {
        try await backend.withStore { store, _ in
            let fixtures = StoreFixtures(store: store)
            let hostile = [
                "Full\u{0}", "\u{0}leading", "bell\u{7} escape\u{1B}[2J", "del\u{7F} c1\u{85}\u{9F}", "cr\r\nlf\rcr",
                "tab\tand\nline",
            ]
            for text in hostile {
                try await store.audit.append(
                    AuditEntry(
                        occurredAt: fixtures.clock.now(), organisationID: nil, actorID: nil, actorLabel: text,
                        action: .signInFailed,
                        target: AuditTarget(type: "user", id: text), clientAddress: text, detail: text))
            }
            let trail = try await fixtures.auditTrail()
            #expect(AuditChain.verify(trail) == .intact(count: hostile.count))
            #expect(trail.map(\.entry.detail) == hostile.map(Text.cleaned))
            #expect(trail.allSatisfy { !$0.entry.detail.unicodeScalars.contains(where: Text.isRemoved) })
        }
    }

    @Test("Concurrent appends still make one unbroken chain", arguments: TestBackend.allCases)
    func concurrentAppends(backend: TestBackend) async throws {
        try await backend.withStore { store, _ in
            let fixtures = StoreFixtures(store: store)
            try await withThrowingTaskGroup(of: Void.self) { group in
                for index in 0..<24 {
                    group.addTask {
                        try await store.audit.append(fixtures.audit(.signInFailed, detail: "attempt \(index)"))
                    }
                }
                try await group.waitForAll()
            }
            #expect(AuditChain.verify(try await fixtures.auditTrail()) == .intact(count: 24))
        }
    }

    @Test("Events are listed newest first, filtered and paged", arguments: TestBackend.allCases)
    func listing(backend: TestBackend) async throws {
        try await backend.withStore { store, _ in
            let fixtures = StoreFixtures(store: store)
            let riverside = try await fixtures.organisation("Riverside PCN")
            let meadow = try await fixtures.organisation("Meadow PCN")
            let sam = try await fixtures.user("Sam", in: riverside.id)
            for _ in 0..<3 {
                try await store.audit.append(
                    fixtures.audit(.signInFailed, organisation: riverside.id, target: .user(sam.id)))
            }
            try await fixtures.user("Jo", in: meadow.id)

            let all = try await store.audit.events(matching: AuditQuery(), page: PageRequest(number: 1, size: 4))
            #expect(all.totalItems == 7)
            #expect(all.totalPages == 2)
            #expect(all.items.map(\.sequence) == [7, 6, 5, 4])
            let second = try await store.audit.events(matching: AuditQuery(), page: PageRequest(number: 2, size: 4))
            #expect(second.items.map(\.sequence) == [3, 2, 1])

            let riversideFailures = try await store.audit.events(
                matching: AuditQuery(organisationID: riverside.id, action: .signInFailed), page: PageRequest())
            #expect(riversideFailures.totalItems == 3)
            let aboutSam = try await store.audit.events(
                matching: AuditQuery(target: .user(sam.id)), page: PageRequest())
            #expect(aboutSam.totalItems == 4, "created, and three failures")
            let meadowOnly = try await store.audit.events(
                matching: AuditQuery(organisationID: meadow.id), page: PageRequest())
            #expect(meadowOnly.items.allSatisfy { $0.entry.organisationID == meadow.id })
        }
    }
}

@Suite("Store contract: migrations and deployment")
struct MigrationContractTests {
    @Test("Migrating again applies nothing", arguments: TestBackend.allCases)
    func migrateIsIdempotent(backend: TestBackend) async throws {
        try await backend.withStore { store, _ in
            #expect(try await store.migrate() == [])
            try await store.checkHealth()
        }
    }

    @Test("A database is a demo database only once marked", arguments: TestBackend.allCases)
    func demoMarker(backend: TestBackend) async throws {
        try await backend.withStore { store, _ in
            #expect(try await store.deployment.isDemo() == false)
            try await store.deployment.markAsDemo()
            try await store.deployment.markAsDemo()
            #expect(try await store.deployment.isDemo() == true)
        }
    }
}

@Suite("Store contract: times")
struct TimePrecisionContractTests {
    @Test("Times are kept to the millisecond, whatever their floating-point form", arguments: TestBackend.allCases)
    func everyMillisecond(backend: TestBackend) async throws {
        try await backend.withStore { store, _ in
            let fixtures = StoreFixtures(store: store)
            // A thousand consecutive milliseconds include every awkward Double.
            let start = Date(timeIntervalSince1970: 1_772_442_000)
            var written: [AuditEvent] = []
            for millisecond in stride(from: 0, to: 1000, by: 7) {
                let time = Date(timeIntervalSince1970: start.timeIntervalSince1970 + Double(millisecond) / 1000)
                written.append(
                    try await store.audit.append(
                        AuditEntry(
                            occurredAt: time, organisationID: nil, actorID: nil, action: .signInFailed, target: nil,
                            clientAddress: nil)))
            }
            let read = try await fixtures.auditTrail()
            #expect(read == written)
            #expect(AuditChain.verify(read) == .intact(count: written.count))
        }
    }
}
