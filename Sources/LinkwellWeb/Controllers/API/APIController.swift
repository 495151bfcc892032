import Foundation
import Hummingbird
import LinkwellDomain
import LinkwellServices

/// The JSON API, under /api/v1. It grows with each capability; for now it
/// says who is signed in and lists organisations for administrators. Errors
/// are problem documents (application/problem+json), never HTML.
struct APIController {
    /// The use cases these pages use, and no others.
    struct Services: Sendable {
        let administration: AdministrationService

        init(_ all: AppServices) {
            administration = all.administration
        }
    }

    let services: Services

    struct Me: Encodable {
        let id: String
        let name: String
        let email: String
        let role: String
        let organisationID: String
    }

    struct OrganisationSummary: Encodable {
        let id: String
        let name: String
        let kind: String
        let odsCode: String?
        let version: Int
    }

    func addRoutes(to group: RouterGroup<SignedInContext>) {
        group.get("/me") { _, context in
            let user = context.user
            return try Response.json(
                Me(
                    id: user.id.description, name: user.name, email: user.email.value, role: user.role.rawValue,
                    organisationID: user.organisationID.description))
        }

        group.get("/organisations") { _, context in
            let organisations = try await services.administration.organisations(context.acting)
            return try Response.json(
                organisations.map {
                    OrganisationSummary(
                        id: $0.id.description, name: $0.name, kind: $0.kind.rawValue, odsCode: $0.odsCode?.value,
                        version: $0.version)
                })
        }

        // Anything else under /api is a problem document, not the HTML 404 page.
        group.get("/**") { _, _ -> Response in
            throw HTTPError(.notFound)
        }
    }
}
