import Foundation
import LinkwellDomain

/// Organisations: the tenants of a deployment. Only administrators change them.
public protocol OrganisationStore: Sendable {
    /// Creates the organisation with the given ID.
    /// Throws `StoreError.duplicate(field: "odsCode")` when another organisation has the ODS code.
    @discardableResult
    func create(id: OrganisationID, details: OrganisationDetails, at time: Date, audit: AuditEntry) async throws
        -> Organisation

    func organisation(_ id: OrganisationID) async throws -> Organisation?

    /// Every organisation, by name.
    func all() async throws -> [Organisation]

    /// Replaces the details if the stored version is still `expectedVersion`.
    /// Throws `notFound`, `versionConflict` or `duplicate(field: "odsCode")`.
    @discardableResult
    func update(
        _ id: OrganisationID, expectedVersion: Int, details: OrganisationDetails, at time: Date, audit: AuditEntry
    ) async throws -> Organisation
}

/// GP practices, each belonging to one organisation.
public protocol PracticeStore: Sendable {
    /// Throws `notFound` when the organisation does not exist and
    /// `duplicate(field: "odsCode")` when another practice has the ODS code.
    @discardableResult
    func create(
        id: PracticeID, in organisation: OrganisationID, details: PracticeDetails, at time: Date, audit: AuditEntry
    ) async throws -> Practice

    func practice(_ id: PracticeID, in organisation: OrganisationID) async throws -> Practice?

    /// The organisation's practices, by name.
    func practices(in organisation: OrganisationID) async throws -> [Practice]

    @discardableResult
    func update(
        _ id: PracticeID, in organisation: OrganisationID, expectedVersion: Int, details: PracticeDetails,
        at time: Date, audit: AuditEntry
    ) async throws -> Practice
}
