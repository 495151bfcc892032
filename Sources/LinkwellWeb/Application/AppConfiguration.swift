import Foundation
import LinkwellDomain
import LinkwellServices
import LinkwellStore
import Logging

/// Everything an operator can set. Layered: command-line flags override
/// environment variables (`LINKWELL_…`), which override these defaults, which
/// are safe: local address only, ordinary timeouts, strong hashing.
public struct AppConfiguration: Sendable {
    public var host = "127.0.0.1"
    public var port = 8080
    public var database: DatabaseLocation = .sqlite(path: DatabaseLocation.defaultSQLiteFile)
    /// The address people use to reach Linkwell, e.g. https://linkwell.example.org.
    /// When it is https, cookies are marked Secure and HSTS is sent.
    public var publicURL: URL?
    /// Whose `X-Forwarded-For` to believe for the client's address (only
    /// proxies you run): none, the nearest few, or those at given addresses.
    public var trustedProxies = TrustedProxies.none
    public var policies = SecurityPolicies()
    /// Prometheus's `/metrics` is served on its own listener, here; nil for none.
    public var metricsHost = "127.0.0.1"
    public var metricsPort: Int? = 9464
    /// bcrypt work factor: 12 takes about a quarter of a second per check.
    public var bcryptCost: UInt8 = 12
    public var logLevel: Logger.Level = .info
    /// Times are shown to people in this zone.
    public var timeZone = TimeZone(identifier: "Europe/London") ?? .gmt
    /// Directory entries nobody has confirmed for this many months show as possibly out of date.
    public var directoryReviewMonths = DirectoryService.defaultReviewMonths
    /// How often expired sessions are deleted.
    public var sessionSweepInterval: Duration = .seconds(300)
    /// How often the background jobs run: connection deadlines, then the outbox.
    public var jobInterval: Duration = .seconds(60)
    /// GOV.UK Notify, for emails and texts; without it they are only logged.
    public var notify: NotifySender.Settings?

    public init() {}

    /// Where people reach Linkwell, for links in emails.
    public var publicAddress: String {
        publicURL.map { $0.absoluteString.hasSuffix("/") ? String($0.absoluteString.dropLast()) : $0.absoluteString }
            ?? "http://\(host):\(port)"
    }

    /// The configured sender: GOV.UK Notify, or the log.
    public func messageSender(clock: any WallClock, logger: Logger) throws -> any MessageSender {
        guard let notify else { return LoggingSender(logger: logger) }
        return try NotifySender(settings: notify, clock: clock)
    }

    public var usesHTTPS: Bool { publicURL?.scheme?.lowercased() == "https" }

    /// Reads `LINKWELL_…` variables over the defaults. Throws with a message
    /// naming the variable when a value cannot be used.
    public static func fromEnvironment(_ environment: [String: String] = ProcessInfo.processInfo.environment) throws
        -> AppConfiguration
    {
        var configuration = AppConfiguration()
        let reader = EnvironmentReader(environment: environment)
        if let host = reader.string("LINKWELL_HOST") { configuration.host = host }
        if let port = try reader.integer("LINKWELL_PORT", in: 0...65535) { configuration.port = port }
        if let database = reader.string(DatabaseLocation.environmentVariable) {
            configuration.database = try DatabaseLocation(parsing: database)
        }
        if let url = reader.string("LINKWELL_PUBLIC_URL") { configuration.publicURL = try parsePublicURL(url) }
        if let trust = try reader.flag("LINKWELL_TRUST_FORWARDED_FOR"), trust {
            configuration.trustedProxies = .hops(1)
        }
        if let proxies = reader.string("LINKWELL_TRUSTED_PROXIES") {
            configuration.trustedProxies = try TrustedProxies(parsing: proxies)
        }
        if let minutes = try reader.integer("LINKWELL_SESSION_IDLE_MINUTES", in: 1...1440) {
            configuration.policies.sessions.idleTimeout = TimeInterval(minutes * 60)
        }
        if let hours = try reader.integer("LINKWELL_SESSION_ABSOLUTE_HOURS", in: 1...168) {
            configuration.policies.sessions.absoluteTimeout = TimeInterval(hours * 3600)
        }
        if let attempts = try reader.integer("LINKWELL_LOCKOUT_ATTEMPTS", in: 1...100) {
            configuration.policies.lockout.maximumFailures = attempts
        }
        if let minutes = try reader.integer("LINKWELL_LOCKOUT_WINDOW_MINUTES", in: 1...1440) {
            configuration.policies.lockout.window = TimeInterval(minutes * 60)
        }
        if let minutes = try reader.integer("LINKWELL_LOCKOUT_MINUTES", in: 1...1440) {
            configuration.policies.lockout.lockDuration = TimeInterval(minutes * 60)
        }
        if let attempts = try reader.integer("LINKWELL_SIGN_IN_ADDRESS_LIMIT", in: 1...10_000) {
            configuration.policies.lockout.addressLimit = attempts
        }
        if let cost = try reader.integer("LINKWELL_BCRYPT_COST", in: 4...31) { configuration.bcryptCost = UInt8(cost) }
        if let host = reader.string("LINKWELL_METRICS_HOST") { configuration.metricsHost = host }
        if let port = reader.string("LINKWELL_METRICS_PORT") { configuration.metricsPort = try parseMetricsPort(port) }
        if let months = try reader.integer("LINKWELL_DIRECTORY_REVIEW_MONTHS", in: 1...60) {
            configuration.directoryReviewMonths = months
        }
        if let level = reader.string("LINKWELL_LOG_LEVEL") {
            guard let parsed = Logger.Level(rawValue: level.lowercased()) else {
                throw ConfigurationError(
                    "LINKWELL_LOG_LEVEL must be one of trace, debug, info, notice, warning, error, critical")
            }
            configuration.logLevel = parsed
        }
        if let seconds = try reader.integer("LINKWELL_JOB_INTERVAL_SECONDS", in: 1...3600) {
            configuration.jobInterval = .seconds(seconds)
        }
        if let key = reader.string("LINKWELL_NOTIFY_API_KEY") {
            guard let email = reader.string("LINKWELL_NOTIFY_EMAIL_TEMPLATE"),
                let sms = reader.string("LINKWELL_NOTIFY_SMS_TEMPLATE")
            else {
                throw ConfigurationError(
                    "LINKWELL_NOTIFY_API_KEY needs LINKWELL_NOTIFY_EMAIL_TEMPLATE and LINKWELL_NOTIFY_SMS_TEMPLATE (the IDs of the two templates)"
                )
            }
            var url = NotifySender.Settings.defaultURL
            if let text = reader.string("LINKWELL_NOTIFY_URL") { url = try parsePublicURL(text) }
            let settings = NotifySender.Settings(apiKey: key, emailTemplate: email, smsTemplate: sms, baseURL: url)
            guard settings.isWellFormed else {
                throw ConfigurationError(
                    "LINKWELL_NOTIFY_API_KEY is not in the form GOV.UK Notify issues (name-service ID-secret)")
            }
            configuration.notify = settings
        }
        if let zone = reader.string("LINKWELL_TIME_ZONE") {
            guard let parsed = TimeZone(identifier: zone) else {
                throw ConfigurationError("LINKWELL_TIME_ZONE \"\(zone)\" is not a time zone name such as Europe/London")
            }
            configuration.timeZone = parsed
        }
        return configuration
    }

    /// "9464", "0" (any free port) or "off".
    public static func parseMetricsPort(_ text: String) throws -> Int? {
        if ["off", "none", "no", "false"].contains(text.lowercased()) { return nil }
        guard let port = Int(text), (0...65535).contains(port) else {
            throw ConfigurationError("The metrics port must be from 0 to 65535, or off (got \"\(text)\")")
        }
        return port
    }

    public static func parsePublicURL(_ text: String) throws -> URL {
        guard let url = URL(string: text), let scheme = url.scheme?.lowercased(), ["http", "https"].contains(scheme),
            url.host != nil
        else {
            throw ConfigurationError("The public URL must look like https://linkwell.example.org (got \"\(text)\")")
        }
        return url
    }
}

public struct ConfigurationError: Error, CustomStringConvertible {
    public let description: String
    public init(_ description: String) { self.description = description }
}

private struct EnvironmentReader {
    let environment: [String: String]

    func string(_ name: String) -> String? {
        guard let value = environment[name]?.trimmingCharacters(in: .whitespaces), !value.isEmpty else { return nil }
        return value
    }

    func integer(_ name: String, in range: ClosedRange<Int>) throws -> Int? {
        guard let text = string(name) else { return nil }
        guard let value = Int(text), range.contains(value) else {
            throw ConfigurationError(
                "\(name) must be a whole number from \(range.lowerBound) to \(range.upperBound) (got \"\(text)\")")
        }
        return value
    }

    func flag(_ name: String) throws -> Bool? {
        guard let text = string(name)?.lowercased() else { return nil }
        switch text {
        case "1", "true", "yes", "on": return true
        case "0", "false", "no", "off": return false
        default: throw ConfigurationError("\(name) must be true or false (got \"\(text)\")")
        }
    }
}
