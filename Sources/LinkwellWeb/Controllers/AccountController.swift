import Hummingbird
import LinkwellDomain
import LinkwellServices

/// A user's own account: for now, changing their password (which they must
/// do first after an administrator has reset it).
struct AccountController {
    /// The use cases these pages use, and no others.
    struct Services: Sendable {
        let authentication: AuthenticationService

        init(_ all: AppServices) {
            authentication = all.authentication
        }
    }

    let services: Services
    let pages: PageRenderer
    let cookies: CookieNames

    struct PasswordPage: Sendable {
        let mustChange: Bool
        let current: TextFieldView
        let new: TextFieldView
        let confirm: TextFieldView
    }

    func addRoutes(to group: RouterGroup<SignedInContext>) {
        group.get("/account/password") { _, context in
            try render(context)
        }

        group.post("/account/password") { _, context in
            do {
                try await services.authentication.changeOwnPassword(
                    context.acting, current: context.form["currentPassword"], new: context.form["newPassword"],
                    confirmation: context.form["confirmPassword"])
            } catch ServiceError.invalid(let failure) {
                return try render(context, errors: failure.errors)
            }
            return Response.seeOther("/", flash: .passwordChanged, cookies: cookies)
        }
    }

    private func render(_ context: SignedInContext, errors: [FieldError] = []) throws -> Response {
        let mustChange = context.user.mustChangePassword
        let page = PasswordPage(
            mustChange: mustChange,
            current: TextFieldView(
                "currentPassword", label: mustChange ? "Temporary password" : "Current password", errors: errors,
                hint: mustChange ? "The one your administrator gave you" : nil, type: "password",
                autocomplete: "current-password", widthClass: "input--width-20", spellcheck: false),
            new: TextFieldView(
                "newPassword", label: "New password", errors: errors,
                hint:
                    "At least \(PasswordPolicy.minimumLength) characters. A few unrelated words make a strong password that is easy to remember.",
                type: "password", autocomplete: "new-password", widthClass: "input--width-20", spellcheck: false),
            confirm: TextFieldView(
                "confirmPassword", label: "New password again", errors: errors, type: "password",
                autocomplete: "new-password", widthClass: "input--width-20", spellcheck: false))
        return try pages.render(
            "account-password",
            chrome: pages.chrome(
                mustChange ? "Choose a new password" : "Change your password", for: context, path: "/account/password",
                errors: errors),
            page: page, status: errors.isEmpty ? .ok : .unprocessableContent)
    }
}
