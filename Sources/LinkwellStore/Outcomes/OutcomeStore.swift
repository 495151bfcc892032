import Foundation
import LinkwellDomain

/// An instrument definition an organisation added, as stored.
public struct AddedInstrument: Sendable, Equatable {
    /// The definition's JSON, as uploaded (checked when it was).
    public let document: String
    public let addedByName: String
    public let addedAt: Date
    public let version: Int

    public init(document: String, addedByName: String, addedAt: Date, version: Int) {
        self.document = document
        self.addedByName = addedByName
        self.addedAt = addedAt
        self.version = version
    }
}

/// Outcome measures and the instruments an organisation adds.
public protocol OutcomeStore: Sendable {
    /// The organisation's own definitions, by instrument ID.
    func addedInstruments(in organisation: OrganisationID) async throws -> [String: AddedInstrument]

    /// Adds or replaces the organisation's definition of `instrumentID`
    /// (expected version 0 to add), with its audit event.
    func saveInstrument(
        _ instrumentID: String, document: String, in organisation: OrganisationID, expectedVersion: Int, at time: Date,
        by actor: Actor, audit: AuditEntry
    ) async throws

    /// Records a measurement on one of the organisation's referrals, with its
    /// audit event. Throws `notFound` for a referral not of the organisation.
    func record(_ measurement: OutcomeMeasurement, by actor: Actor, audit: AuditEntry) async throws

    /// The person's, oldest first (on the same day and moment: baseline,
    /// follow-up, discharge).
    func measurements(of person: PersonID, in organisation: OrganisationID) async throws -> [OutcomeMeasurement]

    /// For each of the referrals: the day of its first measurement and of
    /// its latest (for what is due on the caseload).
    func measurementDays(of referrals: [ReferralID], in organisation: OrganisationID) async throws
        -> [ReferralID: (first: CalendarDate, latest: CalendarDate)]
}
