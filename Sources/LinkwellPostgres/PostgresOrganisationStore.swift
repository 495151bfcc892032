import Foundation
import LinkwellDomain
import LinkwellStore
import Logging
import PostgresNIO

/// What the referral store, not yet written once, reads of organisations.
enum PostgresOrganisationStore {
    static func fetch(_ id: OrganisationID, on connection: PostgresConnection, logger: Logger) async throws
        -> Organisation?
    {
        try await connection.firstRow("SELECT * FROM organisations WHERE id = \(id.rawValue)", logger: logger)
            .map(RowMapping.organisation)
    }
}
