import HTTPTypes
import Hummingbird
import LinkwellDomain
import Logging

/// A state-changing request whose anti-forgery token is missing or wrong: 403,
/// and the handler never runs, so nothing is written.
struct CSRFRejected: Error {}

/// Checks every POST of a signed-in user against their session's token, sent
/// as the `_csrf` form field (forms) or the `X-CSRF-Token` header (the API).
struct SessionCSRFMiddleware<Context: RequestContext>: RouterMiddleware {
    let expectedToken: @Sendable (Context) -> String
    let form: @Sendable (Context) -> FormData

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws
        -> Response
    {
        guard request.method != .get, request.method != .head, request.method != .options else {
            return try await next(request, context)
        }
        let supplied = request.headers[.xCSRFToken] ?? form(context)["_csrf"]
        guard !supplied.isEmpty, SecureToken.constantTimeEquals(supplied, expectedToken(context)) else {
            context.logger.warning("CSRF token missing or wrong", metadata: ["path": "\(request.uri.path)"])
            throw CSRFRejected()
        }
        return try await next(request, context)
    }
}

/// Checks POSTs made before signing in (the sign-in form) with the
/// double-submit pattern: the form's token must equal the one in the
/// pre-sign-in cookie, which another site can neither read nor set.
struct PreAuthCSRFMiddleware: RouterMiddleware {
    typealias Context = AppRequestContext

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws
        -> Response
    {
        guard request.method == .post else { return try await next(request, context) }
        let supplied = context.form["_csrf"]
        guard let expected = context.preAuthToken, !supplied.isEmpty, SecureToken.constantTimeEquals(supplied, expected)
        else {
            context.logger.warning("sign-in CSRF token missing or wrong")
            throw CSRFRejected()
        }
        return try await next(request, context)
    }
}

/// Someone whose password was reset must choose a new one before anything else.
struct PasswordChangeGate: RouterMiddleware {
    typealias Context = SignedInContext
    static let allowedPaths: Set<String> = ["/account/password", "/sign-out"]

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws
        -> Response
    {
        if context.user.mustChangePassword, !Self.allowedPaths.contains(request.uri.path) {
            if request.uri.path.hasPrefix("/api/") {
                return ProblemDetails(
                    status: .forbidden, detail: "Choose a new password at /account/password before using the API.",
                    instance: request.uri.path
                ).response()
            }
            return .seeOther("/account/password")
        }
        return try await next(request, context)
    }
}
