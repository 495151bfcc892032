import Foundation
import LinkwellDomain

/// Training: the trainings an organisation requires, workers' records and
/// certificates, and the needs each worker keeps. Every read names the
/// organisation; another organisation's rows are never returned.
public protocol TrainingStore: Sendable {
    /// The organisation's required trainings, by title: the current ones, or
    /// also those it no longer requires (which old records still count towards).
    func requirements(in organisation: OrganisationID, includingRetired: Bool) async throws -> [RequiredTraining]

    func addRequirement(_ requirement: RequiredTraining, at time: Date, audit: AuditEntry) async throws

    /// Stops requiring it (records that counted towards it keep the link).
    func retireRequirement(_ id: RequiredTrainingID, in organisation: OrganisationID, at time: Date, audit: AuditEntry)
        async throws

    /// Records a course, with its certificate if there is one, in one transaction.
    func record(_ record: TrainingRecord, certificate: TrainingCertificate?, at time: Date, audit: AuditEntry)
        async throws

    /// One worker's records, newest first (`worker` nil: everyone's in the organisation).
    func records(of worker: UserID?, in organisation: OrganisationID) async throws -> [TrainingRecord]

    /// A record and its certificate, if both exist in the organisation.
    func certificate(of record: TrainingRecordID, in organisation: OrganisationID) async throws
        -> (record: TrainingRecord, certificate: TrainingCertificate)?

    func addNeed(_ need: TrainingNeed, at time: Date, audit: AuditEntry) async throws

    /// Removes one of the worker's own needs; `notFound` for anyone else's.
    func removeNeed(_ id: TrainingNeedID, of worker: UserID, in organisation: OrganisationID, audit: AuditEntry)
        async throws

    /// One worker's needs, most pressing first (`worker` nil: everyone's in the organisation).
    func needs(of worker: UserID?, in organisation: OrganisationID) async throws -> [TrainingNeed]
}

extension TrainingStore {
    /// The trainings the organisation requires now.
    public func requirements(in organisation: OrganisationID) async throws -> [RequiredTraining] {
        try await requirements(in: organisation, includingRetired: false)
    }
}

extension RowMapping {
    public static func requiredTraining(_ row: some StoredRow) throws -> RequiredTraining {
        RequiredTraining(
            id: try row.identifier("id"), organisationID: try row.identifier("organisation_id"),
            title: try row.text("title"),
            renewMonths: try row.optionalText("renew_months_text").flatMap { Int($0) })
    }

    public static func trainingRecord(_ row: some StoredRow) throws -> TrainingRecord {
        TrainingRecord(
            id: try row.identifier("id"), organisationID: try row.identifier("organisation_id"),
            userID: try row.identifier("user_id"),
            course: try row.text("course"), provider: try row.text("provider"),
            completedOn: try row.calendarDate("completed_on"),
            hours: try row.double("hours"), expiresOn: try row.optionalCalendarDate("expires_on"),
            requirementID: try row.optionalIdentifier("requirement_id"),
            certificateName: try row.optionalText("certificate_name"))
    }

    public static func trainingNeed(_ row: some StoredRow) throws -> TrainingNeed {
        TrainingNeed(
            id: try row.identifier("id"), organisationID: try row.identifier("organisation_id"),
            userID: try row.identifier("user_id"),
            skill: try row.text("skill"), priority: try row.enumeration("priority"), why: try row.text("why"))
    }

    /// The columns `requiredTraining` reads (the optional integer as text,
    /// so both backends read a NULL alike).
    public static let requiredTrainingColumns =
        "id, organisation_id, title, CAST(renew_months AS TEXT) AS renew_months_text"

    /// The columns `trainingRecord` reads from `training_records r`.
    public static let trainingRecordColumns = """
        r.id, r.organisation_id, r.user_id, r.course, r.provider, r.completed_on, r.hours, r.expires_on, r.requirement_id,
        (SELECT c.filename FROM training_certificates c WHERE c.record_id = r.id) AS certificate_name
        """

    /// Most pressing first: high, medium, low; then the skill.
    public static let trainingNeedOrder = "CASE priority WHEN 'high' THEN 0 WHEN 'medium' THEN 1 ELSE 2 END, skill, id"
}
