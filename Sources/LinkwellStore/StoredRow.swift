import Foundation
import LinkwellDomain

/// A row from either backend, read by column name. Both backends' rows
/// conform, so the mapping from columns to domain types (`RowMapping`) is
/// written once, and the two schemas must agree on column names.
public protocol StoredRow {
    func text(_ column: String) throws -> String
    func optionalText(_ column: String) throws -> String?
    func integer(_ column: String) throws -> Int
    func optionalInteger(_ column: String) throws -> Int?
    func integer64(_ column: String) throws -> Int64
    func flag(_ column: String) throws -> Bool
    func bytes(_ column: String) throws -> [UInt8]
    func optionalDouble(_ column: String) throws -> Double?
    /// The canonical value for the stored millisecond (see `Date.millisecondPrecision`).
    func date(_ column: String) throws -> Date
    func optionalDate(_ column: String) throws -> Date?
    func identifier<Entity>(_ column: String) throws -> Identifier<Entity>
    func optionalIdentifier<Entity>(_ column: String) throws -> Identifier<Entity>?
    func calendarDate(_ column: String) throws -> CalendarDate
    func optionalCalendarDate(_ column: String) throws -> CalendarDate?
}

extension StoredRow {
    public func double(_ column: String) throws -> Double {
        guard let value = try optionalDouble(column) else { throw CorruptValue(column: column, value: "NULL") }
        return value
    }

    public func enumeration<Value: RawRepresentable>(_ column: String) throws -> Value where Value.RawValue == String {
        let raw = try text(column)
        guard let value = Value(rawValue: raw) else { throw CorruptValue(column: column, value: raw) }
        return value
    }
}

/// A stored value the code cannot interpret: a bug or a hand-edited database.
public struct CorruptValue: Error, CustomStringConvertible {
    public let column: String
    public let value: String

    public init(column: String, value: String) {
        self.column = column
        self.value = value
    }

    public var description: String { "Unreadable value in column \(column): \(value)" }
}

/// Rows to domain values, for both backends.
public enum RowMapping {
    public static func organisation(_ row: some StoredRow) throws -> Organisation {
        Organisation(
            id: try row.identifier("id"),
            name: try row.text("name"),
            kind: try row.enumeration("kind"),
            odsCode: try row.optionalText("ods_code").map(ODSCode.init(trusted:)),
            acceptsReferrals: try row.flag("accepts_referrals"),
            selfReferralEnabled: try row.flag("self_referral_enabled"),
            connectionResponseDays: try row.integer("connection_response_days"),
            outcomeFollowUpWeeks: try row.integer("outcome_follow_up_weeks"),
            clinicalSupervisionWeeks: try row.integer("clinical_supervision_weeks"),
            createdAt: try row.date("created_at"),
            updatedAt: try row.date("updated_at"),
            version: try row.integer("version"))
    }

    public static func practice(_ row: some StoredRow) throws -> Practice {
        Practice(
            id: try row.identifier("id"),
            organisationID: try row.identifier("organisation_id"),
            name: try row.text("name"),
            odsCode: ODSCode(trusted: try row.text("ods_code")),
            createdAt: try row.date("created_at"),
            updatedAt: try row.date("updated_at"),
            version: try row.integer("version"))
    }

    public static func user(_ row: some StoredRow) throws -> User {
        User(
            id: try row.identifier("id"),
            organisationID: try row.identifier("organisation_id"),
            practiceID: try row.optionalIdentifier("practice_id"),
            name: try row.text("name"),
            email: EmailAddress(trusted: try row.text("email")),
            role: try row.enumeration("role"),
            isActive: try row.flag("is_active"),
            mustChangePassword: try row.flag("must_change_password"),
            lockedUntil: try row.optionalDate("locked_until"),
            lastSignInAt: try row.optionalDate("last_sign_in_at"),
            createdAt: try row.date("created_at"),
            updatedAt: try row.date("updated_at"),
            version: try row.integer("version"))
    }

    public static func credentials(_ row: some StoredRow) throws -> UserCredentials {
        let user = try user(row)
        return UserCredentials(
            user: user, passwordHash: try row.text("password_hash"),
            passwordSetAt: try row.optionalDate("password_set_at") ?? user.updatedAt)
    }

    public static func session(_ row: some StoredRow) throws -> Session {
        Session(
            tokenHash: try row.text("token_hash"),
            userID: try row.identifier("user_id"),
            csrfToken: try row.text("csrf_token"),
            createdAt: try row.date("created_at"),
            lastSeenAt: try row.date("last_seen_at"),
            clientAddress: try row.optionalText("client_address"),
            handedOverTo: try row.optionalIdentifier("handed_over_to"))
    }

    public static func auditEvent(_ row: some StoredRow) throws -> AuditEvent {
        let targetType = try row.optionalText("target_type")
        let targetID = try row.optionalText("target_id")
        let entry = AuditEntry(
            occurredAt: try row.date("occurred_at"),
            organisationID: try row.optionalIdentifier("organisation_id"),
            actorID: try row.optionalIdentifier("actor_id"),
            actorLabel: try row.text("actor_label"),
            action: try row.enumeration("action"),
            target: targetType.flatMap { type in targetID.map { AuditTarget(type: type, id: $0) } },
            clientAddress: try row.optionalText("client_address"),
            detail: try row.text("detail"),
            people: try row.text("people").split(separator: " ").compactMap { PersonID($0) },
            concerns: try row.text("concerns").split(separator: " ").compactMap { OrganisationID($0) })
        return AuditEvent(
            sequence: try row.integer64("sequence"), entry: entry,
            previousHash: try row.text("previous_hash"), hash: try row.text("hash"))
    }
}
