import Foundation

/// A person who signs in to Linkwell. The password hash is not part of this
/// type: it is read only by sign-in (`UserCredentials`), never shown or passed around.
public struct User: Hashable, Sendable, Identifiable {
    public let id: UserID
    public let organisationID: OrganisationID
    /// The GP practice a referrer works at, when they work at one.
    public var practiceID: PracticeID?
    public var name: String
    public var email: EmailAddress
    public var role: Role
    public var isActive: Bool
    /// Set when an administrator resets the password: the user must choose a new
    /// one before doing anything else.
    public var mustChangePassword: Bool
    /// Set by too many failed sign-ins; sign-in is refused until this time.
    public var lockedUntil: Date?
    public var lastSignInAt: Date?
    public let createdAt: Date
    public var updatedAt: Date
    public var version: Int

    public init(
        id: UserID, organisationID: OrganisationID, practiceID: PracticeID?, name: String, email: EmailAddress,
        role: Role, isActive: Bool, mustChangePassword: Bool, lockedUntil: Date?, lastSignInAt: Date?,
        createdAt: Date, updatedAt: Date, version: Int
    ) {
        self.id = id
        self.organisationID = organisationID
        self.practiceID = practiceID
        self.name = name
        self.email = email
        self.role = role
        self.isActive = isActive
        self.mustChangePassword = mustChangePassword
        self.lockedUntil = lockedUntil
        self.lastSignInAt = lastSignInAt
        self.createdAt = createdAt
        self.updatedAt = updatedAt
        self.version = version
    }

    public func isLocked(at now: Date) -> Bool {
        guard let lockedUntil else { return false }
        return lockedUntil > now
    }
}

/// What sign-in needs to check a password: the user and their stored hash.
public struct UserCredentials: Sendable {
    public let user: User
    public let passwordHash: String
    /// When the password was last set: a one-time password an administrator
    /// issued works for `TemporaryPasswordPolicy.lifetime` from then.
    public let passwordSetAt: Date

    public init(user: User, passwordHash: String, passwordSetAt: Date) {
        self.user = user
        self.passwordHash = passwordHash
        self.passwordSetAt = passwordSetAt
    }

    /// A one-time password (one the user must change) left unused too long.
    public func temporaryPasswordHasExpired(at now: Date) -> Bool {
        user.mustChangePassword && now.timeIntervalSince(passwordSetAt) >= TemporaryPasswordPolicy.lifetime
    }
}

public enum TemporaryPasswordPolicy {
    /// A day: long enough to pass on, not a standing key to the account.
    public static let lifetime: TimeInterval = 24 * 3600
}

/// What an administrator typed to create or change a user account.
public struct UserDetails: Hashable, Sendable {
    public let name: String
    public let email: EmailAddress
    public let role: Role
    public let organisationID: OrganisationID
    public let practiceID: PracticeID?

    public init(name: String, email: EmailAddress, role: Role, organisationID: OrganisationID, practiceID: PracticeID?)
    {
        self.name = name
        self.email = email
        self.role = role
        self.organisationID = organisationID
        self.practiceID = practiceID
    }

    public static func validate(
        name: String, email: String, role: String, organisationID: String, practiceID: String
    ) throws(ValidationFailure) -> UserDetails {
        var collector = ValidationCollector()
        let name = collector.check("name") { () throws(ValidationFailure) in
            try Text.requiredName(name, what: "the person's full name")
        }
        let email = collector.check("email") { () throws(ValidationFailure) in try EmailAddress(email) }
        let role = Role(rawValue: role)
        if role == nil { collector.add("role", "Select a role") }
        let organisation = OrganisationID(organisationID)
        if organisation == nil { collector.add("organisationID", "Select an organisation") }
        var practice: PracticeID?
        if !practiceID.isEmpty {
            practice = PracticeID(practiceID)
            if practice == nil { collector.add("practiceID", "Select a practice from the list") }
        }
        try collector.throwIfAny()
        return UserDetails(name: name!, email: email!, role: role!, organisationID: organisation!, practiceID: practice)
    }
}
