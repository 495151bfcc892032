import Foundation
import HTTPTypes
import Hummingbird
import LinkwellDomain
import LinkwellServices
import Logging

/// Turns every error into a response a person (or an API client) can act on:
/// a friendly page, or a problem document under /api. Nothing internal leaks:
/// an unexpected error shows only a reference (the request ID) to quote, and
/// is logged in full with that ID.
struct ErrorPagesMiddleware: RouterMiddleware {
    typealias Context = AppRequestContext

    let pages: PageRenderer
    let cookies: CookieNames

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws
        -> Response
    {
        do {
            return try await next(request, context)
        } catch {
            return respond(to: error, request: request, context: context)
        }
    }

    func respond(to error: any Error, request: Request, context: Context) -> Response {
        let path = request.uri.path
        let isAPI = path == "/api" || path.hasPrefix("/api/") || path == "/oruk" || path.hasPrefix("/oruk/")

        if let notSignedIn = error as? NotSignedIn {
            if isAPI {
                var response = ProblemDetails(status: .unauthorized, detail: "Sign in first.", instance: path)
                    .response()
                response.headers[.wwwAuthenticate] = "Cookie realm=\"Linkwell\""
                return response
            }
            var location = "/sign-in"
            if request.method == .get, path != "/", let query = safeReturnPath(request.uri.description) {
                location += "?next=" + (query.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")
            }
            return .seeOther(location, flash: notSignedIn.sessionEnded ? .sessionEnded : nil, cookies: cookies)
        }

        if let notAllowed = error as? MethodNotAllowed {
            var response: Response
            if isAPI {
                response = ProblemDetails(
                    status: .methodNotAllowed, detail: "This address takes \(notAllowed.allowHeader) only.",
                    instance: path
                ).response()
            } else {
                response = page(
                    status: .methodNotAllowed, message: "This address does not take that kind of request.",
                    context: context, path: path)
            }
            response.headers[.allow] = notAllowed.allowHeader
            return Self.openIfDirectory(response, path: path)
        }

        let (status, message) = Self.classify(error)
        if status.code >= 500 {
            context.logger.error(
                "request failed", metadata: ["error": "\(String(reflecting: error))", "path": "\(path)"])
        } else {
            context.logger.debug("request refused", metadata: ["status": "\(status.code)", "path": "\(path)"])
        }
        if isAPI {
            var errors: [FieldError]?
            if case ServiceError.invalid(let failure) = error { errors = failure.errors }
            return Self.openIfDirectory(
                ProblemDetails(
                    status: status, detail: status.code >= 500 ? "Reference \(context.requestID)" : message,
                    instance: path, errors: errors
                ).response(), path: path)
        }
        return page(status: status, message: message, context: context, path: path)
    }

    /// The open directory's answers, errors included, may be read by any web page.
    static func openIfDirectory(_ response: Response, path: String) -> Response {
        guard path == "/oruk" || path.hasPrefix("/oruk/") else { return response }
        var open = response
        open.headers[.accessControlAllowOrigin] = "*"
        return open
    }

    static func classify(_ error: any Error) -> (HTTPResponse.Status, String) {
        switch error {
        case is Forbidden, ServiceError.forbidden:
            return (
                .forbidden,
                "Your account does not give you access to this page. If you need it, ask your administrator."
            )
        case is CSRFRejected:
            return (
                .forbidden,
                "This form could not be accepted: it has expired or did not come from Linkwell. Go back, reload the page and try again."
            )
        case let error as ORUKNotFound:
            return (.notFound, error.detail)
        case ServiceError.notFound:
            return (
                .notFound,
                "If you typed the address, check it is correct. If you followed a link, the page may have moved."
            )
        case ServiceError.conflict(let message):
            return (.conflict, message)
        case ServiceError.invalid(let failure):
            return (.badRequest, failure.errors.map(\.message).joined(separator: ". "))
        case let error as any HTTPResponseError:
            switch error.status {
            case .notFound:
                return (
                    .notFound,
                    "If you typed the address, check it is correct. If you followed a link, the page may have moved."
                )
            case .contentTooLarge:
                return (.contentTooLarge, "What you sent is too large.")
            default:
                return (error.status, error.status.code >= 500 ? "" : "The request could not be understood.")
            }
        default:
            return (.internalServerError, "")
        }
    }

    private func page(status: HTTPResponse.Status, message: String, context: Context, path: String) -> Response {
        let title: String =
            switch status.code {
            case 404: "Page not found"
            case 403: "You cannot see this page"
            case 409: "Someone else changed this"
            case 500...: "Sorry, something went wrong"
            default: "There is a problem"
            }
        let body =
            status.code >= 500
            ? "Linkwell could not finish what you asked. Nothing was lost that was saved before. Try again in a few minutes. If it happens again, tell your administrator and quote this reference."
            : message
        let model = ErrorPageModel(
            heading: title, message: body, reference: status.code >= 500 ? context.requestID : nil)
        let chrome = Chrome(
            title: title, user: context.activeSession?.user, path: path,
            csrfToken: context.activeSession?.session.csrfToken ?? "", flash: nil, isDemo: pages.isDemo)
        do {
            return try pages.render("error", chrome: chrome, page: model, status: status)
        } catch {
            return .text("\(title). \(body)", status: status)
        }
    }
}

struct ErrorPageModel: Sendable {
    let heading: String
    let message: String
    let reference: String?
}
