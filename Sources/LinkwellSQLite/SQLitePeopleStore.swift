import Foundation
import GRDB
import LinkwellDomain
import LinkwellStore

/// What the referral and casework stores, not yet written once, read of people.
enum SQLitePersonStore {
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
