import Foundation
import LinkwellDomain
import LinkwellStore

/// Rows to domain values, for the stores written once in this target.
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
