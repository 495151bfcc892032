import Foundation
import Hummingbird
import LinkwellDomain
import LinkwellServices
import LinkwellStore
import NIOCore

/// The organisation's outcome instruments: the built-in ones, which of them
/// need licensed wording, and adding a definition (the wording, under the
/// organisation's licence, or an instrument of its own) by pasting its JSON
/// (docs/instruments.md).
struct InstrumentsController {
    /// The use cases these pages use, and no others.
    struct Services: Sendable {
        let outcomes: OutcomeService

        init(_ all: AppServices) {
            outcomes = all.outcomes
        }
    }

    let services: Services
    let pages: PageRenderer
    let cookies: CookieNames

    struct Page: Sendable {
        struct Row: Sendable {
            let title: String
            let id: String
            let status: String
            let statusClass: String
            let templateHref: String
            let version: Int
        }
        let rows: [Row]
        let definition: TextAreaView
        let version: String
    }

    func addRoutes(to group: RouterGroup<AdministratorContext>) {
        group.get("/instruments") { _, context in try await render(context) }

        // The definition as the organisation has it: the template to fill in.
        group.get("/instruments/:id") { _, context in
            let instrument = try await services.outcomes.instrument(
                try context.parameters.require("id"), context.acting)
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            return Response.download(
                Array(try encoder.encode(instrument.definition)), contentType: "application/json; charset=utf-8",
                filename: "\(instrument.definition.id).json")
        }

        group.post("/instruments") { _, context in
            let document = context.signedIn.form["definition"]
            do {
                let saved = try await services.outcomes.addInstrument(
                    Data(document.utf8), version: context.signedIn.form.version() ?? 0, context.acting)
                return Response.seeOther(
                    "/admin/instruments", flash: saved.isUsable ? .instrumentSaved : .instrumentSavedWithoutWording,
                    cookies: cookies)
            } catch ServiceError.invalid(let failure) {
                return try await render(context, typed: document, errors: failure.errors)
            } catch ServiceError.conflict(let message) {
                return try await render(
                    context, typed: document, errors: [FieldError(field: "definition", message: message)])
            }
        }
    }

    private func render(_ context: AdministratorContext, typed: String = "", errors: [FieldError] = []) async throws
        -> Response
    {
        let instruments = try await services.outcomes.instruments(context.acting)
        let rows = instruments.map { instrument in
            Page.Row(
                title: instrument.definition.title, id: instrument.definition.id,
                status: instrument.isUsable
                    ? (instrument.added.map { "Added by \($0.addedByName)" } ?? "Built in, ready to use")
                    : "Needs licensed wording",
                statusClass: instrument.isUsable ? "tag--green" : "tag--yellow",
                templateHref: "/admin/instruments/\(instrument.definition.id)", version: instrument.added?.version ?? 0)
        }
        let page = Page(
            rows: rows,
            definition: TextAreaView(
                "definition", label: "Definition (JSON)", value: typed, errors: errors,
                hint:
                    "Download a definition below, add the wording of each item (\"text\"), and paste it here. Items, answers and scoring of a built-in instrument must stay as they are.",
                rows: 12),
            version: "")
        return try pages.render(
            "admin-instruments",
            chrome: pages.chrome(
                "Outcome instruments", for: context.signedIn, path: "/admin/instruments", errors: errors),
            page: page, status: errors.isEmpty ? .ok : .unprocessableContent)
    }
}
