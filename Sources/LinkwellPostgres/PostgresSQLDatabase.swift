import Foundation
import LinkwellDomain
import LinkwellStore
import Logging
import PostgresNIO

/// `SQLDatabase` over PostgresNIO's pool: a read borrows a connection, a
/// write is one transaction on one connection.
struct PostgresSQLDatabase: SQLDatabase {
    let database: PostgresDatabase

    var dialect: SQLDialect { .postgres }

    func read<T: Sendable>(_ body: @Sendable (any SQLConnection) async throws -> T) async throws -> T {
        try await database.read { connection, logger in
            try await body(Connection(connection: connection, logger: logger))
        }
    }

    func write<T: Sendable>(_ body: @Sendable (any SQLConnection) async throws -> T) async throws -> T {
        try await database.write { connection, logger in
            try await body(Connection(connection: connection, logger: logger))
        }
    }

    struct Connection: SQLConnection {
        let connection: PostgresConnection
        let logger: Logger

        var dialect: SQLDialect { .postgres }

        func execute(_ sql: SQLText) async throws {
            try await connection.execute(Self.render(sql), logger: logger)
        }

        func rows(_ sql: SQLText) async throws -> [any StoredRow] {
            try await connection.rows(Self.render(sql), logger: logger)
        }

        /// `$1`, `$2`… and each value as its PostgreSQL type (a day as `date`).
        static func render(_ sql: SQLText) -> PostgresQuery {
            var text = ""
            var bindings = PostgresBindings()
            for piece in sql.pieces {
                switch piece {
                case .text(let part): text += part
                case .value(let value):
                    switch value {
                    case .null: bindings.appendNull()
                    case .text(let string): bindings.append(string)
                    case .integer(let number): bindings.append(number)
                    case .real(let number): bindings.append(number)
                    case .boolean(let flag): bindings.append(flag)
                    case .timestamp(let date): bindings.append(date)
                    case .day(let day): bindings.append(day.iso)
                    case .uuid(let uuid): bindings.append(uuid)
                    case .blob(let bytes): bindings.append(ByteBuffer(bytes: bytes))
                    }
                    text += "$\(bindings.count)"
                    // A day is sent as its ISO text; a NULL has no type of its own to send.
                    if case .day = value { text += "::date" }
                    if case .null(let type) = value { text += "::" + Self.typeName(type) }
                }
            }
            return PostgresQuery(unsafeSQL: text, binds: bindings)
        }

        static func typeName(_ type: SQLType) -> String {
            switch type {
            case .text: "text"
            case .integer: "bigint"
            case .real: "double precision"
            case .boolean: "boolean"
            case .timestamp: "timestamptz"
            case .day: "date"
            case .uuid: "uuid"
            case .blob: "bytea"
            }
        }
    }
}
