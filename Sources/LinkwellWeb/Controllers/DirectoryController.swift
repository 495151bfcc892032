import Foundation
import Hummingbird
import LinkwellDomain
import LinkwellServices
import LinkwellStore

/// The community directory for people who work in Linkwell: search with the
/// filters a link worker thinks in (what for, near where, which day, what
/// age, free), each result with its distance and when it next runs.
struct DirectoryController {
    /// The use cases these pages use, and no others.
    struct Services: Sendable {
        let connections: ConnectionService
        let directory: DirectoryService
        let needs: NeedsService
        let timeZone: TimeZone

        init(_ all: AppServices) {
            connections = all.connections
            directory = all.directory
            needs = all.needs
            timeZone = all.timeZone
        }
    }

    let services: Services
    let pages: PageRenderer

    struct SearchPage: Sendable {
        struct Result: Sendable {
            let id: String
            let href: String
            let name: String
            let organisation: String?
            let kind: String?
            let facts: String
            let description: String?
            let reviewDue: Bool
            var statistics: String?
            var connectHref: String?
        }

        let text: TextFieldView
        let need: SelectView
        let postcode: TextFieldView
        let within: SelectView
        let day: SelectView
        let age: TextFieldView
        let language: TextFieldView
        let access: SelectView
        let cost: SelectView
        let searched: Bool
        var results: [Result]
        let hasResults: Bool
        let summary: String
        let previous: String?
        let next: String?
        /// Searching on behalf of someone, to connect them.
        var forPerson: String?
        var forPersonID: String?
        var forPersonHref: String?
    }

    func addRoutes(to group: RouterGroup<SignedInContext>) {
        group.get("/directory") { request, context in
            let parameters = QueryString(request.uri.query)
            var form = DirectorySearchForm()
            form.text = parameters["q"] ?? ""
            form.need = parameters["need"] ?? ""
            form.postcode = parameters["postcode"] ?? ""
            form.within = parameters["within"] ?? "5"
            form.day = parameters["day"] ?? ""
            form.age = parameters["age"] ?? ""
            // `free=yes` is how the page asked before it offered low cost too.
            form.cost = parameters["cost"] ?? (parameters["free"] == "yes" ? "free" : "")
            form.language = parameters["language"] ?? ""
            form.access = parameters["access"] ?? ""
            let pageRequest = try parameters.page(size: 20)
            let needs = try await services.needs.all().filter(\.isActive)
            var errors: [FieldError] = []
            var result: DirectoryService.SearchResult?
            if !form.isEmpty || parameters["q"] != nil {
                do {
                    result = try await services.directory.search(form, page: pageRequest)
                } catch ServiceError.invalid(let failure) {
                    errors = failure.errors
                }
            }
            var page = searchPage(form, needs: needs, result: result, errors: errors, query: request.uri.query ?? "")
            let statistics = try await services.connections.statistics(of: result?.page.items.map(\.service.id) ?? [])
            for index in page.results.indices { page.results[index].statistics = statistics[page.results[index].id] }
            if let id = parameters["for"].flatMap(PersonID.init), [.linkWorker, .manager].contains(context.user.role) {
                let person = try await services.connections.personToConnect(id, context.acting)
                page.forPerson = person.details.knownAs
                page.forPersonID = id.description
                page.forPersonHref = "/people/\(id)"
                for index in page.results.indices {
                    page.results[index].connectHref = "/people/\(id)/connect?service=\(page.results[index].id)"
                }
            }
            return try pages.render(
                "directory",
                chrome: pages.chrome("Community directory", for: context, path: "/directory", errors: errors),
                page: page)
        }

        group.get("/directory/services/:id") { _, context in
            let entry = try await services.directory.service(id: try context.parameters.require("id"))
            var page = servicePage(entry)
            if AccessPolicy.canEdit(entry, context.acting) {
                let editable = try await services.directory.editable(id: entry.service.id, context.acting)
                page.editing = ServicePage.Editing(
                    editHref: "/directory/services/\(entry.service.id)/edit",
                    reviewAction: "/directory/services/\(entry.service.id)/reviewed", version: entry.version,
                    maintainer: editable.maintainerName
                        ?? "nobody in Linkwell: it changes only when it is imported again",
                    history: editable.history.map { change in
                        let what =
                            switch change.kind {
                            case .created: "Added"
                            case .reviewed: "Checked: still correct"
                            case .edited:
                                "Changed " + change.fields.map { $0.field.lowercased() }.joined(separator: ", ")
                            }
                        let shown = (change.kind == .created ? [] : change.fields).map {
                            ServicePage.Change.Field(
                                field: $0.field, before: Self.oneLine($0.before), after: Self.oneLine($0.after))
                        }
                        return ServicePage.Change(
                            when: pages.format.dateTime(change.at), who: change.actorLabel, what: what,
                            fields: shown, hasFields: !shown.isEmpty)
                    },
                    hasHistory: !editable.history.isEmpty)
            }
            return try pages.render(
                "directory-service", chrome: pages.chrome(entry.service.name, for: context, path: "/directory"),
                page: page)
        }
    }

    private func searchPage(
        _ form: DirectorySearchForm, needs: [Need], result: DirectoryService.SearchResult?, errors: [FieldError],
        query: String
    ) -> SearchPage {
        let results = (result?.page.items ?? []).map { entry in
            let service = entry.service
            let index = DirectoryIndex(service)
            var facts: [String] = []
            if let from = result?.from,
                let distance = index.places.compactMap({ place -> Double? in
                    guard let latitude = place.latitude, let longitude = place.longitude else { return nil }
                    return from.distance(toLatitude: latitude, longitude: longitude)
                }).min()
            {
                facts.append(ServiceMatching.describe(distance: distance))
            }
            if let session = index.sessions.sorted(by: {
                ($0.day?.rawValue ?? 8, $0.opens ?? 0) < ($1.day?.rawValue ?? 8, $1.opens ?? 0)
            })
            .first(where: { form.day.isEmpty || $0.day?.rawValue == Int(form.day) }) {
                facts.append(ServiceMatching.describe(session))
            }
            let cost = (service.costOptions ?? []).compactMap(\.amount).max() ?? 0
            facts.append(cost == 0 ? "free" : String(format: "£%.2f", cost).replacingOccurrences(of: ".00", with: ""))
            if let minimum = service.minimumAge, let maximum = service.maximumAge, minimum > 0 || maximum < 120 {
                facts.append("ages \(Int(minimum))–\(Int(maximum))")
            }
            return SearchPage.Result(
                id: service.id, href: "/directory/services/\(service.id)", name: service.name,
                organisation: service.organization?.name,
                kind: index.terms.first(where: { $0.parentId != nil })?.name, facts: facts.joined(separator: " · "),
                description: service.description, reviewDue: services.directory.isReviewDue(entry))
        }
        let dayOptions = [("", "Any day")] + DirectoryDay.allCases.map { (String($0.rawValue), $0.name) }
        let total = result?.page.totalItems ?? 0
        func link(_ number: Int) -> String {
            var items = query.split(separator: "&").filter { !$0.hasPrefix("page=") }.map(String.init)
            items.append("page=\(number)")
            return "/directory?" + items.joined(separator: "&")
        }
        return SearchPage(
            text: TextFieldView(
                "q", label: "What are you looking for?", value: form.text, errors: errors,
                hint: "For example: walking, choir, debt advice"),
            need: SelectView(
                "need", label: "For", selected: form.need,
                options: [("", "Any need")] + needs.map { ($0.code, $0.label) }, errors: errors),
            postcode: TextFieldView(
                "postcode", label: "Near postcode", value: form.postcode, errors: errors, widthClass: "input--width-10",
                spellcheck: false),
            within: SelectView(
                "within", label: "Within", selected: form.within,
                options: [("1", "1 km"), ("2", "2 km"), ("5", "5 km"), ("10", "10 km"), ("25", "25 km")], errors: errors
            ),
            day: SelectView("day", label: "Day", selected: form.day, options: dayOptions, errors: errors),
            age: TextFieldView(
                "age", label: "Age", value: form.age, errors: errors, type: "text", widthClass: "input--width-4",
                spellcheck: false),
            language: TextFieldView(
                "language", label: "Language", value: form.language, errors: errors, hint: "For example: Polish, BSL",
                widthClass: "input--width-10"),
            access: SelectView(
                "access", label: "Access", selected: form.access,
                options: [("", "Any")] + DirectoryAccess.allCases.map { ($0.rawValue, $0.label) }, errors: errors),
            cost: SelectView(
                "cost", label: "Cost", selected: form.cost,
                options: [
                    ("", "Any cost"), ("free", "Free"),
                    ("low", String(format: "Free or up to £%.0f a session", ServiceMatching.lowCost)),
                ],
                errors: errors),
            searched: result != nil, results: results, hasResults: !results.isEmpty,
            summary: total == 1 ? "1 service found" : "\(total) services found",
            previous: (result?.page.hasPrevious ?? false) ? link((result?.page.request.number ?? 2) - 1) : nil,
            next: (result?.page.hasNext ?? false) ? link((result?.page.request.number ?? 0) + 1) : nil)
    }

    struct ServicePage: Sendable {
        struct Row: Sendable {
            let key: String
            let value: String
        }

        let name: String
        let description: String?
        let alert: String?
        let rows: [Row]
        let reviewed: String
        let reviewDue: Bool
        let source: String
        /// For those who may change the entry.
        var editing: Editing?

        struct Editing: Sendable {
            let editHref: String
            let reviewAction: String
            let version: Int
            let maintainer: String
            let history: [Change]
            let hasHistory: Bool
        }

        struct Change: Sendable {
            struct Field: Sendable {
                let field: String
                let before: String
                let after: String
            }
            let when: String
            let who: String
            let what: String
            let fields: [Field]
            let hasFields: Bool
        }
    }

    /// A changed field's value for the history: lines joined, and nothing shown as such.
    static func oneLine(_ text: String) -> String {
        text.isEmpty ? "(empty)" : text.split(whereSeparator: \.isNewline).joined(separator: "; ")
    }

    private func servicePage(_ entry: DirectoryEntry) -> ServicePage {
        let service = entry.service
        let index = DirectoryIndex(service)
        var rows: [ServicePage.Row] = []
        func add(_ key: String, _ value: String?) {
            if let value, !value.isEmpty { rows.append(.init(key: key, value: value)) }
        }
        add("Run by", service.organization?.name)
        add("What", index.terms.map(\.name).joined(separator: ", "))
        for place in service.serviceAtLocations ?? [] {
            let address = place.location?.addresses?.first.map {
                [$0.address1, $0.city, $0.postalCode].joined(separator: ", ")
            }
            add("Where", [place.location?.name, address].compactMap { $0 }.joined(separator: ", "))
            add("Access", place.location?.accessibility?.compactMap(\.description).joined(separator: "; "))
        }
        add(
            "When",
            (service.schedules ?? []).compactMap { $0.description }.joined(separator: "; ").nonEmpty
                ?? index.sessions.map(ServiceMatching.describe).joined(separator: "; "))
        add("Cost", service.fees ?? ((service.costOptions ?? []).isEmpty ? "Free" : nil))
        if let minimum = service.minimumAge, let maximum = service.maximumAge {
            add("Ages", "\(Int(minimum)) to \(Int(maximum))")
        }
        add("Languages", (service.languages ?? []).compactMap(\.name).joined(separator: ", "))
        add("Phone", service.phones?.first?.number)
        add("Email", service.email)
        add("Website", service.url)
        let reviewed = CalendarDate(entry.reviewedAt, in: services.timeZone)
        return ServicePage(
            name: service.name, description: service.description, alert: service.alert, rows: rows,
            reviewed: reviewed.longText,
            reviewDue: services.directory.isReviewDue(entry), source: entry.source)
    }
}
