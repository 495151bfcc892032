import Foundation
import Hummingbird
import LinkwellDomain
import LinkwellServices
import LinkwellStore

/// The link worker connects a person to a service (from a suggestion or a
/// directory search) and follows the connection until the loop is closed.
struct ConnectionsController {
    /// The use cases these pages use, and no others.
    struct Services: Sendable {
        let cases: CaseService
        let connections: ConnectionService

        init(_ all: AppServices) {
            cases = all.cases
            connections = all.connections
        }
    }

    let services: Services
    let pages: PageRenderer
    let cookies: CookieNames

    struct ConnectPage: Sendable {
        let personID: String
        let knownAs: String
        let serviceID: String
        let service: String
        let provider: String?
        let description: String?
        let statistics: String?
        let canRefer: Bool
        let conflict: String?
        let hasForm: Bool
        let kind: RadioGroupView
        let shared: CheckboxGroupView
        let consent: Bool
        let consentError: String?
        let note: TextAreaView
    }

    struct FollowPage: Sendable {
        let personID: String
        let name: String
        let connection: ConnectionView
        let conflict: String?
    }

    func addRoutes(to group: RouterGroup<CaseworkerContext>) {
        group.get("/people/:person/connect") { request, context in
            let service = QueryString(request.uri.query)["service"] ?? ""
            return try await renderConnect(
                context, person: try context.identifier("person"), service: service, form: nil)
        }

        group.post("/people/:person/connect") { request, context in
            let id: PersonID = try context.identifier("person")
            let service = context.form["service"]
            let form = ConnectionRequestForm(
                kind: context.form["kind"], shared: context.form.all("shared"), consent: context.form.has("consent"),
                note: context.form["note"])
            do {
                let made = try await services.connections.connect(
                    id, to: service, form, send: context.form["action"] != "suggest", context.acting)
                return Response.seeOther(
                    "/people/\(id)#connection-\(made.id)",
                    flash: made.status == .suggested ? .connectionSuggested : .connectionMade,
                    cookies: cookies)
            } catch ServiceError.invalid(let failure) {
                return try await renderConnect(
                    context, person: id, service: service, form: form, errors: failure.errors)
            } catch ServiceError.conflict(let message) {
                return try await renderConnect(context, person: id, service: service, form: form, conflict: message)
            }
        }

        group.get("/connections/:connection") { _, context in
            try await renderFollow(context, id: try context.identifier("connection"))
        }

        group.post("/connections/:connection/status") { _, context in
            let id: ConnectionID = try context.identifier("connection")
            let status = ConnectionStatus(rawValue: context.form["status"])
            guard let status else {
                throw ServiceError.invalid(ValidationFailure(field: "status", message: "Choose what happened"))
            }
            do {
                let moved = try await services.connections.move(
                    id, to: status, reason: context.form["reason"], version: context.formVersion, context.acting)
                return Response.seeOther(
                    "/people/\(moved.personID)#connection-\(id)", flash: .connectionUpdated, cookies: cookies)
            } catch ServiceError.invalid(let failure) {
                return try await renderFollow(context, id: id, errors: failure.errors, attempted: status.rawValue)
            } catch ServiceError.conflict(let message) {
                return try await renderFollow(context, id: id, conflict: message)
            }
        }
    }

    private func renderConnect(
        _ context: CaseworkerContext, person: PersonID, service: String, form: ConnectionRequestForm?,
        errors: [FieldError] = [],
        conflict: String? = nil
    ) async throws -> Response {
        let draft: ConnectionService.Draft
        do {
            draft = try await services.connections.draft(for: person, service: service, context.acting)
        } catch ServiceError.conflict(let message) {
            let record = try await services.cases.record(of: person, context.acting)
            return try renderNoReferral(context, person: record.person, message: message)
        }
        let typed =
            form
            ?? ConnectionRequestForm(
                kind: draft.canRefer ? ConnectionKind.formalReferral.rawValue : ConnectionKind.signposting.rawValue,
                shared: draft.canRefer ? [SharedItem.name.rawValue, SharedItem.contactDetails.rawValue] : [])
        let kinds = ConnectionKind.allCases.filter { $0 != .formalReferral || draft.canRefer }.map { kind in
            (value: kind.rawValue, label: kind.label, hint: Self.hint(kind, provider: draft.provider?.name) as String?)
        }
        let page = ConnectPage(
            personID: person.description, knownAs: draft.person.details.knownAs, serviceID: service,
            service: draft.entry.service.name,
            provider: draft.provider?.name ?? draft.entry.service.organization?.name,
            description: draft.entry.service.description.flatMap { $0.isEmpty ? nil : $0 },
            statistics: draft.statistics.summary, canRefer: draft.canRefer, conflict: conflict, hasForm: true,
            kind: RadioGroupView(
                "kind", legend: "How are you connecting them?", selected: typed.kind, options: kinds, errors: errors),
            shared: CheckboxGroupView(
                "shared", legend: "What may the provider see?", selected: typed.shared,
                options: SharedItem.allCases.map { ($0.rawValue, $0.label) }, errors: errors,
                hint:
                    "Only what \(draft.person.details.knownAs) agrees to. The provider sees these and nothing else of their record."
            ),
            consent: typed.consent, consentError: errors.first { $0.field == "consent" }?.message,
            note: TextAreaView(
                "note", label: "A note for the provider (optional)", value: typed.note, errors: errors,
                hint:
                    "What would help them welcome \(draft.person.details.knownAs): what they hope for, what worries them.",
                rows: 3))
        return try pages.render(
            "connect",
            chrome: pages.chrome(
                "Connect \(draft.person.name) to \(draft.entry.service.name)", for: context.signedIn, path: "/people",
                errors: errors),
            page: page, status: conflict != nil ? .conflict : (errors.isEmpty ? .ok : .unprocessableContent))
    }

    private func renderNoReferral(_ context: CaseworkerContext, person: Person, message: String) throws -> Response {
        try pages.render(
            "connect-unavailable",
            chrome: pages.chrome("Cannot connect \(person.name) yet", for: context.signedIn, path: "/people"),
            page: ["personID": person.id.description, "name": person.name, "message": message], status: .conflict)
    }

    private func renderFollow(
        _ context: CaseworkerContext, id: ConnectionID, errors: [FieldError] = [], attempted: String? = nil,
        conflict: String? = nil
    ) async throws -> Response {
        let followed = try await services.connections.connection(id, context.acting)
        let record = try await services.cases.record(of: followed.connection.personID, context.acting)
        let page = FollowPage(
            personID: record.person.id.description, name: record.person.name,
            connection: ConnectionView(
                followed.connection, history: followed.history, hrefPrefix: "/connections", actor: .linkWorker,
                format: pages.format,
                errors: errors, attemptedStatus: attempted),
            conflict: conflict)
        return try pages.render(
            "connection",
            chrome: pages.chrome(
                "\(followed.connection.service.name) for \(record.person.name)", for: context.signedIn, path: "/people",
                errors: errors),
            page: page, status: conflict != nil ? .conflict : (errors.isEmpty ? .ok : .unprocessableContent))
    }

    static func hint(_ kind: ConnectionKind, provider: String?) -> String {
        switch kind {
        case .signposting: "You give them the details; they get in touch themselves. Nothing is shared."
        case .warmIntroduction:
            "You introduce them (a call, an email, going along the first time), sharing what they agree to."
        case .formalReferral:
            "\(provider ?? "The provider") is asked to accept or decline within the deadline, and you are told."
        }
    }
}
