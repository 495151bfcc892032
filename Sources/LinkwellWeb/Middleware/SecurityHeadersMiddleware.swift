import HTTPTypes
import Hummingbird

/// Headers on every response, error pages included, that tell browsers to
/// run no script but our own files, load nothing from elsewhere, never put
/// Linkwell in a frame, never guess content types and never leak addresses
/// in the Referer header.
struct SecurityHeadersMiddleware<Context: RequestContext>: RouterMiddleware {
    let usesHTTPS: Bool

    static var contentSecurityPolicy: String {
        [
            "default-src 'none'",
            "script-src 'self'",
            "style-src 'self'",
            "img-src 'self'",
            "font-src 'self'",
            "connect-src 'self'",
            "form-action 'self'",
            "frame-ancestors 'none'",
            "base-uri 'none'",
        ].joined(separator: "; ")
    }

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws
        -> Response
    {
        var response = try await next(request, context)
        response.headers[.contentSecurityPolicy] = Self.contentSecurityPolicy
        response.headers[.xContentTypeOptions] = "nosniff"
        response.headers[.referrerPolicy] = "no-referrer"
        response.headers[.xFrameOptions] = "DENY"
        response.headers[.permissionsPolicy] = "camera=(), microphone=(), geolocation=(), payment=()"
        response.headers[.crossOriginOpenerPolicy] = "same-origin"
        if usesHTTPS {
            response.headers[.strictTransportSecurity] = "max-age=31536000; includeSubDomains"
        }
        return response
    }
}

/// Puts the request ID (which is also in every log line of the request) in
/// the response, so a person reporting a problem can quote it.
struct RequestIDMiddleware: RouterMiddleware {
    typealias Context = AppRequestContext

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws
        -> Response
    {
        var response = try await next(request, context)
        response.headers[.xRequestID] = context.requestID
        return response
    }
}
