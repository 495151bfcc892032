/// One step of the schema's history: statements run in one transaction,
/// after its checks have found nothing in the way.
public struct Migration: Sendable {
    public let number: Int
    public let name: String
    /// Separate statements, because PostgreSQL's extended protocol runs one
    /// statement per query (and a function body may contain semicolons).
    public let statements: [String]
    /// Run first: a migration that would reject rows already stored (a new
    /// constraint) refuses to start, saying what is in the way, rather than
    /// failing halfway with the database's own message.
    public let checks: [MigrationCheck]

    public init(number: Int, name: String, statements: [String], checks: [MigrationCheck] = []) {
        self.number = number
        self.name = name
        self.statements = statements
        self.checks = checks
    }

    /// "0001_foundation": the identifier recorded in the database.
    public var identifier: String {
        let digits = String(number)
        return String(repeating: "0", count: max(0, 4 - digits.count)) + digits + "_" + name
    }

    /// The error for a check that found `count` rows in the way.
    public func blocked(by check: MigrationCheck, count: Int) -> MigrationCheckFailure {
        MigrationCheckFailure(
            message: "Migration \(identifier) cannot run: \(check.problem) (\(count) found). \(check.remedy)")
    }
}

/// A query counting rows a migration cannot accept (its one column is `n`),
/// and what to tell the operator when there are any.
public struct MigrationCheck: Sendable {
    public let query: String
    public let problem: String
    public let remedy: String

    public init(query: String, problem: String, remedy: String) {
        self.query = query
        self.problem = problem
        self.remedy = remedy
    }
}

public struct MigrationCheckFailure: Error, Equatable, CustomStringConvertible {
    public let message: String

    public init(message: String) {
        self.message = message
    }

    public var description: String { message }
}
extension Array where Element == Migration {
    /// Checks a backend's list is numbered 1, 2, 3… with no gaps or repeats,
    /// so a merge mistake fails at start-up rather than half-migrating.
    public func checkNumbering() throws {
        for (index, migration) in enumerated() where migration.number != index + 1 {
            throw MigrationListError(message: "Migration \(migration.identifier) is at position \(index + 1)")
        }
    }
}

public struct MigrationListError: Error, CustomStringConvertible {
    public let message: String
    public var description: String { message }
}
