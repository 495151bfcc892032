import Foundation
import Hummingbird
import LinkwellDomain
import LinkwellServices

/// "Suggest for this person": services that fit what matters to someone,
/// each with the reasons in plain words, to talk through with them.
struct SuggestionsController {
    let services: AppServices
    let pages: PageRenderer

    struct Page: Sendable {
        struct Item: Sendable {
            let name: String
            let organisation: String?
            let explanation: String
            let description: String?
            let place: String?
            let phone: String?
            let website: String?
        }

        let id: String
        let name: String
        let knownAs: String
        let nothingToMatch: Bool
        let unplaced: Bool
        let reach: String
        let items: [Item]
        let hasItems: Bool
    }

    func addRoutes(to group: RouterGroup<CaseworkerContext>) {
        group.get("/people/:person/suggestions") { _, context in
            let found = try await services.suggestions.suggestions(for: try context.identifier("person"), context.acting)
            let person = found.person
            let items = found.suggestions.map { suggestion in
                let service = suggestion.service
                let address = service.serviceAtLocations?.first?.location?.addresses?.first
                return Page.Item(
                    name: service.name, organisation: service.organization?.name, explanation: suggestion.explanation,
                    description: service.description?.nonEmpty,
                    place: address.map { [$0.address1, $0.city, $0.postalCode].joined(separator: ", ") },
                    phone: service.phones?.first?.number, website: service.url)
            }
            let page = Page(
                id: person.id.description, name: person.name, knownAs: person.details.knownAs, nothingToMatch: found.nothingToMatch,
                unplaced: !found.placed && !found.nothingToMatch, reach: ServiceMatching.describe(distance: found.reachMetres),
                items: items, hasItems: !items.isEmpty)
            return try pages.render(
                "suggestions", chrome: pages.chrome("Suggestions for \(person.name)", for: context.signedIn, path: "/people"), page: page)
        }
    }
}
