import Foundation
import HTTPTypes
import HummingbirdTesting
import LinkwellDomain
import LinkwellServices
import LinkwellStore
import LinkwellTestSupport
import LinkwellWeb
import Testing

/// The review's fifteenth finding, point by point.
@Suite("Smaller findings of the review")
struct SmallFindingsTests {
    @Test("A hand-over to another organisation's person is refused and audited; the session stays the link worker's")
    func handOverChecked() async throws {
        try await TestApp.run { app, client in
            let world = try await CaseworkWorld.make(app)
            let theirs = try await StoreFixtures(store: app.store, clock: app.clock).referral(
                in: world.otherService.id,
                person: try StoreFixtures(store: app.store, clock: app.clock).personDetails(
                    "Other Person", born: "1960-01-01"))
            let browser = TestBrowser(client)
            try await browser.signIn("priya@example.org")
            try await browser.get("/")
            let handed = try await browser.post(
                "/people/\(theirs.person.id)/outcomes/hand-over",
                form: [("instrument", "ucla-3"), ("occasion", "baseline"), ("step", "0")])
            #expect(handed.status == .notFound)
            #expect(try await browser.get("/inbox").status == .ok, "the session was not handed to anyone")
            #expect(try await app.auditActions().contains(.personAccessRefused))
        }
    }

    @Test("The directory API's own address comes from the configuration, never the request's Host")
    func hostNotCopied() async throws {
        try await TestApp.run(configure: { $0.port = 8123 }) { _, client in
            let about = try await client.execute(
                uri: "/oruk/", method: .get, headers: [HTTPField.Name("Host")!: "evil.example"])
            let text = about.text
            #expect(!text.contains("evil.example"))
            #expect(text.contains(#""openapi_url":"http://127.0.0.1:8123/oruk/openapi.json""#))
        }
        try await TestApp.run(configure: { $0.publicURL = URL(string: "https://linkwell.example.org/") }) { _, client in
            let about = try await client.execute(
                uri: "/oruk/", method: .get, headers: [HTTPField.Name("Host")!: "evil.example"])
            #expect(about.text.contains(#""openapi_url":"https://linkwell.example.org/oruk/openapi.json""#))
        }
    }

    @Test("A certificate is kept and downloaded under a name of Linkwell's making, with the extension of what it is")
    func certificateName() async throws {
        try await TestApp.run { app, client in
            _ = try await CaseworkWorld.make(app)
            let priya = TestBrowser(client)
            try await priya.signIn("priya@example.org")
            try await priya.get("/training")
            let fields = [
                ("course", "Safeguarding adults"), ("provider", ""), ("day", "2"), ("month", "3"), ("year", "2026"),
                ("hours", "3"),
            ]
            let saved = try await priya.postMultipart(
                "/training/records", form: fields,
                files: [("certificate", "report.html", Array("%PDF-1.4 not really".utf8))])
            #expect(saved.status == .seeOther)
            let page = try await priya.get("/training")
            #expect(page.text.contains("certificate-report.pdf"))
            #expect(!page.text.contains("report.html"))
        }
    }
}
