import Foundation
import HTTPTypes
import Hummingbird
import LinkwellDomain
import LinkwellServices
import LinkwellStore
import NIOCore

/// The community directory as an Open Referral UK 3.0 API, under /oruk. Open
/// to anyone (no sign-in, `Access-Control-Allow-Origin: *`): it is the
/// public directory, holding no one's personal data. Bad parameters answer
/// 400 with a problem document saying which and why.
struct ORUKController {
    /// The use cases these pages use, and no others.
    struct Services: Sendable {
        let directory: DirectoryService

        init(_ all: AppServices) {
            directory = all.directory
        }
    }

    let services: Services
    /// The deployment's address as configured (`--public-url`, else the
    /// address it listens on), for `openapi_url`: never the request's own
    /// `Host`, which the client writes.
    let publicAddress: String
    let openAPI: ByteBuffer

    static let profile = "https://github.com/OpenReferralUK/uk-profile/blob/main/docs/index.md"

    init(services: Services, publicAddress: String) {
        self.services = services
        self.publicAddress = publicAddress
        let url = Bundle.module.resourceURL?.appendingPathComponent("Public/oruk/openapi.json")
        openAPI = ByteBuffer(bytes: url.flatMap { try? Data(contentsOf: $0) } ?? Data("{}".utf8))
    }

    struct About: Encodable {
        let version: String
        let profile: String
        let openapiUrl: String

        enum CodingKeys: String, CodingKey {
            case version, profile, openapiUrl = "openapi_url"
        }
    }

    func addRoutes(to group: RouterGroup<AppRequestContext>) {
        let directory = services.directory
        group.get("/") { _, _ in
            try ORUKResponse.json(
                About(version: "HSDS-UK-3.0", profile: Self.profile, openapiUrl: "\(publicAddress)/oruk/openapi.json"))
        }
        group.get("/openapi.json") { _, _ in
            Response(status: .ok, headers: [.contentType: "application/json"], body: ResponseBody(byteBuffer: openAPI))
        }
        group.get("/services") { request, _ in
            let parameters = ORUKParameters(query: request.uri.query)
            let query = try await parameters.serviceQuery(directory)
            // Each service's stored JSON, trimmed to a list item as text:
            // nothing is decoded or encoded on the way out.
            let page = try await directory.serviceDocuments(query, page: try parameters.page())
            return ORUKResponse.json(page: page.map(\.listItemJSON))
        }
        group.get("/services/:id") { _, context in
            let entry = try await directory.service(id: try context.parameters.require("id"))
            return try ORUKResponse.json(entry.service)
        }
        group.get("/service_at_locations") { request, _ in
            let parameters = ORUKParameters(query: request.uri.query)
            let query = try await parameters.serviceQuery(directory)
            let page = try await directory.serviceAtLocations(query, page: try parameters.page())
            return try ORUKResponse.json(ORUKPage(page.map { ORUKShapes.serviceAtLocation($0, full: false) }))
        }
        group.get("/service_at_locations/:id") { _, context in
            let row = try await directory.serviceAtLocation(id: try context.parameters.require("id"))
            return try ORUKResponse.json(ORUKShapes.serviceAtLocation(row, full: true))
        }
        group.get("/taxonomies") { request, _ in
            let page = try await directory.taxonomies(page: try ORUKParameters(query: request.uri.query).page())
            return try ORUKResponse.json(ORUKPage(page))
        }
        group.get("/taxonomies/:id") { _, context in
            try ORUKResponse.json(try await directory.taxonomy(id: try context.parameters.require("id")))
        }
        group.get("/taxonomy_terms") { request, _ in
            let parameters = ORUKParameters(query: request.uri.query)
            let page = try await directory.taxonomyTerms(try parameters.termQuery(), page: try parameters.page())
            return try ORUKResponse.json(ORUKPage(page))
        }
        group.get("/taxonomy_terms/:id") { _, context in
            try ORUKResponse.json(try await directory.taxonomyTerm(id: try context.parameters.require("id")))
        }
        group.get("/**") { _, _ -> Response in
            throw HTTPError(.notFound)
        }
    }

}

/// The page envelope ORUK lists come in.
struct ORUKPage<Item: Encodable & Sendable>: Encodable {
    let totalItems: Int
    let totalPages: Int
    let pageNumber: Int
    let size: Int
    let firstPage: Bool
    let lastPage: Bool
    let empty: Bool
    let contents: [Item]

    enum CodingKeys: String, CodingKey {
        case totalItems = "total_items", totalPages = "total_pages", pageNumber = "page_number", size
        case firstPage = "first_page", lastPage = "last_page", empty, contents
    }

    init(_ page: Page<Item>) {
        totalItems = page.totalItems
        totalPages = page.totalPages
        pageNumber = page.request.number
        size = page.items.count
        firstPage = page.request.number == 1
        lastPage = page.request.number >= page.totalPages
        empty = page.items.isEmpty
        contents = page.items
    }
}

/// The shapes the ORUK schemas give records in lists and in service_at_locations.
enum ORUKShapes {
    struct ServiceAtLocation: Encodable, Sendable {
        let id: String
        let serviceId: String
        let locationId: String?
        let service: HSDS.Service
        let location: HSDS.Location?

        enum CodingKeys: String, CodingKey {
            case id, serviceId = "service_id", locationId = "location_id", service, location
        }
    }

    static func serviceAtLocation(_ row: ServiceAtLocationRow, full: Bool) -> ServiceAtLocation {
        let place = row.place
        var service = full ? row.entry.service : row.entry.service.listItem
        service.serviceAtLocations = nil
        var location = place?.location
        if !full {
            location?.addresses = nil
            location?.accessibility = nil
            location?.phones = nil
            location?.attributes = nil
        }
        return ServiceAtLocation(
            id: row.id, serviceId: row.entry.service.id, locationId: place?.locationId ?? location?.id,
            service: service,
            location: location)
    }
}

enum ORUKResponse {
    /// A page whose items are JSON already: the envelope is written around them.
    static func json(page: Page<String>) -> Response {
        let envelope = ORUKPage(page.map { _ in 0 })
        var text = "{\"contents\":[" + page.items.joined(separator: ",") + "]"
        text += ",\"empty\":\(envelope.empty),\"first_page\":\(envelope.firstPage),\"last_page\":\(envelope.lastPage)"
        text +=
            ",\"page_number\":\(envelope.pageNumber),\"size\":\(envelope.size),\"total_items\":\(envelope.totalItems)"
        text += ",\"total_pages\":\(envelope.totalPages)}"
        return Response(
            status: .ok, headers: [.contentType: "application/json", .cacheControl: "public, max-age=60"],
            body: ResponseBody(byteBuffer: ByteBuffer(string: text)))
    }

    static func json(_ value: some Encodable) throws -> Response {
        Response(
            status: .ok, headers: [.contentType: "application/json", .cacheControl: "public, max-age=60"],
            body: ResponseBody(byteBuffer: ByteBuffer(bytes: try HSDS.encoder().encode(value))))
    }
}

/// Lets any web page read the directory (ORUK's openness rule), errors included:
/// failures are turned into problem documents here so that they carry the header too.
struct OpenDataMiddleware: RouterMiddleware {
    typealias Context = AppRequestContext
    let errors: ErrorPagesMiddleware

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws
        -> Response
    {
        var response: Response
        do {
            response = try await next(request, context)
        } catch {
            response = errors.respond(to: error, request: request, context: context)
        }
        response.headers[.accessControlAllowOrigin] = "*"
        return response
    }
}
