import Foundation
import LinkwellDomain
import LinkwellStore
import LinkwellTestSupport
import Testing

@Suite("Store contract: editing directory entries, with history")
struct DirectoryEditingStoreContractTests {
    typealias F = DirectoryFixtures

    @Test(
        "An edit saves the record, its history line and its audit event together, on the version seen",
        arguments: TestBackend.allCases)
    func edit(backend: TestBackend) async throws {
        try await backend.withStore { store, _ in
            let fixtures = StoreFixtures(store: store)
            let charity = try await fixtures.organisation("Riverside Community Action", kind: .voluntarySector)
            let mo = try await fixtures.user("Mo Hassan", role: .provider, in: charity.id)
            let walk = F.riverside[0]
            _ = try await store.directory.save(
                [DirectoryRecord(service: walk, source: "feed", maintainedBy: charity.id)], at: fixtures.clock.now())
            let before = try #require(try await store.directory.entry(id: walk.id))
            #expect(before.version == 1)

            fixtures.clock.advance(by: 86_400)
            var changed = walk
            changed.description = "A gentle walk along the canal, then tea and cake."
            let change = DirectoryChange(
                serviceID: walk.id, at: fixtures.clock.now(), actorID: mo.id, actorLabel: "Mo Hassan", kind: .edited,
                fields: [
                    DirectoryFieldChange(
                        field: "Description", before: walk.description ?? "", after: changed.description!)
                ])
            let audit = fixtures.audit(
                .directoryEntryChanged, organisation: charity.id, actor: mo.id, target: .directoryService(walk.id))
            let saved = try await store.directory.edit(
                DirectoryRecord(service: changed, source: "feed", maintainedBy: charity.id), expectedVersion: 1,
                change: change, audit: audit)
            #expect(saved.version == 2)
            #expect(saved.service.description == changed.description)
            #expect(saved.reviewedAt.isSameInstant(as: fixtures.clock.now()), "an edit counts as a review")
            #expect(saved.maintainedBy == charity.id)
            #expect(
                try await store.directory.services(
                    matching: {
                        var q = ServiceQuery(); q.text = "canal cake"; return q
                    }(), page: PageRequest()
                ).totalItems == 1, "search sees the edit")

            // Someone else's edit, made on version 1 as well, is refused and changes nothing.
            var stale = walk
            stale.name = "Stale name"
            await #expect(throws: StoreError.versionConflict(currentVersion: 2)) {
                try await store.directory.edit(
                    DirectoryRecord(service: stale, source: "feed", maintainedBy: charity.id), expectedVersion: 1,
                    change: change, audit: audit)
            }
            #expect(try await store.directory.entry(id: walk.id)?.service.name == walk.name)

            let history = try await store.directory.history(of: walk.id)
            #expect(history == [change.numbered(2)])
            let audited = try await fixtures.auditTrail().filter { $0.entry.action == .directoryEntryChanged }
            #expect(audited.count == 1, "the refused edit left no audit event")
        }
    }

    @Test("A new entry is made on version 0; an existing one cannot be made again", arguments: TestBackend.allCases)
    func create(backend: TestBackend) async throws {
        try await backend.withStore { store, _ in
            let fixtures = StoreFixtures(store: store)
            let charity = try await fixtures.organisation("Riverside Community Action", kind: .voluntarySector)
            let mo = try await fixtures.user("Mo Hassan", role: .provider, in: charity.id)
            let singers = F.riverside[2]
            let change = DirectoryChange(
                serviceID: singers.id, at: fixtures.clock.now(), actorID: mo.id, actorLabel: "Mo Hassan",
                kind: .created, fields: [])
            let audit = fixtures.audit(.directoryEntryChanged, organisation: charity.id, actor: mo.id)
            let record = DirectoryRecord(service: singers, source: "Linkwell", maintainedBy: charity.id)
            let created = try await store.directory.edit(record, expectedVersion: 0, change: change, audit: audit)
            #expect(created.version == 1)
            await #expect(throws: StoreError.versionConflict(currentVersion: 1)) {
                try await store.directory.edit(record, expectedVersion: 0, change: change, audit: audit)
            }
            await #expect(throws: StoreError.notFound) {
                try await store.directory.edit(
                    DirectoryRecord(service: F.riverside[1], source: "Linkwell"), expectedVersion: 3, change: change,
                    audit: audit)
            }
            #expect(
                try await store.directory.entries(maintainedBy: charity.id, page: PageRequest()).items.map(
                    \.service.name) == [singers.name])
        }
    }

    @Test(
        "Confirming an entry moves its review date and leaves the record alone; handing it over changes who keeps it",
        arguments: TestBackend.allCases)
    func reviewAndHandOver(backend: TestBackend) async throws {
        try await backend.withStore { store, _ in
            let fixtures = StoreFixtures(store: store)
            let charity = try await fixtures.organisation("Riverside Community Action", kind: .voluntarySector)
            let admin = try await fixtures.user("Chris Walker", role: .administrator, in: charity.id)
            _ = try await store.directory.save(
                F.riverside.map { DirectoryRecord(service: $0, source: "feed") }, at: fixtures.clock.now())
            let singers = F.riverside[2]
            let before = try #require(try await store.directory.entry(id: singers.id))

            fixtures.clock.advance(by: 30 * 86_400)
            let review = DirectoryChange(
                serviceID: singers.id, at: fixtures.clock.now(), actorID: admin.id, actorLabel: "Chris Walker",
                kind: .reviewed, fields: [])
            let reviewed = try await store.directory.markReviewed(
                id: singers.id, expectedVersion: 1, change: review,
                audit: fixtures.audit(.directoryEntryReviewed, actor: admin.id))
            #expect(reviewed.version == 2)
            #expect(reviewed.reviewedAt.isSameInstant(as: fixtures.clock.now()))
            #expect(reviewed.service == before.service)
            await #expect(throws: StoreError.versionConflict(currentVersion: 2)) {
                try await store.directory.markReviewed(
                    id: singers.id, expectedVersion: 1, change: review,
                    audit: fixtures.audit(.directoryEntryReviewed, actor: admin.id))
            }

            // The same record, now kept by the charity: only who keeps it changes.
            fixtures.clock.advance(by: 60)
            let handOver = DirectoryChange(
                serviceID: singers.id, at: fixtures.clock.now(), actorID: admin.id, actorLabel: "Chris Walker",
                kind: .edited,
                fields: [DirectoryFieldChange(field: "Kept up to date by", before: "nobody", after: charity.name)])
            let handed = try await store.directory.edit(
                DirectoryRecord(service: reviewed.service, source: "feed", maintainedBy: charity.id),
                expectedVersion: 2, change: handOver,
                audit: fixtures.audit(.directoryEntryChanged, actor: admin.id))
            #expect(handed.maintainedBy == charity.id)
            #expect(handed.version == 3)
            #expect(
                try await store.directory.history(of: singers.id).map(\.kind) == [.edited, .reviewed], "newest first")
            #expect(try await store.directory.history(of: F.riverside[0].id).isEmpty)
        }
    }
}

@Suite("Store contract: services as stored JSON, for lists")
struct DirectoryDocumentsContractTests {
    typealias F = DirectoryFixtures

    @Test(
        "The same services in the same order as decoded search, and list items equal to encoding the records' list shape",
        arguments: TestBackend.allCases)
    func documents(backend: TestBackend) async throws {
        try await backend.withStore { store, _ in
            _ = try await store.directory.save(
                F.riverside.map { DirectoryRecord(service: $0, source: "test") }, at: Date())
            for build in [{ (_: inout ServiceQuery) in }, { $0.text = "riverside" }, { $0.freeOnly = true }]
                as [(inout ServiceQuery) -> Void]
            {
                var query = ServiceQuery()
                build(&query)
                let decoded = try await store.directory.services(matching: query, page: PageRequest(number: 1, size: 3))
                let stored = try await store.directory.serviceDocuments(
                    matching: query, page: PageRequest(number: 1, size: 3))
                #expect(stored.totalItems == decoded.totalItems)
                #expect(stored.items.count == decoded.items.count)
                for (entry, document) in zip(decoded.items, stored.items) {
                    let expected =
                        try JSONSerialization.jsonObject(with: try HSDS.encoder().encode(entry.service.listItem))
                        as! NSDictionary
                    let actual =
                        try JSONSerialization.jsonObject(with: Data(document.listItemJSON.utf8)) as! NSDictionary
                    #expect(actual == expected, "\(entry.service.name)")
                }
            }
        }
    }
}

@Suite("List items cut from stored JSON")
struct DirectoryListItemTests {
    @Test(
        "Strings holding quotes, braces, brackets and commas do not confuse the cut; anything unreadable falls back to decoding"
    )
    func tricky() throws {
        var service = DirectoryFixtures.riverside[0]
        service.description = "Say \"hi\" {to} [everyone], then \\ leave: \"}\""
        service.name = "Walk, {talk} and \"tea\""
        let document = String(decoding: try HSDS.encoder().encode(service), as: UTF8.self)
        let item = DirectoryListItem.json(from: document, lastModified: "2026-11-29T10:00:00Z")
        var expectedService = service.listItem
        expectedService.lastModified = "2026-11-29T10:00:00Z"
        let expected =
            try JSONSerialization.jsonObject(with: try HSDS.encoder().encode(expectedService)) as! NSDictionary
        #expect(try JSONSerialization.jsonObject(with: Data(item.utf8)) as! NSDictionary == expected)
        let spaced = " {\n \"name\" : \"A\" , \"schedules\" : [ {\"x\": \"]\"} ] ,\n \"id\":\"1\" }"
        #expect(
            try JSONSerialization.jsonObject(with: Data(DirectoryListItem.json(from: spaced, lastModified: "t").utf8))
                as! NSDictionary
                == ["last_modified": "t", "name": "A", "id": "1"] as NSDictionary)
        #expect(
            DirectoryListItem.json(from: "not json", lastModified: "t") == "not json",
            "unreadable text is passed on, not lost")
    }
}

@Suite("SQLite: upgrading a directory to the narrow filter table")
struct DirectoryFactsUpgradeTests {
    @Test("Migration 7 fills the filter table from services already stored, and filters agree before and after")
    func upgrade() async throws {
        try await TestBackend.sqlite.withStore { store, raw in
            _ = try await store.directory.save(
                DirectoryFixtures.riverside.map { DirectoryRecord(service: $0, source: "test") }, at: Date())
            func find(_ build: (inout ServiceQuery) -> Void) async throws -> [String] {
                var query = ServiceQuery()
                build(&query)
                return try await store.directory.services(matching: query, page: PageRequest()).items.map(
                    \.service.name)
            }
            let before = [
                try await find { $0.forAge = 14 }, try await find { $0.freeOnly = true },
                try await find { $0.minimumAge = 16 },
            ]
            // Back to the database as it was before migration 7, services and all.
            try await raw.execute(
                """
                DROP TRIGGER directory_facts_insert; DROP TRIGGER directory_facts_update; DROP TABLE directory_facts;
                DELETE FROM grdb_migrations WHERE identifier = '0007_directory_facts'
                """)
            #expect(try await store.migrate() == [7])
            let after = [
                try await find { $0.forAge = 14 }, try await find { $0.freeOnly = true },
                try await find { $0.minimumAge = 16 },
            ]
            #expect(after == before)
            #expect(before[0] == ["Youth Football"])
        }
    }
}
