import Foundation
import GRDB
import LinkwellDomain
import LinkwellStore

/// What the referral store, not yet written once, reads of organisations.
enum SQLiteOrganisationStore {
    static func fetch(_ id: OrganisationID, in db: Database) throws -> Organisation? {
        try Row.fetchOne(db, sql: "SELECT * FROM organisations WHERE id = ?", arguments: [id.databaseText])
            .map(RowMapping.organisation)
    }
}
