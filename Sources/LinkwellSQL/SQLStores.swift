import LinkwellStore

/// Every store, written once, over one database. A backend opens its
/// database, hands it here with its full-text engine, and adds only what is
/// its own: health checks, migrating, closing (`SQLBackedStore`).
public struct SQLStores: Sendable {
    public let organisations: any OrganisationStore
    public let practices: any PracticeStore
    public let users: any UserStore
    public let authentication: any AuthenticationStore
    public let audit: any AuditStore
    public let deployment: any DeploymentStore
    public let needs: any NeedStore
    public let people: any PersonStore
    public let referrals: any ReferralStore
    public let casework: any CaseworkStore
    public let rateLimits: any RateLimitStore
    public let directory: SQLDirectoryStore
    public let unmetNeeds: any UnmetNeedStore
    public let connections: any ConnectionStore
    public let messages: any MessageStore
    public let outcomes: any OutcomeStore
    public let wellbeing: any WellbeingStore
    public let supervision: any SupervisionStore
    public let workload: any WorkloadStore
    public let training: any TrainingStore

    public init(database: any SQLDatabase, directoryEngine: any DirectoryEngine) {
        organisations = SQLOrganisationStore(database: database)
        practices = SQLPracticeStore(database: database)
        users = SQLUserStore(database: database)
        authentication = SQLAuthenticationStore(database: database)
        audit = SQLAuditStore(database: database)
        deployment = SQLDeploymentStore(database: database)
        needs = SQLNeedStore(database: database)
        people = SQLPersonStore(database: database)
        referrals = SQLReferralStore(database: database)
        casework = SQLCaseworkStore(database: database)
        rateLimits = SQLRateLimitStore(database: database)
        directory = SQLDirectoryStore(database: database, engine: directoryEngine)
        unmetNeeds = SQLUnmetNeedStore(database: database)
        connections = SQLConnectionStore(database: database)
        messages = SQLMessageStore(database: database)
        outcomes = SQLOutcomeStore(database: database)
        wellbeing = SQLWellbeingStore(database: database)
        supervision = SQLSupervisionStore(database: database)
        workload = SQLWorkloadStore(database: database)
        training = SQLTrainingStore(database: database)
    }
}

/// A `LinkwellStore` whose stores are `SQLStores`: a backend conforms by
/// holding them, and writes only connection set-up, migration and closing.
public protocol SQLBackedStore: LinkwellStore {
    var stores: SQLStores { get }
}

extension SQLBackedStore {
    public var organisations: any OrganisationStore { stores.organisations }
    public var practices: any PracticeStore { stores.practices }
    public var users: any UserStore { stores.users }
    public var authentication: any AuthenticationStore { stores.authentication }
    public var audit: any AuditStore { stores.audit }
    public var deployment: any DeploymentStore { stores.deployment }
    public var needs: any NeedStore { stores.needs }
    public var people: any PersonStore { stores.people }
    public var referrals: any ReferralStore { stores.referrals }
    public var casework: any CaseworkStore { stores.casework }
    public var rateLimits: any RateLimitStore { stores.rateLimits }
    public var directory: any DirectoryStore { stores.directory }
    public var unmetNeeds: any UnmetNeedStore { stores.unmetNeeds }
    public var connections: any ConnectionStore { stores.connections }
    public var messages: any MessageStore { stores.messages }
    public var outcomes: any OutcomeStore { stores.outcomes }
    public var wellbeing: any WellbeingStore { stores.wellbeing }
    public var supervision: any SupervisionStore { stores.supervision }
    public var workload: any WorkloadStore { stores.workload }
    public var training: any TrainingStore { stores.training }
}
