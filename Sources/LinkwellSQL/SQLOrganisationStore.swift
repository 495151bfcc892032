import Foundation
import LinkwellDomain
import LinkwellStore

public struct SQLOrganisationStore: OrganisationStore {
    let database: any SQLDatabase

    public init(database: any SQLDatabase) {
        self.database = database
    }

    public func create(id: OrganisationID, details: OrganisationDetails, at time: Date, audit: AuditEntry) async throws
        -> Organisation
    {
        try await database.write { connection in
            try await Self.checkODSCodeIsFree(details.odsCode, except: nil, on: connection)
            try await connection.execute(
                """
                INSERT INTO organisations (id, name, kind, ods_code, accepts_referrals, self_referral_enabled,
                    connection_response_days, outcome_follow_up_weeks, created_at, updated_at, version)
                VALUES (\(id.rawValue), \(details.name), \(details.kind.rawValue), \(details.odsCode?.value),
                    \(details.acceptsReferrals), \(details.selfReferralEnabled),
                    \(details.connectionResponseDays), \(details.outcomeFollowUpWeeks), \(time), \(time), 1)
                """)
            try await AuditLog.append(audit, on: connection)
            return try await Self.fetch(id, on: connection)!
        }
    }

    public func organisation(_ id: OrganisationID) async throws -> Organisation? {
        try await database.read { connection in try await Self.fetch(id, on: connection) }
    }

    public func all() async throws -> [Organisation] {
        try await database.read { connection in
            try await connection.rows("SELECT * FROM organisations ORDER BY lower(name), id")
                .map { try RowMapping.organisation($0) }
        }
    }

    public func update(
        _ id: OrganisationID, expectedVersion: Int, details: OrganisationDetails, at time: Date, audit: AuditEntry
    ) async throws -> Organisation {
        try await database.write { connection in
            let current = try await connection.firstRow(
                "SELECT version FROM organisations WHERE id = \(id.rawValue)\(connection.forUpdate)")
            guard let current else { throw StoreError.notFound }
            let version = try current.integer("version")
            guard version == expectedVersion else { throw StoreError.versionConflict(currentVersion: version) }
            try await Self.checkODSCodeIsFree(details.odsCode, except: id, on: connection)
            try await connection.execute(
                """
                UPDATE organisations SET name = \(details.name), kind = \(details.kind.rawValue),
                    ods_code = \(details.odsCode?.value), accepts_referrals = \(details.acceptsReferrals),
                    self_referral_enabled = \(details.selfReferralEnabled),
                    connection_response_days = \(details.connectionResponseDays),
                    outcome_follow_up_weeks = \(details.outcomeFollowUpWeeks), updated_at = \(time), version = version + 1
                WHERE id = \(id.rawValue)
                """)
            try await AuditLog.append(audit, on: connection)
            return try await Self.fetch(id, on: connection)!
        }
    }

    private static func checkODSCodeIsFree(
        _ code: ODSCode?, except id: OrganisationID?, on connection: any SQLConnection
    ) async throws {
        guard let code else { return }
        let holder = try await connection.firstRow(
            "SELECT id FROM organisations WHERE ods_code = \(code.value)")
        if let holder, try holder.identifier("id") != id { throw StoreError.duplicate(field: "odsCode") }
    }

    public static func fetch(_ id: OrganisationID, on connection: any SQLConnection) async throws
        -> Organisation?
    {
        try await connection.firstRow("SELECT * FROM organisations WHERE id = \(id.rawValue)")
            .map { try RowMapping.organisation($0) }
    }
}

public struct SQLPracticeStore: PracticeStore {
    let database: any SQLDatabase

    public init(database: any SQLDatabase) {
        self.database = database
    }

    public func create(
        id: PracticeID, in organisation: OrganisationID, details: PracticeDetails, at time: Date, audit: AuditEntry
    ) async throws -> Practice {
        try await database.write { connection in
            guard try await SQLOrganisationStore.fetch(organisation, on: connection) != nil else {
                throw StoreError.notFound
            }
            try await Self.checkODSCodeIsFree(details.odsCode, except: nil, on: connection)
            try await connection.execute(
                """
                INSERT INTO practices (id, organisation_id, name, ods_code, created_at, updated_at, version)
                VALUES (\(id.rawValue), \(organisation.rawValue), \(details.name), \(details.odsCode.value), \(time), \(time), 1)
                """)
            try await AuditLog.append(audit, on: connection)
            return try await Self.fetch(id, in: organisation, on: connection)!
        }
    }

    public func practice(_ id: PracticeID, in organisation: OrganisationID) async throws -> Practice? {
        try await database.read { connection in
            try await Self.fetch(id, in: organisation, on: connection)
        }
    }

    public func practices(in organisation: OrganisationID) async throws -> [Practice] {
        try await database.read { connection in
            try await connection.rows(
                "SELECT * FROM practices WHERE organisation_id = \(organisation.rawValue) ORDER BY lower(name), id"
            ).map { try RowMapping.practice($0) }
        }
    }

    public func update(
        _ id: PracticeID, in organisation: OrganisationID, expectedVersion: Int, details: PracticeDetails,
        at time: Date, audit: AuditEntry
    ) async throws -> Practice {
        try await database.write { connection in
            let current = try await connection.firstRow(
                """
                SELECT version FROM practices WHERE id = \(id.rawValue) AND organisation_id = \(organisation.rawValue)\(connection.forUpdate)
                """)
            guard let current else { throw StoreError.notFound }
            let version = try current.integer("version")
            guard version == expectedVersion else { throw StoreError.versionConflict(currentVersion: version) }
            try await Self.checkODSCodeIsFree(details.odsCode, except: id, on: connection)
            try await connection.execute(
                """
                UPDATE practices SET name = \(details.name), ods_code = \(details.odsCode.value), updated_at = \(time),
                    version = version + 1
                WHERE id = \(id.rawValue) AND organisation_id = \(organisation.rawValue)
                """)
            try await AuditLog.append(audit, on: connection)
            return try await Self.fetch(id, in: organisation, on: connection)!
        }
    }

    private static func checkODSCodeIsFree(
        _ code: ODSCode, except id: PracticeID?, on connection: any SQLConnection
    ) async throws {
        let holder = try await connection.firstRow(
            "SELECT id FROM practices WHERE ods_code = \(code.value)")
        if let holder, try holder.identifier("id") != id { throw StoreError.duplicate(field: "odsCode") }
    }

    public static func fetch(
        _ id: PracticeID, in organisation: OrganisationID, on connection: any SQLConnection
    ) async throws -> Practice? {
        try await connection.firstRow(
            "SELECT * FROM practices WHERE id = \(id.rawValue) AND organisation_id = \(organisation.rawValue)"
        ).map { try RowMapping.practice($0) }
    }
}
