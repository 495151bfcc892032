import Foundation
import Hummingbird
import LinkwellDomain
import LinkwellServices
import LinkwellStore

/// Keeping the directory right: the edit form for an entry, adding one, and
/// confirming one is still correct. Who may do which is decided in
/// `DirectoryService` (administrators any entry; providers their own).
struct DirectoryEditingController {
    /// The use cases these pages use, and no others.
    struct Services: Sendable {
        let administration: AdministrationService
        let directory: DirectoryService

        init(_ all: AppServices) {
            administration = all.administration
            directory = all.directory
        }
    }

    let services: Services
    let pages: PageRenderer
    let cookies: CookieNames

    struct FormPage: Sendable {
        let heading: String
        let caption: String?
        let action: String
        let cancelHref: String
        let version: Int
        let conflict: String?
        let name: TextFieldView
        let description: TextAreaView
        let status: SelectView
        let alert: TextFieldView
        let sessions: TextAreaView
        let minimumAge: TextFieldView
        let maximumAge: TextFieldView
        let isFree: Bool
        let fees: TextFieldView
        let languages: TextFieldView
        let phone: TextFieldView
        let email: TextFieldView
        let url: TextFieldView
        /// Administrators choose which organisation keeps the entry up to date.
        let maintainer: SelectView?
        let submitLabel: String
    }

    func addRoutes(to group: RouterGroup<SignedInContext>) {
        group.get("/directory/new") { _, context in
            guard [.provider, .administrator].contains(context.user.role) else { throw ServiceError.forbidden }
            return try await render(context, form: DirectoryEntryForm(), entry: nil)
        }

        group.post("/directory/new") { _, context in
            let form = Self.form(from: context.form)
            do {
                let entry = try await services.directory.create(form, context.acting)
                return Response.seeOther(
                    "/directory/services/\(entry.service.id)", flash: .directoryEntryAdded, cookies: cookies)
            } catch ServiceError.invalid(let failure) {
                return try await render(context, form: form, entry: nil, errors: failure.errors)
            }
        }

        group.get("/directory/services/:id/edit") { _, context in
            let editable = try await services.directory.editable(
                id: try context.parameters.require("id"), context.acting)
            return try await render(context, form: editable.form, entry: editable.entry)
        }

        group.post("/directory/services/:id/edit") { _, context in
            let id = try context.parameters.require("id")
            let form = Self.form(from: context.form)
            do {
                var maintainer = DirectoryService.MaintainerChoice.unchanged
                if context.user.role == .administrator, let chosen = context.form.all("maintainer").first {
                    guard chosen.isEmpty || OrganisationID(chosen) != nil else {
                        throw ServiceError.invalid(
                            ValidationFailure(field: "maintainer", message: "Choose an organisation from the list"))
                    }
                    maintainer = .organisation(OrganisationID(chosen))
                }
                try await services.directory.update(
                    id: id, version: context.formVersion, form, maintainer: maintainer, context.acting)
                return Response.seeOther("/directory/services/\(id)", flash: .directoryEntrySaved, cookies: cookies)
            } catch ServiceError.invalid(let failure) {
                let current = try await services.directory.editable(id: id, context.acting).entry
                return try await render(
                    context, form: form, entry: current, version: context.formVersion, errors: failure.errors)
            } catch ServiceError.conflict(let message) {
                // Show what is saved now, with its newer version, and say why.
                let current = try await services.directory.editable(id: id, context.acting)
                return try await render(context, form: current.form, entry: current.entry, conflict: message)
            }
        }

        group.post("/directory/services/:id/reviewed") { _, context in
            let id = try context.parameters.require("id")
            do {
                try await services.directory.confirmReviewed(id: id, version: context.formVersion, context.acting)
                return Response.seeOther("/directory/services/\(id)", flash: .directoryEntryConfirmed, cookies: cookies)
            } catch ServiceError.conflict {
                return Response.seeOther("/directory/services/\(id)", flash: .directoryEntryMoved, cookies: cookies)
            }
        }
    }

    static func form(from data: FormData) -> DirectoryEntryForm {
        var form = DirectoryEntryForm()
        form.name = data["name"]
        form.description = data["description"]
        form.status = data["status"]
        form.alert = data["alert"]
        form.sessions = data["sessions"]
        form.minimumAge = data["minimumAge"]
        form.maximumAge = data["maximumAge"]
        form.isFree = data["isFree"] == "yes"
        form.fees = data["fees"]
        form.languages = data["languages"]
        form.phone = data["phone"]
        form.email = data["email"]
        form.url = data["url"]
        return form
    }

    private func render(
        _ context: SignedInContext, form: DirectoryEntryForm, entry: DirectoryEntry?, version: Int? = nil,
        conflict: String? = nil,
        errors: [FieldError] = []
    ) async throws -> Response {
        // Administrators choose which organisation keeps the entry up to date.
        var maintainer: SelectView?
        if let entry, context.user.role == .administrator {
            let organisations = try await services.administration.organisations(context.acting)
            maintainer = SelectView(
                "maintainer", label: "Kept up to date by", selected: entry.maintainedBy?.description ?? "",
                options: [("", "Nobody in Linkwell (imported)")] + organisations.map { ($0.id.description, $0.name) },
                errors: errors,
                hint: "Users of this organisation with the community provider role can edit the entry.")
        }
        let href = entry.map { "/directory/services/\($0.service.id)" }
        let statuses: [(value: String, label: String)] = DirectoryEntryForm.statuses.map {
            ($0, $0.prefix(1).uppercased() + $0.dropFirst())
        }
        let page = FormPage(
            heading: entry == nil ? "Add a service" : "Edit \(entry!.service.name)",
            caption: entry?.service.organization?.name,
            action: href.map { "\($0)/edit" } ?? "/directory/new", cancelHref: href ?? "/",
            version: version ?? entry?.version ?? 0, conflict: conflict,
            name: TextFieldView("name", label: "Name", value: form.name, errors: errors),
            description: TextAreaView(
                "description", label: "What it is", value: form.description, errors: errors,
                hint: "What happens there and who it is for, in plain words.", rows: 5),
            status: SelectView("status", label: "Status", selected: form.status, options: statuses, errors: errors),
            alert: TextFieldView(
                "alert", label: "Notice (optional)", value: form.alert, errors: errors,
                hint: "Shown above everything else, for example: No session on 24 December."),
            sessions: TextAreaView(
                "sessions", label: "When it runs", value: form.sessions, errors: errors,
                hint: "One weekly session a line, for example: Tuesday 10:00-12:00", rows: 3),
            minimumAge: TextFieldView(
                "minimumAge", label: "Youngest age (optional)", value: form.minimumAge, errors: errors,
                widthClass: "input--width-4",
                spellcheck: false),
            maximumAge: TextFieldView(
                "maximumAge", label: "Oldest age (optional)", value: form.maximumAge, errors: errors,
                widthClass: "input--width-4",
                spellcheck: false),
            isFree: form.isFree,
            fees: TextFieldView(
                "fees", label: "Cost", value: form.fees, errors: errors,
                hint: "For example: £3 a session, concessions free."),
            languages: TextFieldView(
                "languages", label: "Languages (optional)", value: form.languages, errors: errors,
                hint: "Separate them with commas."),
            phone: TextFieldView(
                "phone", label: "Phone (optional)", value: form.phone, errors: errors, type: "tel",
                widthClass: "input--width-20",
                spellcheck: false),
            email: TextFieldView(
                "email", label: "Email (optional)", value: form.email, errors: errors, type: "email", spellcheck: false),
            url: TextFieldView(
                "url", label: "Website (optional)", value: form.url, errors: errors, type: "url", spellcheck: false),
            maintainer: maintainer, submitLabel: entry == nil ? "Add service" : "Save changes")
        return try pages.render(
            "directory-entry-form",
            chrome: pages.chrome(page.heading, for: context, path: "/directory", errors: errors), page: page,
            status: errors.isEmpty ? (conflict == nil ? .ok : .conflict) : .unprocessableContent)
    }
}
