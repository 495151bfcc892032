import ArgumentParser
import Foundation
import LinkwellDomain
import LinkwellServices
import LinkwellStore
import LinkwellWeb
import Logging

/// `--database`, shared by every command that touches data.
struct DatabaseOptions: ParsableArguments {
    @Option(
        name: .long,
        help: ArgumentHelp(
            "Where the data lives: sqlite:PATH or postgres://USER:PASSWORD@HOST:PORT/NAME[?sslmode=disable|prefer|require].",
            discussion:
                "Defaults to the LINKWELL_DATABASE environment variable, else linkwell.sqlite in the working folder.",
            valueName: "url"))
    var database: String?

    func location() throws -> DatabaseLocation {
        do {
            return try DatabaseLocation.resolve(option: database)
        } catch {
            throw ValidationError("\(error)")
        }
    }
}

/// What `serve` and `demo` share: where to listen and the security settings.
/// Flags override LINKWELL_… environment variables, which override defaults.
struct ServerOptions: ParsableArguments {
    @OptionGroup var database: DatabaseOptions

    @Option(
        help: ArgumentHelp(
            "Address to listen on (LINKWELL_HOST; default 127.0.0.1, this computer only).", valueName: "address"))
    var host: String?

    @Option(
        help: ArgumentHelp("Port to listen on (LINKWELL_PORT; default 8080; 0 picks a free one).", valueName: "number"))
    var port: Int?

    @Option(
        name: .customLong("public-url"),
        help: ArgumentHelp(
            "The address people use, e.g. https://linkwell.example.org (LINKWELL_PUBLIC_URL). With https, cookies are Secure and HSTS is sent.",
            valueName: "url"))
    var publicURL: String?

    @Option(
        name: .customLong("trusted-proxies"),
        help: ArgumentHelp(
            "Proxies in front of Linkwell whose X-Forwarded-For to believe (LINKWELL_TRUSTED_PROXIES): how many (1), or their addresses and networks (10.0.0.0/8,192.0.2.7). The client's address is read from the right, past them, as nginx's real_ip does.",
            valueName: "count-or-list"))
    var trustedProxies: String?

    @Flag(
        name: .customLong("trust-forwarded-for"),
        help: "The same as --trusted-proxies 1: one proxy of your own in front (LINKWELL_TRUST_FORWARDED_FOR).")
    var trustForwardedFor = false

    @Option(
        name: .customLong("metrics-port"),
        help: ArgumentHelp(
            "Serve Prometheus's /metrics on this port of --metrics-host, apart from the pages (LINKWELL_METRICS_PORT; default 9464; 0 picks a free one; off for none).",
            valueName: "port"))
    var metricsPort: String?

    @Option(
        name: .customLong("metrics-host"),
        help: ArgumentHelp(
            "Address the metrics listener listens on (LINKWELL_METRICS_HOST; default 127.0.0.1).", valueName: "address")
    )
    var metricsHost: String?

    @Option(
        name: .customLong("session-idle-minutes"),
        help: "Sign out after this many minutes without a request (default 30).")
    var sessionIdleMinutes: Int?

    @Option(
        name: .customLong("session-absolute-hours"),
        help: "Sign out this many hours after signing in, whatever happens (default 12).")
    var sessionAbsoluteHours: Int?

    @Option(name: .customLong("lockout-attempts"), help: "Wrong passwords that lock an account (default 5).")
    var lockoutAttempts: Int?

    @Option(
        name: .customLong("lockout-window-minutes"),
        help: "The wrong passwords must fall within this many minutes (default 15).")
    var lockoutWindowMinutes: Int?

    @Option(name: .customLong("lockout-minutes"), help: "How long a locked account stays locked (default 15).")
    var lockoutMinutes: Int?

    @Option(
        name: .customLong("log-level"),
        help: "trace, debug, info, notice, warning, error or critical (LINKWELL_LOG_LEVEL; default info).")
    var logLevel: String?

    func validate() throws {
        if let port, !(0...65535).contains(port) { throw ValidationError("--port must be from 0 to 65535") }
        for (name, value, range) in [
            ("--session-idle-minutes", sessionIdleMinutes, 1...1440),
            ("--session-absolute-hours", sessionAbsoluteHours, 1...168),
            ("--lockout-attempts", lockoutAttempts, 1...100),
            ("--lockout-window-minutes", lockoutWindowMinutes, 1...1440),
            ("--lockout-minutes", lockoutMinutes, 1...1440),
        ] {
            if let value, !range.contains(value) {
                throw ValidationError("\(name) must be from \(range.lowerBound) to \(range.upperBound)")
            }
        }
    }

    func configuration() throws -> AppConfiguration {
        var configuration: AppConfiguration
        do {
            configuration = try AppConfiguration.fromEnvironment()
        } catch {
            throw ValidationError("\(error)")
        }
        configuration.database = try database.location()
        if let host { configuration.host = host }
        if let port { configuration.port = port }
        if let publicURL {
            do { configuration.publicURL = try AppConfiguration.parsePublicURL(publicURL) } catch {
                throw ValidationError("\(error)")
            }
        }
        if trustForwardedFor { configuration.trustedProxies = .hops(1) }
        if let metricsHost { configuration.metricsHost = metricsHost }
        if let metricsPort {
            do { configuration.metricsPort = try AppConfiguration.parseMetricsPort(metricsPort) } catch {
                throw ValidationError("\(error)")
            }
        }
        if let trustedProxies {
            do { configuration.trustedProxies = try TrustedProxies(parsing: trustedProxies) } catch {
                throw ValidationError("\(error)")
            }
        }
        if let sessionIdleMinutes {
            configuration.policies.sessions.idleTimeout = TimeInterval(sessionIdleMinutes * 60)
        }
        if let sessionAbsoluteHours {
            configuration.policies.sessions.absoluteTimeout = TimeInterval(sessionAbsoluteHours * 3600)
        }
        if let lockoutAttempts { configuration.policies.lockout.maximumFailures = lockoutAttempts }
        if let lockoutWindowMinutes { configuration.policies.lockout.window = TimeInterval(lockoutWindowMinutes * 60) }
        if let lockoutMinutes { configuration.policies.lockout.lockDuration = TimeInterval(lockoutMinutes * 60) }
        if let logLevel {
            guard let level = Logger.Level(rawValue: logLevel.lowercased()) else {
                throw ValidationError("--log-level must be one of trace, debug, info, notice, warning, error, critical")
            }
            configuration.logLevel = level
        }
        return configuration
    }
}

/// Logs go to standard error, one line each, at the configured level.
enum Logs {
    static func bootstrap(level: Logger.Level) -> Logger {
        LoggingSystem.bootstrap { label in
            var handler = StreamLogHandler.standardError(label: label)
            handler.logLevel = level
            return handler
        }
        var logger = Logger(label: "linkwell")
        logger.logLevel = level
        return logger
    }
}
