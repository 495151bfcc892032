import Foundation
import LinkwellDomain
import LinkwellStore

public struct SQLOutcomeStore: OutcomeStore {
    let database: any SQLDatabase

    public init(database: any SQLDatabase) {
        self.database = database
    }

    public func addedInstruments(in organisation: OrganisationID) async throws -> [String: AddedInstrument] {
        try await database.read { db in
            var added: [String: AddedInstrument] = [:]
            for row in try await db.rows(
                "SELECT * FROM instrument_definitions WHERE organisation_id = \(organisation.rawValue)")
            {
                added[try row.text("instrument_id")] = try RowMapping.addedInstrument(row)
            }
            return added
        }
    }

    public func saveInstrument(
        _ instrumentID: String, document: String, in organisation: OrganisationID, expectedVersion: Int, at time: Date,
        by actor: Actor, audit: AuditEntry
    ) async throws {
        try await database.write { db in
            // Serialise saves of the organisation's instruments, so the version check holds.
            _ = try await db.firstRow("SELECT id FROM organisations WHERE id = \(organisation.rawValue)\(db.forUpdate)")
            let current =
                try await db.firstRow(
                    """
                    SELECT version FROM instrument_definitions
                    WHERE organisation_id = \(organisation.rawValue) AND instrument_id = \(instrumentID)
                    """)?.integer("version") ?? 0
            guard current == expectedVersion else { throw StoreError.versionConflict(currentVersion: current) }
            try await db.execute(
                """
                INSERT INTO instrument_definitions (organisation_id, instrument_id, document, added_by, added_by_name, added_at, version)
                VALUES (\(organisation.rawValue), \(instrumentID), \(document), \(actor.userID?.rawValue), \(actor.name), \(time), 1)
                ON CONFLICT (organisation_id, instrument_id) DO UPDATE SET document = excluded.document,
                    added_by = excluded.added_by, added_by_name = excluded.added_by_name, added_at = excluded.added_at,
                    version = instrument_definitions.version + 1
                """)
            _ = try await AuditLog.append(audit, on: db)
        }
    }

    public func record(_ measurement: OutcomeMeasurement, by actor: Actor, audit: AuditEntry) async throws {
        try await database.write { db in
            // The referral must be this person's, in this organisation.
            let owner = try await db.first(
                "SELECT person_id FROM referrals WHERE id = \(measurement.referralID) AND organisation_id = \(measurement.organisationID)"
            ) { try $0.identifier("person_id") as PersonID }
            guard owner == measurement.personID else { throw StoreError.notFound }
            try await db.execute(
                """
                INSERT INTO measurements (id, organisation_id, person_id, referral_id, instrument_id, instrument_version, occasion,
                    answers, score, handed_over, taken_on, recorded_by, recorded_by_name, recorded_at)
                VALUES (\(measurement.id.rawValue), \(measurement.organisationID.rawValue), \(measurement.personID.rawValue),
                    \(measurement.referralID.rawValue), \(measurement.instrumentID), \(measurement.instrumentVersion),
                    \(measurement.occasion.rawValue), \(try Documents.encode(measurement.answers)), \(measurement.score),
                    \(measurement.handedOver), \(measurement.takenOn), \(actor.userID?.rawValue), \(actor.name),
                    \(measurement.recordedAt))
                """)
            _ = try await AuditLog.append(audit, on: db)
        }
    }

    public func measurements(of person: PersonID, in organisation: OrganisationID) async throws -> [OutcomeMeasurement]
    {
        try await database.read { db in
            try await db.rows(
                """
                SELECT * FROM measurements WHERE organisation_id = \(organisation.rawValue) AND person_id = \(person.rawValue)
                ORDER BY taken_on, recorded_at, CASE occasion WHEN 'baseline' THEN 0 WHEN 'follow-up' THEN 1 ELSE 2 END, id
                """
            ).map { try RowMapping.measurement($0) }
        }
    }

    public func measurementDays(of referrals: [ReferralID], in organisation: OrganisationID) async throws
        -> [ReferralID: (first: CalendarDate, latest: CalendarDate)]
    {
        guard !referrals.isEmpty else { return [:] }
        return try await database.read { db in
            let rows = try await db.rows(
                """
                SELECT referral_id, min(taken_on) AS first, max(taken_on) AS latest FROM measurements
                WHERE organisation_id = \(organisation.rawValue) AND referral_id IN \(list: referrals)
                GROUP BY referral_id
                """)
            var days: [ReferralID: (first: CalendarDate, latest: CalendarDate)] = [:]
            for row in rows {
                days[try row.identifier("referral_id")] = (
                    try row.calendarDate("first"), try row.calendarDate("latest")
                )
            }
            return days
        }
    }
}
