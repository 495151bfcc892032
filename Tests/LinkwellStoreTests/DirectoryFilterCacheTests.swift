import Foundation
import LinkwellDomain
import LinkwellSQL
import LinkwellSQLite
import LinkwellStore
import LinkwellTestSupport
import Testing

/// SQLite filters searches from a copy in memory of every service's ages,
/// cost, sessions and places. These tests hold it to the database: a change
/// saved anywhere, by this process or another, is what the next search sees.
@Suite("SQLite: the in-memory copy of the search filters stays current")
struct DirectoryFilterCacheTests {
    typealias F = DirectoryFixtures

    func names(_ store: SQLiteStore, _ build: (inout ServiceQuery) -> Void) async throws -> [String] {
        var query = ServiceQuery()
        build(&query)
        return try await store.directory.services(matching: query, page: PageRequest()).items.map(\.service.name)
    }

    @Test("A search in one process sees what another process saved a moment before")
    func anotherProcess() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("linkwell-filters-\(UUID())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("directory.sqlite").path
        // The server's store, and (as `linkwell import` would be) another one on the same file.
        let server = try SQLiteStore(path: path)
        try await server.migrate()
        let importer = try SQLiteStore(path: path)
        _ = try await importer.directory.save(
            F.riverside.map { DirectoryRecord(service: $0, source: "test") }, at: Date())

        #expect(try await names(server) { $0.forAge = 14 } == ["Youth Football"])
        #expect(try await names(server) { $0.days = [.sunday] } == [])

        var singers = try #require(F.riverside.first { $0.name == "Riverside Singers" })
        singers.minimumAge = 12
        singers.schedules = singers.schedules?.map {
            var schedule = $0; schedule.byday = "SU"; return schedule
        }
        #expect(
            try await importer.directory.save([DirectoryRecord(service: singers, source: "test")], at: Date()) == [
                .updated
            ])

        #expect(try await names(server) { $0.forAge = 14 } == ["Riverside Singers", "Youth Football"])
        #expect(try await names(server) { $0.days = [.sunday] } == ["Riverside Singers"])
        #expect(
            try await names(server) {
                $0.days = [.sunday]; $0.text = "singers"
            } == ["Riverside Singers"])
        try await importer.close()
        try await server.close()
    }
}
