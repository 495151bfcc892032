import CoreMetrics
import Hummingbird
import Metrics
import Prometheus

/// One Prometheus registry for the process, registered with swift-metrics the
/// first time it is used (swift-metrics allows one bootstrap per process, and
/// tests build many applications in one process).
public enum LinkwellMetrics {
    /// Puts the metrics system in place; call before opening a store.
    public static func bootstrap() { _ = registry }

    static let registry: PrometheusCollectorRegistry = {
        let registry = PrometheusCollectorRegistry()
        var factory = PrometheusMetricsFactory(registry: registry)
        // swift-metrics labels use dots ("hb.requests", "http.route");
        // Prometheus names allow only letters, digits, underscores and colons.
        factory.nameAndLabelSanitizer = { name, dimensions in
            (prometheusName(name), dimensions.map { (prometheusName($0.0), $0.1) })
        }
        MetricsSystem.bootstrap(factory)
        return registry
    }()

    static func prometheusName(_ name: String) -> String {
        String(name.map { $0.isLetter || $0.isNumber || $0 == "_" || $0 == ":" ? $0 : "_" })
    }
}

/// Hummingbird's request metrics, except for the routes of link workers'
/// own wellbeing and supervision: a count of requests there would say how
/// many check-ins were made, or sessions recorded, which is theirs alone.
struct UncountedPrivateRoutes: RouterMiddleware {
    typealias Context = AppRequestContext

    static let prefixes = ["/wellbeing", "/team/wellbeing", "/team/research", "/supervision"]
    let counted = MetricsMiddleware<AppRequestContext>()

    static func isPrivate(_ path: String) -> Bool {
        prefixes.contains { path == $0 || path.hasPrefix($0 + "/") || path.hasPrefix($0 + ".") }
    }

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws
        -> Response
    {
        if Self.isPrivate(request.uri.path) { return try await next(request, context) }
        return try await counted.handle(request, context: context, next: next)
    }
}
