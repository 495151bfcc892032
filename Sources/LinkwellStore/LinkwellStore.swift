import LinkwellDomain

/// Everything Linkwell keeps, behind one interface that both backends
/// (SQLite and PostgreSQL) implement and one contract test suite checks.
///
/// Rules every implementation keeps:
/// - Reads and writes of an organisation's data take that organisation's ID
///   and touch only its rows.
/// - A change that must be audited takes its `AuditEntry` and writes both in
///   one transaction: there is no audited change without its audit event, and
///   no audit event for a change that did not happen.
public protocol LinkwellStore: Sendable {
    var organisations: any OrganisationStore { get }
    var practices: any PracticeStore { get }
    var users: any UserStore { get }
    var authentication: any AuthenticationStore { get }
    var audit: any AuditStore { get }
    var deployment: any DeploymentStore { get }
    var needs: any NeedStore { get }
    var people: any PersonStore { get }
    var referrals: any ReferralStore { get }
    var casework: any CaseworkStore { get }
    var rateLimits: any RateLimitStore { get }
    var directory: any DirectoryStore { get }
    var unmetNeeds: any UnmetNeedStore { get }
    var connections: any ConnectionStore { get }
    var messages: any MessageStore { get }
    var outcomes: any OutcomeStore { get }
    var wellbeing: any WellbeingStore { get }
    var supervision: any SupervisionStore { get }
    var workload: any WorkloadStore { get }
    var training: any TrainingStore { get }

    /// "sqlite" or "postgresql", for logs and the health check.
    var backendName: String { get }

    /// Throws unless the database answers a trivial query; used by `/health/ready`.
    func checkHealth() async throws

    /// Applies every migration not yet applied, in order. Safe to call on every start.
    /// Returns the numbers of the migrations it applied.
    @discardableResult
    func migrate() async throws -> [Int]

    /// Releases connections. The store must not be used afterwards.
    func close() async throws
}

/// Facts about the deployment as a whole.
public protocol DeploymentStore: Sendable {
    /// True for databases made by `linkwell demo`, which hold demo accounts with
    /// published passwords and must never hold real data.
    func isDemo() async throws -> Bool

    /// Marks the database as a demo database. Refused once any user exists
    /// that the demo did not create (see `DemoData`).
    func markAsDemo() async throws
}
