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
