import Foundation
import GRDB
import LinkwellDomain

/// Reading domain values out of rows, throwing (never crashing) when a value
/// is not what the schema promises.
extension Row {
    func text(_ column: String) throws -> String {
        try decode(String.self, forColumn: column)
    }

    func optionalText(_ column: String) throws -> String? {
        try decode(String?.self, forColumn: column)
    }

    func integer(_ column: String) throws -> Int {
        try decode(Int.self, forColumn: column)
    }

    func flag(_ column: String) throws -> Bool {
        try decode(Bool.self, forColumn: column)
    }

    /// Dates come back as the canonical value for their millisecond, so a
    /// value read equals the value written (see `Date.sqliteText`).
    func date(_ column: String) throws -> Date {
        Date.millisecondPrecision(try decode(Date.self, forColumn: column))
    }

    func optionalDate(_ column: String) throws -> Date? {
        try decode(Date?.self, forColumn: column).map(Date.millisecondPrecision)
    }

    func identifier<Entity>(_ column: String) throws -> Identifier<Entity> {
        let raw = try text(column)
        guard let id = Identifier<Entity>(raw) else { throw CorruptValue(column: column, value: raw) }
        return id
    }

    func optionalIdentifier<Entity>(_ column: String) throws -> Identifier<Entity>? {
        guard let raw = try optionalText(column) else { return nil }
        guard let id = Identifier<Entity>(raw) else { throw CorruptValue(column: column, value: raw) }
        return id
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

extension Identifier {
    /// The form IDs are stored in: lowercase UUID text.
    var databaseText: String { description }
}
