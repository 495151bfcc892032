import Foundation
import LinkwellDomain
import LinkwellStore
import LinkwellTestSupport
import Testing

@Suite("Store contract: sign-in, lockout and sessions")
struct AuthenticationStoreContractTests {
    @Test("Credentials are found by email, whatever its case when typed", arguments: TestBackend.allCases)
    func credentialsByEmail(backend: TestBackend) async throws {
        try await backend.withStore { store, _ in
            let fixtures = StoreFixtures(store: store)
            let riverside = try await fixtures.organisation()
            try await fixtures.user("Sam Okafor", email: "sam@example.org", in: riverside.id, passwordHash: "the-hash")
            let found = try await store.authentication.credentials(forEmail: try EmailAddress(" SAM@Example.ORG "))
            #expect(found?.passwordHash == "the-hash")
            #expect(found?.user.name == "Sam Okafor")
            #expect(try await store.authentication.credentials(forEmail: try EmailAddress("nobody@example.org")) == nil)
        }
    }

    @Test(
        "The fifth failure from one address locks the account from that address, and is audited",
        arguments: TestBackend.allCases)
    func lockout(backend: TestBackend) async throws {
        try await backend.withStore { store, _ in
            let fixtures = StoreFixtures(store: store)
            let riverside = try await fixtures.organisation()
            let sam = try await fixtures.user(email: "sam@example.org", in: riverside.id)
            let policy = LockoutPolicy(maximumFailures: 5, window: 15 * 60, lockDuration: 15 * 60)
            var outcomes: [FailedSignInOutcome?] = []
            for _ in 0..<5 {
                fixtures.clock.advance(by: 60)
                outcomes.append(
                    try await store.authentication.recordWrongPassword(
                        account: "sam@example.org", at: fixtures.clock.now(), policy: policy,
                        failureAudit: fixtures.audit(.signInFailed, target: .user(sam.id)),
                        lockAudit: fixtures.audit(.accountLocked, target: .user(sam.id))))
            }
            let until = fixtures.clock.now().addingTimeInterval(15 * 60)
            #expect(
                outcomes.prefix(4) == [
                    .counted(failuresInWindow: 1), .counted(failuresInWindow: 2), .counted(failuresInWindow: 3),
                    .counted(failuresInWindow: 4),
                ])
            guard case .locked(let lockedUntil)? = outcomes.last else {
                Issue.record("fifth failure did not lock: \(outcomes)")
                return
            }
            #expect(lockedUntil.isSameInstant(as: until))
            #expect(
                try await store.users.user(sam.id, in: riverside.id)?.lockedUntil?.isSameInstant(as: until) == true,
                "the administrator sees it")
            let actions = try await fixtures.auditTrail().map(\.entry.action)
            #expect(actions.filter { $0 == .signInFailed }.count == 5)
            #expect(actions.last == .accountLocked)

            func admit(_ address: String) async throws -> SignInAdmission {
                try await store.authentication.admitSignInAttempt(
                    account: "sam@example.org", clientAddress: address, at: fixtures.clock.now(), policy: policy)
            }
            #expect(try await admit("192.0.2.1") == .refused(.locked), "locked from the address that guessed")
            #expect(try await admit("198.51.100.9") == .refused(.backingOff), "elsewhere, only a short back-off")
            fixtures.clock.advance(by: 2)
            guard case .admitted = try await admit("198.51.100.9") else {
                Issue.record("the back-off did not end")
                return
            }
            fixtures.clock.advance(by: 15 * 60)
            guard case .admitted = try await admit("192.0.2.1") else {
                Issue.record("the lock did not end")
                return
            }
        }
    }

    @Test(
        "Attempts still being checked count: parallel attempts past the limit are refused before any is checked",
        arguments: TestBackend.allCases)
    func pendingCounts(backend: TestBackend) async throws {
        try await backend.withStore { store, _ in
            let fixtures = StoreFixtures(store: store)
            let policy = LockoutPolicy(maximumFailures: 5)
            let now = fixtures.clock.now()
            let admissions = try await withThrowingTaskGroup(of: SignInAdmission.self) { group in
                for _ in 0..<40 {
                    group.addTask {
                        try await store.authentication.admitSignInAttempt(
                            account: "sam@example.org", clientAddress: "192.0.2.1", at: now, policy: policy)
                    }
                }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            let admitted = admissions.compactMap { if case .admitted(let attempt) = $0 { attempt } else { nil } }
            #expect(admitted.count == 5, "no more than the limit, however many arrive at once")
            #expect(admissions.filter { $0 == .refused(.locked) }.count == 35)
        }
    }

    @Test(
        "A lock that comes into force while a password is checked holds against the right password",
        arguments: TestBackend.allCases)
    func lockWinsOverMatch(backend: TestBackend) async throws {
        try await backend.withStore { store, _ in
            let fixtures = StoreFixtures(store: store)
            let riverside = try await fixtures.organisation()
            let sam = try await fixtures.user(email: "sam@example.org", in: riverside.id)
            let policy = LockoutPolicy(maximumFailures: 2)
            let now = fixtures.clock.now()
            // Sam's right password is being checked from a new address…
            guard
                case .admitted(let right) = try await store.authentication.admitSignInAttempt(
                    account: "sam@example.org", clientAddress: "192.0.2.1", at: now, policy: policy)
            else { throw FixtureError("not admitted") }
            // …while guesses from elsewhere set the account's back-off.
            for _ in 0..<2 {
                _ = try await store.authentication.recordWrongPassword(
                    account: "sam@example.org", address: "203.0.113.7", at: now, policy: policy,
                    failureAudit: fixtures.audit(.signInFailed), lockAudit: fixtures.audit(.accountLocked))
            }
            let (_, session) = fixtures.session(for: sam.id)
            let before = try await fixtures.auditTrail().count
            #expect(
                try await !store.authentication.recordPasswordMatched(
                    attempt: right, account: "sam@example.org", clientAddress: "192.0.2.1", at: now, policy: policy,
                    session: session,
                    replacing: nil, audit: fixtures.audit(.signInSucceeded)))
            #expect(try await store.authentication.session(tokenHash: session.tokenHash) == nil, "no session started")
            #expect(try await fixtures.auditTrail().count == before, "nothing audited as a sign-in")
        }
    }

    @Test(
        "An address the account signed in from is not held back by the account's back-off",
        arguments: TestBackend.allCases)
    func knownAddress(backend: TestBackend) async throws {
        try await backend.withStore { store, _ in
            let fixtures = StoreFixtures(store: store)
            let riverside = try await fixtures.organisation()
            let sam = try await fixtures.user(email: "sam@example.org", in: riverside.id)
            let (_, session) = fixtures.session(for: sam.id)
            try await store.authentication.recordSuccessfulSignIn(
                session, replacing: nil, audit: fixtures.audit(.signInSucceeded), account: "sam@example.org",
                address: "10.0.0.5")
            let policy = LockoutPolicy(maximumFailures: 3)
            // Someone elsewhere, from many addresses, guesses until the account backs off.
            for number in 0..<12 {
                fixtures.clock.advance(by: 30)
                _ = try await store.authentication.recordWrongPassword(
                    account: "sam@example.org", address: "203.0.113.\(number)", at: fixtures.clock.now(),
                    policy: policy,
                    failureAudit: fixtures.audit(.signInFailed), lockAudit: fixtures.audit(.accountLocked))
            }
            let now = fixtures.clock.now()
            #expect(
                try await store.authentication.admitSignInAttempt(
                    account: "sam@example.org", clientAddress: "203.0.113.99", at: now, policy: policy)
                    == .refused(.backingOff))
            guard
                case .admitted = try await store.authentication.admitSignInAttempt(
                    account: "sam@example.org", clientAddress: "10.0.0.5", at: now, policy: policy)
            else {
                Issue.record("the usual address was held back")
                return
            }
        }
    }

    @Test(
        "One address is refused after its limit of wrong passwords, whatever the accounts",
        arguments: TestBackend.allCases)
    func addressLimit(backend: TestBackend) async throws {
        try await backend.withStore { store, _ in
            let fixtures = StoreFixtures(store: store)
            let policy = LockoutPolicy(maximumFailures: 5, addressLimit: 8)
            for number in 0..<8 {
                let outcome = try await store.authentication.recordWrongPassword(
                    account: "guess\(number)@example.org", address: "203.0.113.7", at: fixtures.clock.now(),
                    policy: policy,
                    failureAudit: fixtures.audit(.signInFailed), lockAudit: fixtures.audit(.accountLocked))
                #expect(outcome == .counted(failuresInWindow: 1), "accounts nobody has are counted as any other")
            }
            #expect(
                try await store.authentication.admitSignInAttempt(
                    account: "another@example.org", clientAddress: "203.0.113.7", at: fixtures.clock.now(),
                    policy: policy) == .refused(.addressLimit))
            guard
                case .admitted = try await store.authentication.admitSignInAttempt(
                    account: "another@example.org", clientAddress: "203.0.113.8", at: fixtures.clock.now(),
                    policy: policy)
            else {
                Issue.record("another address was refused")
                return
            }
            fixtures.clock.advance(by: 15 * 60 + 1)
            guard
                case .admitted = try await store.authentication.admitSignInAttempt(
                    account: "another@example.org", clientAddress: "203.0.113.7", at: fixtures.clock.now(),
                    policy: policy)
            else {
                Issue.record("the address limit did not age out")
                return
            }
            try await store.authentication.deleteOldSignInAttempts(
                at: fixtures.clock.now().addingTimeInterval(3600), policy: policy)
        }
    }

    @Test("Failures older than the window are not counted", arguments: TestBackend.allCases)
    func windowSlides(backend: TestBackend) async throws {
        try await backend.withStore { store, _ in
            let fixtures = StoreFixtures(store: store)
            let policy = LockoutPolicy(maximumFailures: 5, window: 15 * 60, lockDuration: 15 * 60)
            func fail() async throws -> FailedSignInOutcome? {
                try await store.authentication.recordWrongPassword(
                    account: "sam@example.org", at: fixtures.clock.now(), policy: policy,
                    failureAudit: fixtures.audit(.signInFailed),
                    lockAudit: fixtures.audit(.accountLocked))
            }
            for _ in 0..<4 { _ = try await fail() }
            fixtures.clock.advance(by: 16 * 60)
            #expect(try await fail() == .counted(failuresInWindow: 1))
        }
    }

    @Test(
        "Signing in forgets this address's failures, records the time and replaces the old session",
        arguments: TestBackend.allCases)
    func successfulSignIn(backend: TestBackend) async throws {
        try await backend.withStore { store, _ in
            let fixtures = StoreFixtures(store: store)
            let riverside = try await fixtures.organisation()
            let sam = try await fixtures.user(email: "sam@example.org", in: riverside.id)
            let policy = LockoutPolicy()
            for _ in 0..<4 {
                _ = try await store.authentication.recordWrongPassword(
                    account: "sam@example.org", at: fixtures.clock.now(), policy: policy,
                    failureAudit: fixtures.audit(.signInFailed),
                    lockAudit: fixtures.audit(.accountLocked))
            }
            let (_, first) = fixtures.session(for: sam.id)
            try await store.authentication.recordSuccessfulSignIn(
                first, replacing: nil, audit: fixtures.audit(.signInSucceeded, actor: sam.id),
                account: "sam@example.org")
            let (_, second) = fixtures.session(for: sam.id)
            try await store.authentication.recordSuccessfulSignIn(
                second, replacing: first.tokenHash, audit: fixtures.audit(.signInSucceeded, actor: sam.id),
                account: "sam@example.org")

            #expect(try await store.authentication.session(tokenHash: first.tokenHash) == nil)
            let stored = try #require(try await store.authentication.session(tokenHash: second.tokenHash))
            #expect(stored.userID == sam.id)
            #expect(stored.csrfToken == second.csrfToken)
            #expect(stored.handedOverTo == nil)
            let person = PersonID()
            try await store.authentication.handOver(tokenHash: second.tokenHash, to: person)
            #expect(
                try await store.authentication.session(tokenHash: second.tokenHash)?.handedOverTo == person,
                "handed to a person")
            #expect(try await store.authentication.user(forSession: stored)?.id == sam.id)
            #expect(
                try await store.users.user(sam.id, in: riverside.id)?.lastSignInAt?.isSameInstant(
                    as: fixtures.clock.now()) == true)
            // The four earlier failures were forgotten: one more does not lock.
            let outcome = try await store.authentication.recordWrongPassword(
                account: "sam@example.org", at: fixtures.clock.now(), policy: policy,
                failureAudit: fixtures.audit(.signInFailed),
                lockAudit: fixtures.audit(.accountLocked))
            #expect(outcome == .counted(failuresInWindow: 1))
        }
    }

    @Test("Sessions are touched, ended with an audit event, and swept when expired", arguments: TestBackend.allCases)
    func sessionLifecycle(backend: TestBackend) async throws {
        try await backend.withStore { store, _ in
            let fixtures = StoreFixtures(store: store)
            let riverside = try await fixtures.organisation()
            let sam = try await fixtures.user(in: riverside.id)
            let (_, stale) = fixtures.session(for: sam.id)
            try await store.authentication.recordSuccessfulSignIn(
                stale, replacing: nil, audit: fixtures.audit(.signInSucceeded))
            fixtures.clock.advance(by: 20 * 60)
            let (_, fresh) = fixtures.session(for: sam.id)
            try await store.authentication.recordSuccessfulSignIn(
                fresh, replacing: nil, audit: fixtures.audit(.signInSucceeded))
            fixtures.clock.advance(by: 5 * 60)
            try await store.authentication.touchSession(tokenHash: fresh.tokenHash, at: fixtures.clock.now())
            #expect(
                try await store.authentication.session(tokenHash: fresh.tokenHash)?.lastSeenAt.isSameInstant(
                    as: fixtures.clock.now()) == true)

            // 35 minutes after the first sign-in: the stale session has been idle 35 minutes, the fresh one 10.
            fixtures.clock.advance(by: 10 * 60)
            let cutoffs = SessionPolicy().expiryCutoffs(at: fixtures.clock.now())
            let swept = try await store.authentication.deleteExpiredSessions(
                lastSeenBefore: cutoffs.lastSeenBefore, createdBefore: cutoffs.createdBefore)
            #expect(swept == 1)
            #expect(try await store.authentication.session(tokenHash: stale.tokenHash) == nil)
            #expect(try await store.authentication.session(tokenHash: fresh.tokenHash) != nil)

            let before = try await fixtures.auditTrail().count
            try await store.authentication.endSession(
                tokenHash: fresh.tokenHash, audit: fixtures.audit(.signedOut, actor: sam.id))
            #expect(try await store.authentication.session(tokenHash: fresh.tokenHash) == nil)
            #expect(try await fixtures.auditTrail().count == before + 1)
            // Ending a session that no longer exists writes no audit event.
            try await store.authentication.endSession(
                tokenHash: fresh.tokenHash, audit: fixtures.audit(.signedOut, actor: sam.id))
            #expect(try await fixtures.auditTrail().count == before + 1)
        }
    }
}

@Suite("Store contract: sessions belong to organisations")
struct SessionOrganisationContractTests {
    @Test("A session for a user who does not exist is refused, and nothing is written", arguments: TestBackend.allCases)
    func unknownUser(backend: TestBackend) async throws {
        try await backend.withStore { store, _ in
            let fixtures = StoreFixtures(store: store)
            let (_, session) = fixtures.session(for: UserID())
            await #expect(throws: StoreError.notFound) {
                try await store.authentication.recordSuccessfulSignIn(
                    session, replacing: nil, audit: fixtures.audit(.signInSucceeded))
            }
            let stored = try await store.authentication.session(tokenHash: session.tokenHash)
            let trail = try await fixtures.auditTrail()
            #expect(stored == nil)
            #expect(trail.isEmpty)
        }
    }
}
