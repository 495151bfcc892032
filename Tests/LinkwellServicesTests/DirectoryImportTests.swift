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

    @Test("Bad records are reported with their reasons and skipped; the rest go in; the same feed again changes nothing")
    func goodAndBad() async throws {
        try await ServiceHarness.run { harness in
            let walk = F.service("Riverside Walking Group", terms: [F.term("Walking")], days: "TU", opens: "10:00", closes: "12:00")
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
            #expect(try await harness.fixtures.auditTrail().count == trail.count, "nothing changed, so nothing to audit")
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
            #expect(try await harness.store.directory.entry(id: walk.id)?.service.description == "Now on Thursdays too.")

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
