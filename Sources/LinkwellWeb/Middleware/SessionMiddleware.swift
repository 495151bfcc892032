import Foundation
import Hummingbird
import LinkwellDomain
import LinkwellServices
import Logging
import Synchronization

/// Works out who is asking: the client's address, the signed-in user (from
/// the session cookie) and any one-off message. Clears cookies that are no
/// longer any use.
struct SessionMiddleware: RouterMiddleware {
    typealias Context = AppRequestContext

    let authentication: AuthenticationService
    let cookies: CookieNames
    let clientAddresses: ClientAddressResolver

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws
        -> Response
    {
        var context = context
        context.clientAddress = clientAddresses.resolve(
            request, peer: context.peerAddress?.ipAddress, logger: context.logger)

        var clearSession = false
        if let token = request.cookies[cookies.session]?.value, !token.isEmpty {
            if let active = try await authentication.activeSession(token: token) {
                if let person = active.session.handedOverTo, request.uri.path != "/people/\(person)/outcomes/hand-over"
                {
                    // Handed to a person, and asked for anything but their
                    // questionnaire (a Back button, a typed address): it ends here.
                    try await authentication.signOut(
                        ActingUser(
                            user: active.user, clientAddress: context.clientAddress,
                            sessionTokenHash: active.session.tokenHash))
                    context.sessionEnded = true
                    clearSession = true
                } else {
                    context.activeSession = active
                    context.logger[metadataKey: "user"] = "\(active.user.id)"
                }
            } else {
                context.sessionEnded = true
                clearSession = true
            }
        }
        var clearFlash = false
        if let key = request.cookies[cookies.flash]?.value {
            context.flash = FlashMessage(rawValue: key)?.text
            clearFlash = true
        }
        if let token = request.cookies[cookies.preAuth]?.value, token.count == 43 {
            context.preAuthToken = token
        }

        var response = try await next(request, context)
        let setCookies = response.headers[values: .setCookie]
        func responseSets(_ name: String) -> Bool { setCookies.contains { $0.hasPrefix(name + "=") } }
        if clearSession, !responseSets(cookies.session) { response.setCookie(cookies.expired(cookies.session)) }
        if clearFlash, !responseSets(cookies.flash) { response.setCookie(cookies.expired(cookies.flash)) }
        return response
    }
}

/// Reads a posted form once, so the CSRF check and the handler see the same fields.
struct FormMiddleware: RouterMiddleware {
    typealias Context = AppRequestContext

    /// The forms that carry a file, and how much they may send (a 4 MB
    /// certificate and the other fields). Any other form, signed in or not,
    /// keeps the ordinary limit.
    static let uploadPaths: Set<String> = ["/training/records"]
    static let maximumUploadBytes = 5 * 1024 * 1024

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws
        -> Response
    {
        guard request.method == .post, let type = request.headers[.contentType] else {
            return try await next(request, context)
        }
        var request = request
        var context = context
        if type.lowercased().hasPrefix("application/x-www-form-urlencoded") {
            let body = try await request.collectBody(upTo: context.maxUploadSize)
            context.form = FormData(urlEncoded: String(buffer: body))
        } else if type.lowercased().hasPrefix("multipart/form-data") {
            guard let boundary = FormData.parameters(of: type)["boundary"], !boundary.isEmpty else {
                throw HTTPError(.badRequest, message: "The form was sent without its boundary.")
            }
            let limit = Self.uploadPaths.contains(request.uri.path) ? Self.maximumUploadBytes : context.maxUploadSize
            let body = try await request.collectBody(upTo: limit)
            do { context.form = try FormData(multipart: body, boundary: boundary) } catch {
                throw HTTPError(.badRequest, message: "The form could not be read. Please try again.")
            }
        }
        return try await next(request, context)
    }
}

/// Works out the client's address (`TrustedProxies`) and, when nothing is
/// configured but requests plainly come through a proxy, says so once: then
/// every visitor shares the proxy's address, and the self-referral limit of
/// five an hour would hold back everyone at once.
final class ClientAddressResolver: Sendable {
    let proxies: TrustedProxies
    private let warned = Mutex(false)

    init(proxies: TrustedProxies) {
        self.proxies = proxies
    }

    func resolve(_ request: Request, peer: String?, logger: Logger) -> String? {
        let forwarded = request.headers[values: .xForwardedFor]
        if !proxies.isConfigured, let address = peer.flatMap(IPAddress.init),
            !forwarded.isEmpty || (address.isPrivate && !address.isLoopback)
        {
            let first = warned.withLock { warned in
                defer { warned = true }
                return !warned
            }
            if first {
                logger.warning(
                    "requests come from a private address (a proxy?) but no trusted proxies are set: every visitor is recorded, and rate-limited, as that one address. Set --trusted-proxies (docs/operations.md).",
                    metadata: ["peer": "\(address)", "forwarded": "\(!forwarded.isEmpty)"])
            }
        }
        return proxies.clientAddress(peer: peer, forwardedFor: forwarded).map { String($0.prefix(64)) }
    }
}
