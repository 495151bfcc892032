import Foundation
import LinkwellDomain

/// A statement, or part of one, written once for both databases: the text
/// the code wrote, and the values interpolated into it, which are always
/// bound, never spliced in. Each backend renders it in its own dialect
/// (`?` and text dates for SQLite, `$1` and typed values for PostgreSQL).
///
///     let rows = try await db.query(
///         "SELECT * FROM unmet_needs WHERE organisation_id = \(organisation) AND person_id = \(person)",
///         RowMapping.unmetNeed)
public struct SQLText: Sendable, Hashable, ExpressibleByStringInterpolation {
    public enum Piece: Sendable, Hashable {
        case text(String)
        case value(SQLValue)
    }

    public private(set) var pieces: [Piece]

    public init(stringLiteral literal: String) {
        pieces = [.text(literal)]
    }

    public init(stringInterpolation: Interpolation) {
        pieces = stringInterpolation.pieces
    }

    init(pieces: [Piece]) {
        self.pieces = pieces
    }

    public struct Interpolation: StringInterpolationProtocol {
        var pieces: [Piece] = []

        public init(literalCapacity: Int, interpolationCount: Int) {
            pieces.reserveCapacity(interpolationCount * 2 + 1)
        }

        public mutating func appendLiteral(_ literal: String) {
            pieces.append(.text(literal))
        }

        /// A value, bound.
        public mutating func appendInterpolation(_ value: some SQLBindable) {
            pieces.append(.value(value.sqlValue))
        }

        /// A value that may be absent: NULL (of the value's type) when it is.
        public mutating func appendInterpolation<V: SQLBindable>(_ value: V?) {
            pieces.append(.value(value?.sqlValue ?? .null(V.sqlType)))
        }

        /// Another piece of SQL, as it is.
        public mutating func appendInterpolation(_ sql: SQLText) {
            pieces += sql.pieces
        }

        /// Text the code itself wrote (a column list, an ORDER BY): never anything from outside.
        public mutating func appendInterpolation(unsafeRaw text: String) {
            pieces.append(.text(text))
        }

        /// `(?, ?, ?)`: a list of values, each bound, for `IN`.
        public mutating func appendInterpolation(list values: [some SQLBindable]) {
            pieces.append(.text("("))
            for (index, value) in values.enumerated() {
                if index > 0 { pieces.append(.text(", ")) }
                pieces.append(.value(value.sqlValue))
            }
            pieces.append(.text(")"))
        }
    }

    public static func + (lhs: SQLText, rhs: SQLText) -> SQLText {
        SQLText(pieces: lhs.pieces + rhs.pieces)
    }

    public static func += (lhs: inout SQLText, rhs: SQLText) {
        lhs.pieces += rhs.pieces
    }

    public var isEmpty: Bool {
        pieces.allSatisfy { if case .text(let text) = $0 { text.isEmpty } else { false } }
    }

    /// The values in order, for binding.
    public var values: [SQLValue] {
        pieces.compactMap { if case .value(let value) = $0 { value } else { nil } }
    }
}

extension Sequence where Element == SQLText {
    /// The parts with `separator` between them: `WHERE` clauses built from optional filters.
    public func joined(separator: String) -> SQLText {
        var pieces: [SQLText.Piece] = []
        for (index, part) in enumerated() {
            if index > 0 { pieces.append(.text(separator)) }
            pieces += part.pieces
        }
        return SQLText(pieces: pieces)
    }
}

/// A value as both databases bind it. The backend decides the wire form:
/// SQLite keeps times and dates as sortable text, UUIDs as lowercase text
/// and booleans as 0 and 1; PostgreSQL has a type for each.
public enum SQLValue: Sendable, Hashable {
    /// NULL, of a type (PostgreSQL must know it, to compare `IS DISTINCT FROM`).
    case null(SQLType)
    case text(String)
    case integer(Int64)
    case real(Double)
    case boolean(Bool)
    /// An instant, kept to the millisecond (see `Date.millisecondPrecision`).
    case timestamp(Date)
    /// A calendar day (a `date` column).
    case day(CalendarDate)
    case uuid(UUID)
    case blob([UInt8])

    public static var null: SQLValue { .null(.text) }
}

public enum SQLType: Sendable, Hashable {
    case text, integer, real, boolean, timestamp, day, uuid, blob
}

/// Anything that can be bound into `SQLText`.
public protocol SQLBindable: Sendable {
    var sqlValue: SQLValue { get }
    static var sqlType: SQLType { get }
}

extension String: SQLBindable {
    public var sqlValue: SQLValue { .text(self) }
    public static var sqlType: SQLType { .text }
}

extension Substring: SQLBindable {
    public var sqlValue: SQLValue { .text(String(self)) }
    public static var sqlType: SQLType { .text }
}

extension Int: SQLBindable {
    public var sqlValue: SQLValue { .integer(Int64(self)) }
    public static var sqlType: SQLType { .integer }
}

extension Int64: SQLBindable {
    public var sqlValue: SQLValue { .integer(self) }
    public static var sqlType: SQLType { .integer }
}

extension Double: SQLBindable {
    public var sqlValue: SQLValue { .real(self) }
    public static var sqlType: SQLType { .real }
}

extension Bool: SQLBindable {
    public var sqlValue: SQLValue { .boolean(self) }
    public static var sqlType: SQLType { .boolean }
}

extension Date: SQLBindable {
    public var sqlValue: SQLValue { .timestamp(self) }
    public static var sqlType: SQLType { .timestamp }
}

extension CalendarDate: SQLBindable {
    public var sqlValue: SQLValue { .day(self) }
    public static var sqlType: SQLType { .day }
}

extension UUID: SQLBindable {
    public var sqlValue: SQLValue { .uuid(self) }
    public static var sqlType: SQLType { .uuid }
}

extension Identifier: SQLBindable {
    public var sqlValue: SQLValue { .uuid(rawValue) }
    public static var sqlType: SQLType { .uuid }
}

extension Array: SQLBindable where Element == UInt8 {
    public var sqlValue: SQLValue { .blob(self) }
    public static var sqlType: SQLType { .blob }
}
