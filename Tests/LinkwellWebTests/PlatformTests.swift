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

@Suite("Errors, headers, health, metrics and the API")
struct PlatformTests {
    @Test(
        "Every response carries the security headers, error pages included",
        arguments: ["/sign-in", "/no-such-page", "/static/css/linkwell.css", "/health/live", "/api/v1/me"])
    func securityHeaders(path: String) async throws {
        try await TestApp.run { _, client in
            let response = try await TestBrowser(client).get(path)
            let csp = try #require(response.headers[.contentSecurityPolicy])
            #expect(csp.contains("default-src 'none'"))
            #expect(csp.contains("script-src 'self'"))
            #expect(csp.contains("frame-ancestors 'none'"))
            #expect(!csp.contains("unsafe-inline"))
            #expect(!csp.contains("http"), "no outside origin is allowed")
            #expect(response.headers[.xContentTypeOptions] == "nosniff")
            #expect(response.headers[HTTPField.Name("Referrer-Policy")!] == "no-referrer")
            #expect(response.headers[HTTPField.Name("X-Request-ID")!]?.isEmpty == false)
        }
    }

    @Test("Pages contain no inline script, no inline style and nothing from another origin")
    func noInlineScriptOrOutsideOrigin() async throws {
        try await TestApp.run { app, client in
            try await app.user(.administrator, email: "admin@example.org")
            let browser = TestBrowser(client)
            try await browser.signIn("admin@example.org")
            for path in ["/", "/admin/organisations", "/admin/organisations/new", "/admin/audit", "/account/password"] {
                let html = try await browser.get(path).text
                #expect(!html.contains("<script"), "\(path)")
                #expect(!html.contains("style="), "\(path)")
                #expect(!html.contains("<style"), "\(path)")
                #expect(!html.contains("src=\"http"), "\(path)")
                #expect(!html.contains("href=\"http"), "\(path)")
            }
        }
    }

    @Test("An unknown page is a friendly 404; under /api it is a problem document")
    func notFound() async throws {
        try await TestApp.run { app, client in
            try await app.user(.linkWorker, email: "priya@example.org")
            let browser = TestBrowser(client)
            try await browser.signIn("priya@example.org")
            let page = try await browser.get("/no-such-page")
            #expect(page.status == .notFound)
            #expect(page.text.contains("<h1 class=\"heading-xl\">Page not found</h1>"))
            #expect(page.headers[.contentType]?.hasPrefix("text/html") == true)
            let malformed = try await browser.get("/admin/organisations/not-a-uuid")
            #expect(malformed.status == .forbidden, "a link worker is refused before the address is even read")

            let api = try await browser.get("/api/v1/nothing-here")
            #expect(api.status == .notFound)
            #expect(api.headers[.contentType] == "application/problem+json")
            #expect(api.text.contains("\"status\":404"))
        }
    }

    @Test("The API answers problem documents: 401 when not signed in, 403 for the wrong role")
    func apiProblems() async throws {
        try await TestApp.run { app, client in
            let anonymous = try await TestBrowser(client).get("/api/v1/me")
            #expect(anonymous.status == .unauthorized)
            #expect(anonymous.headers[.contentType] == "application/problem+json")
            #expect(anonymous.text.contains("\"title\":\"Unauthorized\""))

            let user = try await app.user(.linkWorker, name: "Priya Sharma", email: "priya@example.org")
            let browser = TestBrowser(client)
            try await browser.signIn("priya@example.org")
            let me = try await browser.get("/api/v1/me")
            #expect(me.status == .ok)
            #expect(me.headers[.contentType] == "application/json")
            #expect(me.text.contains("\"id\":\"\(user.id)\""))
            #expect(me.text.contains("\"role\":\"link_worker\""))
            let organisations = try await browser.get("/api/v1/organisations")
            #expect(organisations.status == .forbidden)
            #expect(organisations.headers[.contentType] == "application/problem+json")
        }
    }

    @Test("An unexpected failure shows a page with a reference and nothing internal")
    func serverErrorLeaksNothing() async throws {
        try await TestApp.run { app, client in
            try await app.user(.linkWorker, email: "priya@example.org")
            let browser = TestBrowser(client)
            try await browser.signIn("priya@example.org")
            try await app.store.close()  // the database goes away under the running server
            let response = try await browser.get("/")
            #expect(response.status == .internalServerError)
            #expect(response.text.contains("Sorry, something went wrong"))
            let requestID = try #require(response.headers[HTTPField.Name("X-Request-ID")!])
            #expect(response.text.contains(requestID), "the page gives a reference to quote")
            for leak in ["GRDB", "SQLite", "sqlite", "Error", "error:", ".swift", "DatabaseError"] {
                #expect(!response.text.contains(leak), "\(leak)")
            }
        }
    }

    @Test("Health checks: live while running, ready only while the database answers")
    func health() async throws {
        try await TestApp.run { app, client in
            let browser = TestBrowser(client)
            let live = try await browser.get("/health/live")
            #expect(live.status == .ok)
            #expect(live.text.contains("\"status\":\"ok\""))
            let ready = try await browser.get("/health/ready")
            #expect(ready.status == .ok)
            #expect(ready.text.contains("\"database\":\"sqlite\""))
            #expect(browser.lastSetCookieHeaders.isEmpty, "health checks set no cookies")
            try await app.store.close()
            let down = try await browser.get("/health/ready")
            #expect(down.status == .serviceUnavailable)
            #expect(try await browser.get("/health/live").status == .ok)
        }
    }

    @Test("Metrics count requests by route and time database use, in Prometheus format, on a listener of their own")
    func metrics() async throws {
        try await TestApp.run { app, client in
            let browser = TestBrowser(client)
            try await browser.get("/sign-in")
            try await browser.get("/health/ready")
            try await browser.get("/wellbeing")
            try await browser.post("/wellbeing", form: [])
            #expect(try await browser.get("/metrics").status == .notFound, "not beside the pages")
            let listener = Application(router: metricsRouter())
            try await listener.test(.router) { metricsClient in
                let metrics = try await metricsClient.execute(uri: "/metrics", method: .get)
                #expect(metrics.status == .ok)
                #expect(metrics.headers[.contentType]?.hasPrefix("text/plain; version=0.0.4") == true)
                let text = String(buffer: metrics.body)
                #expect(
                    text.contains(
                        #"hb_requests{http_route="/sign-in",http_request_method="GET",http_response_status_code="200"}"#
                    ))
                #expect(text.contains("http_server_request_duration"))
                #expect(text.contains(#"linkwell_db_operation_duration"#))
                #expect(text.contains(#"linkwell_db_pool_connections_maximum{backend="sqlite"}"#))
                #expect(text.contains("linkwell_db_operations_in_flight"))
                #expect(!text.contains("wellbeing"), "no count of anyone's check-ins")
            }
        }
    }

    @Test("The stylesheet is served from the application, cacheable, with an ETag")
    func staticFiles() async throws {
        try await TestApp.run { _, client in
            let browser = TestBrowser(client)
            let css = try await browser.get("/static/css/linkwell.css")
            #expect(css.status == .ok)
            #expect(css.headers[.contentType] == "text/css; charset=utf-8")
            #expect(css.headers[.cacheControl]?.contains("max-age") == true)
            let etag = try #require(css.headers[.eTag])
            let again = try await browser.get("/static/css/linkwell.css", headers: [.ifNoneMatch: etag])
            #expect(again.status == .notModified)
            #expect(try await browser.get("/static/../Package.swift").status == .notFound)
            #expect(try await browser.get("/static/css/nope.css").status == .notFound)
        }
    }

    @Test("A form with stray percent signs and unknown fields is handled, not a crash")
    func oddInput() async throws {
        try await TestApp.run { app, client in
            let browser = TestBrowser(client)
            try await browser.get("/sign-in")
            let body = "email=%ZZ%&password=%&&&=&_csrf=\(browser.csrfToken ?? "")&extra=%E2%9C%93"
            let response = try await browser.send(
                "/sign-in", method: .post, headers: [.contentType: "application/x-www-form-urlencoded"],
                body: ByteBuffer(string: body))
            #expect(response.status == .unprocessableContent)
            #expect(response.text.contains("The email address or password is not right"))
        }
    }
}
