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

@Suite("The Open Referral UK API")
struct ORUKAPITests {
    typealias F = DirectoryFixtures

    /// The app with the Riverside fixtures and their postcodes, and a client that is not signed in.
    static func run(_ body: @Sendable (TestApp, TestBrowser) async throws -> Void) async throws {
        try await TestApp.run { app, client in
            _ = try await app.store.directory.save(
                F.riverside.map { DirectoryRecord(service: $0, source: "test") }, at: app.clock.now())
            try await app.store.directory.savePostcodes(
                F.riversidePostcodes.map { PostcodeCentroid(postcode: $0.0, latitude: $0.1, longitude: $0.2) })
            try await body(app, TestBrowser(client))
        }
    }

    static func json(_ response: TestResponse) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(response.text.utf8)) as? [String: Any])
    }

    static func names(_ response: TestResponse) throws -> [String] {
        let contents = try #require(try json(response)["contents"] as? [[String: Any]])
        return contents.compactMap { $0["name"] as? String }
    }

    @Test("Discovery says what the API is; everything is open to any origin, without signing in")
    func discovery() async throws {
        try await Self.run { _, browser in
            for path in ["/oruk", "/oruk/"] {
                let response = try await browser.get(path)
                #expect(response.status == .ok, "\(path)")
                #expect(response.headers[.accessControlAllowOrigin] == "*")
                let about = try Self.json(response)
                #expect(about["version"] as? String == "HSDS-UK-3.0")
                #expect(
                    about["profile"] as? String
                        == "https://github.com/OpenReferralUK/uk-profile/blob/main/docs/index.md")
                #expect((about["openapi_url"] as? String)?.hasSuffix("/oruk/openapi.json") == true)
            }
            let openAPI = try await browser.get("/oruk/openapi.json")
            #expect(openAPI.status == .ok)
            let document = try Self.json(openAPI)
            #expect(document["openapi"] as? String == "3.0.3")
            let paths = try #require(document["paths"] as? [String: Any])
            #expect(
                Set(paths.keys).isSuperset(of: [
                    "/", "/services", "/services/{id}", "/taxonomy_terms", "/service_at_locations",
                ]))
            #expect(try await browser.get("/oruk/services").headers[.setCookie] == nil, "no session is started")
        }
    }

    @Test("Lists come in ORUK's page envelope; first, middle and last pages agree")
    func pages() async throws {
        try await Self.run { _, browser in
            var seen: [String] = []
            for number in 1...4 {
                let page = try Self.json(try await browser.get("/oruk/services?per_page=1&page=\(number)"))
                #expect(page["total_items"] as? Int == 4)
                #expect(page["total_pages"] as? Int == 4)
                #expect(page["page_number"] as? Int == number)
                #expect(page["size"] as? Int == 1)
                #expect(page["first_page"] as? Bool == (number == 1))
                #expect(page["last_page"] as? Bool == (number == 4))
                #expect(page["empty"] as? Bool == false)
                seen += (page["contents"] as? [[String: Any]] ?? []).compactMap { $0["name"] as? String }
            }
            #expect(seen == ["Debt Advice Drop-in", "Riverside Singers", "Riverside Walking Group", "Youth Football"])
            let beyond = try Self.json(try await browser.get("/oruk/services?per_page=1&page=9"))
            #expect(beyond["empty"] as? Bool == true)
            #expect(beyond["size"] as? Int == 0)
        }
    }

    @Test("Each filter, given a record's own values, finds that record; filters combine with AND")
    func ownValues() async throws {
        try await Self.run { _, browser in
            let walk = F.riverside[0]
            let queries = [
                "search=walking", "search=Riverside%20Walking%20Group", "taxonomy_term_id=\(F.walking.id)",
                "organization_id=\(walk.organizationId!)", "minimum_age=18", "maximum_age=99", "day=TU", "day=Tuesday",
                "start_time=10:00", "end_time=12:00:00", "postcode=RV1%201AA", "postcode=rv11aa&proximity=500",
                "modified_after=2026-01-01", "postcode=RV1+1AA", "modified_after=2026-01-01T00:00:00%2B01:00",
                "day=TU&start_time=10:00&end_time=12:00&postcode=RV1%201AA&search=walk",
            ]
            for query in queries {
                let response = try await browser.get("/oruk/services?\(query)")
                #expect(response.status == .ok, "\(query)")
                #expect(try Self.names(response).contains(walk.name), "\(query)")
            }
            #expect(try Self.names(try await browser.get("/oruk/services?search=walking&day=SA")) == [])
            #expect(
                try Self.names(try await browser.get("/oruk/services?postcode=RV9%209ZZ&proximity=1000")) == [
                    "Debt Advice Drop-in"
                ])
            #expect(try Self.names(try await browser.get("/oruk/services?taxonomy_id=\(F.taxonomyID)")).count == 3)
        }
    }

    @Test(
        "Bad parameters get 400 and a problem document naming the parameter",
        arguments: [
            ("page=0", "page"), ("per_page=lots", "per_page"), ("day=Funday", "day"), ("start_time=9am", "start_time"),
            ("end_time=25:00", "end_time"), ("minimum_age=-1", "minimum_age"), ("maximum_age=old", "maximum_age"),
            ("modified_after=yesterday", "modified_after"), ("postcode=NOT%20A%20POSTCODE", "postcode"),
            ("postcode=RV1%201AA&proximity=near", "proximity"), ("start_time=", "start_time"),
            ("modified_after=2026-02-30", "modified_after"), ("minimum_age=1e400", "minimum_age"),
            ("minimum_age=nan", "minimum_age"),
        ])
    func badParameters(query: String, parameter: String) async throws {
        try await Self.run { _, browser in
            let response = try await browser.get("/oruk/services?\(query)")
            #expect(response.status == .badRequest)
            #expect(response.headers[.contentType] == "application/problem+json")
            #expect(response.headers[.accessControlAllowOrigin] == "*")
            let problem = try Self.json(response)
            let errors = try #require(problem["errors"] as? [[String: Any]])
            #expect(errors.first?["field"] as? String == parameter)
            #expect((problem["detail"] as? String)?.contains(parameter) == true)
        }
    }

    @Test(
        "A real postcode with no known place is not found; proximity without a postcode is not used, as the document says"
    )
    func postcodes() async throws {
        try await Self.run { _, browser in
            let unknown = try await browser.get("/oruk/services?postcode=SW1A%201AA")
            #expect(unknown.status == .notFound)
            #expect(unknown.headers[.contentType] == "application/problem+json")
            #expect(unknown.text.contains("No place is known for the postcode SW1A 1AA"))
            let alone = try await browser.get("/oruk/services?proximity=500")
            #expect(alone.status == .ok)
            #expect(try Self.names(alone).count == F.riverside.count)
            #expect(
                try await browser.get("/oruk/services?minimum_age=1e1").status == .ok, "numbers as programs write them")
            #expect(try await browser.get("/oruk/services?modified_after=2026-03-01T09:00:00.5%2B01:00").status == .ok)
        }
    }

    @Test("Methods the API does not take are 405 with Allow, open to any origin")
    func methods() async throws {
        try await Self.run { _, browser in
            for method in [HTTPRequest.Method.post, .put, .delete, .patch, .trace, .options] {
                for path in ["/oruk/", "/oruk/services", "/oruk/services/x"] {
                    let response = try await browser.send(path, method: method, headers: [:], body: nil)
                    #expect(response.status == .methodNotAllowed, "\(method) \(path)")
                    #expect(response.headers[.allow] == "GET, HEAD")
                    #expect(response.headers[.accessControlAllowOrigin] == "*")
                }
            }
            #expect(try await browser.send("/oruk/services", method: .head, headers: [:], body: nil).status == .ok)
            #expect(try await browser.get("/oruk/nowhere").status == .notFound)
        }
    }

    @Test("One service comes fully nested; an unknown one is a 404 problem document")
    func oneService() async throws {
        try await Self.run { _, browser in
            let walk = F.riverside[0]
            let response = try await browser.get("/oruk/services/\(walk.id)")
            #expect(response.status == .ok)
            let service = try HSDS.decoder().decode(HSDS.Service.self, from: Data(response.text.utf8))
            var expected = walk
            expected.lastModified = service.lastModified
            #expect(service == expected)
            #expect(service.lastModified != nil)
            #expect(response.text.contains("\"address_1\":\"1 High Street\""), "the standard's field names")

            let list = try Self.json(try await browser.get("/oruk/services?search=walking"))
            let item = try #require((list["contents"] as? [[String: Any]])?.first)
            #expect(item["organization"] != nil, "list items carry their organization")
            #expect(item["schedules"] == nil, "…but not the nested detail")

            let missing = try await browser.get("/oruk/services/\(F.uuid("nothing"))")
            #expect(missing.status == .notFound)
            #expect(missing.headers[.contentType] == "application/problem+json")
            #expect(missing.headers[.accessControlAllowOrigin] == "*")
            #expect(try await browser.get("/oruk/nothing-here").status == .notFound)
        }
    }

    @Test("Taxonomies, terms and services at locations")
    func termsAndPlaces() async throws {
        try await Self.run { _, browser in
            #expect(
                try Self.names(try await browser.get("/oruk/taxonomy_terms")) == ["Money advice", "Singing", "Walking"])
            #expect(
                try Self.names(try await browser.get("/oruk/taxonomy_terms?top_only=true")) == [
                    "Money advice", "Singing",
                ])
            #expect(
                try Self.names(try await browser.get("/oruk/taxonomy_terms?parent_id=\(F.outdoors.id)")) == ["Walking"])
            #expect(try await browser.get("/oruk/taxonomy_terms?top_only=maybe").status == .badRequest)
            let term = try Self.json(try await browser.get("/oruk/taxonomy_terms/\(F.walking.id)"))
            #expect(term["name"] as? String == "Walking")
            #expect(try Self.names(try await browser.get("/oruk/taxonomies")) == ["Linkwell test taxonomy"])
            #expect(
                try Self.json(try await browser.get("/oruk/taxonomies/\(F.taxonomyID)"))["id"] as? String
                    == F.taxonomyID)

            let places = try Self.json(
                try await browser.get("/oruk/service_at_locations?postcode=RV1%201AA&proximity=300"))
            let place = try #require((places["contents"] as? [[String: Any]])?.first)
            #expect(places["total_items"] as? Int == 1)
            #expect(place["id"] as? String == F.uuid("place:Riverside Walking Group"))
            #expect((place["service"] as? [String: Any])?["name"] as? String == "Riverside Walking Group")
            let one = try Self.json(
                try await browser.get("/oruk/service_at_locations/\(F.uuid("place:Riverside Singers"))"))
            #expect(
                ((one["location"] as? [String: Any])?["addresses"] as? [[String: Any]])?.first?["postal_code"]
                    as? String == "RV1 2BB")
        }
    }
}

@Suite("The Open Referral UK API: taxonomy terms")
struct ORUKTermParameterTests {
    @Test("top_only is true or false, as the document says")
    func topOnly() async throws {
        try await ORUKAPITests.run { _, browser in
            let yes = try await browser.get("/oruk/taxonomy_terms?top_only=true")
            let no = try await browser.get("/oruk/taxonomy_terms?top_only=false")
            #expect(yes.status == .ok && no.status == .ok)
            for bad in ["yes", "1", "", "TRUE"] {
                let response = try await browser.get("/oruk/taxonomy_terms?top_only=\(bad)")
                #expect(response.status == .badRequest, "\(bad)")
            }
        }
    }
}
