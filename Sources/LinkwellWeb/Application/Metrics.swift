import CoreMetrics
import Metrics
import Prometheus

/// One Prometheus registry for the process, registered with swift-metrics the
/// first time it is used (swift-metrics allows one bootstrap per process, and
/// tests build many applications in one process).
enum LinkwellMetrics {
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
