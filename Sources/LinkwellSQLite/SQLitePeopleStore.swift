import Foundation
import GRDB
import LinkwellDomain
import LinkwellStore

struct SQLiteNeedStore: NeedStore {
    let database: SQLiteDatabase

    func all() async throws -> [Need] {
        try await database.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM needs ORDER BY position, code").map(RowMapping.need)
        }
    }

    func save(_ need: Need, audit: AuditEntry) async throws {
        try await database.write { db in
            try db.execute(
                sql: """
                    INSERT INTO needs (code, label, is_active, position) VALUES (?, ?, ?, ?)
                    ON CONFLICT (code) DO UPDATE SET label = excluded.label, is_active = excluded.is_active,
                        position = excluded.position
                    """,
                arguments: [need.code, need.label, need.isActive, need.position])
            try SQLiteAuditLog.append(audit, in: db)
        }
    }
}

struct SQLitePersonStore: PersonStore {
    let database: SQLiteDatabase

    func person(_ id: PersonID, in organisation: OrganisationID) async throws -> Person? {
        try await database.read { db in try Self.fetch(id, in: organisation, db: db) }
    }

    func update(
        _ id: PersonID, in organisation: OrganisationID, expectedVersion: Int, details: PersonDetails, at time: Date,
        audit: AuditEntry
    ) async throws -> Person {
        try await database.write { db in
            guard let current = try Self.fetch(id, in: organisation, db: db) else { throw StoreError.notFound }
            guard current.version == expectedVersion else { throw StoreError.versionConflict(currentVersion: current.version) }
            try db.execute(
                sql: """
                    UPDATE people SET name = ?, name_key = ?, preferred_name = ?, date_of_birth = ?, nhs_number = ?,
                        address = ?, postcode = ?, phone = ?, email = ?, preferred_contact = ?, contact_times = ?,
                        language = ?, interpreter_needed = ?, risk_flag = ?, safeguarding_flag = ?, updated_at = ?,
                        version = version + 1
                    WHERE id = ? AND organisation_id = ?
                    """,
                arguments: Self.detailArguments(details) + [time.sqliteText, id.databaseText, organisation.databaseText])
            try SQLiteAuditLog.append(audit, in: db)
            return try Self.fetch(id, in: organisation, db: db)!
        }
    }

    func possibleDuplicates(of details: PersonDetails, in organisation: OrganisationID, excluding: PersonID?) async throws
        -> [(Person, DuplicateMatching.Reason)]
    {
        try await database.read { db in
            // Narrow with the indexes, then let the domain's rule decide.
            let rows = try Row.fetchAll(
                db,
                sql: """
                    SELECT * FROM people
                    WHERE organisation_id = ? AND id IS NOT ?
                      AND (nhs_number = ? OR date_of_birth = ?)
                    ORDER BY created_at
                    """,
                arguments: [organisation.databaseText, excluding?.databaseText, details.nhsNumber?.digits, details.dateOfBirth.iso])
            return try rows.map { try RowMapping.person($0) }.compactMap { person in
                DuplicateMatching.match(details, person.details).map { (person, $0) }
            }
        }
    }

    static func fetch(_ id: PersonID, in organisation: OrganisationID, db: Database) throws -> Person? {
        try Row.fetchOne(
            db, sql: "SELECT * FROM people WHERE id = ? AND organisation_id = ?",
            arguments: [id.databaseText, organisation.databaseText]
        ).map { try RowMapping.person($0) }
    }

    /// The details in the order of the UPDATE above (and of the INSERT in the referral store).
    static func detailArguments(_ details: PersonDetails) -> StatementArguments {
        [
            details.name, details.nameKey, details.preferredName, details.dateOfBirth.iso, details.nhsNumber?.digits,
            details.address, details.postcode?.value, details.phone?.value, details.email?.value,
            details.preferredContact.rawValue, details.contactTimes, details.language, details.interpreterNeeded,
            details.riskFlag, details.safeguardingFlag,
        ]
    }
}
