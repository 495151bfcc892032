import Foundation
import GRDB
import LinkwellDomain
import LinkwellStore

struct SQLiteOutcomeStore: OutcomeStore {
    let database: SQLiteDatabase

    func addedInstruments(in organisation: OrganisationID) async throws -> [String: AddedInstrument] {
        try await database.read { db in
            var added: [String: AddedInstrument] = [:]
            for row in try Row.fetchAll(
                db, sql: "SELECT * FROM instrument_definitions WHERE organisation_id = ?", arguments: [organisation.databaseText])
            {
                added[try row.text("instrument_id")] = try RowMapping.addedInstrument(row)
            }
            return added
        }
    }

    func saveInstrument(
        _ instrumentID: String, document: String, in organisation: OrganisationID, expectedVersion: Int, at time: Date,
        by actor: Actor, audit: AuditEntry
    ) async throws {
        try await database.write { db in
            let current = try Int.fetchOne(
                db, sql: "SELECT version FROM instrument_definitions WHERE organisation_id = ? AND instrument_id = ?",
                arguments: [organisation.databaseText, instrumentID]) ?? 0
            guard current == expectedVersion else { throw StoreError.versionConflict(currentVersion: current) }
            try db.execute(
                sql: """
                    INSERT INTO instrument_definitions (organisation_id, instrument_id, document, added_by, added_by_name, added_at, version)
                    VALUES (?, ?, ?, ?, ?, ?, 1)
                    ON CONFLICT (organisation_id, instrument_id) DO UPDATE SET document = excluded.document,
                        added_by = excluded.added_by, added_by_name = excluded.added_by_name, added_at = excluded.added_at,
                        version = instrument_definitions.version + 1
                    """,
                arguments: [
                    organisation.databaseText, instrumentID, document, actor.userID?.databaseText, actor.name, time.sqliteText,
                ])
            _ = try SQLiteAuditLog.append(audit, in: db)
        }
    }

    func record(_ measurement: OutcomeMeasurement, by actor: Actor, audit: AuditEntry) async throws {
        try await database.write { db in
            guard let referral = try SQLiteReferralStore.fetch(measurement.referralID, in: measurement.organisationID, db: db),
                referral.referral.personID == measurement.personID
            else { throw StoreError.notFound }
            try db.execute(
                sql: """
                    INSERT INTO measurements (id, organisation_id, person_id, referral_id, instrument_id, instrument_version,
                        occasion, answers, score, handed_over, taken_on, recorded_by, recorded_by_name, recorded_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """,
                arguments: [
                    measurement.id.databaseText, measurement.organisationID.databaseText, measurement.personID.databaseText,
                    measurement.referralID.databaseText, measurement.instrumentID, measurement.instrumentVersion,
                    measurement.occasion.rawValue, try Documents.encode(measurement.answers), measurement.score,
                    measurement.handedOver, measurement.takenOn.iso, actor.userID?.databaseText, actor.name,
                    measurement.recordedAt.sqliteText,
                ])
            _ = try SQLiteAuditLog.append(audit, in: db)
        }
    }

    func measurements(of person: PersonID, in organisation: OrganisationID) async throws -> [OutcomeMeasurement] {
        try await database.read { db in
            try Row.fetchAll(
                db,
                sql: "SELECT * FROM measurements WHERE organisation_id = ? AND person_id = ? ORDER BY taken_on, recorded_at, CASE occasion WHEN 'baseline' THEN 0 WHEN 'follow-up' THEN 1 ELSE 2 END, id",
                arguments: [organisation.databaseText, person.databaseText]
            ).map(RowMapping.measurement)
        }
    }

    func measurementDays(of referrals: [ReferralID], in organisation: OrganisationID) async throws
        -> [ReferralID: (first: CalendarDate, latest: CalendarDate)]
    {
        guard !referrals.isEmpty else { return [:] }
        return try await database.read { db in
            let rows = try Row.fetchAll(
                db,
                sql: """
                    SELECT referral_id, min(taken_on) AS first, max(taken_on) AS latest FROM measurements
                    WHERE organisation_id = ? AND referral_id IN (\(Array(repeating: "?", count: referrals.count).joined(separator: ", ")))
                    GROUP BY referral_id
                    """,
                arguments: StatementArguments([organisation.databaseText] + referrals.map(\.databaseText)))
            var days: [ReferralID: (first: CalendarDate, latest: CalendarDate)] = [:]
            for row in rows {
                days[try row.identifier("referral_id")] = (try row.calendarDate("first"), try row.calendarDate("latest"))
            }
            return days
        }
    }
}
