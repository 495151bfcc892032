import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import LinkwellDomain
import LinkwellServices
import LinkwellStore
import LinkwellTestSupport
import LinkwellWeb
import Logging
import Testing

@Suite("Forgery protection")
struct CSRFTests {
    @Test("Signing in without the form's token is refused with 403 and starts nothing")
    func signInWithoutToken() async throws {
        try await TestApp.run { app, client in
            try await app.user(.linkWorker, email: "priya@example.org")
            let browser = TestBrowser(client)
            try await browser.get("/sign-in")
            let response = try await browser.post(
                "/sign-in", form: [("email", "priya@example.org"), ("password", TestApp.password)], csrf: false)
            #expect(response.status == .forbidden)
            #expect(browser.cookies["lw_session"] == nil)
            #expect(
                try await app.auditActions() == [.organisationCreated, .userCreated], "no sign-in was even attempted")
        }
    }

    @Test(
        "A signed-in POST without a valid token gets 403 and writes nothing",
        arguments: ["missing", "wrong", "pre-sign-in"])
    func adminPostWithoutToken(variant: String) async throws {
        try await TestApp.run { app, client in
            try await app.user(.administrator, email: "admin@example.org")
            let browser = TestBrowser(client)
            try await browser.signIn("admin@example.org")
            try await browser.get("/admin/organisations/new")
            let organisationsBefore = try await app.store.organisations.all().count
            let auditBefore = try await app.auditActions().count
            var form = [("name", "Forged Organisation"), ("kind", "vcse"), ("odsCode", "")]
            switch variant {
            case "wrong": form.append(("_csrf", SecureToken.generate()))
            case "pre-sign-in": form.append(("_csrf", browser.cookies["lw_csrf"] ?? "none"))
            default: break
            }
            let response = try await browser.post("/admin/organisations/new", form: form, csrf: false)
            #expect(response.status == .forbidden)
            #expect(response.text.contains("This form could not be accepted"))
            #expect(try await app.store.organisations.all().count == organisationsBefore)
            #expect(try await app.auditActions().count == auditBefore)
        }
    }

    @Test("The same POST with the session's token goes through")
    func adminPostWithToken() async throws {
        try await TestApp.run { app, client in
            try await app.user(.administrator, email: "admin@example.org")
            let browser = TestBrowser(client)
            try await browser.signIn("admin@example.org")
            try await browser.get("/admin/organisations/new")
            let response = try await browser.post(
                "/admin/organisations/new",
                form: [("name", "Riverside Community Action"), ("kind", "vcse"), ("odsCode", "")])
            #expect(response.status == .seeOther)
            #expect(try await app.store.organisations.all().contains { $0.name == "Riverside Community Action" })
        }
    }
}

@Suite("Session timeouts")
struct SessionExpiryTests {
    @Test("30 minutes without a request ends the session; the sign-in page says so")
    func idleTimeout() async throws {
        try await TestApp.run { app, client in
            try await app.user(.linkWorker, email: "priya@example.org")
            let browser = TestBrowser(client)
            try await browser.signIn("priya@example.org")
            let token = try #require(browser.cookies["lw_session"])
            app.clock.advance(by: 29 * 60)
            #expect(try await browser.get("/").status == .ok)
            app.clock.advance(by: 30 * 60 + 1)
            let response = try await browser.get("/")
            #expect(response.status == .seeOther)
            #expect(response.location == "/sign-in")
            #expect(browser.cookies["lw_session"] == nil, "the dead cookie is cleared")
            #expect(try await app.store.authentication.session(tokenHash: SecureToken.hash(token)) == nil)
            #expect(try await browser.get("/sign-in").text.contains("Your session ended"))
        }
    }

    @Test("12 hours after signing in the session ends, however active")
    func absoluteTimeout() async throws {
        try await TestApp.run { app, client in
            try await app.user(.linkWorker, email: "priya@example.org")
            let browser = TestBrowser(client)
            try await browser.signIn("priya@example.org")
            for _ in 0..<35 {
                app.clock.advance(by: 20 * 60)
                #expect(try await browser.get("/").status == .ok)
            }
            app.clock.advance(by: 20 * 60 + 1)  // 12 hours and a second since sign-in
            #expect(try await browser.get("/").status == .seeOther)
        }
    }

    @Test("Both timeouts are configurable")
    func configurable() async throws {
        try await TestApp.run(configure: {
            $0.policies.sessions = SessionPolicy(idleTimeout: 5 * 60, absoluteTimeout: 60 * 60, touchInterval: 60)
        }) { app, client in
            try await app.user(.linkWorker, email: "priya@example.org")
            let browser = TestBrowser(client)
            try await browser.signIn("priya@example.org")
            app.clock.advance(by: 4 * 60)
            #expect(try await browser.get("/").status == .ok)
            app.clock.advance(by: 5 * 60 + 1)
            #expect(try await browser.get("/").status == .seeOther)
        }
    }
}
