import Dispatch
import Metrics

/// Database pool use, as Prometheus sees it at `/metrics`: how many operations
/// are waiting for or holding a connection right now, and how long each took
/// (waiting included, which is what a slow page feels like).
public struct DatabaseMetrics: Sendable {
    public enum Kind: String, Sendable { case read, write }

    private let inFlight: Meter
    private let readTimer: Timer
    private let writeTimer: Timer
    private let poolSize: Gauge

    public init(backend: String, maximumConnections: Int) {
        inFlight = Meter(label: "linkwell_db_operations_in_flight", dimensions: [("backend", backend)])
        readTimer = Timer(
            label: "linkwell_db_operation_duration", dimensions: [("backend", backend), ("kind", Kind.read.rawValue)],
            preferredDisplayUnit: .seconds)
        writeTimer = Timer(
            label: "linkwell_db_operation_duration", dimensions: [("backend", backend), ("kind", Kind.write.rawValue)],
            preferredDisplayUnit: .seconds)
        poolSize = Gauge(label: "linkwell_db_pool_connections_maximum", dimensions: [("backend", backend)])
        poolSize.record(maximumConnections)
    }

    public func measure<T>(_ kind: Kind, _ operation: () async throws -> T) async rethrows -> T {
        inFlight.increment()
        let start = DispatchTime.now().uptimeNanoseconds
        defer {
            let elapsed = DispatchTime.now().uptimeNanoseconds - start
            (kind == .read ? readTimer : writeTimer).recordNanoseconds(elapsed)
            inFlight.decrement()
        }
        return try await operation()
    }
}
