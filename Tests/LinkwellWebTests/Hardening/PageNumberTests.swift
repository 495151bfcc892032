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

/// The review's first finding: `?page=9223372036854775807` overflowed the
/// offset and ended the process. Every paged list, open or signed in, now
/// answers a clear 400 and the server keeps answering.
@Suite("Page numbers from an address")
struct PageNumberTests {
    static let hostile = [
        "9223372036854775807", "-9223372036854775808", "1000001", "0", "-1", "1e400", "nan", "١", "%2B%2B1",
    ]

    @Test(
        "The open directory API answers a problem document naming the parameter",
        arguments: [
            "/oruk/services", "/oruk/service_at_locations", "/oruk/taxonomies", "/oruk/taxonomy_terms",
        ])
    func openLists(path: String) async throws {
        try await TestApp.run { _, client in
            let browser = TestBrowser(client)
            for value in Self.hostile {
                for parameter in ["page", "per_page"] {
                    let response = try await browser.get("\(path)?\(parameter)=\(value)")
                    #expect(response.status == .badRequest, "\(path)?\(parameter)=\(value)")
                    #expect(response.headers[.contentType] == "application/problem+json")
                    #expect(response.text.contains("\"field\":\"\(parameter)\""), "\(response.text)")
                }
            }
            #expect(
                try await browser.get("\(path)?per_page=501").status == .badRequest, "the document says 500 at most")
            #expect(try await browser.get("\(path)?page=2&per_page=500").status == .ok)
            #expect(try await browser.get("/health/live").status == .ok, "still answering")
        }
    }

    @Test(
        "Signed-in lists answer a page that says what is wrong",
        arguments: [
            (Role.linkWorker, "/directory?q=walk&page="), (Role.provider, "/?page="),
            (Role.administrator, "/admin/audit?page="),
        ])
    func signedInLists(role: Role, path: String) async throws {
        try await TestApp.run { app, client in
            let user = try await app.user(role)
            let browser = TestBrowser(client)
            try await browser.signIn(user.email.value)
            for value in Self.hostile {
                let response = try await browser.get(path + value)
                #expect(response.status == .badRequest, "\(path)\(value)")
                #expect(response.text.contains("page must be a whole number from 1 to 1,000,000"))
            }
            #expect(try await browser.get(path + "1").status == .ok)
        }
    }
}
