import Foundation
import LinkwellDomain
import LinkwellStore
import Logging
import PostgresNIO

/// PostgresNIO rows read as `StoredRow`, throwing (never crashing) when a
/// value is not what the schema promises.
extension PostgresRandomAccessRow: StoredRow {
    public func text(_ column: String) throws -> String {
        try self[column].decode(String.self)
    }

    public func optionalText(_ column: String) throws -> String? {
        try self[column].decode(String?.self)
    }

    public func integer(_ column: String) throws -> Int {
        try self[column].decode(Int.self)
    }

    /// Any integer width: counts are bigint, sums numeric cast back.
    public func optionalInteger(_ column: String) throws -> Int? {
        try self[column].decode(Int?.self)
    }

    public func integer64(_ column: String) throws -> Int64 {
        try self[column].decode(Int64.self)
    }

    public func bytes(_ column: String) throws -> [UInt8] {
        Array(try self[column].decode(ByteBuffer.self).readableBytesView)
    }

    public func flag(_ column: String) throws -> Bool {
        try self[column].decode(Bool.self)
    }

    public func optionalDouble(_ column: String) throws -> Double? {
        try self[column].decode(Double?.self)
    }

    /// Dates come back as the canonical value for their millisecond, the
    /// precision both backends keep, so a value read equals the value written.
    public func date(_ column: String) throws -> Date {
        Date.millisecondPrecision(try self[column].decode(Date.self))
    }

    public func optionalDate(_ column: String) throws -> Date? {
        try self[column].decode(Date?.self).map(Date.millisecondPrecision)
    }

    public func identifier<Entity>(_ column: String) throws -> Identifier<Entity> {
        Identifier(try self[column].decode(UUID.self))
    }

    public func optionalIdentifier<Entity>(_ column: String) throws -> Identifier<Entity>? {
        try self[column].decode(UUID?.self).map { Identifier($0) }
    }

    /// `date` columns decode as midnight UTC; the calendar day is read in UTC.
    public func calendarDate(_ column: String) throws -> CalendarDate {
        CalendarDate(try self[column].decode(Date.self), in: .gmt)
    }

    public func optionalCalendarDate(_ column: String) throws -> CalendarDate? {
        try self[column].decode(Date?.self).map { CalendarDate($0, in: .gmt) }
    }
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
