import Foundation
import LinkwellDomain
import LinkwellServices
import LinkwellStore
import LinkwellTestSupport
import Synchronization
import Testing

@Suite("Importing Open Referral UK data")
struct DirectoryImportTests {
    typealias F = DirectoryFixtures

    static func json(_ value: Any) throws -> Data {
        try JSONSerialization.data(withJSONObject: value)
    }

    static func object(_ service: HSDS.Service) throws -> [String: Any] {
        try JSONSerialization.jsonObject(with: try HSDS.encoder().encode(service)) as! [String: Any]
    }

    @Test(
        "Bad records are reported with their reasons and skipped; the rest go in; the same feed again changes nothing")
    func goodAndBad() async throws {
        try await ServiceHarness.run { harness in
            let walk = F.service(
                "Riverside Walking Group", terms: [F.term("Walking")], days: "TU", opens: "10:00", closes: "12:00")
            let choir = F.service("Riverside Singers")
            var badID = try Self.object(F.service("Lunch Club"))
            badID["id"] = "lunch-club"
            var badTime = try Self.object(F.service("Knit and Natter", days: "WE", opens: "14:00"))
            var schedules = badTime["schedules"] as! [[String: Any]]
            schedules[0]["opens_at"] = "2pm"
            badTime["schedules"] = schedules
            let noName: [String: Any] = ["id": F.uuid("nameless"), "status": "active"]
            let page: [String: Any] = [
                "total_items": 5, "total_pages": 1, "page_number": 1, "size": 5, "first_page": true, "last_page": true,
                "empty": false, "contents": [try Self.object(walk), badID, try Self.object(choir), badTime, noName],
            ]
            let importer = DirectoryImport(store: harness.store, clock: harness.clock)
            let summary = try await importer.importORUK(json: try Self.json(page), source: "riverside.json")
            #expect(summary.created == 2)
            #expect(summary.rejected.map(\.position) == [2, 4, 5])
            #expect(summary.rejected[0].reasons == ["id must be a UUID (was \"lunch-club\")"])
            #expect(summary.rejected[0].name == "Lunch Club")
            #expect(summary.rejected[1].reasons == ["schedules[0].opens_at must be a time such as 10:00 (was \"2pm\")"])
            #expect(summary.rejected[2].reasons == ["name is missing"])
            #expect(try await harness.store.directory.count() == 2)
            #expect(try await harness.store.directory.entry(id: walk.id)?.source == "riverside.json")

            let trail = try await harness.fixtures.auditTrail()
            #expect(trail.last?.entry.action == .directoryImported)
            #expect(trail.last?.entry.detail == "riverside.json: 2 created, 0 updated, 0 unchanged, 3 rejected")

            harness.clock.advance(by: 60)
            let again = try await importer.importORUK(json: try Self.json(page), source: "riverside.json")
            #expect(again.created == 0 && again.updated == 0 && again.unchanged == 2 && again.rejected.count == 3)
            #expect(
                try await harness.fixtures.auditTrail().count == trail.count, "nothing changed, so nothing to audit")
        }
    }

    @Test(
        "A record the database refuses is reported and skipped; the rest of its batch goes in; nothing of it is half-written"
    )
    func refusedByTheDatabase() async throws {
        try await ServiceHarness.run { harness in
            // Each passes the checks alone, but the second reuses the first's
            // place ID, which the database holds unique: its batch fails whole.
            let walk = F.service("Riverside Walking Group", at: (53.801, -1.551, "RV1 1AA"))
            var copy = F.service("Canal Walk", at: (53.802, -1.552, "RV1 1AB"))
            copy.serviceAtLocations = walk.serviceAtLocations
            let choir = F.service("Riverside Singers")
            let summary = try await DirectoryImport(store: harness.store, clock: harness.clock)
                .importORUK(
                    json: try Self.json([try Self.object(walk), try Self.object(copy), try Self.object(choir)]),
                    source: "feed.json")
            #expect(summary.created == 2)
            #expect(summary.rejected.map(\.position) == [2])
            #expect(summary.rejected.first?.reasons.first?.hasPrefix("the database refused it") == true)
            #expect(try await harness.store.directory.entry(id: copy.id) == nil, "no service row without its places")
            #expect(try await harness.store.directory.count() == 2)
            #expect(
                try await harness.store.directory.serviceAtLocation(id: F.uuid("place:Riverside Walking Group"))?.entry
                    .service.name
                    == "Riverside Walking Group")
        }
    }

    @Test("A list of services, one service, or a changed feed; anything else is refused as not ORUK")
    func shapes() async throws {
        try await ServiceHarness.run { harness in
            let importer = DirectoryImport(store: harness.store, clock: harness.clock)
            let walk = F.service("Riverside Walking Group")
            let list = try await importer.importORUK(json: try Self.json([try Self.object(walk)]), source: "list.json")
            #expect(list.created == 1)
            var changed = walk
            changed.description = "Now on Thursdays too."
            let one = try await importer.importORUK(json: try HSDS.encoder().encode(changed), source: "one.json")
            #expect(one.updated == 1)
            #expect(
                try await harness.store.directory.entry(id: walk.id)?.service.description == "Now on Thursdays too.")

            for text in ["{\"x\": 1}", "not json", "[1, 2]"] {
                await #expect(throws: DirectoryImportError.notORUK) {
                    _ = try await importer.importORUK(json: Data(text.utf8), source: "bad.json")
                }
            }
        }
    }

    @Test("Progress is reported as batches are saved")
    func progress() async throws {
        try await ServiceHarness.run { harness in
            let services = (1...7).map { try! Self.object(F.service("Group \($0)")) }
            let seen = Mutex<[Int]>([])
            let summary = try await DirectoryImport(store: harness.store, clock: harness.clock, batchSize: 3)
                .importORUK(json: try Self.json(services), source: "groups.json") { done, total in
                    #expect(total == 7)
                    seen.withLock { $0.append(done) }
                }
            #expect(summary.created == 7)
            #expect(seen.withLock { $0 } == [3, 6, 7])
        }
    }
}

@Suite("The synthetic directory")
struct SyntheticDirectoryTests {
    @Test("Each generated service is stored as the same text Foundation's sorted-keys encoder writes")
    func canonicalText() throws {
        for service in SyntheticDirectory.generate(count: 300, seed: 5, areas: SyntheticDirectory.england).services {
            #expect(
                try CanonicalJSON.string(service) == String(decoding: try HSDS.encoder().encode(service), as: UTF8.self)
            )
            #expect(
                try PreparedDirectoryRecord(DirectoryRecord(service: service, source: "s")).document
                    == CanonicalJSON.string(service))
        }
    }

    @Test("Every generated service passes the import checks; the same seed gives the same directory")
    func valid() throws {
        let first = SyntheticDirectory.generate(count: 300, seed: 11, areas: SyntheticDirectory.england)
        #expect(first.services.count == 300)
        for service in first.services { try DirectoryValidation.check(service) }
        #expect(Set(first.services.map(\.id)).count == 300, "identifiers are unique")
        let again = SyntheticDirectory.generate(count: 300, seed: 11, areas: SyntheticDirectory.england)
        #expect(again.services == first.services)
        #expect(again.postcodes == first.postcodes)
        #expect(
            SyntheticDirectory.generate(count: 5, seed: 12).services
                != SyntheticDirectory.generate(count: 5, seed: 11).services)

        // Every place's postcode has a centroid, and the place is near it.
        let centroids = Dictionary(first.postcodes.map { ($0.postcode, $0) }, uniquingKeysWith: { a, _ in a })
        for service in first.services {
            let location = try #require(service.serviceAtLocations?.first?.location)
            let postcode = try #require(location.addresses?.first?.postalCode)
            _ = try Postcode(postcode)
            #expect(centroids[PostcodeCentroid.key(postcode)] != nil)
        }
        // Spread over England's towns, and over the taxonomy.
        #expect(
            Set(first.services.compactMap { $0.serviceAtLocations?.first?.location?.addresses?.first?.city }).count
                == 12)
        #expect(Set(first.services.compactMap { $0.attributes?.first?.taxonomyTerm?.name }).count > 20)
    }

    @Test("The demo fills Riverside's directory once, with its postcodes")
    func demo() async throws {
        try await ServiceHarness.run { harness in
            try await DemoData.seed(into: harness.store, hasher: BcryptPasswordHasher(cost: 4), clock: harness.clock)
            #expect(try await harness.store.directory.count() == DemoData.directoryServices)
            let walking = try await harness.store.directory.services(
                matching: {
                    var q = ServiceQuery(); q.text = "walking group"; return q
                }(), page: PageRequest())
            #expect(walking.totalItems > 3)
            let place = try #require(walking.items.first?.service.serviceAtLocations?.first?.location?.addresses?.first)
            #expect(try await harness.store.directory.centroid(of: place.postalCode) != nil)
            try await DemoData.seed(into: harness.store, hasher: BcryptPasswordHasher(cost: 4), clock: harness.clock)
            #expect(try await harness.store.directory.count() == DemoData.directoryServices)
        }
    }
}

@Suite("Exporting the directory and loading postcodes")
struct DirectoryExportAndPostcodeTests {
    @Test("An export imports into another database as the same directory")
    func roundTrip() async throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("linkwell-export-\(UUID()).json")
        defer { try? FileManager.default.removeItem(at: file) }
        let generated = SyntheticDirectory.generate(count: 120, seed: 3)
        var original: [DirectoryEntry] = []
        try await ServiceHarness.run { harness in
            _ = try await harness.store.directory.save(
                generated.services.map { DirectoryRecord(service: $0, source: "a") }, at: harness.clock.now())
            FileManager.default.createFile(atPath: file.path, contents: nil)
            let handle = try FileHandle(forWritingTo: file)
            #expect(try await DirectoryExport(store: harness.store).writeORUK(to: handle, pageSize: 50) == 120)
            try handle.close()
            original = try await harness.store.directory.services(
                matching: ServiceQuery(), page: PageRequest(size: 500)
            ).items
        }
        try await ServiceHarness.run { harness in
            let summary = try await DirectoryImport(store: harness.store, clock: harness.clock)
                .importORUK(json: try Data(contentsOf: file), source: "export.json")
            #expect(summary.created == 120 && summary.rejected.isEmpty)
            let copy = try await harness.store.directory.services(
                matching: ServiceQuery(), page: PageRequest(size: 500)
            ).items
            #expect(copy.map(\.service) == original.map(\.service))
        }
    }

    @Test("ONSPD's CSV loads, leaving out terminated postcodes and those without a position")
    func postcodes() async throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("linkwell-onspd-\(UUID()).csv")
        defer { try? FileManager.default.removeItem(at: file) }
        let csv = """
            "pcd","pcd2","pcds","dointr","doterm","oscty","lat","long"\r
            "LS1 1AA","LS1  1AA","LS1 1AA","198001","","E99999999",53.799,-1.549\r
            "LS1 1AB","LS1  1AB","LS1 1AB","198001","200012","E99999999",53.798,-1.548\r
            "ZZ991ZZ","ZZ99 1ZZ","ZZ99 1ZZ","198001","","E99999999",99.999999,0.000000\r
            "LS2 7HY","LS2  7HY","LS2 7HY","198001","","E99999999",53.806,-1.555
            """
        try csv.write(to: file, atomically: true, encoding: .utf8)
        try await ServiceHarness.run { harness in
            let summary = try await PostcodeImport(store: harness.store).importCSV(at: file)
            #expect(summary == PostcodeImport.Summary(loaded: 2, skipped: 1, terminated: 1))
            #expect(try await harness.store.directory.centroid(of: "ls2 7hy")?.latitude == 53.806)
            #expect(try await harness.store.directory.centroid(of: "LS1 1AB") == nil)

            let wrong = FileManager.default.temporaryDirectory.appendingPathComponent("linkwell-wrong-\(UUID()).csv")
            defer { try? FileManager.default.removeItem(at: wrong) }
            try "name,lat\nx,1".write(to: wrong, atomically: true, encoding: .utf8)
            await #expect(throws: PostcodeImport.Failure.missingColumns("postcode")) {
                _ = try await PostcodeImport(store: harness.store).importCSV(at: wrong)
            }
        }
    }
}

@Suite("The directory's CSV template, in and out")
struct DirectoryCSVImportTests {
    typealias F = DirectoryFixtures

    /// The template documented in docs/directory-csv.md, as shipped.
    static func template() throws -> String {
        let docs = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
            .appendingPathComponent("docs/directory-template.csv")
        return try String(contentsOf: docs, encoding: .utf8)
    }

    @Test("The shipped template imports; again changes nothing; a bad row is reported by column and skipped")
    func template() async throws {
        try await ServiceHarness.run { harness in
            let importer = DirectoryImport(store: harness.store, clock: harness.clock)
            // The directory already knows "Walking": the template's walking group is linked to it.
            let walking = F.term("Walking")
            _ = try await harness.store.directory.save(
                [DirectoryRecord(service: F.service("Existing walk", terms: [walking]), source: "feed")],
                at: harness.clock.now())
            let text = try Self.template()
            let summary = try await importer.importCSV(text: text, source: "directory-template.csv")
            #expect(summary.description == "2 created, 0 updated, 0 unchanged, 0 rejected")
            var query = ServiceQuery()
            query.taxonomyTermID = walking.id
            #expect(
                try await harness.store.directory.services(matching: query, page: PageRequest()).items.map(
                    \.service.name)
                    == ["Existing walk", "Riverside Walking Group"])
            var charged = ServiceQuery()
            charged.text = "knit"
            charged.freeOnly = true
            #expect(
                try await harness.store.directory.services(matching: charged, page: PageRequest()).totalItems == 0,
                "£1 is not free")

            #expect(
                try await importer.importCSV(text: text, source: "directory-template.csv").description
                    == "0 created, 0 updated, 2 unchanged, 0 rejected")

            let broken =
                text
                + "\r\n,Lunch Club,Riverside Church,Hot lunch and company.,active,,Wednesday noon,free,,,,,,,,,,,,\r\n"
            let again = try await importer.importCSV(text: broken, source: "broken.csv")
            #expect(again.unchanged == 2)
            #expect(again.rejected.map(\.position) == [3])
            #expect(again.rejected.first?.name == "Lunch Club")
            #expect(again.rejected.first?.reasons.first?.hasPrefix("sessions Line 1") == true)

            await #expect(throws: DirectoryImportError.notCSVTemplate(missing: ["description"])) {
                try await importer.importCSV(text: "name,organisation\nA,B\n", source: "x.csv")
            }
        }
    }

    @Test("An export imports again as exactly what is there")
    func exportRoundTrip() async throws {
        try await ServiceHarness.run { harness in
            _ = try await harness.store.directory.save(
                F.riverside.map { DirectoryRecord(service: $0, source: "feed") }, at: harness.clock.now())
            let file = FileManager.default.temporaryDirectory.appendingPathComponent("linkwell-export-\(UUID()).csv")
            defer { try? FileManager.default.removeItem(at: file) }
            FileManager.default.createFile(atPath: file.path, contents: nil)
            let handle = try FileHandle(forWritingTo: file)
            #expect(
                try await DirectoryExport(store: harness.store).writeCSV(to: handle, pageSize: 3) == F.riverside.count)
            try handle.close()
            let text = try String(contentsOf: file, encoding: .utf8)
            let rows = CSVText.rows(in: text)
            #expect(rows.first == DirectoryCSV.columns)
            #expect(rows.count == F.riverside.count + 1)

            // Into an empty directory, then out again: the same CSV.
            try await ServiceHarness.run { other in
                let summary = try await DirectoryImport(store: other.store, clock: other.clock).importCSV(
                    text: text, source: "export.csv")
                #expect(summary.created == F.riverside.count)
                #expect(summary.rejected.isEmpty, "\(summary.rejected)")
                let second = FileManager.default.temporaryDirectory.appendingPathComponent(
                    "linkwell-export-\(UUID()).csv")
                defer { try? FileManager.default.removeItem(at: second) }
                FileManager.default.createFile(atPath: second.path, contents: nil)
                let out = try FileHandle(forWritingTo: second)
                try await DirectoryExport(store: other.store).writeCSV(to: out)
                try out.close()
                #expect(try String(contentsOf: second, encoding: .utf8) == text)
            }
        }
    }
}

@Suite("Importing from an ORUK API by address")
struct DirectoryFeedTests {
    typealias F = DirectoryFixtures

    /// An API of three services on two pages, one of whose records is broken.
    static func api(_ url: URL) throws -> Data {
        let services = F.riverside.prefix(3).map { $0 }
        let path = url.path
        let query = URLComponents(url: url, resolvingAgainstBaseURL: false)?.queryItems ?? []
        if path == "/oruk/services" {
            let number = Int(query.first { $0.name == "page" }?.value ?? "1") ?? 1
            let items = number == 1 ? Array(services.prefix(2)) : Array(services.suffix(1))
            let page: [String: Any] = [
                "total_items": 3, "total_pages": 2, "page_number": number, "size": items.count,
                "first_page": number == 1,
                "last_page": number == 2, "empty": false, "contents": items.map { ["id": $0.id, "name": $0.name] },
            ]
            return try JSONSerialization.data(withJSONObject: page)
        }
        if let service = services.first(where: { path == "/oruk/services/\($0.id)" }) {
            if service.id == services[1].id {
                return Data(#"{"id": "\#(service.id)", "name": "Broken", "status": 7}"#.utf8)
            }
            return try HSDS.encoder().encode(service)
        }
        throw DirectoryFeedError("\(url) answered 404 Not Found")
    }

    @Test("Every page is walked and every service read in full; a broken record is reported and skipped")
    func walk() async throws {
        try await ServiceHarness.run { harness in
            let feed = try DirectoryFeed(
                address: "https://directory.example.org/oruk", concurrency: 2, fetch: { try Self.api($0) })
            let importer = DirectoryImport(store: harness.store, clock: harness.clock)
            let summary = try await importer.importORUK(feed: feed, source: "https://directory.example.org/oruk")
            #expect(summary.created == 2)
            #expect(summary.rejected.map(\.name) == ["Broken"])
            #expect(summary.rejected.map(\.position) == [2], "positions run on across pages")
            let audited = try await harness.store.audit.events(fromSequence: 1, limit: 100).filter {
                $0.entry.action == .directoryImported
            }
            #expect(audited.count == 1, "one audit event for the whole feed, not one a page")
            let walk = try #require(try await harness.store.directory.entry(id: F.riverside[0].id))
            #expect(walk.service.schedules == F.riverside[0].schedules, "read in full, not as the list gave it")
            #expect(walk.source == "https://directory.example.org/oruk")
            let again = try await importer.importORUK(feed: feed, source: "https://directory.example.org/oruk")
            #expect(again.unchanged == 2)
        }
    }

    @Test("Addresses that are not web addresses, and APIs that fail, are explained")
    func failures() async throws {
        #expect(throws: DirectoryFeedError.self) { try DirectoryFeed(address: "directory.example.org/oruk") }
        #expect(throws: DirectoryFeedError.self) { try DirectoryFeed(address: "ftp://directory.example.org/oruk") }
        let missing = try DirectoryFeed(address: "https://directory.example.org/other", fetch: { try Self.api($0) })
        await #expect(
            throws: DirectoryFeedError("https://directory.example.org/other/services?page=1 answered 404 Not Found")
        ) {
            _ = try await missing.serviceDocuments()
        }
        let notAPage = try DirectoryFeed(
            address: "https://directory.example.org/oruk/services", fetch: { _ in Data("[1, 2]".utf8) })
        await #expect(throws: DirectoryFeedError.self) { _ = try await notAPage.serviceDocuments() }
    }
}

@Suite("Importing legacy ORUK v1 feeds")
struct LegacyImportTests {
    @Test("A v1 page imports as 3.0 records; again changes nothing; a v1 record with no name is refused")
    func legacy() async throws {
        try await ServiceHarness.run { harness in
            let fixture = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
                .appendingPathComponent("LinkwellDomainTests/Standards/oruk-v1-services.json")
            let data = try Data(contentsOf: fixture)
            let importer = DirectoryImport(store: harness.store, clock: harness.clock)
            let summary = try await importer.importORUK(json: data, source: "council-v1.json")
            #expect(summary.description == "2 created, 0 updated, 0 unchanged, 0 rejected")
            var query = ServiceQuery()
            query.text = "lunch"
            query.days = [.tuesday]
            #expect(
                try await harness.store.directory.services(matching: query, page: PageRequest()).items.map(
                    \.service.name) == ["Tuesday Lunch Club"])
            #expect(try await importer.importORUK(json: data, source: "council-v1.json").unchanged == 2)

            let nameless = Data(#"[{"id": 5, "description": "No name", "regular_schedules": []}]"#.utf8)
            let refused = try await importer.importORUK(json: nameless, source: "bad-v1.json")
            #expect(refused.rejected.first?.reasons.contains { $0.hasPrefix("name") } == true, "\(refused.rejected)")
        }
    }
}

@Suite("Importing a list of services, a batch at a time")
struct DirectoryListImportTests {
    typealias F = DirectoryFixtures

    @Test("Elements are found whatever their text holds; bad ones keep their positions; batches agree with one big one")
    func batches() async throws {
        try await ServiceHarness.run { harness in
            var tricky = F.service("Brackets [and] {braces}, \"quotes\" and commas")
            tricky.description = "Back\\slash \\\" ] } , and a newline\nhere"
            let services = (0..<7).map { F.service("Group \($0)") } + [tricky]
            var elements = try services.map { String(decoding: try HSDS.encoder().encode($0), as: UTF8.self) }
            elements.insert("42", at: 2)
            elements.insert(#"{"id": "not-a-uuid", "name": "Bad, [really]", "status": "active"}"#, at: 5)
            let document = Data(("\u{FEFF} [\n" + elements.joined(separator: " ,\n\t") + "\r\n]\n").utf8)
            let importer = DirectoryImport(store: harness.store, clock: harness.clock, batchSize: 3)
            let summary = try await importer.importORUK(json: document, source: "list.json")
            #expect(summary.created == 8)
            #expect(summary.rejected.map(\.position) == [3, 6])
            #expect(summary.rejected.last?.name == "Bad, [really]")
            #expect(try await harness.store.directory.entry(id: tricky.id)?.service.description == tricky.description)
            #expect(try await importer.importORUK(json: document, source: "list.json").unchanged == 8)
            await #expect(throws: DirectoryImportError.notORUK) {
                _ = try await importer.importORUK(json: Data("[{\"id\": \"cut short".utf8), source: "cut.json")
            }
        }
    }
}

@Suite("Reading an ORUK API that sometimes fails")
struct DirectoryFeedRetryTests {
    /// Counts calls per address; fails the first `failures` calls to each with `error`.
    final class FlakyAPI: @unchecked Sendable {
        let lock = NSLock()
        var calls: [String: Int] = [:]
        let failures: Int
        let error: any Error

        init(failures: Int, error: any Error) {
            self.failures = failures
            self.error = error
        }

        func fetch(_ url: URL) throws -> Data {
            let count = lock.withLock { () -> Int in
                calls[url.absoluteString, default: 0] += 1
                return calls[url.absoluteString]!
            }
            if count <= failures { throw error }
            return try DirectoryFeedTests.api(url)
        }
    }

    @Test("A busy server or a dropped connection is tried again; a wrong address is not")
    func retries() async throws {
        let busy = FlakyAPI(failures: 2, error: DirectoryFeedError("answered 503 Service Unavailable", status: 503))
        let feed = try DirectoryFeed(
            address: "https://directory.example.org/oruk", attempts: 3, retryDelay: .zero, fetch: { try busy.fetch($0) }
        )
        #expect(try await feed.serviceDocuments().count == 3)
        #expect(busy.calls["https://directory.example.org/oruk/services?page=1"] == 3)

        let dropped = FlakyAPI(failures: 3, error: URLError(.networkConnectionLost))
        let giveUp = try DirectoryFeed(
            address: "https://directory.example.org/oruk", attempts: 3, retryDelay: .zero,
            fetch: { try dropped.fetch($0) })
        await #expect(throws: DirectoryFeedError.self) { _ = try await giveUp.serviceDocuments() }
        #expect(
            dropped.calls["https://directory.example.org/oruk/services?page=1"] == 3, "three tries, then a clear error")

        let missing = FlakyAPI(failures: 1, error: DirectoryFeedError("answered 404 Not Found", status: 404))
        let wrong = try DirectoryFeed(
            address: "https://directory.example.org/oruk", attempts: 3, retryDelay: .zero,
            fetch: { try missing.fetch($0) })
        await #expect(throws: DirectoryFeedError("answered 404 Not Found", status: 404)) {
            _ = try await wrong.serviceDocuments()
        }
        #expect(missing.calls["https://directory.example.org/oruk/services?page=1"] == 1, "not tried again")
    }
}
