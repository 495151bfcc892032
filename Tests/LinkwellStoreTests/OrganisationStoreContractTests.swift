import Foundation
import LinkwellDomain
import LinkwellStore
import LinkwellTestSupport
import Testing

@Suite("Store contract: organisations and practices")
struct OrganisationStoreContractTests {
    @Test("An organisation is created with an audit event and read back", arguments: TestBackend.allCases)
    func createAndRead(backend: TestBackend) async throws {
        try await backend.withStore { store, _ in
            let fixtures = StoreFixtures(store: store)
            let created = try await fixtures.organisation("Riverside PCN", kind: .primaryCareNetwork, odsCode: "U12345")

            let read = try #require(try await store.organisations.organisation(created.id))
            #expect(read.name == "Riverside PCN")
            #expect(read.kind == .primaryCareNetwork)
            #expect(read.odsCode?.value == "U12345")
            #expect(read.version == 1)
            #expect(read.createdAt.isSameInstant(as: fixtures.clock.now()))

            let trail = try await fixtures.auditTrail()
            #expect(trail.map(\.entry.action) == [.organisationCreated])
            #expect(trail.first?.entry.target == .organisation(created.id))
        }
    }

    @Test("Organisations are listed by name, ignoring case", arguments: TestBackend.allCases)
    func listedByName(backend: TestBackend) async throws {
        try await backend.withStore { store, _ in
            let fixtures = StoreFixtures(store: store)
            try await fixtures.organisation("riverside Council", kind: .localAuthority)
            try await fixtures.organisation("Age Concern Riverside", kind: .voluntarySector)
            try await fixtures.organisation("Meadow PCN", kind: .primaryCareNetwork)
            #expect(
                try await store.organisations.all().map(\.name) == [
                    "Age Concern Riverside", "Meadow PCN", "riverside Council",
                ])
        }
    }

    @Test(
        "An update bumps the version; a stale version is refused and changes nothing", arguments: TestBackend.allCases)
    func optimisticConcurrency(backend: TestBackend) async throws {
        try await backend.withStore { store, _ in
            let fixtures = StoreFixtures(store: store)
            let organisation = try await fixtures.organisation("Riverside PCN")
            let details = OrganisationDetails(name: "Riverside and Meadow PCN", kind: .primaryCareNetwork, odsCode: nil)

            let updated = try await store.organisations.update(
                organisation.id, expectedVersion: 1, details: details, at: fixtures.clock.now(),
                audit: fixtures.audit(.organisationUpdated, target: .organisation(organisation.id)))
            #expect(updated.version == 2)
            #expect(updated.name == "Riverside and Meadow PCN")

            let stale = OrganisationDetails(name: "Someone else's edit", kind: .other, odsCode: nil)
            await #expect(throws: StoreError.versionConflict(currentVersion: 2)) {
                try await store.organisations.update(
                    organisation.id, expectedVersion: 1, details: stale, at: fixtures.clock.now(),
                    audit: fixtures.audit(.organisationUpdated, target: .organisation(organisation.id)))
            }
            #expect(try await store.organisations.organisation(organisation.id)?.name == "Riverside and Meadow PCN")
            #expect(try await fixtures.auditTrail().count == 2, "the refused update left no audit event")
        }
    }

    @Test("ODS codes are unique among organisations, on create and on update", arguments: TestBackend.allCases)
    func uniqueODSCode(backend: TestBackend) async throws {
        try await backend.withStore { store, _ in
            let fixtures = StoreFixtures(store: store)
            try await fixtures.organisation("Riverside PCN", odsCode: "U12345")
            let meadow = try await fixtures.organisation("Meadow PCN", odsCode: "U54321")
            let auditBefore = try await fixtures.auditTrail().count

            await #expect(throws: StoreError.duplicate(field: "odsCode")) {
                try await fixtures.organisation("Copycat PCN", odsCode: "U12345")
            }
            await #expect(throws: StoreError.duplicate(field: "odsCode")) {
                try await store.organisations.update(
                    meadow.id, expectedVersion: 1,
                    details: OrganisationDetails(
                        name: "Meadow PCN", kind: .primaryCareNetwork, odsCode: ODSCode(trusted: "U12345")),
                    at: fixtures.clock.now(), audit: fixtures.audit(.organisationUpdated))
            }
            #expect(try await fixtures.auditTrail().count == auditBefore, "nothing was written")
            #expect(try await store.organisations.all().count == 2)
        }
    }

    @Test("Updating an organisation that does not exist is 'not found'", arguments: TestBackend.allCases)
    func updateMissing(backend: TestBackend) async throws {
        try await backend.withStore { store, _ in
            let fixtures = StoreFixtures(store: store)
            await #expect(throws: StoreError.notFound) {
                try await store.organisations.update(
                    OrganisationID(), expectedVersion: 1,
                    details: OrganisationDetails(name: "Ghost", kind: .other, odsCode: nil), at: fixtures.clock.now(),
                    audit: fixtures.audit(.organisationUpdated))
            }
            let trail = try await fixtures.auditTrail()
            #expect(trail.isEmpty)
        }
    }

    @Test("Practices are read only through their own organisation", arguments: TestBackend.allCases)
    func practicesAreScoped(backend: TestBackend) async throws {
        try await backend.withStore { store, _ in
            let fixtures = StoreFixtures(store: store)
            let riverside = try await fixtures.organisation("Riverside PCN")
            let meadow = try await fixtures.organisation("Meadow PCN")
            let surgery = try await fixtures.practice("Riverside Surgery", odsCode: "Y00001", in: riverside.id)
            try await fixtures.practice("Meadow Health Centre", odsCode: "Y00002", in: meadow.id)

            #expect(try await store.practices.practices(in: riverside.id).map(\.name) == ["Riverside Surgery"])
            #expect(try await store.practices.practice(surgery.id, in: riverside.id)?.odsCode.value == "Y00001")
            #expect(try await store.practices.practice(surgery.id, in: meadow.id) == nil)
            await #expect(throws: StoreError.notFound) {
                try await store.practices.update(
                    surgery.id, in: meadow.id, expectedVersion: 1,
                    details: PracticeDetails(name: "Hijacked", odsCode: ODSCode(trusted: "Y00001")),
                    at: fixtures.clock.now(), audit: fixtures.audit(.practiceUpdated))
            }
            #expect(try await store.practices.practice(surgery.id, in: riverside.id)?.name == "Riverside Surgery")
        }
    }

    @Test(
        "Practice ODS codes are unique, and a practice needs an existing organisation", arguments: TestBackend.allCases)
    func practiceRules(backend: TestBackend) async throws {
        try await backend.withStore { store, _ in
            let fixtures = StoreFixtures(store: store)
            let riverside = try await fixtures.organisation("Riverside PCN")
            let surgery = try await fixtures.practice("Riverside Surgery", odsCode: "Y00001", in: riverside.id)
            await #expect(throws: StoreError.duplicate(field: "odsCode")) {
                try await fixtures.practice("Other Surgery", odsCode: "Y00001", in: riverside.id)
            }
            await #expect(throws: StoreError.notFound) {
                try await fixtures.practice("Orphan Surgery", odsCode: "Y00009", in: OrganisationID())
            }
            let renamed = try await store.practices.update(
                surgery.id, in: riverside.id, expectedVersion: 1,
                details: PracticeDetails(name: "Riverside Medical Centre", odsCode: ODSCode(trusted: "Y00003")),
                at: fixtures.clock.now(), audit: fixtures.audit(.practiceUpdated))
            #expect(renamed.version == 2)
            #expect(renamed.odsCode.value == "Y00003")
        }
    }
}
