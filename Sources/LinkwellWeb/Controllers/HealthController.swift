import Hummingbird
import LinkwellStore
import Logging
import Prometheus

/// For load balancers and orchestrators. `/health/live` answers while the
/// process runs; `/health/ready` only while the database answers too.
struct HealthController {
    let store: any LinkwellStore

    struct Status: Encodable {
        let status: String
        let database: String?
    }

    func addRoutes(to router: Router<AppRequestContext>) {
        router.get("/health/live") { _, _ in
            try Response.json(Status(status: "ok", database: nil))
        }
        router.get("/health/ready") { _, context in
            do {
                try await store.checkHealth()
                return try Response.json(Status(status: "ok", database: store.backendName))
            } catch {
                context.logger.error("readiness check failed", metadata: ["error": "\(error)"])
                return try Response.json(
                    Status(status: "unavailable", database: store.backendName), status: .serviceUnavailable)
            }
        }
    }
}

/// Prometheus scrapes this: request counts and latencies by route, and
/// database pool use. It names routes, never people or record IDs, and it
/// is served on a listener of its own (loopback by default), never beside
/// the pages (`AppConfiguration.metricsPort`).
struct MetricsController {
    func addRoutes<Context: RequestContext>(to router: Router<Context>) {
        router.get("/metrics") { _, _ in
            Response.text(
                LinkwellMetrics.registry.emitToString(), contentType: "text/plain; version=0.0.4; charset=utf-8")
        }
    }
}
