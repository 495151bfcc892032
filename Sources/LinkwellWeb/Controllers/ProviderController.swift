import Foundation
import Hummingbird
import LinkwellDomain
import LinkwellServices

/// The provider portal: what was sent to a community provider, with only
/// what the person agreed to share; accepting or declining, and recording
/// attendance. (The list is on the provider's home page.)
struct ProviderController {
    /// The use cases these pages use, and no others.
    struct Services: Sendable {
        let connections: ConnectionService

        init(_ all: AppServices) {
            connections = all.connections
        }
    }

    let services: Services
    let pages: PageRenderer
    let cookies: CookieNames

    struct Page: Sendable {
        let connection: ConnectionView
        let person: String
        let from: String
        let conflict: String?
    }

    func addRoutes(to group: RouterGroup<ProviderContext>) {
        group.get("/connections/:connection") { _, context in
            try await render(context, id: try context.identifier("connection"))
        }

        group.post("/connections/:connection/status") { _, context in
            let id: ConnectionID = try context.identifier("connection")
            guard let status = ConnectionStatus(rawValue: context.form["status"]) else {
                throw ServiceError.invalid(ValidationFailure(field: "status", message: "Choose what happened"))
            }
            do {
                try await services.connections.answer(
                    id, with: status, reason: context.form["reason"], version: context.formVersion, context.acting)
                return Response.seeOther("/provider/connections/\(id)", flash: .connectionAnswered, cookies: cookies)
            } catch ServiceError.invalid(let failure) {
                return try await render(context, id: id, errors: failure.errors, attempted: status.rawValue)
            } catch ServiceError.conflict(let message) {
                return try await render(context, id: id, conflict: message)
            }
        }
    }

    private func render(
        _ context: ProviderContext, id: ConnectionID, errors: [FieldError] = [], attempted: String? = nil,
        conflict: String? = nil
    ) async throws -> Response {
        let connection = try await services.connections.providerView(id, context.acting)
        let person = connection.shared.name ?? "Someone (their name was not shared)"
        let page = Page(
            connection: ConnectionView(
                connection, hrefPrefix: "/provider/connections", actor: .provider, format: pages.format, errors: errors,
                attemptedStatus: attempted),
            person: person, from: connection.createdByName, conflict: conflict)
        return try pages.render(
            "provider-connection",
            chrome: pages.chrome(
                "\(connection.kind.label) to \(connection.service.name)", for: context.signedIn, path: "/",
                errors: errors),
            page: page, status: conflict != nil ? .conflict : (errors.isEmpty ? .ok : .unprocessableContent))
    }
}

/// What a user has been told in the app: listed newest first, and marked
/// read once seen.
struct NoticesController {
    /// The use cases these pages use, and no others.
    struct Services: Sendable {
        let connections: ConnectionService

        init(_ all: AppServices) {
            connections = all.connections
        }
    }

    let services: Services
    let pages: PageRenderer

    struct Page: Sendable {
        struct Item: Sendable {
            let text: String
            let href: String?
            let time: String
            let isNew: Bool
        }
        let items: [Item]
        let hasItems: Bool
    }

    func addRoutes(to group: RouterGroup<SignedInContext>) {
        group.get("/notices") { _, context in
            let notices = try await services.connections.notices(context.acting)
            let items = notices.map {
                Page.Item(
                    text: $0.text, href: $0.href.isEmpty ? nil : $0.href,
                    time: pages.format.compactDateTime($0.createdAt), isNew: $0.readAt == nil)
            }
            return try pages.render(
                "notices", chrome: pages.chrome("Notices", for: context, path: "/notices"),
                page: Page(items: items, hasItems: !items.isEmpty))
        }
    }
}
