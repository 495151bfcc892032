import LinkwellDomain
import LinkwellStore

/// The signed-in user on whose behalf a use case runs, and where the request
/// came from. Every use case takes one: access is decided here, in the
/// services layer, and every audit event names who acted and from where.
public struct ActingUser: Sendable {
    public let user: User
    /// The client's address, for the audit log.
    public let clientAddress: String?
    /// The session the request came through, so a password change can keep it.
    public let sessionTokenHash: String?

    public init(user: User, clientAddress: String?, sessionTokenHash: String?) {
        self.user = user
        self.clientAddress = clientAddress
        self.sessionTokenHash = sessionTokenHash
    }

    public var id: UserID { user.id }
    public var role: Role { user.role }
    public var organisationID: OrganisationID { user.organisationID }
}

/// Who may do what. Checks live here, in one place, so that the access matrix
/// can be read and tested as a whole.
public enum AccessPolicy {
    /// Administrators run the deployment: organisations, practices and accounts
    /// (not anyone's casework). See docs/decisions/0002-administrators.md.
    public static func requireAdministrator(_ acting: ActingUser) throws(ServiceError) {
        guard acting.role == .administrator, acting.user.isActive else { throw .forbidden }
    }

    /// Managers see their own organisation's team.
    public static func requireManager(_ acting: ActingUser) throws(ServiceError) {
        guard acting.role == .manager, acting.user.isActive else { throw .forbidden }
    }

    /// Link workers and their managers work with people: their own
    /// organisation's, and no one else's. Referrers, providers and
    /// administrators never see a person's record (referrers and providers
    /// get their own narrow views in later work).
    public static func requireCaseworker(_ acting: ActingUser) throws(ServiceError) {
        guard acting.role == .linkWorker || acting.role == .manager, acting.user.isActive else { throw .forbidden }
    }

    /// The link worker team's own pages (supervision, training, wellbeing,
    /// their own load): link workers and managers, each about themselves.
    public static func requireTeamMember(_ acting: ActingUser) throws(ServiceError) {
        guard acting.role == .linkWorker || acting.role == .manager, acting.user.isActive else { throw .forbidden }
    }

    /// Aggregates about the team's wellbeing (never one person's): managers,
    /// and administrators for the deployment's own organisation.
    public static func requireWellbeingOverseer(_ acting: ActingUser) throws(ServiceError) {
        guard acting.role == .manager || acting.role == .administrator, acting.user.isActive else { throw .forbidden }
    }

    /// A community provider's users: what was sent to their organisation.
    public static func requireProvider(_ acting: ActingUser) throws(ServiceError) {
        guard acting.role == .provider, acting.user.isActive else { throw .forbidden }
    }

    /// Directory entries: administrators change any; a provider's users only
    /// those their organisation keeps up to date; nobody else.
    public static func canEdit(_ entry: DirectoryEntry, _ acting: ActingUser) -> Bool {
        guard acting.user.isActive else { return false }
        switch acting.role {
        case .administrator: return true
        case .provider: return entry.maintainedBy == acting.organisationID
        default: return false
        }
    }

    /// Who may send a referral: referrers, and caseworkers entering one that
    /// reached them another way (a phone call, a letter).
    public static func requireReferrer(_ acting: ActingUser) throws(ServiceError) {
        guard [.referrer, .linkWorker, .manager].contains(acting.role), acting.user.isActive else { throw .forbidden }
    }
}
