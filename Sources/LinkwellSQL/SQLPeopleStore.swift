import Foundation
import LinkwellDomain
import LinkwellStore

public struct SQLNeedStore: NeedStore {
    let database: any SQLDatabase

    public init(database: any SQLDatabase) {
        self.database = database
    }

    public func all() async throws -> [Need] {
        try await database.read { connection in
            try await connection.rows("SELECT * FROM needs ORDER BY position, code").map { try RowMapping.need($0) }
        }
    }

    public func save(_ need: Need, audit: AuditEntry) async throws {
        try await database.write { connection in
            try await connection.execute(
                """
                INSERT INTO needs (code, label, is_active, position) VALUES (\(need.code), \(need.label), \(need.isActive), \(need.position))
                ON CONFLICT (code) DO UPDATE SET label = excluded.label, is_active = excluded.is_active, position = excluded.position
                """)
            try await AuditLog.append(audit, on: connection)
        }
    }
}

public struct SQLPersonStore: PersonStore {
    let database: any SQLDatabase

    public init(database: any SQLDatabase) {
        self.database = database
    }

    public func person(_ id: PersonID, in organisation: OrganisationID) async throws -> Person? {
        try await database.read { connection in
            try await Self.fetch(id, in: organisation, on: connection)
        }
    }

    public func update(
        _ id: PersonID, in organisation: OrganisationID, expectedVersion: Int, details: PersonDetails, at time: Date,
        audit: AuditEntry
    ) async throws -> Person {
        try await database.write { connection in
            let current = try await connection.firstRow(
                "SELECT version FROM people WHERE id = \(id.rawValue) AND organisation_id = \(organisation.rawValue)\(connection.forUpdate)"
            )
            guard let current else { throw StoreError.notFound }
            let version = try current.integer("version")
            guard version == expectedVersion else { throw StoreError.versionConflict(currentVersion: version) }
            try await connection.execute(
                """
                UPDATE people SET name = \(details.name), name_key = \(details.nameKey), preferred_name = \(details.preferredName),
                    date_of_birth = \(details.dateOfBirth), nhs_number = \(details.nhsNumber?.digits),
                    address = \(details.address), postcode = \(details.postcode?.value), phone = \(details.phone?.value),
                    email = \(details.email?.value), preferred_contact = \(details.preferredContact.rawValue),
                    contact_times = \(details.contactTimes), language = \(details.language),
                    interpreter_needed = \(details.interpreterNeeded), risk_flag = \(details.riskFlag),
                    safeguarding_flag = \(details.safeguardingFlag), stated_gender = \(details.statedGender?.rawValue),
                    ethnic_category = \(details.ethnicCategory?.rawValue),
                    registered_practice = \(details.registeredPractice?.value), updated_at = \(time), version = version + 1
                WHERE id = \(id.rawValue) AND organisation_id = \(organisation.rawValue)
                """)
            try await AuditLog.append(audit, on: connection)
            return try await Self.fetch(id, in: organisation, on: connection)!
        }
    }

    public func possibleDuplicates(of details: PersonDetails, in organisation: OrganisationID, excluding: PersonID?)
        async throws
        -> [(Person, DuplicateMatching.Reason)]
    {
        try await database.read { connection in
            let rows = try await connection.rows(
                """
                SELECT * FROM people
                WHERE organisation_id = \(organisation.rawValue) AND id IS DISTINCT FROM \(excluding?.rawValue)
                  AND (nhs_number = \(details.nhsNumber?.digits) OR date_of_birth = \(details.dateOfBirth))
                ORDER BY created_at
                """)
            return try rows.map { try RowMapping.person($0) }.compactMap { person in
                DuplicateMatching.match(details, person.details).map { (person, $0) }
            }
        }
    }

    public static func fetch(_ id: PersonID, in organisation: OrganisationID, on connection: any SQLConnection)
        async throws -> Person?
    {
        try await connection.firstRow(
            "SELECT * FROM people WHERE id = \(id.rawValue) AND organisation_id = \(organisation.rawValue)"
        ).map { try RowMapping.person($0) }
    }
}

public struct SQLRateLimitStore: RateLimitStore {
    let database: any SQLDatabase

    public init(database: any SQLDatabase) {
        self.database = database
    }

    public func recordAttempt(key: String, at time: Date, since: Date) async throws -> Int {
        try await database.write { connection in
            try await connection.execute("DELETE FROM rate_limit_attempts WHERE occurred_at < \(since)")
            try await connection.execute(
                "INSERT INTO rate_limit_attempts (key, occurred_at) VALUES (\(key), \(time))")
            return try await connection.count(
                "SELECT count(*) AS n FROM rate_limit_attempts WHERE key = \(key) AND occurred_at >= \(since)")
        }
    }
}
