import Foundation
import HTTPTypes
import HummingbirdTesting
import LinkwellDomain
import LinkwellServices
import LinkwellStore
import LinkwellTestSupport
import LinkwellWeb
import SnapshotTesting
import Testing

/// Whole pages and JSON answers compared with recorded copies (in
/// `__Snapshots__/GoldenTests/`), so that any change to what a person sees
/// shows up in review as a diff. The clock is the test clock and every new
/// identifier comes from a sequence (`IdentifierGenerator.sequential()`), so
/// the same run gives the same bytes; what stays random (the CSRF token) is
/// replaced by a placeholder before comparing.
///
/// A change meant to alter a page: delete its file, run the test once (it
/// records the new copy and fails, saying so), read the diff, commit it.
@Suite("Golden pages and JSON", .serialized)
struct GoldenTests {
    /// A fixed world: a PCN, its practice and team, one referral waiting, one
    /// case active with a contact, and the Riverside directory.
    static func run(_ body: @Sendable (TestApp, CaseworkWorld, TestBrowser) async throws -> Void) async throws {
        try await IdentifierGenerator.$current.withValue(.sequential()) {
            try await TestApp.run { app, client in
                let world = try await CaseworkWorld.make(app)
                _ = try await app.store.directory.save(
                    DirectoryFixtures.riverside.map { DirectoryRecord(service: $0, source: "test") },
                    at: app.clock.now())
                try await body(app, world, TestBrowser(client))
            }
        }
    }

    /// The page as text with what must vary (the form token) made constant.
    static func normalised(_ html: String) -> String {
        html.replacing(/name="_csrf" value="[^"]*"/, with: #"name="_csrf" value="CSRF""#)
            .replacing(/<meta name="csrf-token" content="[^"]*">/, with: #"<meta name="csrf-token" content="CSRF">"#)
    }

    @Test("A received referral, as its manager sees it (every worker's load) and as a link worker does (names only)")
    func referralPage() async throws {
        try await Self.run { app, world, browser in
            let fixtures = StoreFixtures(store: app.store, clock: app.clock)
            // Tom has more room than Priya: the manager's list starts with him, the link worker's is by name.
            try await app.user(.linkWorker, name: "Tom Price", email: "tom@example.org", organisation: world.service)
            try await fixtures.advance(
                try await world.referral(app, name: "Ann Able").referral, to: .active, worker: world.linkWorker.id)
            let waiting = try await world.referral(app)
            try await browser.signIn("rachel@example.org")
            let manager = try await browser.get("/referrals/\(waiting.referral.id)")
            #expect(manager.status == .ok)
            assertSnapshot(of: Self.normalised(manager.text), as: .lines, named: "manager")

            let worker = TestBrowser(browser.client)
            try await worker.signIn("priya@example.org")
            let page = try await worker.get("/referrals/\(waiting.referral.id)")
            #expect(page.status == .ok)
            assertSnapshot(of: Self.normalised(page.text), as: .lines, named: "link-worker")
        }
    }

    @Test("A link worker's caseload and a person's record")
    func caseloadAndPerson() async throws {
        try await Self.run { app, world, browser in
            let active = try await CaseworkAccessTests.activeWithPlan(app, world)
            try await browser.signIn("priya@example.org")
            let home = try await browser.get("/")
            #expect(home.status == .ok)
            assertSnapshot(of: Self.normalised(home.text), as: .lines, named: "caseload")
            let person = try await browser.get("/people/\(active.person.id)")
            #expect(person.status == .ok)
            assertSnapshot(of: Self.normalised(person.text), as: .lines, named: "person")
        }
    }

    @Test("JSON: who am I, and one directory service in Open Referral UK form")
    func json() async throws {
        try await Self.run { _, world, browser in
            try await browser.signIn("priya@example.org")
            let me = try await browser.get("/api/v1/me")
            #expect(me.status == .ok)
            assertSnapshot(of: me.text, as: .lines, named: "api-me")
            let service = try await browser.get("/oruk/services/\(DirectoryFixtures.riverside[0].id)")
            #expect(service.status == .ok)
            assertSnapshot(of: service.text, as: .lines, named: "oruk-service")
            _ = world
        }
    }
}
