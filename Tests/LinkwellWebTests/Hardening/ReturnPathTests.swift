import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import LinkwellDomain
import LinkwellServices
import LinkwellStore
import LinkwellTestSupport
import Testing

@testable import LinkwellWeb

/// The review's eleventh finding: `next=/%09/other-host` passed the check and
/// went out in `Location`, where browsers drop the tab and go off-site.
@Suite("Where sign-in returns to")
struct ReturnPathTests {
    static let bypasses = [
        "//evil.example", "/\\evil.example", "/\t/evil.example", "/%09/evil.example", "/%2509/evil.example",
        "/%2F/evil.example",
        "/%2f%2fevil.example", "/%252F%252Fevil.example", "/%5Cevil.example", "/%5cevil.example", "/ /evil.example",
        "/\n/evil.example", "/\r\n/evil.example", "/%0d%0a/evil.example", "/\u{0}/evil.example", "/%00/evil.example",
        "/\u{A0}/evil.example", "/\u{3000}/evil.example", "/\u{2028}/evil.example", "/\u{200B}/evil.example",
        "/%E2%80%8B/evil.example",
        "\\/evil.example", "https://evil.example", "http:evil.example", "javascript:alert(1)", "evil.example",
        " /inbox", "",
        "///evil.example", "/\\/evil.example", "%2F%2Fevil.example", String(repeating: "/a", count: 1500),
    ]

    @Test("Known ways round a return-path check are refused", arguments: bypasses)
    func refused(candidate: String) {
        #expect(safeReturnPath(candidate) == nil)
    }

    @Test(
        "Paths within Linkwell come back exactly as given",
        arguments: [
            "/", "/inbox", "/admin/audit?page=2", "/directory?q=walking+group&within=5", "/directory?q=walking%20group",
            "/people/3f1c/plan#goals",
        ])
    func kept(candidate: String) {
        #expect(safeReturnPath(candidate) == candidate)
    }

    @Test("Signing in with a hostile return path lands on the home page")
    func signIn() async throws {
        try await TestApp.run { app, client in
            try await app.user(.linkWorker, email: "priya@example.org")
            for candidate in ["/%09/evil.example", "/\t/evil.example", "/%2F/evil.example"] {
                let browser = TestBrowser(client)
                let page = try await browser.get("/sign-in?next=" + TestBrowser.encode(candidate))
                #expect(!page.text.contains("evil.example"), "not carried into the form")
                let signedIn = try await browser.post(
                    "/sign-in",
                    form: [("email", "priya@example.org"), ("password", TestApp.password), ("next", candidate)])
                #expect(signedIn.location == "/", "\(candidate)")
            }
        }
    }
}
