import Foundation
import Hummingbird
import LinkwellDomain
import LinkwellServices

/// The sign-in page, the only page open to everyone.
struct SignInController {
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
    let lockout: LockoutPolicy

    struct SignInPage: Sendable {
        let email: TextFieldView
        let password: TextFieldView
        let next: String?
        let lockoutNote: String
    }

    func addRoutes(to group: RouterGroup<AppRequestContext>) {
        group.get("/sign-in") { request, context in
            if context.activeSession != nil { return Response.seeOther("/") }
            return try render(context: context, next: safeReturnPath(QueryString(request.uri.query)["next"]))
        }

        group.post("/sign-in") { request, context in
            let form = context.form
            let next = safeReturnPath(form["next"])
            let result: AuthenticationService.SignInResult
            do {
                result = try await services.authentication.signIn(
                    email: form["email"], password: form["password"],
                    previousToken: request.cookies[cookies.session]?.value, clientAddress: context.clientAddress)
            } catch ServiceError.invalid(let failure) {
                return try render(context: context, next: next, email: form["email"], errors: failure.errors)
            }
            switch result {
            case .refused:
                return try render(
                    context: context, next: next, email: form["email"],
                    errors: [FieldError(field: "email", message: refusalMessage)])
            case .signedIn(let signedIn):
                let destination = signedIn.user.mustChangePassword ? "/account/password" : (next ?? "/")
                var response = Response.seeOther(destination)
                response.setCookie(cookies.sessionCookie(signedIn.token))
                return response
            }
        }
    }

    /// The one message for every refusal: it does not say whether the account
    /// exists, is locked or is deactivated, but it does say what to do.
    var refusalMessage: String {
        "The email address or password is not right, or there have been too many tries. After \(lockout.maximumFailures) tries, wait \(AuthenticationService.minutes(lockout.lockDuration)) before trying again."
    }

    private func render(
        context: AppRequestContext, next: String?, email: String = "", errors: [FieldError] = []
    ) throws -> Response {
        let token = context.preAuthToken ?? SecureToken.generate()
        let page = SignInPage(
            email: TextFieldView(
                "email", label: "Email address", value: email, errors: errors, type: "email", autocomplete: "username",
                spellcheck: false),
            password: TextFieldView(
                "password", label: "Password", errors: errors, type: "password", autocomplete: "current-password",
                widthClass: "input--width-20", spellcheck: false),
            next: next,
            lockoutNote:
                "For your safety, after \(lockout.maximumFailures) wrong passwords in \(AuthenticationService.minutes(lockout.window)) the account cannot be signed in to from this device for \(AuthenticationService.minutes(lockout.lockDuration))."
        )
        let chrome = Chrome(
            title: "Sign in", user: nil, path: "/sign-in", csrfToken: token, flash: context.flash, errors: errors,
            isDemo: pages.isDemo)
        var response = try pages.render(
            "sign-in", chrome: chrome, page: page, status: errors.isEmpty ? .ok : .unprocessableContent)
        if context.preAuthToken == nil { response.setCookie(cookies.preAuthCookie(token)) }
        return response
    }
}

/// Signing out ends the session on the server, not just in the browser.
struct SignOutController {
    /// The use cases these pages use, and no others.
    struct Services: Sendable {
        let authentication: AuthenticationService

        init(_ all: AppServices) {
            authentication = all.authentication
        }
    }

    let services: Services
    let cookies: CookieNames

    func addRoutes(to group: RouterGroup<SignedInContext>) {
        group.post("/sign-out") { _, context in
            try await services.authentication.signOut(context.acting)
            var response = Response.seeOther("/sign-in", flash: .signedOut, cookies: cookies)
            response.setCookie(cookies.expired(cookies.session))
            return response
        }
    }
}
