import Foundation
import LinkwellDomain
import LinkwellServices
import LinkwellStore
import LinkwellTestSupport
import Logging
import Testing

/// The use cases on a real store: SQLite unless told, or either backend for
/// the suites that run on both.
struct ServiceHarness {
    let store: any LinkwellStore
    let clock: ManualClock
    let services: AppServices
    let fixtures: StoreFixtures

    static func run(on backend: TestBackend = .sqlite, _ body: (ServiceHarness) async throws -> Void) async throws {
        try await backend.withStore { store, _ in
            let clock = ManualClock()
            let services = await AppServices(
                store: store, hasher: BcryptPasswordHasher(cost: 4), clock: clock, logger: Logger(label: "test"))
            try await body(
                ServiceHarness(
                    store: store, clock: clock, services: services, fixtures: StoreFixtures(store: store, clock: clock))
            )
        }
    }

    func user(
        _ role: Role, email: String, password: String = "correct horse battery staple",
        organisation: Organisation? = nil
    ) async throws -> User {
        let home: Organisation
        if let organisation {
            home = organisation
        } else {
            home = try await fixtures.organisation("Org \(UUID().uuidString.prefix(6))")
        }
        return try await fixtures.user(
            "Test Person", email: email, role: role, in: home.id,
            passwordHash: await BcryptPasswordHasher(cost: 4).hash(password))
    }

    func acting(_ user: User, session: String? = nil) -> ActingUser {
        ActingUser(user: user, clientAddress: "198.51.100.7", sessionTokenHash: session)
    }
}

@Suite("Authentication use cases")
struct AuthenticationServiceTests {
    @Test("Every kind of refusal is the same outcome, and each is audited with its real reason")
    func refusals() async throws {
        try await ServiceHarness.run { harness in
            let auth = harness.services.authentication
            let priya = try await harness.user(.linkWorker, email: "priya@example.org")
            let leaver = try await harness.user(.linkWorker, email: "leaver@example.org")
            try await harness.store.users.setActive(
                leaver.id, in: leaver.organisationID, active: false, at: harness.clock.now(),
                audit: harness.fixtures.audit(.userDeactivated))

            for (email, password) in [
                ("nobody@example.org", "whatever password"), ("priya@example.org", "wrong password here"),
                ("leaver@example.org", "correct horse battery staple"), ("not an email", "x"),
            ] {
                let result = try await auth.signIn(
                    email: email, password: password, previousToken: nil, clientAddress: "198.51.100.7")
                guard case .refused = result else {
                    Issue.record("\(email) was not refused")
                    continue
                }
            }
            let details = try await harness.fixtures.auditTrail().filter { $0.entry.action == .signInFailed }.map(
                \.entry.detail)
            #expect(
                details == [
                    "No account has this email address", "Wrong password", "Account is deactivated",
                    "No account has this email address",
                ])
            let failures = try await harness.fixtures.auditTrail().filter { $0.entry.action == .signInFailed }
            #expect(failures.allSatisfy { $0.entry.clientAddress == "198.51.100.7" })
            #expect(failures[1].entry.target == .user(priya.id))
        }
    }

    @Test("A session for a deactivated user is no longer active")
    func sessionOfDeactivatedUser() async throws {
        try await ServiceHarness.run { harness in
            let auth = harness.services.authentication
            let priya = try await harness.user(.linkWorker, email: "priya@example.org")
            guard
                case .signedIn(let signedIn) = try await auth.signIn(
                    email: "priya@example.org", password: "correct horse battery staple", previousToken: nil,
                    clientAddress: nil)
            else {
                Issue.record("did not sign in")
                return
            }
            #expect(try await auth.activeSession(token: signedIn.token)?.user.id == priya.id)
            #expect(try await auth.activeSession(token: "not-a-token") == nil)
            try await harness.store.users.setActive(
                priya.id, in: priya.organisationID, active: false, at: harness.clock.now(),
                audit: harness.fixtures.audit(.userDeactivated))
            #expect(try await auth.activeSession(token: signedIn.token) == nil)
        }
    }

    @Test("Changing one's password needs the current one and a good new one, and keeps only this session")
    func changeOwnPassword() async throws {
        try await ServiceHarness.run { harness in
            let auth = harness.services.authentication
            _ = try await harness.user(.manager, email: "rachel@example.org")
            guard
                case .signedIn(let here) = try await auth.signIn(
                    email: "rachel@example.org", password: "correct horse battery staple", previousToken: nil,
                    clientAddress: nil),
                case .signedIn(let elsewhere) = try await auth.signIn(
                    email: "rachel@example.org", password: "correct horse battery staple", previousToken: nil,
                    clientAddress: nil)
            else {
                Issue.record("did not sign in")
                return
            }
            let acting = harness.acting(here.user, session: here.session.tokenHash)
            await #expect(throws: ServiceError.invalid(field: "currentPassword", "Your current password is not right"))
            {
                try await auth.changeOwnPassword(
                    acting, current: "wrong password!", new: "tulip lantern orbit", confirmation: "tulip lantern orbit")
            }
            await #expect(
                throws: ServiceError.invalid(field: "newPassword", "Choose a password different from your current one")
            ) {
                try await auth.changeOwnPassword(
                    acting, current: "correct horse battery staple", new: "correct horse battery staple",
                    confirmation: "correct horse battery staple")
            }
            try await auth.changeOwnPassword(
                acting, current: "correct horse battery staple", new: "tulip lantern orbit",
                confirmation: "tulip lantern orbit")
            #expect(try await auth.activeSession(token: here.token) != nil)
            #expect(try await auth.activeSession(token: elsewhere.token) == nil)
            let again = try await auth.signIn(
                email: "rachel@example.org", password: "tulip lantern orbit", previousToken: nil, clientAddress: nil)
            guard case .signedIn = again else {
                Issue.record("new password does not work")
                return
            }
        }
    }

    @Test("Expired sessions are swept")
    func sweep() async throws {
        try await ServiceHarness.run { harness in
            let auth = harness.services.authentication
            _ = try await harness.user(.manager, email: "rachel@example.org")
            _ = try await auth.signIn(
                email: "rachel@example.org", password: "correct horse battery staple", previousToken: nil,
                clientAddress: nil)
            #expect(try await auth.sweepExpiredSessions() == 0)
            harness.clock.advance(by: 31 * 60)
            #expect(try await auth.sweepExpiredSessions() == 1)
        }
    }
}

extension ServiceError {
    static func invalid(field: String, _ message: String) -> ServiceError {
        .invalid(ValidationFailure(field: field, message: message))
    }
}
