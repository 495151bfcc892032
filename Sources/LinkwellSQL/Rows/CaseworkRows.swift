import Foundation
import LinkwellDomain
import LinkwellStore

/// Casework rows to domain values, and the SQL both backends share for it.
extension RowMapping {
    /// The people columns, each prefixed `p_`, for queries that join a
    /// referral to its person (both tables have `id`, `organisation_id`…).
    public static let personColumns = [
        "id", "organisation_id", "name", "preferred_name", "date_of_birth", "nhs_number", "address", "postcode",
        "phone", "email", "preferred_contact", "contact_times", "language", "interpreter_needed", "risk_flag",
        "safeguarding_flag", "stated_gender", "ethnic_category", "registered_practice", "created_at", "updated_at",
        "version",
    ].map { "p.\($0) AS p_\($0)" }.joined(separator: ", ")

    public static func person(_ row: some StoredRow, prefix: String = "") throws -> Person {
        func c(_ name: String) -> String { prefix + name }
        let details = PersonDetails(
            name: try row.text(c("name")),
            preferredName: try row.optionalText(c("preferred_name")),
            dateOfBirth: try row.calendarDate(c("date_of_birth")),
            nhsNumber: try row.optionalText(c("nhs_number")).map(NHSNumber.init(trusted:)),
            address: try row.text(c("address")),
            postcode: try row.optionalText(c("postcode")).map(Postcode.init(trusted:)),
            phone: try row.optionalText(c("phone")).map(PhoneNumber.init(trusted:)),
            email: try row.optionalText(c("email")).map(EmailAddress.init(trusted:)),
            preferredContact: try row.enumeration(c("preferred_contact")),
            contactTimes: try row.text(c("contact_times")),
            language: try row.text(c("language")),
            interpreterNeeded: try row.flag(c("interpreter_needed")),
            riskFlag: try row.optionalText(c("risk_flag")),
            safeguardingFlag: try row.optionalText(c("safeguarding_flag")),
            statedGender: try row.optionalEnumeration(c("stated_gender")),
            ethnicCategory: try row.optionalEnumeration(c("ethnic_category")),
            registeredPractice: try row.optionalText(c("registered_practice")).map(ODSCode.init(trusted:)))
        return Person(
            id: try row.identifier(c("id")), organisationID: try row.identifier(c("organisation_id")), details: details,
            createdAt: try row.date(c("created_at")), updatedAt: try row.date(c("updated_at")),
            version: try row.integer(c("version")))
    }

    /// Expects the referral's columns and `reasons`, its need codes joined by commas in order.
    public static func referral(_ row: some StoredRow) throws -> Referral {
        let practice: PracticeID? = try row.optionalIdentifier("referrer_practice_id")
        let dischargeReason: String? = try row.optionalText("discharge_reason")
        return Referral(
            id: try row.identifier("id"),
            organisationID: try row.identifier("organisation_id"),
            personID: try row.identifier("person_id"),
            receivedAt: try row.date("received_at"),
            source: try row.enumeration("source"),
            referrer: Referrer(
                practiceID: practice, organisation: try row.text("referrer_organisation"),
                name: try row.text("referrer_name"), role: try row.text("referrer_role"),
                onBehalfOf: try row.optionalText("referrer_on_behalf_of")),
            reasons: (try row.optionalText("reasons") ?? "").split(separator: ",").map(String.init),
            details: try row.text("details"),
            urgency: try row.enumeration("urgency"),
            consent: Consent(
                givenBy: try row.enumeration("consent_given_by"),
                representative: try row.optionalText("consent_representative"),
                givenOn: try row.calendarDate("consent_given_on")),
            status: try row.enumeration("status"),
            snomedCode: try row.text("snomed_code"),
            assignedTo: try row.optionalIdentifier("assigned_to"),
            redirectedTo: try row.optionalText("redirected_to"),
            dischargeReason: try dischargeReason.map { raw in
                guard let reason = DischargeReason(rawValue: raw) else {
                    throw CorruptValue(column: "discharge_reason", value: raw)
                }
                return reason
            },
            dischargeSummary: try row.optionalText("discharge_summary"),
            closedAt: try row.optionalDate("closed_at"),
            possibleDuplicateOf: try row.optionalIdentifier("possible_duplicate_of"),
            updatedAt: try row.date("updated_at"),
            version: try row.integer("version"))
    }

    public static func statusChange(_ row: some StoredRow) throws -> ReferralStatusChange {
        let from = try row.text("from_status")
        return ReferralStatusChange(
            from: ReferralStatus(rawValue: from) ?? .received, to: try row.enumeration("to_status"),
            reason: try row.text("reason"), actorID: try row.optionalIdentifier("actor_id"),
            actorName: try row.text("actor_name"), occurredAt: try row.date("occurred_at"))
    }

    public static func contact(_ row: some StoredRow) throws -> Contact {
        Contact(
            id: try row.identifier("id"), organisationID: try row.identifier("organisation_id"),
            personID: try row.identifier("person_id"), referralID: try row.identifier("referral_id"),
            occurredOn: try row.calendarDate("occurred_on"), durationMinutes: try row.integer("duration_minutes"),
            mode: try row.enumeration("mode"), note: try row.text("note"),
            recordedBy: try row.identifier("recorded_by"),
            recordedByName: try row.text("recorded_by_name"), recordedAt: try row.date("recorded_at"))
    }

    public static func need(_ row: some StoredRow) throws -> Need {
        Need(
            code: try row.text("code"), label: try row.text("label"), isActive: try row.flag("is_active"),
            position: try row.integer("position"))
    }

    public static func planVersion(_ row: some StoredRow) throws -> PlanVersion {
        PlanVersion(
            version: try row.integer("version"), plan: try Documents.decode(Plan.self, try row.text("document")),
            summary: try row.text("summary"), savedBy: try row.optionalIdentifier("saved_by"),
            savedByName: try row.text("saved_by_name"), savedAt: try row.date("saved_at"))
    }
}

/// Plans and "what matters" are stored as JSON documents: read and written
/// whole, versioned whole.
public enum Documents {
    public static func encode(_ value: some Encodable) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }

    public static func decode<T: Decodable>(_ type: T.Type, _ text: String) throws -> T {
        try JSONDecoder().decode(type, from: Data(text.utf8))
    }
}

/// The lowercase letters of a name, for finding possible duplicates.
extension PersonDetails {
    public var nameKey: String { DuplicateMatching.normalisedName(name) }
}
