import Foundation
import LinkwellDomain
import LinkwellStore
import Logging
import PostgresNIO

/// What the referral and casework stores, not yet written once, read of people.
enum PostgresPersonStore {
    static func fetch(_ id: PersonID, in organisation: OrganisationID, on connection: PostgresConnection, logger: Logger)
        async throws -> Person?
    {
        try await connection.firstRow(
            "SELECT * FROM people WHERE id = \(id.rawValue) AND organisation_id = \(organisation.rawValue)", logger: logger
        ).map { try RowMapping.person($0) }
    }
}
