import Foundation
import GRDB
import LinkwellDomain
import LinkwellStore

/// GRDB rows read as `StoredRow`, throwing (never crashing) when a value is
/// not what the schema promises.
extension Row: StoredRow {
    public func text(_ column: String) throws -> String {
        try decode(String.self, forColumn: column)
    }

    public func optionalText(_ column: String) throws -> String? {
        try decode(String?.self, forColumn: column)
    }

    public func integer(_ column: String) throws -> Int {
        try decode(Int.self, forColumn: column)
    }

    public func optionalInteger(_ column: String) throws -> Int? {
        try decode(Int?.self, forColumn: column)
    }

    public func integer64(_ column: String) throws -> Int64 {
        try decode(Int64.self, forColumn: column)
    }

    public func bytes(_ column: String) throws -> [UInt8] {
        [UInt8](try decode(Data.self, forColumn: column))
    }

    public func flag(_ column: String) throws -> Bool {
        try decode(Bool.self, forColumn: column)
    }

    public func optionalDouble(_ column: String) throws -> Double? {
        try decode(Double?.self, forColumn: column)
    }

    /// Dates come back as the canonical value for their millisecond, so a
    /// value read equals the value written (see `Date.sqliteText`).
    public func date(_ column: String) throws -> Date {
        Date.millisecondPrecision(try decode(Date.self, forColumn: column))
    }

    public func optionalDate(_ column: String) throws -> Date? {
        try decode(Date?.self, forColumn: column).map(Date.millisecondPrecision)
    }

    public func identifier<Entity>(_ column: String) throws -> Identifier<Entity> {
        let raw = try text(column)
        guard let id = Identifier<Entity>(raw) else { throw CorruptValue(column: column, value: raw) }
        return id
    }

    public func optionalIdentifier<Entity>(_ column: String) throws -> Identifier<Entity>? {
        guard let raw = try optionalText(column) else { return nil }
        guard let id = Identifier<Entity>(raw) else { throw CorruptValue(column: column, value: raw) }
        return id
    }

    /// Calendar dates are stored as "YYYY-MM-DD" text.
    public func calendarDate(_ column: String) throws -> CalendarDate {
        let raw = try text(column)
        guard let date = CalendarDate(iso: raw) else { throw CorruptValue(column: column, value: raw) }
        return date
    }

    public func optionalCalendarDate(_ column: String) throws -> CalendarDate? {
        guard let raw = try optionalText(column) else { return nil }
        guard let date = CalendarDate(iso: raw) else { throw CorruptValue(column: column, value: raw) }
        return date
    }
}

extension Identifier {
    /// The form IDs are stored in: lowercase UUID text.
    var databaseText: String { description }
}
