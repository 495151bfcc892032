import Foundation
import LinkwellDomain
import LinkwellStore
import Logging
import NIOCore
import PostgresNIO

struct PostgresTrainingStore: TrainingStore {
    let database: PostgresDatabase

    func requirements(in organisation: OrganisationID, includingRetired: Bool) async throws -> [RequiredTraining] {
        try await database.read { db, logger in
            try await db.rows(
                """
                SELECT \(unescaped: RowMapping.requiredTrainingColumns) FROM required_trainings
                WHERE organisation_id = \(organisation.rawValue) AND (\(includingRetired) OR retired_at IS NULL) ORDER BY title, id
                """, logger: logger
            ).map(RowMapping.requiredTraining)
        }
    }

    func addRequirement(_ requirement: RequiredTraining, at time: Date, audit: AuditEntry) async throws {
        try await database.write { db, logger in
            try await db.execute(
                """
                INSERT INTO required_trainings (id, organisation_id, title, renew_months, created_at)
                VALUES (\(requirement.id.rawValue), \(requirement.organisationID.rawValue), \(requirement.title), \(requirement.renewMonths), \(time))
                """, logger: logger)
            _ = try await PostgresAuditLog.append(audit, on: db, logger: logger)
        }
    }

    func retireRequirement(_ id: RequiredTrainingID, in organisation: OrganisationID, at time: Date, audit: AuditEntry) async throws {
        try await database.write { db, logger in
            let retired = try await db.rows(
                """
                UPDATE required_trainings SET retired_at = \(time)
                WHERE id = \(id.rawValue) AND organisation_id = \(organisation.rawValue) AND retired_at IS NULL RETURNING id
                """, logger: logger)
            guard retired.count == 1 else { throw StoreError.notFound }
            _ = try await PostgresAuditLog.append(audit, on: db, logger: logger)
        }
    }

    func record(_ record: TrainingRecord, certificate: TrainingCertificate?, at time: Date, audit: AuditEntry) async throws {
        try await database.write { db, logger in
            try await db.execute(
                """
                INSERT INTO training_records (id, organisation_id, user_id, course, provider, completed_on, hours, expires_on,
                    requirement_id, recorded_at)
                VALUES (\(record.id.rawValue), \(record.organisationID.rawValue), \(record.userID.rawValue), \(record.course),
                    \(record.provider), \(record.completedOn.iso)::date, \(record.hours), \(record.expiresOn?.iso)::date,
                    \(record.requirementID?.rawValue), \(time))
                """, logger: logger)
            if let certificate {
                try await db.execute(
                    """
                    INSERT INTO training_certificates (record_id, organisation_id, filename, content_type, content)
                    VALUES (\(record.id.rawValue), \(record.organisationID.rawValue), \(certificate.filename), \(certificate.contentType),
                        \(ByteBuffer(bytes: certificate.bytes)))
                    """, logger: logger)
            }
            _ = try await PostgresAuditLog.append(audit, on: db, logger: logger)
        }
    }

    func records(of worker: UserID?, in organisation: OrganisationID) async throws -> [TrainingRecord] {
        try await database.read { db, logger in
            try await db.rows(
                """
                SELECT \(unescaped: RowMapping.trainingRecordColumns) FROM training_records r
                WHERE r.organisation_id = \(organisation.rawValue) AND (\(worker?.rawValue)::uuid IS NULL OR r.user_id = \(worker?.rawValue))
                ORDER BY r.completed_on DESC, r.recorded_at DESC, r.id
                """, logger: logger
            ).map(RowMapping.trainingRecord)
        }
    }

    func certificate(of record: TrainingRecordID, in organisation: OrganisationID) async throws
        -> (record: TrainingRecord, certificate: TrainingCertificate)?
    {
        try await database.read { db, logger in
            guard
                let row = try await db.rows(
                    """
                    SELECT \(unescaped: RowMapping.trainingRecordColumns), c.filename, c.content_type, c.content
                    FROM training_records r JOIN training_certificates c ON c.record_id = r.id AND c.organisation_id = r.organisation_id
                    WHERE r.id = \(record.rawValue) AND r.organisation_id = \(organisation.rawValue)
                    """, logger: logger
                ).first
            else { return nil }
            let content = try row["content"].decode(ByteBuffer.self)
            return (
                try RowMapping.trainingRecord(row),
                TrainingCertificate(
                    filename: try row.text("filename"), contentType: try row.text("content_type"), bytes: Array(content.readableBytesView))
            )
        }
    }

    func addNeed(_ need: TrainingNeed, at time: Date, audit: AuditEntry) async throws {
        try await database.write { db, logger in
            try await db.execute(
                """
                INSERT INTO training_needs (id, organisation_id, user_id, skill, priority, why, created_at)
                VALUES (\(need.id.rawValue), \(need.organisationID.rawValue), \(need.userID.rawValue), \(need.skill),
                    \(need.priority.rawValue), \(need.why), \(time))
                """, logger: logger)
            _ = try await PostgresAuditLog.append(audit, on: db, logger: logger)
        }
    }

    func removeNeed(_ id: TrainingNeedID, of worker: UserID, in organisation: OrganisationID, audit: AuditEntry) async throws {
        try await database.write { db, logger in
            let removed = try await db.rows(
                """
                DELETE FROM training_needs WHERE id = \(id.rawValue) AND user_id = \(worker.rawValue)
                    AND organisation_id = \(organisation.rawValue) RETURNING id
                """, logger: logger)
            guard removed.count == 1 else { throw StoreError.notFound }
            _ = try await PostgresAuditLog.append(audit, on: db, logger: logger)
        }
    }

    func needs(of worker: UserID?, in organisation: OrganisationID) async throws -> [TrainingNeed] {
        try await database.read { db, logger in
            try await db.rows(
                """
                SELECT * FROM training_needs
                WHERE organisation_id = \(organisation.rawValue) AND (\(worker?.rawValue)::uuid IS NULL OR user_id = \(worker?.rawValue))
                ORDER BY \(unescaped: RowMapping.trainingNeedOrder)
                """, logger: logger
            ).map(RowMapping.trainingNeed)
        }
    }
}
