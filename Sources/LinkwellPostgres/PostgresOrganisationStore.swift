import Foundation
import LinkwellDomain
import LinkwellStore
import Logging
import PostgresNIO

struct PostgresOrganisationStore: OrganisationStore {
    let database: PostgresDatabase

    func create(id: OrganisationID, details: OrganisationDetails, at time: Date, audit: AuditEntry) async throws
        -> Organisation
    {
        try await database.write { connection, logger in
            try await Self.checkODSCodeIsFree(details.odsCode, except: nil, on: connection, logger: logger)
            try await connection.execute(
                """
                INSERT INTO organisations (id, name, kind, ods_code, accepts_referrals, self_referral_enabled,
                    connection_response_days, outcome_follow_up_weeks, created_at, updated_at, version)
                VALUES (\(id.rawValue), \(details.name), \(details.kind.rawValue), \(details.odsCode?.value),
                    \(details.acceptsReferrals), \(details.selfReferralEnabled),
                    \(details.connectionResponseDays), \(details.outcomeFollowUpWeeks), \(time), \(time), 1)
                """, logger: logger)
            try await PostgresAuditLog.append(audit, on: connection, logger: logger)
            return try await Self.fetch(id, on: connection, logger: logger)!
        }
    }

    func organisation(_ id: OrganisationID) async throws -> Organisation? {
        try await database.read { connection, logger in try await Self.fetch(id, on: connection, logger: logger) }
    }

    func all() async throws -> [Organisation] {
        try await database.read { connection, logger in
            try await connection.rows("SELECT * FROM organisations ORDER BY lower(name), id", logger: logger)
                .map(RowMapping.organisation)
        }
    }

    func update(
        _ id: OrganisationID, expectedVersion: Int, details: OrganisationDetails, at time: Date, audit: AuditEntry
    ) async throws -> Organisation {
        try await database.write { connection, logger in
            let current = try await connection.firstRow(
                "SELECT version FROM organisations WHERE id = \(id.rawValue) FOR UPDATE", logger: logger)
            guard let current else { throw StoreError.notFound }
            let version = try current.integer("version")
            guard version == expectedVersion else { throw StoreError.versionConflict(currentVersion: version) }
            try await Self.checkODSCodeIsFree(details.odsCode, except: id, on: connection, logger: logger)
            try await connection.execute(
                """
                UPDATE organisations SET name = \(details.name), kind = \(details.kind.rawValue),
                    ods_code = \(details.odsCode?.value), accepts_referrals = \(details.acceptsReferrals),
                    self_referral_enabled = \(details.selfReferralEnabled),
                    connection_response_days = \(details.connectionResponseDays),
                    outcome_follow_up_weeks = \(details.outcomeFollowUpWeeks), updated_at = \(time), version = version + 1
                WHERE id = \(id.rawValue)
                """, logger: logger)
            try await PostgresAuditLog.append(audit, on: connection, logger: logger)
            return try await Self.fetch(id, on: connection, logger: logger)!
        }
    }

    private static func checkODSCodeIsFree(
        _ code: ODSCode?, except id: OrganisationID?, on connection: PostgresConnection, logger: Logger
    ) async throws {
        guard let code else { return }
        let holder = try await connection.firstRow(
            "SELECT id FROM organisations WHERE ods_code = \(code.value)", logger: logger)
        if let holder, try holder.identifier("id") != id { throw StoreError.duplicate(field: "odsCode") }
    }

    static func fetch(_ id: OrganisationID, on connection: PostgresConnection, logger: Logger) async throws
        -> Organisation?
    {
        try await connection.firstRow("SELECT * FROM organisations WHERE id = \(id.rawValue)", logger: logger)
            .map(RowMapping.organisation)
    }
}

struct PostgresPracticeStore: PracticeStore {
    let database: PostgresDatabase

    func create(
        id: PracticeID, in organisation: OrganisationID, details: PracticeDetails, at time: Date, audit: AuditEntry
    ) async throws -> Practice {
        try await database.write { connection, logger in
            guard try await PostgresOrganisationStore.fetch(organisation, on: connection, logger: logger) != nil else {
                throw StoreError.notFound
            }
            try await Self.checkODSCodeIsFree(details.odsCode, except: nil, on: connection, logger: logger)
            try await connection.execute(
                """
                INSERT INTO practices (id, organisation_id, name, ods_code, created_at, updated_at, version)
                VALUES (\(id.rawValue), \(organisation.rawValue), \(details.name), \(details.odsCode.value), \(time), \(time), 1)
                """, logger: logger)
            try await PostgresAuditLog.append(audit, on: connection, logger: logger)
            return try await Self.fetch(id, in: organisation, on: connection, logger: logger)!
        }
    }

    func practice(_ id: PracticeID, in organisation: OrganisationID) async throws -> Practice? {
        try await database.read { connection, logger in
            try await Self.fetch(id, in: organisation, on: connection, logger: logger)
        }
    }

    func practices(in organisation: OrganisationID) async throws -> [Practice] {
        try await database.read { connection, logger in
            try await connection.rows(
                "SELECT * FROM practices WHERE organisation_id = \(organisation.rawValue) ORDER BY lower(name), id",
                logger: logger
            ).map(RowMapping.practice)
        }
    }

    func update(
        _ id: PracticeID, in organisation: OrganisationID, expectedVersion: Int, details: PracticeDetails,
        at time: Date, audit: AuditEntry
    ) async throws -> Practice {
        try await database.write { connection, logger in
            let current = try await connection.firstRow(
                """
                SELECT version FROM practices WHERE id = \(id.rawValue) AND organisation_id = \(organisation.rawValue)
                FOR UPDATE
                """, logger: logger)
            guard let current else { throw StoreError.notFound }
            let version = try current.integer("version")
            guard version == expectedVersion else { throw StoreError.versionConflict(currentVersion: version) }
            try await Self.checkODSCodeIsFree(details.odsCode, except: id, on: connection, logger: logger)
            try await connection.execute(
                """
                UPDATE practices SET name = \(details.name), ods_code = \(details.odsCode.value), updated_at = \(time),
                    version = version + 1
                WHERE id = \(id.rawValue) AND organisation_id = \(organisation.rawValue)
                """, logger: logger)
            try await PostgresAuditLog.append(audit, on: connection, logger: logger)
            return try await Self.fetch(id, in: organisation, on: connection, logger: logger)!
        }
    }

    private static func checkODSCodeIsFree(
        _ code: ODSCode, except id: PracticeID?, on connection: PostgresConnection, logger: Logger
    ) async throws {
        let holder = try await connection.firstRow(
            "SELECT id FROM practices WHERE ods_code = \(code.value)", logger: logger)
        if let holder, try holder.identifier("id") != id { throw StoreError.duplicate(field: "odsCode") }
    }

    static func fetch(
        _ id: PracticeID, in organisation: OrganisationID, on connection: PostgresConnection, logger: Logger
    ) async throws -> Practice? {
        try await connection.firstRow(
            "SELECT * FROM practices WHERE id = \(id.rawValue) AND organisation_id = \(organisation.rawValue)",
            logger: logger
        ).map(RowMapping.practice)
    }
}
