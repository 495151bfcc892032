import Foundation
import GRDB
import LinkwellDomain
import LinkwellStore

struct SQLiteTrainingStore: TrainingStore {
    let database: SQLiteDatabase

    func requirements(in organisation: OrganisationID, includingRetired: Bool) async throws -> [RequiredTraining] {
        try await database.read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT \(RowMapping.requiredTrainingColumns) FROM required_trainings
                    WHERE organisation_id = ? AND (? OR retired_at IS NULL) ORDER BY title, id
                    """,
                arguments: [organisation.databaseText, includingRetired]
            ).map(RowMapping.requiredTraining)
        }
    }

    func addRequirement(_ requirement: RequiredTraining, at time: Date, audit: AuditEntry) async throws {
        try await database.write { db in
            try db.execute(
                sql: "INSERT INTO required_trainings (id, organisation_id, title, renew_months, created_at) VALUES (?, ?, ?, ?, ?)",
                arguments: [
                    requirement.id.databaseText, requirement.organisationID.databaseText, requirement.title, requirement.renewMonths,
                    time.sqliteText,
                ])
            _ = try SQLiteAuditLog.append(audit, in: db)
        }
    }

    func retireRequirement(_ id: RequiredTrainingID, in organisation: OrganisationID, at time: Date, audit: AuditEntry) async throws {
        try await database.write { db in
            try db.execute(
                sql: "UPDATE required_trainings SET retired_at = ? WHERE id = ? AND organisation_id = ? AND retired_at IS NULL",
                arguments: [time.sqliteText, id.databaseText, organisation.databaseText])
            guard db.changesCount == 1 else { throw StoreError.notFound }
            _ = try SQLiteAuditLog.append(audit, in: db)
        }
    }

    func record(_ record: TrainingRecord, certificate: TrainingCertificate?, at time: Date, audit: AuditEntry) async throws {
        try await database.write { db in
            try db.execute(
                sql: """
                    INSERT INTO training_records (id, organisation_id, user_id, course, provider, completed_on, hours, expires_on,
                        requirement_id, recorded_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """,
                arguments: [
                    record.id.databaseText, record.organisationID.databaseText, record.userID.databaseText, record.course, record.provider,
                    record.completedOn.iso, record.hours, record.expiresOn?.iso, record.requirementID?.databaseText, time.sqliteText,
                ])
            if let certificate {
                try db.execute(
                    sql: "INSERT INTO training_certificates (record_id, organisation_id, filename, content_type, content) VALUES (?, ?, ?, ?, ?)",
                    arguments: [
                        record.id.databaseText, record.organisationID.databaseText, certificate.filename, certificate.contentType,
                        Data(certificate.bytes),
                    ])
            }
            _ = try SQLiteAuditLog.append(audit, in: db)
        }
    }

    func records(of worker: UserID?, in organisation: OrganisationID) async throws -> [TrainingRecord] {
        try await database.read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT \(RowMapping.trainingRecordColumns) FROM training_records r
                    WHERE r.organisation_id = ? AND (? IS NULL OR r.user_id = ?)
                    ORDER BY r.completed_on DESC, r.recorded_at DESC, r.id
                    """,
                arguments: [organisation.databaseText, worker?.databaseText, worker?.databaseText]
            ).map(RowMapping.trainingRecord)
        }
    }

    func certificate(of record: TrainingRecordID, in organisation: OrganisationID) async throws
        -> (record: TrainingRecord, certificate: TrainingCertificate)?
    {
        try await database.read { db in
            guard
                let row = try Row.fetchOne(
                    db,
                    sql: """
                        SELECT \(RowMapping.trainingRecordColumns), c.filename, c.content_type, c.content
                        FROM training_records r JOIN training_certificates c ON c.record_id = r.id AND c.organisation_id = r.organisation_id
                        WHERE r.id = ? AND r.organisation_id = ?
                        """,
                    arguments: [record.databaseText, organisation.databaseText])
            else { return nil }
            let content: Data = row["content"]
            return (
                try RowMapping.trainingRecord(row),
                TrainingCertificate(filename: try row.text("filename"), contentType: try row.text("content_type"), bytes: Array(content))
            )
        }
    }

    func addNeed(_ need: TrainingNeed, at time: Date, audit: AuditEntry) async throws {
        try await database.write { db in
            try db.execute(
                sql: "INSERT INTO training_needs (id, organisation_id, user_id, skill, priority, why, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
                arguments: [
                    need.id.databaseText, need.organisationID.databaseText, need.userID.databaseText, need.skill, need.priority.rawValue,
                    need.why, time.sqliteText,
                ])
            _ = try SQLiteAuditLog.append(audit, in: db)
        }
    }

    func removeNeed(_ id: TrainingNeedID, of worker: UserID, in organisation: OrganisationID, audit: AuditEntry) async throws {
        try await database.write { db in
            try db.execute(
                sql: "DELETE FROM training_needs WHERE id = ? AND user_id = ? AND organisation_id = ?",
                arguments: [id.databaseText, worker.databaseText, organisation.databaseText])
            guard db.changesCount == 1 else { throw StoreError.notFound }
            _ = try SQLiteAuditLog.append(audit, in: db)
        }
    }

    func needs(of worker: UserID?, in organisation: OrganisationID) async throws -> [TrainingNeed] {
        try await database.read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT * FROM training_needs WHERE organisation_id = ? AND (? IS NULL OR user_id = ?)
                    ORDER BY \(RowMapping.trainingNeedOrder)
                    """,
                arguments: [organisation.databaseText, worker?.databaseText, worker?.databaseText]
            ).map(RowMapping.trainingNeed)
        }
    }
}
