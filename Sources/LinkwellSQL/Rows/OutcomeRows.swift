import Foundation
import LinkwellDomain
import LinkwellStore

/// Outcome rows to domain values, for both backends.
extension RowMapping {
    public static func measurement(_ row: some StoredRow) throws -> OutcomeMeasurement {
        OutcomeMeasurement(
            id: try row.identifier("id"), organisationID: try row.identifier("organisation_id"),
            personID: try row.identifier("person_id"), referralID: try row.identifier("referral_id"),
            instrumentID: try row.text("instrument_id"), instrumentVersion: try row.text("instrument_version"),
            occasion: try row.enumeration("occasion"),
            answers: try Documents.decode([String: Double].self, try row.text("answers")),
            score: try row.optionalDouble("score"), handedOver: try row.flag("handed_over"),
            takenOn: try row.calendarDate("taken_on"), recordedByName: try row.text("recorded_by_name"),
            recordedAt: try row.date("recorded_at"))
    }

    public static func addedInstrument(_ row: some StoredRow) throws -> AddedInstrument {
        AddedInstrument(
            document: try row.text("document"), addedByName: try row.text("added_by_name"),
            addedAt: try row.date("added_at"),
            version: try row.integer("version"))
    }
}
