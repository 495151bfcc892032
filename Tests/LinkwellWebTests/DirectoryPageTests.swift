import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import LinkwellDomain
import LinkwellServices
import LinkwellStore
import LinkwellTestSupport
import LinkwellWeb
import Testing

@Suite("The directory pages")
struct DirectoryPageTests {
    typealias F = DirectoryFixtures

    static func run(_ body: @Sendable (TestApp, TestBrowser) async throws -> Void) async throws {
        try await TestApp.run { app, client in
            _ = try await app.store.directory.save(
                F.riverside.map { DirectoryRecord(service: $0, source: "riverside.json") }, at: app.clock.now())
            try await app.store.directory.savePostcodes(
                F.riversidePostcodes.map { PostcodeCentroid(postcode: $0.0, latitude: $0.1, longitude: $0.2) })
            try await app.user(.linkWorker, email: "priya@example.org")
            let browser = TestBrowser(client)
            try await browser.signIn("priya@example.org")
            try await body(app, browser)
        }
    }

    @Test("Search by words, near a postcode, by day, age and cost; each result shows distance, next session and cost")
    func search() async throws {
        try await Self.run { _, browser in
            let start = try await browser.get("/directory")
            #expect(start.status == .ok)
            #expect(!start.text.contains("services found"), "no search yet, no results")

            let walking = try await browser.get("/directory?q=walking&postcode=RV2+3AB&within=5")
            #expect(walking.text.contains("1 service found"))
            #expect(walking.text.contains("Riverside Walking Group"))
            #expect(walking.text.contains("Walking · 150 m · Tuesdays 10:00 · free · ages 18–99"))

            let saturday = try await browser.get("/directory?day=6&age=15")
            #expect(saturday.text.contains("1 service found"))
            #expect(saturday.text.contains("Youth Football"))
            let free = try await browser.get("/directory?q=riverside&free=yes")
            #expect(!free.text.contains("Riverside Singers"), "the choir charges")
            #expect(free.text.contains("Riverside Walking Group"))
            let near = try await browser.get("/directory?q=&postcode=RV2+3AB&within=1")
            #expect(near.text.contains("2 services found"))
            #expect(!near.text.contains("Debt Advice Drop-in"), "10 km away")
            let polish = try await browser.get("/directory?language=Polish")
            #expect(polish.text.contains("1 service found") && polish.text.contains("Debt Advice Drop-in"))
            let cheap = try await browser.get("/directory?q=riverside&cost=low")
            #expect(cheap.text.contains("Riverside Singers"), "£3 a session is low cost")
            let dear = try await browser.get("/directory?q=riverside&cost=free")
            #expect(!dear.text.contains("Riverside Singers"))
            let loop = try await browser.get("/directory?access=hearing-loop")
            #expect(loop.text.contains("1 service found") && loop.text.contains("Riverside Singers"))
            #expect(loop.text.contains("<option value=\"hearing-loop\" selected>"), "the choice is kept")
        }
    }

    @Test("A postcode or age that cannot be used comes back beside its field, with what was typed kept")
    func mistakes() async throws {
        try await Self.run { _, browser in
            let page = try await browser.get("/directory?q=choir&postcode=NOWHERE&age=old")
            #expect(page.status == .ok)
            #expect(page.text.contains("id=\"postcode-error\""))
            #expect(page.text.contains("id=\"age-error\""))
            #expect(page.text.contains("value=\"choir\""))
            #expect(page.text.contains("value=\"NOWHERE\""))
            let access = try await browser.get("/directory?access=teleport&cost=cheapish")
            #expect(access.text.contains("id=\"access-error\""))
            #expect(access.text.contains("id=\"cost-error\""))
            let unknown = try await browser.get("/directory?postcode=SW1A+1AA")
            #expect(unknown.text.contains("SW1A 1AA is not in Linkwell&#39;s postcode directory"))
        }
    }

    @Test("A service's page says everything needed to pass on; old entries are flagged as possibly out of date")
    func servicePage() async throws {
        try await Self.run { app, browser in
            let walk = F.riverside[0]
            let page = try await browser.get("/directory/services/\(walk.id)")
            #expect(page.status == .ok)
            #expect(page.text.contains("A gentle walk by the canal, then tea."))
            #expect(page.text.contains("1 High Street, Riverside, RV1 1AA"))
            #expect(!page.text.contains("Possibly out of date"))
            #expect(try await browser.get("/directory/services/\(F.uuid("none"))").status == .notFound)

            app.clock.advance(by: 400 * 86_400)
            try await browser.signIn("priya@example.org")  // a year on, the session has long ended
            #expect(try await browser.get("/directory/services/\(walk.id)").text.contains("possibly out of date"))
            #expect(try await browser.get("/directory?q=walking").text.contains("Possibly out of date"))
        }
    }

    @Test("The directory is for signed-in people; the open data is at /oruk")
    func signedIn() async throws {
        try await TestApp.run { _, client in
            let response = try await TestBrowser(client).get("/directory")
            #expect(response.status == .seeOther)
            #expect(response.location?.hasPrefix("/sign-in") == true)
        }
    }
}
