import Foundation
import LinkwellDomain
import LinkwellServices
import LinkwellStore
import LinkwellTestSupport
import Testing

/// SQLite checks ages, cost, sessions and places from a copy in memory;
/// PostgreSQL checks them in SQL. Both must find exactly the same services for
/// any mix of filters, so two hundred random mixes are run on both over one
/// synthetic directory.
@Suite("Directory filters: SQLite's in-memory checks agree with PostgreSQL's SQL")
struct DirectoryFilterAgreementTests {
    static func queries(count: Int) -> [ServiceQuery] {
        var random = SeededGenerator(seed: 7)
        let area = SyntheticDirectory.riverside
        return (0..<count).map { _ in
            var query = ServiceQuery()
            if random.chance(0.30) {
                query.text = random.pick(["walking", "club", "advice", "group", "singing", "carers"])
            }
            if random.chance(0.30) { query.forAge = random.pick([5, 14, 16, 17, 18, 25, 50, 64, 65, 80, 100]) }
            if random.chance(0.10) { query.minimumAge = random.pick([0, 16, 18, 50, 65]) }
            if random.chance(0.10) { query.maximumAge = random.pick([17, 25, 64, 120]) }
            if random.chance(0.20) { query.freeOnly = true }
            if random.chance(0.10) { query.language = random.pick(["Polish", "ur", "English", "Welsh"]) }
            if random.chance(0.10) { query.access = random.pick(DirectoryAccess.allCases) }
            if random.chance(0.10) { query.maximumCost = random.pick([0, 2, 5, 10]) }
            if random.chance(0.35) {
                query.days = DirectoryDay.allCases.filter { _ in random.chance(0.30) }
                if query.days.isEmpty { query.days = [random.pick(DirectoryDay.allCases)] }
            }
            if random.chance(0.15) { query.startTime = random.pick([9, 10, 13, 18]) * 60 }
            if random.chance(0.15) { query.endTime = random.pick([12, 15, 17, 21]) * 60 }
            if random.chance(0.40) {
                let spread = area.radiusMetres / ServiceQuery.Circle.metresPerDegree
                query.near = .init(
                    latitude: area.latitude + (Double.random(in: 0..<1, using: &random) - 0.5) * spread,
                    longitude: area.longitude + (Double.random(in: 0..<1, using: &random) - 0.5) * spread * 1.7,
                    metres: random.pick([300, 1000, 2500, 5000]))
            }
            return query
        }
    }

    /// What each query finds on one backend: the services' IDs (as a set, since
    /// the backends rank text differently) and the total the page reports.
    static func answers(on backend: TestBackend, services: [HSDS.Service], queries: [ServiceQuery]) async throws
        -> [(ids: Set<String>, total: Int, places: Set<String>)]
    {
        try await backend.withStore { store, _ in
            _ = try await store.directory.save(
                services.map { DirectoryRecord(service: $0, source: "synthetic") }, at: Date())
            var answers: [(ids: Set<String>, total: Int, places: Set<String>)] = []
            for query in queries {
                let page = try await store.directory.services(matching: query, page: PageRequest(size: 1000))
                let places = try await store.directory.serviceAtLocations(
                    matching: query, page: PageRequest(size: 1000))
                answers.append((Set(page.items.map(\.service.id)), page.totalItems, Set(places.items.map(\.id))))
            }
            return answers
        }
    }

    @Test("Two hundred random mixes of filters find the same services on both backends")
    func agreement() async throws {
        let services = SyntheticDirectory.generate(count: 500, seed: 31).services
        let queries = Self.queries(count: 200)
        let sqlite = try await Self.answers(on: .sqlite, services: services, queries: queries)
        let postgres = try await Self.answers(on: .postgres, services: services, queries: queries)
        var disagreements = 0
        for (index, query) in queries.enumerated() where sqlite[index] != postgres[index] {
            disagreements += 1
            if disagreements <= 5 {
                Issue.record(
                    """
                    \(query): SQLite \(sqlite[index].total) services, PostgreSQL \(postgres[index].total); \
                    only SQLite: \(sqlite[index].ids.subtracting(postgres[index].ids).count), \
                    only PostgreSQL: \(postgres[index].ids.subtracting(sqlite[index].ids).count); \
                    places \(sqlite[index].places.count) and \(postgres[index].places.count)
                    """)
            }
        }
        #expect(disagreements == 0)
        // The mixes are not all trivially empty or all-matching.
        let sizes = sqlite.map(\.total)
        #expect(sizes.filter { $0 == 0 }.count < queries.count / 2)
        #expect(sizes.filter { $0 > 0 && $0 < services.count / 2 }.count > queries.count / 4)
    }
}
