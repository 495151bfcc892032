import Foundation
import LinkwellDomain
import LinkwellStore
import Logging

/// Security settings an operator can change (README, "Configuration").
public struct SecurityPolicies: Sendable, Equatable {
    public var lockout: LockoutPolicy
    public var sessions: SessionPolicy

    public init(lockout: LockoutPolicy = LockoutPolicy(), sessions: SessionPolicy = SessionPolicy()) {
        self.lockout = lockout
        self.sessions = sessions
    }
}

/// Every use case, wired to one store, clock and password hasher. Built once
/// at start-up by the web application and by CLI commands.
public struct AppServices: Sendable {
    /// The whole store, only for building the services: nothing outside
    /// this target reaches it through here.
    let store: any LinkwellStore
    public let clock: any WallClock
    public let authentication: AuthenticationService
    public let administration: AdministrationService
    public let audit: AuditService
    public let team: TeamService
    public let referrals: ReferralService
    public let cases: CaseService
    public let needs: NeedsService
    public let directory: DirectoryService
    public let suggestions: SuggestionService
    public let connections: ConnectionService
    public let deadlines: ConnectionDeadlines
    public let outcomes: OutcomeService
    public let wellbeing: WellbeingService
    public let supervision: SupervisionService
    public let capacity: CapacityService
    public let training: TrainingService
    public let research: ResearchExportService
    public let timeZone: TimeZone

    public init(
        store: any LinkwellStore, hasher: any PasswordHasher, clock: any WallClock,
        policies: SecurityPolicies = SecurityPolicies(),
        timeZone: TimeZone = TimeZone(identifier: "Europe/London") ?? .gmt,
        directoryReviewMonths: Int = DirectoryService.defaultReviewMonths,
        publicAddress: String = "http://127.0.0.1:8080", logger: Logger
    ) async {
        self.store = store
        self.clock = clock
        // Any valid hash of a password nobody can type serves as the decoy.
        let decoyHash = await hasher.hash(SecureToken.generate())
        authentication = AuthenticationService(
            store: store, hasher: hasher, clock: clock, lockout: policies.lockout, sessions: policies.sessions,
            decoyHash: decoyHash, logger: logger)
        administration = AdministrationService(store: store, hasher: hasher, clock: clock, logger: logger)
        audit = AuditService(store: store)
        team = TeamService(store: store)
        self.timeZone = timeZone
        let casework = CaseworkContext(store: .init(store), clock: clock, timeZone: timeZone)
        referrals = ReferralService(context: casework, store: .init(store), logger: logger)
        cases = CaseService(context: casework, referrals: referrals, store: .init(store))
        needs = NeedsService(context: casework, store: .init(store))
        directory = DirectoryService(
            store: store, clock: clock, timeZone: timeZone, reviewAfterMonths: directoryReviewMonths)
        suggestions = SuggestionService(context: casework, store: .init(store))
        outcomes = OutcomeService(context: casework, store: .init(store))
        wellbeing = WellbeingService(context: casework, store: .init(store))
        supervision = SupervisionService(context: casework, store: .init(store))
        capacity = CapacityService(context: casework, store: .init(store))
        training = TrainingService(context: casework, store: .init(store))
        research = ResearchExportService(context: casework, store: .init(store))
        connections = ConnectionService(
            context: casework, store: .init(store), publicAddress: publicAddress, outcomes: outcomes)
        deadlines = ConnectionDeadlines(connections: connections, logger: logger, store: .init(store))
    }

    /// Today in the deployment's time zone.
    public var today: CalendarDate { CalendarDate(clock.now(), in: timeZone) }
}
