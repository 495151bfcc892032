import Foundation
import LinkwellDomain

/// A row from either backend, read by column name. Both backends' rows
/// conform, so the mapping from columns to domain types (`RowMapping`) is
/// written once, and the two schemas must agree on column names.
public protocol StoredRow {
    func text(_ column: String) throws -> String
    func optionalText(_ column: String) throws -> String?
    func integer(_ column: String) throws -> Int
    func optionalInteger(_ column: String) throws -> Int?
    func integer64(_ column: String) throws -> Int64
    func flag(_ column: String) throws -> Bool
    func bytes(_ column: String) throws -> [UInt8]
    func optionalDouble(_ column: String) throws -> Double?
    /// The canonical value for the stored millisecond (see `Date.millisecondPrecision`).
    func date(_ column: String) throws -> Date
    func optionalDate(_ column: String) throws -> Date?
    func identifier<Entity>(_ column: String) throws -> Identifier<Entity>
    func optionalIdentifier<Entity>(_ column: String) throws -> Identifier<Entity>?
    func calendarDate(_ column: String) throws -> CalendarDate
    func optionalCalendarDate(_ column: String) throws -> CalendarDate?
}

extension StoredRow {
    public func double(_ column: String) throws -> Double {
        guard let value = try optionalDouble(column) else { throw CorruptValue(column: column, value: "NULL") }
        return value
    }

    public func enumeration<Value: RawRepresentable>(_ column: String) throws -> Value where Value.RawValue == String {
        let raw = try text(column)
        guard let value = Value(rawValue: raw) else { throw CorruptValue(column: column, value: raw) }
        return value
    }

    /// Nil for NULL; a value that is not one of the cases is corrupt.
    public func optionalEnumeration<Value: RawRepresentable>(_ column: String) throws -> Value?
    where Value.RawValue == String {
        guard let raw = try optionalText(column) else { return nil }
        guard let value = Value(rawValue: raw) else { throw CorruptValue(column: column, value: raw) }
        return value
    }
}

/// A stored value the code cannot interpret: a bug or a hand-edited database.
public struct CorruptValue: Error, CustomStringConvertible {
    public let column: String
    public let value: String

    public init(column: String, value: String) {
        self.column = column
        self.value = value
    }

    public var description: String { "Unreadable value in column \(column): \(value)" }
}
