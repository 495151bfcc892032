import Foundation
import Hummingbird
import LinkwellDomain
import LinkwellServices

/// Administrators' pages for organisations and their GP practices.
struct OrganisationsController {
    /// The use cases these pages use, and no others.
    struct Services: Sendable {
        let administration: AdministrationService
        let clock: any WallClock

        init(_ all: AppServices) {
            administration = all.administration
            clock = all.clock
        }
    }

    let services: Services
    let pages: PageRenderer
    let cookies: CookieNames

    struct ListPage: Sendable {
        struct Row: Sendable {
            let name: String
            let href: String
            let kind: String
            let odsCode: String
        }
        let rows: [Row]
        let hasRows: Bool
    }

    struct OverviewPage: Sendable {
        struct PracticeRow: Sendable {
            let name: String
            let odsCode: String
            let editHref: String
        }
        struct UserRow: Sendable {
            let name: String
            let email: String
            let role: String
            let status: String
            let href: String
        }
        let id: String
        let name: String
        let kind: String
        let odsCode: String
        let added: String
        let referrals: String
        let selfReferralPath: String?
        let practices: [PracticeRow]
        let hasPractices: Bool
        let users: [UserRow]
        let hasUsers: Bool
    }

    struct OrganisationFormPage: Sendable {
        let heading: String
        let action: String
        let cancelHref: String
        let version: Int
        let conflict: String?
        let name: TextFieldView
        let kind: RadioGroupView
        let odsCode: TextFieldView
        let acceptsReferrals: Bool
        let selfReferralEnabled: Bool
        let selfReferralError: String?
        let responseDays: TextFieldView
        let followUpWeeks: TextFieldView
        let submitLabel: String
    }

    struct PracticeFormPage: Sendable {
        let heading: String
        let organisationName: String
        let action: String
        let cancelHref: String
        let version: Int
        let conflict: String?
        let name: TextFieldView
        let odsCode: TextFieldView
        let submitLabel: String
    }

    func addRoutes(to group: RouterGroup<AdministratorContext>) {
        group.get("/organisations") { _, context in
            let organisations = try await services.administration.organisations(context.acting)
            let rows = organisations.map {
                ListPage.Row(
                    name: $0.name, href: "/admin/organisations/\($0.id)", kind: $0.kind.label,
                    odsCode: $0.odsCode?.value ?? "None")
            }
            return try pages.render(
                "admin-organisations", chrome: chrome("Organisations", context, path: "/admin/organisations"),
                page: ListPage(rows: rows, hasRows: !rows.isEmpty))
        }

        group.get("/organisations/new") { _, context in
            try organisationForm(context, form: OrganisationForm(), existing: nil)
        }

        group.post("/organisations/new") { _, context in
            let form = organisationForm(from: context.form)
            do {
                let created = try await services.administration.createOrganisation(form, context.acting)
                return Response.seeOther(
                    "/admin/organisations/\(created.id)", flash: .organisationCreated, cookies: cookies)
            } catch ServiceError.invalid(let failure) {
                return try organisationForm(context, form: form, existing: nil, errors: failure.errors)
            }
        }

        group.get("/organisations/:organisation") { _, context in
            let overview = try await services.administration.overview(
                of: try context.identifier("organisation"), context.acting)
            let organisation = overview.organisation
            let base = "/admin/organisations/\(organisation.id)"
            let page = OverviewPage(
                id: organisation.id.description, name: organisation.name, kind: organisation.kind.label,
                odsCode: organisation.odsCode?.value ?? "None", added: pages.format.date(organisation.createdAt),
                referrals: organisation.acceptsReferrals
                    ? (organisation.selfReferralEnabled
                        ? "Receives referrals, including self-referrals" : "Receives referrals")
                    : "Does not receive referrals",
                selfReferralPath: organisation.selfReferralEnabled ? "/self-referral/\(organisation.id)" : nil,
                practices: overview.practices.map {
                    OverviewPage.PracticeRow(
                        name: $0.name, odsCode: $0.odsCode.value, editHref: "\(base)/practices/\($0.id)/edit")
                },
                hasPractices: !overview.practices.isEmpty,
                users: overview.users.map {
                    OverviewPage.UserRow(
                        name: $0.name, email: $0.email.value, role: $0.role.label,
                        status: UserStatus.describe($0, at: services.clock.now()), href: "\(base)/users/\($0.id)")
                },
                hasUsers: !overview.users.isEmpty)
            return try pages.render(
                "admin-organisation", chrome: chrome(organisation.name, context, path: base), page: page)
        }

        group.get("/organisations/:organisation/edit") { _, context in
            let overview = try await services.administration.overview(
                of: try context.identifier("organisation"), context.acting)
            let organisation = overview.organisation
            return try organisationForm(
                context,
                form: Self.form(for: organisation), existing: organisation)
        }

        group.post("/organisations/:organisation/edit") { _, context in
            let id: OrganisationID = try context.identifier("organisation")
            let form = organisationForm(from: context.form)
            do {
                _ = try await services.administration.updateOrganisation(
                    id, version: context.formVersion, form, context.acting)
                return Response.seeOther("/admin/organisations/\(id)", flash: .organisationSaved, cookies: cookies)
            } catch ServiceError.invalid(let failure) {
                let current = try await services.administration.overview(of: id, context.acting).organisation
                return try organisationForm(
                    context, form: form, existing: current, version: context.formVersion, errors: failure.errors)
            } catch ServiceError.conflict(let message) {
                // Show what is saved now, with the newer version, and say why.
                let current = try await services.administration.overview(of: id, context.acting).organisation
                return try organisationForm(
                    context, form: Self.form(for: current), existing: current, conflict: message)
            }
        }

        group.get("/organisations/:organisation/practices/new") { _, context in
            let organisation = try await services.administration.overview(
                of: try context.identifier("organisation"), context.acting
            ).organisation
            return try practiceForm(context, organisation: organisation, form: PracticeForm(), existing: nil)
        }

        group.post("/organisations/:organisation/practices/new") { _, context in
            let organisation = try await services.administration.overview(
                of: try context.identifier("organisation"), context.acting
            ).organisation
            let form = PracticeForm(name: context.form["name"], odsCode: context.form["odsCode"])
            do {
                _ = try await services.administration.createPractice(form, in: organisation.id, context.acting)
                return Response.seeOther(
                    "/admin/organisations/\(organisation.id)", flash: .practiceCreated, cookies: cookies)
            } catch ServiceError.invalid(let failure) {
                return try practiceForm(
                    context, organisation: organisation, form: form, existing: nil, errors: failure.errors)
            }
        }

        group.get("/organisations/:organisation/practices/:practice/edit") { _, context in
            let organisation = try await services.administration.overview(
                of: try context.identifier("organisation"), context.acting
            ).organisation
            let practice = try await services.administration.practice(
                try context.identifier("practice"), in: organisation.id, context.acting)
            return try practiceForm(
                context, organisation: organisation,
                form: PracticeForm(name: practice.name, odsCode: practice.odsCode.value),
                existing: practice)
        }

        group.post("/organisations/:organisation/practices/:practice/edit") { _, context in
            let organisation = try await services.administration.overview(
                of: try context.identifier("organisation"), context.acting
            ).organisation
            let id: PracticeID = try context.identifier("practice")
            let form = PracticeForm(name: context.form["name"], odsCode: context.form["odsCode"])
            do {
                _ = try await services.administration.updatePractice(
                    id, in: organisation.id, version: context.formVersion, form, context.acting)
                return Response.seeOther(
                    "/admin/organisations/\(organisation.id)", flash: .practiceSaved, cookies: cookies)
            } catch ServiceError.invalid(let failure) {
                let current = try await services.administration.practice(id, in: organisation.id, context.acting)
                return try practiceForm(
                    context, organisation: organisation, form: form, existing: current, version: context.formVersion,
                    errors: failure.errors)
            } catch ServiceError.conflict(let message) {
                let current = try await services.administration.practice(id, in: organisation.id, context.acting)
                return try practiceForm(
                    context, organisation: organisation,
                    form: PracticeForm(name: current.name, odsCode: current.odsCode.value),
                    existing: current, conflict: message)
            }
        }
    }

    private func chrome(_ title: String, _ context: AdministratorContext, path: String, errors: [FieldError] = [])
        -> Chrome
    {
        pages.chrome(title, for: context.signedIn, path: path, errors: errors)
    }

    static func form(for organisation: Organisation) -> OrganisationForm {
        OrganisationForm(
            name: organisation.name, kind: organisation.kind.rawValue, odsCode: organisation.odsCode?.value ?? "",
            acceptsReferrals: organisation.acceptsReferrals, selfReferralEnabled: organisation.selfReferralEnabled,
            connectionResponseDays: String(organisation.connectionResponseDays),
            outcomeFollowUpWeeks: String(organisation.outcomeFollowUpWeeks))
    }

    private func organisationForm(from form: FormData) -> OrganisationForm {
        OrganisationForm(
            name: form["name"], kind: form["kind"], odsCode: form["odsCode"],
            acceptsReferrals: form.has("acceptsReferrals"),
            selfReferralEnabled: form.has("selfReferralEnabled"),
            connectionResponseDays: form["connectionResponseDays"],
            outcomeFollowUpWeeks: form["outcomeFollowUpWeeks"])
    }

    private func organisationForm(
        _ context: AdministratorContext, form: OrganisationForm, existing: Organisation?, version: Int? = nil,
        conflict: String? = nil, errors: [FieldError] = []
    ) throws -> Response {
        let heading = existing == nil ? "Add an organisation" : "Change \(existing!.name)"
        let action = existing.map { "/admin/organisations/\($0.id)/edit" } ?? "/admin/organisations/new"
        let page = OrganisationFormPage(
            heading: heading, action: action,
            cancelHref: existing.map { "/admin/organisations/\($0.id)" } ?? "/admin/organisations",
            version: version ?? existing?.version ?? 0, conflict: conflict,
            name: TextFieldView("name", label: "Name", value: form.name, errors: errors),
            kind: RadioGroupView(
                "kind", legend: "Type of organisation", selected: form.kind,
                options: OrganisationKind.allCases.map { ($0.rawValue, $0.label, nil) }, errors: errors),
            odsCode: TextFieldView(
                "odsCode", label: "ODS code (optional)", value: form.odsCode, errors: errors,
                hint:
                    "The NHS Organisation Data Service code, if it has one. A Primary Care Network's is U followed by 5 numbers, like U12345.",
                widthClass: "input--width-10", spellcheck: false),
            acceptsReferrals: form.acceptsReferrals, selfReferralEnabled: form.selfReferralEnabled,
            selfReferralError: errors.first { $0.field == "selfReferralEnabled" }?.message,
            responseDays: TextFieldView(
                "connectionResponseDays", label: "Days a provider has to answer a referral",
                value: form.connectionResponseDays,
                errors: errors,
                hint:
                    "After this many days without an answer, a referral to a community service is marked no response and the link worker is told. Providers are reminded halfway and two days before.",
                widthClass: "input--width-4", spellcheck: false),
            followUpWeeks: TextFieldView(
                "outcomeFollowUpWeeks", label: "Weeks between outcome measures", value: form.outcomeFollowUpWeeks,
                errors: errors,
                hint:
                    "After the baseline at the first conversation, a follow-up measure is due this many weeks after the last one.",
                widthClass: "input--width-4", spellcheck: false),
            submitLabel: existing == nil ? "Add organisation" : "Save changes")
        return try pages.render(
            "admin-organisation-form", chrome: chrome(heading, context, path: "/admin/organisations", errors: errors),
            page: page,
            status: errors.isEmpty ? (conflict == nil ? .ok : .conflict) : .unprocessableContent)
    }

    private func practiceForm(
        _ context: AdministratorContext, organisation: Organisation, form: PracticeForm, existing: Practice?,
        version: Int? = nil, conflict: String? = nil, errors: [FieldError] = []
    ) throws -> Response {
        let base = "/admin/organisations/\(organisation.id)"
        let heading = existing == nil ? "Add a GP practice" : "Change \(existing!.name)"
        let page = PracticeFormPage(
            heading: heading, organisationName: organisation.name,
            action: existing.map { "\(base)/practices/\($0.id)/edit" } ?? "\(base)/practices/new",
            cancelHref: base, version: version ?? existing?.version ?? 0, conflict: conflict,
            name: TextFieldView("name", label: "Name of the practice", value: form.name, errors: errors),
            odsCode: TextFieldView(
                "odsCode", label: "ODS code", value: form.odsCode, errors: errors,
                hint: "A letter followed by 5 numbers, like A81001. You can find it on the NHS ODS portal.",
                widthClass: "input--width-10", spellcheck: false),
            submitLabel: existing == nil ? "Add practice" : "Save changes")
        return try pages.render(
            "admin-practice-form", chrome: chrome(heading, context, path: base, errors: errors), page: page,
            status: errors.isEmpty ? (conflict == nil ? .ok : .conflict) : .unprocessableContent)
    }
}

/// How a user's account stands, in a word or two.
enum UserStatus {
    static func describe(_ user: User, at now: Date) -> String {
        if !user.isActive { return "Deactivated" }
        if user.isLocked(at: now) { return "Locked" }
        if user.mustChangePassword { return "Must choose a password" }
        return "Active"
    }
}
