import Foundation
import LinkwellDomain
import LinkwellStore
import LinkwellTestSupport
import Testing

@Suite("Store contract: users")
struct UserStoreContractTests {
    @Test(
        "A user is created active, with an audit event, and read back in their organisation",
        arguments: TestBackend.allCases)
    func createAndRead(backend: TestBackend) async throws {
        try await backend.withStore { store, _ in
            let fixtures = StoreFixtures(store: store)
            let riverside = try await fixtures.organisation("Riverside PCN")
            let surgery = try await fixtures.practice("Riverside Surgery", odsCode: "Y00001", in: riverside.id)
            let user = try await fixtures.user(
                "Dr Amara Patel", email: "Amara.Patel@Example.org", role: .referrer, in: riverside.id,
                practice: surgery.id)

            let read = try #require(try await store.users.user(user.id, in: riverside.id))
            #expect(read.name == "Dr Amara Patel")
            #expect(read.email.value == "amara.patel@example.org")
            #expect(read.role == .referrer)
            #expect(read.practiceID == surgery.id)
            #expect(read.isActive)
            #expect(!read.mustChangePassword)
            #expect(read.lockedUntil == nil)
            #expect(try await fixtures.auditTrail().last?.entry.target == .user(user.id))
        }
    }

    @Test("Users of one organisation are never read through another", arguments: TestBackend.allCases)
    func scopedByOrganisation(backend: TestBackend) async throws {
        try await backend.withStore { store, _ in
            let fixtures = StoreFixtures(store: store)
            let riverside = try await fixtures.organisation("Riverside PCN")
            let meadow = try await fixtures.organisation("Meadow PCN")
            let sam = try await fixtures.user("Sam Okafor", in: riverside.id)
            try await fixtures.user("Jo Hughes", in: meadow.id)

            #expect(try await store.users.users(in: riverside.id).map(\.name) == ["Sam Okafor"])
            #expect(try await store.users.user(sam.id, in: meadow.id) == nil)
            await #expect(throws: StoreError.notFound) {
                try await store.users.setActive(
                    sam.id, in: meadow.id, active: false, at: fixtures.clock.now(),
                    audit: fixtures.audit(.userDeactivated))
            }
            #expect(try await store.users.user(sam.id, in: riverside.id)?.isActive == true)
        }
    }

    @Test("Email addresses are unique across the deployment", arguments: TestBackend.allCases)
    func uniqueEmail(backend: TestBackend) async throws {
        try await backend.withStore { store, _ in
            let fixtures = StoreFixtures(store: store)
            let riverside = try await fixtures.organisation("Riverside PCN")
            let meadow = try await fixtures.organisation("Meadow PCN")
            try await fixtures.user("Sam Okafor", email: "sam@example.org", in: riverside.id)
            let jo = try await fixtures.user("Jo Hughes", email: "jo@example.org", in: meadow.id)
            let before = try await fixtures.auditTrail().count

            await #expect(throws: StoreError.duplicate(field: "email")) {
                try await fixtures.user("Another Sam", email: "SAM@example.org", in: meadow.id)
            }
            await #expect(throws: StoreError.duplicate(field: "email")) {
                try await store.users.update(
                    jo.id, in: meadow.id, expectedVersion: 1,
                    details: UserDetails(
                        name: "Jo Hughes", email: EmailAddress(trusted: "sam@example.org"), role: .linkWorker,
                        organisationID: meadow.id, practiceID: nil),
                    at: fixtures.clock.now(), audit: fixtures.audit(.userUpdated))
            }
            #expect(try await fixtures.auditTrail().count == before)
        }
    }

    @Test("A user's practice must be one of their own organisation's", arguments: TestBackend.allCases)
    func practiceMustBeOwnOrganisations(backend: TestBackend) async throws {
        try await backend.withStore { store, _ in
            let fixtures = StoreFixtures(store: store)
            let riverside = try await fixtures.organisation("Riverside PCN")
            let meadow = try await fixtures.organisation("Meadow PCN")
            let meadowSurgery = try await fixtures.practice("Meadow Surgery", odsCode: "Y00002", in: meadow.id)
            await #expect(throws: StoreError.invalidReference(field: "practiceID")) {
                try await fixtures.user("Dr Who", role: .referrer, in: riverside.id, practice: meadowSurgery.id)
            }
            #expect(try await store.users.countAll() == 0)
        }
    }

    @Test(
        "A user's organisation cannot change; other details can, with a version check", arguments: TestBackend.allCases)
    func update(backend: TestBackend) async throws {
        try await backend.withStore { store, _ in
            let fixtures = StoreFixtures(store: store)
            let riverside = try await fixtures.organisation("Riverside PCN")
            let meadow = try await fixtures.organisation("Meadow PCN")
            let sam = try await fixtures.user("Sam Okafor", email: "sam@example.org", in: riverside.id)

            let promoted = try await store.users.update(
                sam.id, in: riverside.id, expectedVersion: 1,
                details: UserDetails(
                    name: "Sam Okafor-Jones", email: sam.email, role: .manager, organisationID: riverside.id,
                    practiceID: nil),
                at: fixtures.clock.now(), audit: fixtures.audit(.userUpdated))
            #expect(promoted.role == .manager)
            #expect(promoted.name == "Sam Okafor-Jones")
            #expect(promoted.version == 2)

            await #expect(throws: StoreError.invalidReference(field: "organisationID")) {
                try await store.users.update(
                    sam.id, in: riverside.id, expectedVersion: 2,
                    details: UserDetails(
                        name: "Sam", email: sam.email, role: .manager, organisationID: meadow.id, practiceID: nil),
                    at: fixtures.clock.now(), audit: fixtures.audit(.userUpdated))
            }
            await #expect(throws: StoreError.versionConflict(currentVersion: 2)) {
                try await store.users.update(
                    sam.id, in: riverside.id, expectedVersion: 1,
                    details: UserDetails(
                        name: "Sam", email: sam.email, role: .linkWorker, organisationID: riverside.id, practiceID: nil),
                    at: fixtures.clock.now(), audit: fixtures.audit(.userUpdated))
            }
        }
    }

    @Test("Listing by role leaves out deactivated users", arguments: TestBackend.allCases)
    func listingByRole(backend: TestBackend) async throws {
        try await backend.withStore { store, _ in
            let fixtures = StoreFixtures(store: store)
            let riverside = try await fixtures.organisation("Riverside PCN")
            try await fixtures.user("Sam Okafor", role: .linkWorker, in: riverside.id)
            let leaver = try await fixtures.user("Alex Leaver", role: .linkWorker, in: riverside.id)
            try await fixtures.user("Morgan Manager", role: .manager, in: riverside.id)
            try await store.users.setActive(
                leaver.id, in: riverside.id, active: false, at: fixtures.clock.now(),
                audit: fixtures.audit(.userDeactivated))

            #expect(try await store.users.users(in: riverside.id, role: .linkWorker).map(\.name) == ["Sam Okafor"])
            #expect(try await store.users.users(in: riverside.id).count == 3)
        }
    }

    @Test("Deactivating a user ends their sessions in the same change", arguments: TestBackend.allCases)
    func deactivationEndsSessions(backend: TestBackend) async throws {
        try await backend.withStore { store, _ in
            let fixtures = StoreFixtures(store: store)
            let riverside = try await fixtures.organisation("Riverside PCN")
            let sam = try await fixtures.user("Sam Okafor", in: riverside.id)
            let (_, session) = fixtures.session(for: sam.id)
            try await store.authentication.recordSuccessfulSignIn(
                session, replacing: nil, audit: fixtures.audit(.signInSucceeded, actor: sam.id))

            let deactivated = try await store.users.setActive(
                sam.id, in: riverside.id, active: false, at: fixtures.clock.now(),
                audit: fixtures.audit(.userDeactivated))
            #expect(!deactivated.isActive)
            #expect(try await store.authentication.session(tokenHash: session.tokenHash) == nil)
            #expect(try await fixtures.auditTrail().last?.entry.action == .userDeactivated)

            let reactivated = try await store.users.setActive(
                sam.id, in: riverside.id, active: true, at: fixtures.clock.now(),
                audit: fixtures.audit(.userReactivated))
            #expect(reactivated.isActive)
        }
    }

    @Test(
        "Setting a password ends other sessions, keeps the one asked for, and clears a lock",
        arguments: TestBackend.allCases)
    func settingPassword(backend: TestBackend) async throws {
        try await backend.withStore { store, _ in
            let fixtures = StoreFixtures(store: store)
            let riverside = try await fixtures.organisation("Riverside PCN")
            let sam = try await fixtures.user(
                "Sam Okafor", email: "sam@example.org", in: riverside.id, passwordHash: "old-hash")
            let (_, laptop) = fixtures.session(for: sam.id)
            let (_, phone) = fixtures.session(for: sam.id)
            try await store.authentication.recordSuccessfulSignIn(
                laptop, replacing: nil, audit: fixtures.audit(.signInSucceeded))
            try await store.authentication.recordSuccessfulSignIn(
                phone, replacing: nil, audit: fixtures.audit(.signInSucceeded))
            for _ in 0..<5 {
                _ = try await store.authentication.recordWrongPassword(
                    account: sam.email.value, at: fixtures.clock.now(), policy: LockoutPolicy(),
                    failureAudit: fixtures.audit(.signInFailed),
                    lockAudit: fixtures.audit(.accountLocked))
            }
            #expect(try await store.users.user(sam.id, in: riverside.id)?.isLocked(at: fixtures.clock.now()) == true)

            let changed = try await store.users.setPassword(
                sam.id, in: riverside.id, passwordHash: "new-hash", mustChangePassword: true,
                keepingSession: laptop.tokenHash,
                at: fixtures.clock.now(), audit: fixtures.audit(.passwordReset))
            #expect(changed.mustChangePassword)
            #expect(changed.lockedUntil == nil)
            #expect(
                try await store.authentication.admitSignInAttempt(
                    account: sam.email.value, clientAddress: "192.0.2.1", at: fixtures.clock.now(),
                    policy: LockoutPolicy()) != .refused(.locked),
                "a new password lifts the lock")
            #expect(try await store.authentication.session(tokenHash: laptop.tokenHash) != nil)
            #expect(try await store.authentication.session(tokenHash: phone.tokenHash) == nil)
            #expect(try await store.authentication.credentials(forEmail: sam.email)?.passwordHash == "new-hash")

            _ = try await store.users.setPassword(
                sam.id, in: riverside.id, passwordHash: "newer-hash", mustChangePassword: false, keepingSession: nil,
                at: fixtures.clock.now(), audit: fixtures.audit(.passwordReset))
            #expect(try await store.authentication.session(tokenHash: laptop.tokenHash) == nil)
        }
    }
}
