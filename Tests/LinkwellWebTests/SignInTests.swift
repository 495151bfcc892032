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

@Suite("Signing in and out")
struct SignInTests {
    @Test("The sign-in page has a form with an anti-forgery token, set in an HttpOnly cookie")
    func signInPage() async throws {
        try await TestApp.run { _, client in
            let browser = TestBrowser(client)
            let page = try await browser.get("/sign-in")
            #expect(page.status == .ok)
            #expect(page.text.contains(#"<label class="label" for="email">Email address</label>"#))
            #expect(page.text.contains(#"autocomplete="current-password""#))
            let token = try #require(browser.csrfToken)
            let cookie = try #require(browser.lastSetCookieHeaders.first { $0.hasPrefix("lw_csrf=") })
            #expect(cookie.contains("lw_csrf=\(token)"))
            #expect(cookie.contains("HttpOnly"))
            #expect(cookie.contains("SameSite=Strict"))
        }
    }

    @Test("Signing in starts a server-side session in an HttpOnly, SameSite=Lax cookie and lands on the home page")
    func signInSucceeds() async throws {
        try await TestApp.run { app, client in
            let user = try await app.user(.linkWorker, name: "Priya Sharma", email: "priya@example.org")
            let browser = TestBrowser(client)
            let response = try await browser.signIn("Priya@Example.org")
            #expect(response.status == .seeOther)
            #expect(response.location == "/")
            let cookie = try #require(browser.lastSetCookieHeaders.first { $0.hasPrefix("lw_session=") })
            #expect(cookie.contains("HttpOnly"))
            #expect(cookie.contains("SameSite=Lax"))
            #expect(!cookie.contains("Secure"), "not over plain HTTP")
            let token = try #require(browser.cookies["lw_session"])
            let session = try #require(try await app.store.authentication.session(tokenHash: SecureToken.hash(token)))
            #expect(session.userID == user.id)

            let home = try await browser.get("/")
            #expect(home.status == .ok)
            #expect(home.text.contains("Good morning, Priya"))
            #expect(home.text.contains("Your caseload"))
            #expect(try await app.auditActions().last == .signInSucceeded)
        }
    }

    @Test("Over HTTPS the session cookie is Secure and __Host- prefixed, and HSTS is sent")
    func secureCookies() async throws {
        try await TestApp.run(configure: { $0.publicURL = URL(string: "https://linkwell.example.org") }) {
            app, client in
            try await app.user(.manager, email: "manager@example.org")
            let browser = TestBrowser(client)
            let page = try await browser.get("/sign-in")
            #expect(page.headers[.strictTransportSecurity]?.contains("max-age=") == true)
            try await browser.post(
                "/sign-in", form: [("email", "manager@example.org"), ("password", TestApp.password)])
            let cookie = try #require(browser.lastSetCookieHeaders.first { $0.hasPrefix("__Host-lw_session=") })
            #expect(cookie.contains("Secure"))
            #expect(cookie.contains("Path=/"))
        }
    }

    @Test("Signing in again replaces the session: the old session ID stops working")
    func sessionRotates() async throws {
        try await TestApp.run { app, client in
            try await app.user(.manager, email: "manager@example.org")
            let browser = TestBrowser(client)
            try await browser.signIn("manager@example.org")
            let first = try #require(browser.cookies["lw_session"])
            try await browser.signIn("manager@example.org")
            let second = try #require(browser.cookies["lw_session"])
            #expect(first != second)
            #expect(try await app.store.authentication.session(tokenHash: SecureToken.hash(first)) == nil)
            #expect(try await app.store.authentication.session(tokenHash: SecureToken.hash(second)) != nil)
        }
    }

    @Test("A wrong password and an unknown address get the same message, which says what to do")
    func refusalDoesNotReveal() async throws {
        try await TestApp.run { app, client in
            try await app.user(.linkWorker, email: "priya@example.org")
            let wrongPassword = try await TestBrowser(client).signIn(
                "priya@example.org", password: "not the password at all")
            let unknownAddress = try await TestBrowser(client).signIn(
                "nobody@example.org", password: "not the password at all")
            #expect(wrongPassword.status == .unprocessableContent)
            #expect(unknownAddress.status == .unprocessableContent)
            let message =
                "The email address or password is not right, or there have been too many tries. After 5 tries, wait 15 minutes before trying again."
            #expect(wrongPassword.text.contains(message))
            #expect(unknownAddress.text.contains(message))
            #expect(Self.errorMessages(wrongPassword.text) == Self.errorMessages(unknownAddress.text))
            #expect(wrongPassword.text.contains(#"value="priya@example.org""#), "the address typed is kept")
            #expect(!wrongPassword.text.contains("not the password at all"), "the password typed is not sent back")
            #expect(wrongPassword.text.contains(##"<a href="#email">"##), "the error summary links to the field")
            #expect(try await app.auditActions().suffix(2) == [.signInFailed, .signInFailed])
        }
    }

    @Test("Empty fields get a message beside each field and an error summary")
    func emptyFields() async throws {
        try await TestApp.run { app, client in
            let browser = TestBrowser(client)
            try await browser.get("/sign-in")
            let response = try await browser.post("/sign-in", form: [("email", ""), ("password", "")])
            #expect(response.status == .unprocessableContent)
            #expect(response.text.contains("<title>Error: Sign in – Linkwell</title>"))
            #expect(response.text.contains(##"<a href="#email">Enter your email address</a>"##))
            #expect(response.text.contains(##"<a href="#password">Enter your password</a>"##))
            #expect(
                response.text.contains(
                    #"<p class="error-message" id="email-error"><span class="visually-hidden">Error:</span> Enter your email address</p>"#
                ))
            #expect(response.text.contains(#"aria-describedby="password-error""#))
            #expect(try await app.auditActions().isEmpty, "an empty form is not a sign-in attempt")
        }
    }

    @Test("Five wrong passwords in 15 minutes lock the account for 15 minutes, and the lock is audited")
    func lockout() async throws {
        try await TestApp.run { app, client in
            let user = try await app.user(.linkWorker, email: "priya@example.org")
            let browser = TestBrowser(client)
            for _ in 0..<5 {
                app.clock.advance(by: 60)
                try await browser.signIn("priya@example.org", password: "wrong password \(UUID())")
            }
            #expect(try await app.auditActions().last == .accountLocked)
            #expect(
                try await app.store.users.user(user.id, in: user.organisationID)?.isLocked(at: app.clock.now()) == true)

            let whileLocked = try await browser.signIn("priya@example.org")
            #expect(whileLocked.status == .unprocessableContent, "even the right password is refused while locked")
            #expect(
                whileLocked.text.contains(
                    "The email address or password is not right, or there have been too many tries."))
            #expect(browser.cookies["lw_session"] == nil)

            app.clock.advance(by: 15 * 60 + 1)
            let afterLock = try await browser.signIn("priya@example.org")
            #expect(afterLock.status == .seeOther)
            #expect(browser.cookies["lw_session"] != nil)
        }
    }

    @Test("The lockout thresholds are configurable")
    func lockoutConfigurable() async throws {
        try await TestApp.run(configure: {
            $0.policies.lockout = LockoutPolicy(maximumFailures: 2, window: 60, lockDuration: 120)
        }) { app, client in
            try await app.user(.linkWorker, email: "priya@example.org")
            let browser = TestBrowser(client)
            let first = try await browser.signIn("priya@example.org", password: "wrong password one")
            #expect(first.text.contains("After 2 tries, wait 2 minutes"))
            try await browser.signIn("priya@example.org", password: "wrong password two")
            #expect(try await app.auditActions().last == .accountLocked)
            app.clock.advance(by: 121)
            #expect(try await browser.signIn("priya@example.org").status == .seeOther)
        }
    }

    @Test("A deactivated account cannot sign in, and gets the same message")
    func deactivatedRefused() async throws {
        try await TestApp.run { app, client in
            let user = try await app.user(.linkWorker, email: "priya@example.org")
            try await app.store.users.setActive(
                user.id, in: user.organisationID, active: false, at: app.clock.now(),
                audit: AuditEntry(
                    occurredAt: app.clock.now(), organisationID: user.organisationID, actorID: nil,
                    action: .userDeactivated, target: .user(user.id), clientAddress: nil))
            let response = try await TestBrowser(client).signIn("priya@example.org")
            #expect(response.status == .unprocessableContent)
            #expect(
                response.text.contains("The email address or password is not right, or there have been too many tries.")
            )
        }
    }

    @Test("Signing out ends the session on the server and clears the cookie")
    func signOut() async throws {
        try await TestApp.run { app, client in
            try await app.user(.referrer, email: "gp@example.org")
            let browser = TestBrowser(client)
            try await browser.signIn("gp@example.org")
            let token = try #require(browser.cookies["lw_session"])
            try await browser.get("/")
            let response = try await browser.post("/sign-out", form: [])
            #expect(response.status == .seeOther)
            #expect(response.location == "/sign-in")
            #expect(browser.cookies["lw_session"] == nil)
            #expect(try await app.store.authentication.session(tokenHash: SecureToken.hash(token)) == nil)
            #expect(try await app.auditActions().last == .signedOut)

            let signInPage = try await browser.get("/sign-in")
            #expect(signInPage.text.contains("You have signed out."))
            // The old cookie, replayed, no longer works.
            browser.setCookie("lw_session", token)
            #expect(try await browser.get("/").status == .seeOther)
        }
    }

    @Test("After signing in, the person goes back where they were going, but only within Linkwell")
    func returnPath() async throws {
        try await TestApp.run { app, client in
            try await app.user(.administrator, email: "admin@example.org")
            let browser = TestBrowser(client)
            let redirect = try await browser.get("/admin/audit?page=2")
            #expect(redirect.status == .seeOther)
            let location = try #require(redirect.location)
            #expect(location.hasPrefix("/sign-in?next="))
            try await browser.get(location)
            let back = try await browser.post(
                "/sign-in",
                form: [("email", "admin@example.org"), ("password", TestApp.password), ("next", "/admin/audit?page=2")])
            #expect(back.location == "/admin/audit?page=2")

            let elsewhere = TestBrowser(client)
            try await elsewhere.get("/sign-in")
            let offsite = try await elsewhere.post(
                "/sign-in",
                form: [("email", "admin@example.org"), ("password", TestApp.password), ("next", "//evil.example/")])
            #expect(offsite.location == "/")
        }
    }

    static func errorMessages(_ html: String) -> [String] {
        html.components(separatedBy: "class=\"error-message\"").dropFirst().map { $0.prefix(200).description }
    }
}
