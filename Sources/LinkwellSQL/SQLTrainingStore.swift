import Foundation
import LinkwellDomain
import LinkwellStore

public struct SQLTrainingStore: TrainingStore {
    let database: any SQLDatabase

    public init(database: any SQLDatabase) {
        self.database = database
    }

    public func requirements(in organisation: OrganisationID, includingRetired: Bool) async throws -> [RequiredTraining]
    {
        try await database.read { db in
            try await db.rows(
                """
                SELECT \(unsafeRaw: RowMapping.requiredTrainingColumns) FROM required_trainings
                WHERE organisation_id = \(organisation.rawValue) AND (\(includingRetired) OR retired_at IS NULL) ORDER BY title, id
                """
            ).map { try RowMapping.requiredTraining($0) }
        }
    }

    public func addRequirement(_ requirement: RequiredTraining, at time: Date, audit: AuditEntry) async throws {
        try await database.write { db in
            try await db.execute(
                """
                INSERT INTO required_trainings (id, organisation_id, title, renew_months, created_at)
                VALUES (\(requirement.id.rawValue), \(requirement.organisationID.rawValue), \(requirement.title), \(requirement.renewMonths), \(time))
                """)
            _ = try await AuditLog.append(audit, on: db)
        }
    }

    public func retireRequirement(
        _ id: RequiredTrainingID, in organisation: OrganisationID, at time: Date, audit: AuditEntry
    ) async throws {
        try await database.write { db in
            let retired = try await db.rows(
                """
                UPDATE required_trainings SET retired_at = \(time)
                WHERE id = \(id.rawValue) AND organisation_id = \(organisation.rawValue) AND retired_at IS NULL RETURNING id
                """)
            guard retired.count == 1 else { throw StoreError.notFound }
            _ = try await AuditLog.append(audit, on: db)
        }
    }

    public func record(_ record: TrainingRecord, certificate: TrainingCertificate?, at time: Date, audit: AuditEntry)
        async throws
    {
        try await database.write { db in
            try await db.execute(
                """
                INSERT INTO training_records (id, organisation_id, user_id, course, provider, completed_on, hours, expires_on,
                    requirement_id, recorded_at)
                VALUES (\(record.id.rawValue), \(record.organisationID.rawValue), \(record.userID.rawValue), \(record.course),
                    \(record.provider), \(record.completedOn), \(record.hours), \(record.expiresOn),
                    \(record.requirementID?.rawValue), \(time))
                """)
            if let certificate {
                try await db.execute(
                    """
                    INSERT INTO training_certificates (record_id, organisation_id, filename, content_type, content)
                    VALUES (\(record.id.rawValue), \(record.organisationID.rawValue), \(certificate.filename), \(certificate.contentType),
                        \(certificate.bytes))
                    """)
            }
            _ = try await AuditLog.append(audit, on: db)
        }
    }

    public func records(of worker: UserID?, in organisation: OrganisationID) async throws -> [TrainingRecord] {
        try await database.read { db in
            try await db.rows(
                """
                SELECT \(unsafeRaw: RowMapping.trainingRecordColumns) FROM training_records r
                WHERE r.organisation_id = \(organisation.rawValue) AND (\(worker?.rawValue) IS NULL OR r.user_id = \(worker?.rawValue))
                ORDER BY r.completed_on DESC, r.recorded_at DESC, r.id
                """
            ).map { try RowMapping.trainingRecord($0) }
        }
    }

    public func certificate(of record: TrainingRecordID, in organisation: OrganisationID) async throws
        -> (record: TrainingRecord, certificate: TrainingCertificate)?
    {
        try await database.read { db in
            guard
                let row = try await db.rows(
                    """
                    SELECT \(unsafeRaw: RowMapping.trainingRecordColumns), c.filename, c.content_type, c.content
                    FROM training_records r JOIN training_certificates c ON c.record_id = r.id AND c.organisation_id = r.organisation_id
                    WHERE r.id = \(record.rawValue) AND r.organisation_id = \(organisation.rawValue)
                    """
                ).first
            else { return nil }
            return (
                try RowMapping.trainingRecord(row),
                TrainingCertificate(
                    filename: try row.text("filename"), contentType: try row.text("content_type"),
                    bytes: try row.bytes("content"))
            )
        }
    }

    public func addNeed(_ need: TrainingNeed, at time: Date, audit: AuditEntry) async throws {
        try await database.write { db in
            try await db.execute(
                """
                INSERT INTO training_needs (id, organisation_id, user_id, skill, priority, why, created_at)
                VALUES (\(need.id.rawValue), \(need.organisationID.rawValue), \(need.userID.rawValue), \(need.skill),
                    \(need.priority.rawValue), \(need.why), \(time))
                """)
            _ = try await AuditLog.append(audit, on: db)
        }
    }

    public func removeNeed(_ id: TrainingNeedID, of worker: UserID, in organisation: OrganisationID, audit: AuditEntry)
        async throws
    {
        try await database.write { db in
            let removed = try await db.rows(
                """
                DELETE FROM training_needs WHERE id = \(id.rawValue) AND user_id = \(worker.rawValue)
                    AND organisation_id = \(organisation.rawValue) RETURNING id
                """)
            guard removed.count == 1 else { throw StoreError.notFound }
            _ = try await AuditLog.append(audit, on: db)
        }
    }

    public func needs(of worker: UserID?, in organisation: OrganisationID) async throws -> [TrainingNeed] {
        try await database.read { db in
            try await db.rows(
                """
                SELECT * FROM training_needs
                WHERE organisation_id = \(organisation.rawValue) AND (\(worker?.rawValue) IS NULL OR user_id = \(worker?.rawValue))
                ORDER BY \(unsafeRaw: RowMapping.trainingNeedOrder)
                """
            ).map { try RowMapping.trainingNeed($0) }
        }
    }
}
