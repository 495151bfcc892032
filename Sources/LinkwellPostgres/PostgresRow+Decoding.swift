import Foundation
import LinkwellDomain
import PostgresNIO

/// Reading domain values out of rows, throwing (never crashing) when a value
/// is not what the schema promises.
extension PostgresRandomAccessRow {
    func text(_ column: String) throws -> String {
        try self[column].decode(String.self)
    }

    func optionalText(_ column: String) throws -> String? {
        try self[column].decode(String?.self)
    }

    func integer(_ column: String) throws -> Int {
        try self[column].decode(Int.self)
    }

    func flag(_ column: String) throws -> Bool {
        try self[column].decode(Bool.self)
    }

    /// Dates come back as the canonical value for their millisecond, the
    /// precision both backends keep, so a value read equals the value written.
    func date(_ column: String) throws -> Date {
        Date.millisecondPrecision(try self[column].decode(Date.self))
    }

    func optionalDate(_ column: String) throws -> Date? {
        try self[column].decode(Date?.self).map(Date.millisecondPrecision)
    }

    func identifier<Entity>(_ column: String) throws -> Identifier<Entity> {
        Identifier(try self[column].decode(UUID.self))
    }

    func optionalIdentifier<Entity>(_ column: String) throws -> Identifier<Entity>? {
        try self[column].decode(UUID?.self).map { Identifier($0) }
    }

    func enumeration<Value: RawRepresentable>(_ column: String) throws -> Value where Value.RawValue == String {
        let raw = try text(column)
        guard let value = Value(rawValue: raw) else { throw CorruptValue(column: column, value: raw) }
        return value
    }
}

/// A stored value the code cannot interpret: a bug or a hand-edited database.
struct CorruptValue: Error, CustomStringConvertible {
    let column: String
    let value: String
    var description: String { "Unreadable value in column \(column): \(value)" }
}

extension PostgresConnection {
    /// Runs `query` and reads every row into memory (our queries are paged or small).
    func rows(_ query: PostgresQuery, logger: Logger) async throws -> [PostgresRandomAccessRow] {
        try await self.query(query, logger: logger).collect().map { $0.makeRandomAccess() }
    }

    func firstRow(_ query: PostgresQuery, logger: Logger) async throws -> PostgresRandomAccessRow? {
        try await rows(query, logger: logger).first
    }

    /// Runs a statement for its effect, reading (and discarding) any rows it returns.
    func execute(_ query: PostgresQuery, logger: Logger) async throws {
        for try await _ in try await self.query(query, logger: logger) {}
    }
}
