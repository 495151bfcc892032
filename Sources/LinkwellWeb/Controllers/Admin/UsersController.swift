import Foundation
import Hummingbird
import LinkwellDomain
import LinkwellServices

/// Administrators' pages for user accounts, which always belong to one organisation.
struct UsersController {
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

    struct UserPage: Sendable {
        let name: String
        let email: String
        let role: String
        let organisationName: String
        let organisationHref: String
        let practice: String
        let status: String
        let isActive: Bool
        let lastSignIn: String
        let base: String
        let isSelf: Bool
    }

    struct UserFormPage: Sendable {
        let heading: String
        let organisationName: String
        let action: String
        let cancelHref: String
        let version: Int
        let conflict: String?
        let name: TextFieldView
        let email: TextFieldView
        let role: RadioGroupView
        let practice: SelectView
        let hasPractices: Bool
        let submitLabel: String
        let isNew: Bool
    }

    struct IssuedPasswordPage: Sendable {
        let heading: String
        let name: String
        let email: String
        let password: String
        let userHref: String
    }

    func addRoutes(to group: RouterGroup<AdministratorContext>) {
        group.get("/organisations/:organisation/users/new") { _, context in
            let overview = try await overview(context)
            return try userForm(context, overview: overview, form: UserForm(), existing: nil)
        }

        group.post("/organisations/:organisation/users/new") { _, context in
            let overview = try await overview(context)
            var form = userForm(from: context.form)
            form.organisationID = overview.organisation.id.description
            do {
                let issued = try await services.administration.createUser(form, context.acting)
                return try issuedPassword(context, issued, heading: "Account created")
            } catch ServiceError.invalid(let failure) {
                return try userForm(context, overview: overview, form: form, existing: nil, errors: failure.errors)
            }
        }

        group.get("/organisations/:organisation/users/:user") { _, context in
            let overview = try await overview(context)
            let user = try await services.administration.user(
                try context.identifier("user"), in: overview.organisation.id, context.acting)
            let base = "/admin/organisations/\(overview.organisation.id)/users/\(user.id)"
            let page = UserPage(
                name: user.name, email: user.email.value, role: user.role.label,
                organisationName: overview.organisation.name,
                organisationHref: "/admin/organisations/\(overview.organisation.id)",
                practice: overview.practices.first { $0.id == user.practiceID }?.name ?? "None",
                status: UserStatus.describe(user, at: services.clock.now()), isActive: user.isActive,
                lastSignIn: user.lastSignInAt.map(pages.format.dateTime) ?? "Never", base: base,
                isSelf: user.id == context.acting.id)
            return try pages.render(
                "admin-user", chrome: pages.chrome(user.name, for: context.signedIn, path: base), page: page)
        }

        group.get("/organisations/:organisation/users/:user/edit") { _, context in
            let overview = try await overview(context)
            let user = try await services.administration.user(
                try context.identifier("user"), in: overview.organisation.id, context.acting)
            return try userForm(context, overview: overview, form: form(for: user), existing: user)
        }

        group.post("/organisations/:organisation/users/:user/edit") { _, context in
            let overview = try await overview(context)
            let id: UserID = try context.identifier("user")
            let form = userForm(from: context.form)
            do {
                let user = try await services.administration.updateUser(
                    id, in: overview.organisation.id, version: context.formVersion, form, context.acting)
                return Response.seeOther(userPath(user), flash: .userSaved, cookies: cookies)
            } catch ServiceError.invalid(let failure) {
                let current = try await services.administration.user(id, in: overview.organisation.id, context.acting)
                return try userForm(
                    context, overview: overview, form: form, existing: current, version: context.formVersion,
                    errors: failure.errors)
            } catch ServiceError.conflict(let message) {
                let current = try await services.administration.user(id, in: overview.organisation.id, context.acting)
                return try userForm(
                    context, overview: overview, form: self.form(for: current), existing: current, conflict: message)
            }
        }

        group.post("/organisations/:organisation/users/:user/deactivate") { _, context in
            try await setActive(false, context)
        }

        group.post("/organisations/:organisation/users/:user/reactivate") { _, context in
            try await setActive(true, context)
        }

        group.post("/organisations/:organisation/users/:user/reset-password") { _, context in
            let organisation: OrganisationID = try context.identifier("organisation")
            let issued = try await services.administration.resetPassword(
                try context.identifier("user"), in: organisation, context.acting)
            return try issuedPassword(context, issued, heading: "Password reset")
        }
    }

    private func overview(_ context: AdministratorContext) async throws -> AdministrationService.OrganisationOverview {
        try await services.administration.overview(of: try context.identifier("organisation"), context.acting)
    }

    private func userPath(_ user: User) -> String {
        "/admin/organisations/\(user.organisationID)/users/\(user.id)"
    }

    private func setActive(_ active: Bool, _ context: AdministratorContext) async throws -> Response {
        let organisation: OrganisationID = try context.identifier("organisation")
        let user = try await services.administration.setActive(
            try context.identifier("user"), in: organisation, active: active, context.acting)
        return Response.seeOther(userPath(user), flash: active ? .userReactivated : .userDeactivated, cookies: cookies)
    }

    private func form(for user: User) -> UserForm {
        UserForm(
            name: user.name, email: user.email.value, role: user.role.rawValue,
            organisationID: user.organisationID.description,
            practiceID: user.practiceID?.description ?? "")
    }

    private func userForm(from form: FormData) -> UserForm {
        UserForm(name: form["name"], email: form["email"], role: form["role"], practiceID: form["practiceID"])
    }

    /// The one time a temporary password is shown. Not stored anywhere but as a hash.
    private func issuedPassword(
        _ context: AdministratorContext, _ issued: AdministrationService.IssuedPassword, heading: String
    )
        throws -> Response
    {
        let page = IssuedPasswordPage(
            heading: heading, name: issued.user.name, email: issued.user.email.value,
            password: issued.temporaryPassword,
            userHref: userPath(issued.user))
        return try pages.render(
            "admin-issued-password", chrome: pages.chrome(heading, for: context.signedIn, path: userPath(issued.user)),
            page: page)
    }

    private func userForm(
        _ context: AdministratorContext, overview: AdministrationService.OrganisationOverview, form: UserForm,
        existing: User?, version: Int? = nil, conflict: String? = nil, errors: [FieldError] = []
    ) throws -> Response {
        let organisation = overview.organisation
        let base = "/admin/organisations/\(organisation.id)"
        let heading = existing == nil ? "Add a user to \(organisation.name)" : "Change \(existing!.name)"
        let practiceOptions =
            [("", "None")] + overview.practices.map { ($0.id.description, "\($0.name) (\($0.odsCode))") }
        let page = UserFormPage(
            heading: heading, organisationName: organisation.name,
            action: existing.map { "\(base)/users/\($0.id)/edit" } ?? "\(base)/users/new",
            cancelHref: existing.map { "\(base)/users/\($0.id)" } ?? base,
            version: version ?? existing?.version ?? 0, conflict: conflict,
            name: TextFieldView("name", label: "Full name", value: form.name, errors: errors, autocomplete: "off"),
            email: TextFieldView(
                "email", label: "Email address", value: form.email, errors: errors, hint: "They sign in with this.",
                type: "email", autocomplete: "off", spellcheck: false),
            role: RadioGroupView(
                "role", legend: "Role", selected: form.role,
                options: Role.allCases.map { ($0.rawValue, $0.label, $0.summary) }, errors: errors),
            practice: SelectView(
                "practiceID", label: "GP practice (optional)", selected: form.practiceID, options: practiceOptions,
                errors: errors, hint: "For referrers who work at one of this organisation's practices."),
            hasPractices: !overview.practices.isEmpty,
            submitLabel: existing == nil ? "Add user" : "Save changes", isNew: existing == nil)
        return try pages.render(
            "admin-user-form", chrome: pages.chrome(heading, for: context.signedIn, path: base, errors: errors),
            page: page,
            status: errors.isEmpty ? (conflict == nil ? .ok : .conflict) : .unprocessableContent)
    }
}
