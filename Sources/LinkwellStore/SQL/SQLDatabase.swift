import Foundation
import LinkwellDomain

/// The two databases Linkwell runs on. Store code is written once and asks
/// the dialect only where the engines truly differ.
public enum SQLDialect: Sendable, Hashable {
    case sqlite
    case postgres
}

/// One connection, inside a read or a transaction.
public protocol SQLConnection: Sendable {
    var dialect: SQLDialect { get }

    /// Runs a statement for its effect. (To know what it changed, add
    /// `RETURNING` and read the rows: both engines have it.)
    func execute(_ sql: SQLText) async throws

    /// Runs a query. The rows are copies, readable anywhere.
    func rows(_ sql: SQLText) async throws -> [any StoredRow]
}

extension SQLConnection {
    /// Each row read with `read`.
    public func query<T>(_ sql: SQLText, _ read: (any StoredRow) throws -> T) async throws -> [T] {
        try await rows(sql).map(read)
    }

    public func firstRow(_ sql: SQLText) async throws -> (any StoredRow)? {
        try await rows(sql).first
    }

    /// The first row read with `read`, if there is one.
    public func first<T>(_ sql: SQLText, _ read: (any StoredRow) throws -> T) async throws -> T? {
        try await firstRow(sql).map(read)
    }

    /// A single whole number (a count, a sum) from the first column named `n`: 0 when there is none.
    public func count(_ sql: SQLText) async throws -> Int {
        try await firstRow(sql).map { try $0.optionalInteger("n") ?? 0 } ?? 0
    }
}

/// A database: reads, and transactions in which everything is written or nothing is.
public protocol SQLDatabase: Sendable {
    var dialect: SQLDialect { get }

    func read<T: Sendable>(_ body: @Sendable (any SQLConnection) async throws -> T) async throws -> T

    /// One transaction: everything in `body` is written, or nothing is. Reads
    /// inside it see its own writes.
    func write<T: Sendable>(_ body: @Sendable (any SQLConnection) async throws -> T) async throws -> T
}

extension SQLConnection {
    /// ` FOR UPDATE` where rows must be locked for the rest of the
    /// transaction (PostgreSQL); nothing where the whole database has one
    /// writer at a time already (SQLite).
    public var forUpdate: SQLText { dialect == .postgres ? " FOR UPDATE" : "" }

    /// A text column ordered regardless of case, spelt as each engine's
    /// indexes on it are built (SQLite's `COLLATE NOCASE`, PostgreSQL's
    /// `lower()`), so that an ORDER BY can use them.
    public func caseless(_ column: String) -> SQLText {
        dialect == .sqlite ? "\(unsafeRaw: column) COLLATE NOCASE" : "lower(\(unsafeRaw: column))"
    }
}
