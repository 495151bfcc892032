import Foundation
import Hummingbird
import LinkwellDomain
import LinkwellServices

/// "Suggest for this person": services that fit what matters to someone,
/// each with the reasons in plain words, to talk through with them.
struct SuggestionsController {
    /// The use cases these pages use, and no others.
    struct Services: Sendable {
        let connections: ConnectionService
        let needs: NeedsService
        let suggestions: SuggestionService
        let timeZone: TimeZone

        init(_ all: AppServices) {
            connections = all.connections
            needs = all.needs
            suggestions = all.suggestions
            timeZone = all.timeZone
        }
    }

    let services: Services
    let pages: PageRenderer
    let cookies: CookieNames

    struct Page: Sendable {
        struct Item: Sendable {
            let connectHref: String
            let statistics: String?
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
        let unmetNeed: SelectView
        let unmetArea: TextFieldView
        let unmetNote: TextAreaView
        /// Needs already noted as unmet for them, newest first.
        let recorded: [String]
        let hasRecorded: Bool
    }

    func addRoutes(to group: RouterGroup<CaseworkerContext>) {
        group.get("/people/:person/suggestions") { _, context in
            try await render(context, person: try context.identifier("person"))
        }

        group.post("/people/:person/unmet-needs") { _, context in
            let id: PersonID = try context.identifier("person")
            let form = UnmetNeedForm(need: context.form["need"], area: context.form["area"], note: context.form["note"])
            do {
                try await services.suggestions.recordUnmetNeed(for: id, form, context.acting)
                return Response.seeOther("/people/\(id)/suggestions", flash: .unmetNeedRecorded, cookies: cookies)
            } catch ServiceError.invalid(let failure) {
                return try await render(context, person: id, form: form, errors: failure.errors)
            }
        }
    }

    private func render(
        _ context: CaseworkerContext, person id: PersonID, form typed: UnmetNeedForm? = nil, errors: [FieldError] = []
    ) async throws -> Response {
        let found = try await services.suggestions.suggestions(for: id, context.acting)
        let person = found.person
        let needs = try await services.needs.all()
        let labels = Dictionary(needs.map { ($0.code, $0.label) }, uniquingKeysWith: { first, _ in first })
        let statistics = try await services.connections.statistics(of: found.suggestions.map(\.service.id))
        let items = found.suggestions.map { suggestion in
            let service = suggestion.service
            let address = service.serviceAtLocations?.first?.location?.addresses?.first
            return Page.Item(
                connectHref: "/people/\(person.id)/connect?service=\(service.id)", statistics: statistics[service.id],
                name: service.name, organisation: service.organization?.name, explanation: suggestion.explanation,
                description: service.description?.nonEmpty,
                place: address.map { [$0.address1, $0.city, $0.postalCode].joined(separator: ", ") },
                phone: service.phones?.first?.number, website: service.url)
        }
        let form =
            typed
            ?? UnmetNeedForm(
                need: found.needs.first ?? "", area: person.details.postcode.map { String($0.outwardCode) } ?? "")
        let recorded = try await services.suggestions.unmetNeeds(of: id, context.acting).map {
            "\(labels[$0.need] ?? $0.need) in \($0.area), noted by \($0.recordedByName) on \(CalendarDate($0.recordedAt, in: services.timeZone).longText)"
        }
        let page = Page(
            id: person.id.description, name: person.name, knownAs: person.details.knownAs,
            nothingToMatch: found.nothingToMatch,
            unplaced: !found.placed && !found.nothingToMatch,
            reach: ServiceMatching.describe(distance: found.reachMetres),
            items: items, hasItems: !items.isEmpty,
            unmetNeed: SelectView(
                "need", label: "Need", selected: form.need,
                options: [("", "Choose a need")] + needs.filter(\.isActive).map { ($0.code, $0.label) }, errors: errors),
            unmetArea: TextFieldView(
                "area", label: "Area", value: form.area, errors: errors,
                hint: "A postcode district, such as RV2, or a neighbourhood",
                widthClass: "input--width-20"),
            unmetNote: TextAreaView(
                "note", label: "What was needed (optional)", value: form.note, errors: errors, rows: 3),
            recorded: recorded, hasRecorded: !recorded.isEmpty)
        return try pages.render(
            "suggestions",
            chrome: pages.chrome(
                "Suggestions for \(person.name)", for: context.signedIn, path: "/people", errors: errors),
            page: page, status: errors.isEmpty ? .ok : .badRequest)
    }
}
