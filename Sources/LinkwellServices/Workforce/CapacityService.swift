import Foundation
import LinkwellDomain
import LinkwellStore

/// Caseload capacity: each link worker sees their own load against their
/// capacity; the manager sees the team's, the waiting list, and who has been
/// over capacity two weeks running; assignment considers who has room.
public struct CapacityService: Sendable {
    let context: CaseworkContext

    /// The stores this uses, and no others (picked from the whole store at start-up).
    struct Stores: Sendable {
        let audit: any AuditStore
        let referrals: any ReferralStore
        let users: any UserStore
        let workload: any WorkloadStore

        init(_ all: any LinkwellStore) {
            audit = all.audit
            referrals = all.referrals
            users = all.users
            workload = all.workload
        }
    }

    let store: Stores

    /// One worker's load, and the complexity of each person on their caseload now.
    public struct WorkerLoad: Sendable {
        public let worker: User
        public let hours: WorkerHours
        public let workload: Workload
        public let complexity: [ReferralID: Complexity]
    }

    /// The referrals waiting to be accepted: how many, how urgent, the longest wait.
    public struct WaitingList: Sendable {
        public let count: Int
        public let urgent: Int
        public let oldestWaitDays: Int?
    }

    /// The days of history a workload needs: two week ends back, and four
    /// weeks before the earlier one.
    func since(_ today: CalendarDate) -> CalendarDate {
        Workload.lastWeekEnd(before: today).adding(days: -7 - 27)
    }

    func loads(of workers: [User], in organisation: OrganisationID, only worker: UserID?) async throws -> [WorkerLoad] {
        let today = context.today
        let policy = try await store.workload.policy(in: organisation)
        let hours = try await store.workload.hours(in: organisation)
        let spells = Dictionary(
            grouping: try await store.workload.spells(
                in: organisation, worker: worker, since: since(today), timeZone: context.timeZone),
            by: \.workerID)
        return workers.map { user in
            let own = spells[user.id] ?? []
            let set = hours[user.id] ?? WorkerHours()
            return WorkerLoad(
                worker: user, hours: set,
                workload: Workload(of: own, capacity: set.capacity(under: policy), today: today),
                complexity: Dictionary(
                    own.filter { $0.isOpen(atEndOf: today) }.map { ($0.referralID, $0.complexity(atEndOf: today)) },
                    uniquingKeysWith: { first, _ in first }))
        }
    }

    /// The acting worker's own load (link workers, and managers who carry a caseload).
    public func mine(_ acting: ActingUser) async throws -> WorkerLoad {
        try AccessPolicy.requireTeamMember(acting)
        return try await loads(of: [acting.user], in: acting.organisationID, only: acting.id)[0]
    }

    /// For the manager: every active link worker's load, and the waiting list.
    public func team(_ acting: ActingUser) async throws -> (workers: [WorkerLoad], waiting: WaitingList) {
        try AccessPolicy.requireManager(acting)
        let workers = try await store.users.users(in: acting.organisationID, role: .linkWorker).filter(\.isActive)
        let loads = try await loads(of: workers, in: acting.organisationID, only: nil)
        let inbox = try await store.referrals.inbox(in: acting.organisationID, filter: InboxFilter())
        let today = context.today
        let waiting = WaitingList(
            count: inbox.count, urgent: inbox.filter { $0.referral.urgency == .urgent }.count,
            oldestWaitDays: inbox.map { CalendarDate($0.referral.receivedAt, in: context.timeZone).days(until: today) }
                .max())
        try await store.audit.append(
            context.audit(.teamCapacityViewed, acting, target: .organisation(acting.organisationID)))
        return (loads, waiting)
    }

    /// The link workers a referral could go to, in the order to consider
    /// them: most room first, anyone over capacity two weeks running last.
    /// Everyone's figures, so for managers only (link workers get
    /// `assignmentChoices`).
    public func assignmentOrder(_ acting: ActingUser) async throws -> [WorkerLoad] {
        try AccessPolicy.requireManager(acting)
        return try await rankedLoads(in: acting.organisationID)
    }

    /// Who a referral can be given to, as the person triaging may see it.
    public struct AssignmentChoices: Sendable {
        public struct Choice: Sendable {
            public let worker: User
            /// Their load: for managers only.
            public let load: WorkerLoad?
            /// The one with the most room, unless everyone is over capacity.
            public let isSuggested: Bool
        }

        /// A manager's, most room first; a link worker's, by name.
        public let choices: [Choice]
        /// For managers only: even the one with the most room has been over
        /// capacity two weeks running.
        public let everyoneOverCapacity: Bool

        public var suggested: User? { choices.first(where: \.isSuggested)?.worker }
    }

    /// The link workers to choose from. A manager sees each one's load, most
    /// room first. A link worker sees colleagues by name with only the
    /// suggested one marked: neither their loads nor their ranking, and not
    /// whether everyone is over capacity (a colleague's figures are theirs and
    /// their manager's).
    public func assignmentChoices(_ acting: ActingUser) async throws -> AssignmentChoices {
        try AccessPolicy.requireCaseworker(acting)
        let ranked = try await rankedLoads(in: acting.organisationID)
        let suggested = ranked.first.flatMap { $0.workload.warns ? nil : $0.worker.id }
        if acting.role == .manager {
            return AssignmentChoices(
                choices: ranked.map { .init(worker: $0.worker, load: $0, isSuggested: $0.worker.id == suggested) },
                everyoneOverCapacity: ranked.first?.workload.warns ?? false)
        }
        return AssignmentChoices(
            choices: ranked.map(\.worker).sorted { $0.name < $1.name }.map {
                .init(worker: $0, load: nil, isSuggested: $0.id == suggested)
            },
            everyoneOverCapacity: false)
    }

    private func rankedLoads(in organisation: OrganisationID) async throws -> [WorkerLoad] {
        let workers = try await store.users.users(in: organisation, role: .linkWorker).filter(\.isActive)
        let loads = try await loads(of: workers, in: organisation, only: nil)
        let byID = Dictionary(uniqueKeysWithValues: loads.map { ($0.worker.id, $0) })
        return Workload.assignmentOrder(loads.map { ($0.worker.id, $0.workload) }).compactMap { byID[$0] }
    }

    public func policy(_ acting: ActingUser) async throws -> WorkforcePolicy {
        try AccessPolicy.requireManager(acting)
        return try await store.workload.policy(in: acting.organisationID)
    }

    /// The organisation's support options, for its own workers' wellbeing page.
    public func supportOptions(_ acting: ActingUser) async throws -> [String] {
        try AccessPolicy.requireTeamMember(acting)
        return try await store.workload.policy(in: acting.organisationID).supportOptions
    }

    public func savePolicy(
        weightedCeiling: String, clinicalSupervisionWeeks: String, supportOptions: String, _ acting: ActingUser
    ) async throws {
        try AccessPolicy.requireManager(acting)
        let policy: WorkforcePolicy
        do {
            policy = try WorkforcePolicy.validate(
                weightedCeiling: weightedCeiling, clinicalSupervisionWeeks: clinicalSupervisionWeeks,
                supportOptions: supportOptions)
        } catch { throw ServiceError.invalid(error) }
        try await store.workload.savePolicy(
            policy, in: acting.organisationID,
            audit: context.audit(
                .workforcePolicyChanged, acting, target: .organisation(acting.organisationID),
                detail:
                    "Ceiling \(String(format: "%g", policy.weightedCeiling)), clinical supervision every \(policy.clinicalSupervisionWeeks) weeks"
            ))
    }

    /// A link worker of the manager's own organisation; anyone else is not found.
    func teamMember(_ id: UserID, _ acting: ActingUser) async throws -> User {
        try AccessPolicy.requireManager(acting)
        guard let user = try await store.users.user(id, in: acting.organisationID), user.role == .linkWorker else {
            throw ServiceError.notFound
        }
        return user
    }

    /// A link worker of the manager's organisation, and their hours.
    public func hours(of worker: UserID, _ acting: ActingUser) async throws -> (User, WorkerHours) {
        let user = try await teamMember(worker, acting)
        return (user, try await store.workload.hours(in: acting.organisationID)[worker] ?? WorkerHours())
    }

    public func setHours(of worker: UserID, hoursPerWeek: String, peoplePerYear: String, _ acting: ActingUser)
        async throws
    {
        let user = try await teamMember(worker, acting)
        let hours: WorkerHours
        do { hours = try WorkerHours.validate(hoursPerWeek: hoursPerWeek, peoplePerYear: peoplePerYear) } catch {
            throw ServiceError.invalid(error)
        }
        try await store.workload.setHours(
            hours, of: user.id, in: acting.organisationID,
            audit: context.audit(
                .workerHoursSet, acting, target: .user(user.id),
                detail:
                    "\(String(format: "%g", hours.hoursPerWeek)) hours a week, \(hours.peoplePerYear) people a year full time"
            ))
    }
}
