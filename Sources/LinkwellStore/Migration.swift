/// One step of a backend's schema, applied once and never edited after it has
/// shipped: a change to the schema is a new migration appended to the list.
public struct Migration: Sendable {
    public let number: Int
    public let name: String
    /// Separate statements, because PostgreSQL's extended protocol runs one
    /// statement per query (and a function body may contain semicolons).
    public let statements: [String]

    public init(number: Int, name: String, statements: [String]) {
        self.number = number
        self.name = name
        self.statements = statements
    }

    /// "0001_foundation": the identifier recorded in the database.
    public var identifier: String {
        let digits = String(number)
        return String(repeating: "0", count: max(0, 4 - digits.count)) + digits + "_" + name
    }
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
