import Foundation
import LinkwellDomain
import LinkwellStore
import LinkwellTestSupport
import Testing

@Suite("Store contract: the community directory")
struct DirectoryStoreContractTests {
    typealias F = DirectoryFixtures
    static let outdoors = F.outdoors
    static let walking = F.walking
    static let singing = F.singing
    static let money = F.money
    static let services = F.riverside

    func names(_ page: Page<DirectoryEntry>) -> [String] { page.items.map(\.service.name) }

    @Test(
        "Services are saved whole and read back; the same record again changes nothing", arguments: TestBackend.allCases
    )
    func saveAndRead(backend: TestBackend) async throws {
        try await backend.withStore { store, _ in
            let clock = ManualClock()
            let records = Self.services.map { DirectoryRecord(service: $0, source: "test feed") }
            #expect(
                try await store.directory.save(records, at: clock.now()) == [.created, .created, .created, .created])
            #expect(try await store.directory.count() == 4)

            let walk = try #require(try await store.directory.entry(id: Self.services[0].id))
            var expected = Self.services[0]
            expected.lastModified = DirectoryTime.text(clock.now())
            #expect(walk.service == expected, "stored whole, with last_modified set to the time it arrived")
            #expect(walk.source == "test feed")
            #expect(walk.version == 1)
            let football = try #require(try await store.directory.entry(id: Self.services[3].id))
            #expect(football.service.lastModified == "2020-01-01T09:00:00Z", "a feed's own last_modified is kept")

            clock.advance(by: 3600)
            #expect(
                try await store.directory.save(records, at: clock.now()) == [
                    .unchanged, .unchanged, .unchanged, .unchanged,
                ])
            #expect(
                try await store.directory.entry(id: Self.services[0].id)?.service.lastModified == expected.lastModified)

            var changed = Self.services[0]
            changed.description = "A gentle walk by the canal, then tea and cake."
            #expect(
                try await store.directory.save(
                    [DirectoryRecord(service: changed, source: "test feed")], at: clock.now()) == [.updated])
            let updated = try #require(try await store.directory.entry(id: changed.id))
            #expect(updated.version == 2)
            #expect(updated.service.description == changed.description)
            #expect(updated.service.lastModified == DirectoryTime.text(clock.now()))
            #expect(try await store.directory.entry(id: F.uuid("no such service")) == nil)
        }
    }

    @Test("Each filter finds what it should, and filters combine with AND", arguments: TestBackend.allCases)
    func filters(backend: TestBackend) async throws {
        try await backend.withStore { store, _ in
            _ = try await store.directory.save(
                Self.services.map { DirectoryRecord(service: $0, source: "test") }, at: Date())
            func find(_ build: (inout ServiceQuery) -> Void) async throws -> [String] {
                var query = ServiceQuery()
                build(&query)
                return names(try await store.directory.services(matching: query, page: PageRequest()))
            }
            #expect(
                try await find { _ in } == [
                    "Debt Advice Drop-in", "Riverside Singers", "Riverside Walking Group", "Youth Football",
                ])
            #expect(try await find { $0.text = "walking" } == ["Riverside Walking Group"])
            #expect(try await find { $0.text = "walks" } == ["Riverside Walking Group"], "stemmed")
            #expect(try await find { $0.text = "sing" } == ["Riverside Singers"], "a word's start is enough")
            #expect(try await find { $0.text = "choir" } == ["Riverside Singers"], "descriptions are searched")
            #expect(try await find { $0.text = "citizens" } == ["Debt Advice Drop-in"], "organisations are searched")
            #expect(try await find { $0.text = "money" } == ["Debt Advice Drop-in"], "taxonomy terms are searched")
            #expect(
                try await find { $0.text = "riverside walking" } == ["Riverside Walking Group"], "every word must match"
            )
            #expect(try await find { $0.text = "riverside" }.count == 4)
            #expect(try await find { $0.text = "zzzz" } == [])
            #expect(try await find { $0.text = "wlaking" } == ["Riverside Walking Group"], "two letters swapped")
            #expect(try await find { $0.text = "choire" } == ["Riverside Singers"], "a letter too many")
            #expect(try await find { $0.text = "riverside footbal" } == ["Youth Football"], "a typo beside a good word")
            #expect(try await find { $0.text = "qwerty" } == [], "nothing close enough")

            #expect(try await find { $0.taxonomyTermID = Self.walking.id } == ["Riverside Walking Group"])
            #expect(try await find { $0.taxonomyID = F.taxonomyID }.count == 3)
            #expect(
                try await find { $0.organizationID = F.organization("Citizens Advice Riverside").id } == [
                    "Debt Advice Drop-in"
                ])
            #expect(try await find { $0.modifiedAfter = Date(timeIntervalSince1970: 1_600_000_000) }.count == 3)
            #expect(
                try await find { $0.minimumAge = 16 } == [
                    "Debt Advice Drop-in", "Riverside Singers", "Riverside Walking Group",
                ])
            #expect(try await find { $0.maximumAge = 16 } == ["Youth Football"])
            #expect(try await find { $0.days = [.saturday] } == ["Riverside Singers", "Youth Football"])
            #expect(
                try await find { $0.days = [.wednesday, .tuesday] } == [
                    "Debt Advice Drop-in", "Riverside Walking Group",
                ])
            #expect(try await find { $0.startTime = 10 * 60 } == ["Riverside Singers", "Riverside Walking Group"])
            #expect(try await find { $0.endTime = 12 * 60 } == ["Riverside Walking Group", "Youth Football"])
            #expect(
                try await find {
                    $0.days = [.saturday]; $0.endTime = 12 * 60
                } == ["Youth Football"], "one session meets them all")
            #expect(
                try await find { $0.near = .init(latitude: 53.80, longitude: -1.55, metres: 1500) }
                    == ["Riverside Singers", "Riverside Walking Group"])
            #expect(
                try await find { $0.near = .init(latitude: 53.80, longitude: -1.55, metres: 200) } == [
                    "Riverside Walking Group"
                ])
            #expect(try await find { $0.near = .init(latitude: 53.80, longitude: -1.55, metres: 20_000) }.count == 3)
            #expect(
                try await find {
                    $0.near = .init(latitude: 53.80, longitude: -1.55, metres: 20_000); $0.nearestFirst = true
                }
                    == ["Riverside Walking Group", "Riverside Singers", "Debt Advice Drop-in"],
                "nearest first, when asked")
            #expect(
                try await find {
                    $0.near = .init(latitude: 53.89, longitude: -1.55, metres: 20_000); $0.nearestFirst = true
                }
                    == ["Debt Advice Drop-in", "Riverside Singers", "Riverside Walking Group"], "from the other end")
            #expect(
                try await find {
                    $0.text = "riverside"; $0.days = [.saturday]; $0.minimumAge = 16
                } == ["Riverside Singers"])
            #expect(try await find { $0.forAge = 14 } == ["Youth Football"], "only the football takes a 14-year-old")
            #expect(try await find { $0.forAge = 100 } == ["Debt Advice Drop-in", "Riverside Singers"])
            #expect(
                try await find { $0.freeOnly = true } == [
                    "Debt Advice Drop-in", "Riverside Walking Group", "Youth Football",
                ])

            #expect(try await find { $0.language = "Polish" } == ["Debt Advice Drop-in"], "by name")
            #expect(try await find { $0.language = " PL " } == ["Debt Advice Drop-in"], "by code, any case and spacing")
            #expect(try await find { $0.language = "Pol" } == [], "a whole name or code, not part of one")
            #expect(
                try await find {
                    $0.language = "english"; $0.text = "debt"
                } == ["Debt Advice Drop-in"])
            #expect(try await find { $0.maximumCost = 5 }.count == 4, "the choir's £3 is within £5")
            #expect(
                try await find { $0.maximumCost = 2.5 } == [
                    "Debt Advice Drop-in", "Riverside Walking Group", "Youth Football",
                ])
            #expect(try await find { $0.access = .stepFree } == ["Riverside Walking Group"])
            #expect(try await find { $0.access = .hearingLoop } == ["Riverside Singers"])
            #expect(
                try await find {
                    $0.access = .accessibleToilet; $0.text = "choir"
                } == ["Riverside Singers"])
            #expect(
                try await find {
                    $0.access = .accessibleToilet; $0.text = "walk"
                } == [])

            // A changed record is filtered by its new ages and cost.
            var football = Self.services[3]
            football.maximumAge = 99
            football.costOptions = [
                {
                    var c = HSDS.CostOption(id: F.uuid("football cost")); c.amount = 2; return c
                }()
            ]
            #expect(
                try await store.directory.save([DirectoryRecord(service: football, source: "test")], at: Date()) == [
                    .updated
                ])
            #expect(
                try await find {
                    $0.forAge = 50; $0.text = "football"
                } == ["Youth Football"], "the new oldest age")
            #expect(
                try await find {
                    $0.freeOnly = true; $0.text = "football"
                } == [], "no longer free")
            #expect(
                try await find {
                    $0.maximumCost = 1; $0.text = "football"
                } == [], "£2 now")
        }
    }

    @Test("Pages are consistent: every service once, totals agree", arguments: TestBackend.allCases)
    func paging(backend: TestBackend) async throws {
        try await backend.withStore { store, _ in
            _ = try await store.directory.save(
                Self.services.map { DirectoryRecord(service: $0, source: "test") }, at: Date())
            var seen: [String] = []
            for number in 1...2 {
                let page = try await store.directory.services(
                    matching: ServiceQuery(), page: PageRequest(number: number, size: 3))
                #expect(page.totalItems == 4)
                #expect(page.totalPages == 2)
                seen += names(page)
            }
            #expect(seen == ["Debt Advice Drop-in", "Riverside Singers", "Riverside Walking Group", "Youth Football"])
            let beyond = try await store.directory.services(
                matching: ServiceQuery(), page: PageRequest(number: 9, size: 3))
            #expect(beyond.items.isEmpty)
            #expect(beyond.totalItems == 4)
        }
    }

    @Test("Places, taxonomies and terms are listed and found by ID", arguments: TestBackend.allCases)
    func placesAndTerms(backend: TestBackend) async throws {
        try await backend.withStore { store, _ in
            _ = try await store.directory.save(
                Self.services.map { DirectoryRecord(service: $0, source: "test") }, at: Date())
            let places = try await store.directory.serviceAtLocations(matching: ServiceQuery(), page: PageRequest())
            #expect(places.totalItems == 3, "Youth Football has no place")
            let near = try await store.directory.serviceAtLocations(
                matching: {
                    var q = ServiceQuery(); q.near = .init(latitude: 53.80, longitude: -1.55, metres: 200); return q
                }(),
                page: PageRequest())
            #expect(near.items.map(\.id) == [F.uuid("place:Riverside Walking Group")])
            let place = try #require(try await store.directory.serviceAtLocation(id: F.uuid("place:Riverside Singers")))
            #expect(place.entry.service.name == "Riverside Singers")
            #expect(place.place?.location?.addresses?.first?.postalCode == "RV1 2BB")

            let taxonomies = try await store.directory.taxonomies(page: PageRequest())
            #expect(taxonomies.items.map(\.id) == [F.taxonomyID])
            #expect(try await store.directory.taxonomy(id: F.taxonomyID)?.name == "Linkwell test taxonomy")

            let terms = try await store.directory.taxonomyTerms(matching: TermQuery(), page: PageRequest())
            #expect(terms.items.map(\.name) == ["Money advice", "Singing", "Walking"])
            #expect(
                try await store.directory.taxonomyTerms(
                    matching: TermQuery(parentID: Self.outdoors.id), page: PageRequest()
                )
                .items.map(\.name) == ["Walking"])
            #expect(
                try await store.directory.taxonomyTerms(matching: TermQuery(topOnly: true), page: PageRequest())
                    .items.map(\.name) == ["Money advice", "Singing"])
            #expect(try await store.directory.taxonomyTerm(id: Self.walking.id) == Self.walking)
        }
    }

    @Test("Postcode centroids are found whatever the spacing and case", arguments: TestBackend.allCases)
    func postcodes(backend: TestBackend) async throws {
        try await backend.withStore { store, _ in
            try await store.directory.savePostcodes([
                PostcodeCentroid(postcode: "RV1 1AA", latitude: 53.80, longitude: -1.55),
                PostcodeCentroid(postcode: "rv9 9zz", latitude: 53.89, longitude: -1.55),
            ])
            #expect(
                try await store.directory.centroid(of: "rv11aa")
                    == PostcodeCentroid(postcode: "RV11AA", latitude: 53.80, longitude: -1.55))
            #expect(try await store.directory.centroid(of: "RV9 9ZZ")?.latitude == 53.89)
            #expect(try await store.directory.centroid(of: "RV2 2BB") == nil)
            try await store.directory.savePostcodes([
                PostcodeCentroid(postcode: "RV1 1AA", latitude: 53.81, longitude: -1.56)
            ])
            #expect(
                try await store.directory.centroid(of: "RV1 1AA")?.latitude == 53.81,
                "a new directory replaces the old position")
        }
    }
}

@Suite("Store contract: services stored before languages and access were filterable")
struct DirectoryKeysUpgradeTests {
    @Test(
        "Upgrading fills in every stored service's languages, access and cost from its record",
        arguments: TestBackend.allCases)
    func fill(backend: TestBackend) async throws {
        try await backend.withStore { store, raw in
            _ = try await store.directory.save(
                DirectoryFixtures.riverside.map { DirectoryRecord(service: $0, source: "test") }, at: Date())
            // As a database from before migration 9 would have them.
            try await raw.execute(
                "UPDATE directory_services SET language_keys = NULL, access_keys = NULL, highest_cost = NULL")
            func find(_ build: (inout ServiceQuery) -> Void) async throws -> [String] {
                var query = ServiceQuery()
                build(&query)
                return try await store.directory.services(matching: query, page: PageRequest()).items.map(
                    \.service.name)
            }
            #expect(try await find { $0.language = "polish" } == [], "nothing to match before they are filled in")
            #expect(try await find { $0.maximumCost = 2 } == [])
            #expect(try await store.migrate() == [], "no migration left to run, and yet")
            #expect(try await find { $0.language = "polish" } == ["Debt Advice Drop-in"])
            #expect(try await find { $0.access = .hearingLoop } == ["Riverside Singers"])
            #expect(
                try await find { $0.maximumCost = 2 } == [
                    "Debt Advice Drop-in", "Riverside Walking Group", "Youth Football",
                ])
        }
    }
}
