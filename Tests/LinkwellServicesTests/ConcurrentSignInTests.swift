import Foundation
import LinkwellDomain
import LinkwellServices
import LinkwellStore
import LinkwellTestSupport
import Logging
import Synchronization
import Testing

/// bcrypt, counted, and slowed so that attempts sent together really are
/// being checked at the same time (the review's race: a quarter of a second
/// in bcrypt, then the lock checked on a stale copy of the account).
final class CountingHasher: PasswordHasher {
    let inner = BcryptPasswordHasher(cost: 4)
    private let verifications = Mutex(0)

    var verified: Int { verifications.withLock { $0 } }

    func hash(_ password: String) async -> String { await inner.hash(password) }

    func verify(_ password: String, against hash: String) async -> Bool {
        verifications.withLock { $0 += 1 }
        try? await Task.sleep(for: .milliseconds(40))
        return await inner.verify(password, against: hash)
    }
}

@Suite("Signing in under attack")
struct ConcurrentSignInTests {
    static let password = "correct horse battery staple"

    func run(
        _ backend: TestBackend, _ body: (AuthenticationService, CountingHasher, ManualClock, User) async throws -> Void
    ) async throws {
        try await backend.withStore { store, _ in
            let clock = ManualClock()
            let hasher = CountingHasher()
            var logger = Logger(label: "test")
            logger.logLevel = .critical
            let services = await AppServices(store: store, hasher: hasher, clock: clock, logger: logger)
            let fixtures = StoreFixtures(store: store, clock: clock)
            let organisation = try await fixtures.organisation()
            let priya = try await fixtures.user(
                "Priya Sharma", email: "priya@example.org", in: organisation.id,
                passwordHash: await hasher.hash(Self.password))
            try await body(services.authentication, hasher, clock, priya)
        }
    }

    @Test(
        "Fifty wrong passwords at once, then the right one: refused, and only five passwords were ever checked",
        arguments: TestBackend.allCases)
    func parallelGuesses(backend: TestBackend) async throws {
        try await run(backend) { auth, hasher, _, _ in
            let results = try await withThrowingTaskGroup(of: Bool.self) { group in
                for number in 0..<50 {
                    group.addTask {
                        let result = try await auth.signIn(
                            email: "priya@example.org", password: "wrong guess \(number)", previousToken: nil,
                            clientAddress: "203.0.113.9")
                        if case .signedIn = result { return true }
                        return false
                    }
                }
                return try await group.reduce(into: [Bool]()) { $0.append($1) }
            }
            #expect(!results.contains(true))
            #expect(hasher.verified == 5, "no more passwords checked than the limit allows")
            let right = try await auth.signIn(
                email: "priya@example.org", password: Self.password, previousToken: nil, clientAddress: "203.0.113.9")
            guard case .refused = right else {
                Issue.record("the right password got in while the account was locked from this address")
                return
            }
            #expect(hasher.verified == 5, "refused before its password was checked")
        }
    }

    @Test(
        "The right password sent among the guesses gets in only while no lock is in force",
        arguments: TestBackend.allCases)
    func rightAmongGuesses(backend: TestBackend) async throws {
        try await run(backend) { auth, hasher, _, _ in
            let outcomes = try await withThrowingTaskGroup(of: (Bool, Bool).self) { group in
                for number in 0..<30 {
                    group.addTask {
                        let isRight = number == 15
                        let result = try await auth.signIn(
                            email: "priya@example.org", password: isRight ? Self.password : "wrong guess \(number)",
                            previousToken: nil,
                            clientAddress: "203.0.113.9")
                        if case .signedIn = result { return (isRight, true) }
                        return (isRight, false)
                    }
                }
                return try await group.reduce(into: [(Bool, Bool)]()) { $0.append($1) }
            }
            #expect(!outcomes.contains { !$0.0 && $0.1 }, "no wrong password ever signs in")
            #expect(hasher.verified <= 5)
        }
    }

    @Test(
        "Someone guessing from elsewhere cannot keep the account's owner out where they usually sign in",
        arguments: TestBackend.allCases)
    func ownerKeepsAccess(backend: TestBackend) async throws {
        try await run(backend) { auth, _, clock, _ in
            guard
                case .signedIn = try await auth.signIn(
                    email: "priya@example.org", password: Self.password, previousToken: nil, clientAddress: "10.1.1.1")
            else { throw FixtureError("could not sign in") }
            for number in 0..<40 {
                clock.advance(by: 20)
                _ = try await auth.signIn(
                    email: "priya@example.org", password: "guess \(number)", previousToken: nil,
                    clientAddress: "203.0.113.\(number)")
            }
            guard
                case .signedIn = try await auth.signIn(
                    email: "priya@example.org", password: Self.password, previousToken: nil, clientAddress: "10.1.1.1")
            else {
                Issue.record("the owner was locked out from their usual address")
                return
            }
            // From a new address the owner waits out a back-off of at most the lock's length.
            let fresh = try await auth.signIn(
                email: "priya@example.org", password: Self.password, previousToken: nil, clientAddress: "192.0.2.50")
            if case .signedIn = fresh { Issue.record("the back-off did not apply to a new address") }
            clock.advance(by: 15 * 60 + 1)
            guard
                case .signedIn = try await auth.signIn(
                    email: "priya@example.org", password: Self.password, previousToken: nil, clientAddress: "192.0.2.50"
                )
            else {
                Issue.record("the back-off never ended")
                return
            }
        }
    }

    @Test("Changing a password counts wrong current passwords as sign-in does", arguments: TestBackend.allCases)
    func passwordChangeGuesses(backend: TestBackend) async throws {
        try await run(backend) { auth, hasher, _, priya in
            let acting = ActingUser(user: priya, clientAddress: "198.51.100.7", sessionTokenHash: nil)
            for number in 0..<8 {
                await #expect(throws: ServiceError.self) {
                    try await auth.changeOwnPassword(
                        acting, current: "not it \(number)", new: "a brand new passphrase",
                        confirmation: "a brand new passphrase")
                }
            }
            #expect(hasher.verified == 5, "after five wrong guesses, no more are checked")
            do {
                try await auth.changeOwnPassword(
                    acting, current: Self.password, new: "a brand new passphrase",
                    confirmation: "a brand new passphrase")
                Issue.record("the right current password was accepted while locked")
            } catch ServiceError.invalid(let failure) {
                #expect(failure.errors.first?.message.hasPrefix("Too many wrong passwords") == true)
            }
        }
    }
}
