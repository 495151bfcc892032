import Foundation

/// Where the data lives, as given to `--database` or `LINKWELL_DATABASE`:
/// `sqlite:PATH` (or just a path ending in .sqlite/.db) or
/// `postgres://USER:PASSWORD@HOST:PORT/DATABASE?sslmode=disable|prefer|require`.
public enum DatabaseLocation: Sendable, Equatable, CustomStringConvertible {
    case sqlite(path: String)
    case postgres(PostgresConnectionDetails)

    public static let environmentVariable = "LINKWELL_DATABASE"
    public static let defaultSQLiteFile = "linkwell.sqlite"

    public init(parsing text: String) throws {
        let text = text.trimmingCharacters(in: .whitespaces)
        if text.hasPrefix("sqlite:") {
            var path = String(text.dropFirst("sqlite:".count))
            if path.hasPrefix("//") { path.removeFirst(2) }  // tolerate sqlite://path
            guard !path.isEmpty else {
                throw DatabaseLocationError("sqlite: needs a file path, like sqlite:linkwell.sqlite")
            }
            self = .sqlite(path: path)
        } else if text.hasPrefix("postgres://") || text.hasPrefix("postgresql://") {
            self = .postgres(try PostgresConnectionDetails(url: text))
        } else if text.hasSuffix(".sqlite") || text.hasSuffix(".db") || text.hasSuffix(".sqlite3") {
            self = .sqlite(path: text)
        } else {
            throw DatabaseLocationError(
                "Give the database as sqlite:PATH or postgres://USER@HOST:PORT/NAME (got \"\(text)\")")
        }
    }

    /// `--database` if given, else `LINKWELL_DATABASE`, else `linkwell.sqlite`
    /// in the working folder.
    public static func resolve(option: String?, environment: [String: String] = ProcessInfo.processInfo.environment)
        throws -> DatabaseLocation
    {
        if let option, !option.isEmpty { return try DatabaseLocation(parsing: option) }
        if let value = environment[environmentVariable], !value.isEmpty { return try DatabaseLocation(parsing: value) }
        return .sqlite(path: defaultSQLiteFile)
    }

    /// Safe to print: never includes a password.
    public var description: String {
        switch self {
        case .sqlite(let path): "sqlite:\(path)"
        case .postgres(let details): details.description
        }
    }
}

public struct PostgresConnectionDetails: Sendable, Equatable, CustomStringConvertible {
    public enum TLSMode: String, Sendable { case disable, prefer, require }

    public var host: String
    public var port: Int
    public var username: String
    public var password: String?
    public var database: String
    public var tls: TLSMode

    public init(
        host: String, port: Int = 5432, username: String, password: String?, database: String, tls: TLSMode = .prefer
    ) {
        self.host = host
        self.port = port
        self.username = username
        self.password = password
        self.database = database
        self.tls = tls
    }

    public init(url text: String) throws {
        guard let components = URLComponents(string: text), let host = components.host, !host.isEmpty else {
            throw DatabaseLocationError(
                "Could not read the PostgreSQL address; expected postgres://USER:PASSWORD@HOST:PORT/DATABASE")
        }
        let database = String(components.path.drop { $0 == "/" })
        guard !database.isEmpty else {
            throw DatabaseLocationError(
                "The PostgreSQL address needs a database name after the host, like postgres://localhost/linkwell")
        }
        guard let user = components.user, !user.isEmpty else {
            throw DatabaseLocationError(
                "The PostgreSQL address needs a user name, like postgres://linkwell@localhost/linkwell")
        }
        var tls = TLSMode.prefer
        if let mode = components.queryItems?.first(where: { $0.name == "sslmode" })?.value {
            switch mode {
            case "disable": tls = .disable
            case "prefer", "allow": tls = .prefer
            case "require", "verify-ca", "verify-full": tls = .require
            default: throw DatabaseLocationError("Unknown sslmode \"\(mode)\"; use disable, prefer or require")
            }
        }
        self.init(
            host: host, port: components.port ?? 5432,
            username: user.removingPercentEncoding ?? user,
            password: components.password.map { $0.removingPercentEncoding ?? $0 },
            database: database, tls: tls)
    }

    public var description: String {
        let credentials = password == nil ? username : "\(username):***"
        return "postgres://\(credentials)@\(host):\(port)/\(database)?sslmode=\(tls.rawValue)"
    }
}

public struct DatabaseLocationError: Error, CustomStringConvertible {
    public let description: String
    public init(_ description: String) { self.description = description }
}
