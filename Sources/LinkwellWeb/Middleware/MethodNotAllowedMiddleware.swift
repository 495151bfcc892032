import HTTPTypes
import Hummingbird
import Synchronization

/// The router's routes, known once they are all added: which methods each
/// path takes.
final class RouteTable: Sendable {
    private let routes = Mutex<[(path: RouterPath, method: HTTPRequest.Method)]>([])

    func set(_ descriptions: [Router<AppRequestContext>.RouteDescription]) {
        routes.withLock { $0 = descriptions.map { ($0.path, $0.method) } }
    }

    /// The methods some route takes at `path` (HEAD wherever GET is).
    func methods(at path: String) -> Set<HTTPRequest.Method> {
        let parts = path.split(separator: "/")
        var methods = Set(routes.withLock { $0 }.filter { Self.matches($0.path, parts) }.map(\.method))
        if methods.contains(.get) { methods.insert(.head) }
        return methods
    }

    static func matches(_ path: RouterPath, _ parts: [Substring]) -> Bool {
        var index = 0
        for element in path.components {
            if element == .recursiveWildcard { return true }
            guard index < parts.count, element ~= parts[index] else { return false }
            index += 1
        }
        return index == parts.count
    }
}

/// A method the address does not take is 405 with `Allow`, not 404:
/// Hummingbird answers "not found" for both.
struct MethodNotAllowed: Error {
    let allowed: Set<HTTPRequest.Method>

    var allowHeader: String { allowed.map(\.rawValue).sorted().joined(separator: ", ") }
}

struct MethodNotAllowedMiddleware: RouterMiddleware {
    typealias Context = AppRequestContext
    let table: RouteTable

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws
        -> Response
    {
        do {
            return try await next(request, context)
        } catch let error as HTTPError where error.status == .notFound {
            let methods = table.methods(at: request.uri.path)
            if !methods.isEmpty, !methods.contains(request.method) { throw MethodNotAllowed(allowed: methods) }
            throw error
        }
    }
}
