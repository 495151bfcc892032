import Foundation
import LinkwellDomain
import LinkwellStore

/// The anonymised research export (`WorkforceResearchRow`): the
/// organisation's last year of ended four-week blocks, aggregates only.
public struct ResearchExportService: Sendable {
    let context: CaseworkContext

    /// The stores this uses, and no others (picked from the whole store at start-up).
    struct Stores: Sendable {
        let audit: any AuditStore
        let training: any TrainingStore
        let users: any UserStore
        let workload: any WorkloadStore
        let wellbeing: any WellbeingStore

        init(_ all: any LinkwellStore) {
            wellbeing = all.wellbeing
            audit = all.audit
            training = all.training
            users = all.users
            workload = all.workload
        }
    }

    let store: Stores

    /// Thirteen four-week blocks: a year.
    public static let blocks = 13

    public func export(_ acting: ActingUser) async throws -> [WorkforceResearchRow] {
        try AccessPolicy.requireWellbeingOverseer(acting)
        let organisation = acting.organisationID
        let periods = WellbeingService.endedBlocks(before: context.today, count: Self.blocks).reversed()
        guard let first = periods.first?.lowerBound else { return [] }
        let people = try await store.users.users(in: organisation)
        let workers = people.filter { $0.role == .linkWorker }
        let policy = try await store.workload.policy(in: organisation)
        let hours = try await store.workload.hours(in: organisation)
        let spells = Dictionary(
            grouping: try await store.workload.spells(
                in: organisation, worker: nil, since: first, timeZone: context.timeZone), by: \.workerID)
        let training = try await store.training.records(of: nil, in: organisation)
        var rows: [WorkforceResearchRow] = []
        for period in periods {
            let wellbeing = try await WellbeingService.published(
                period, for: acting, users: store.users, wellbeing: store.wellbeing, at: context.now)
            let end = period.upperBound
            // Those who were link workers at the block's end: their account
            // existed by then, and they were still active or had people then.
            let present = workers.filter { worker in
                CalendarDate(worker.createdAt, in: context.timeZone) <= end
                    && (worker.isActive || (spells[worker.id] ?? []).contains { $0.isOpen(atEndOf: end) })
            }
            let snapshots = present.map { worker in
                WorkloadSnapshot(
                    of: spells[worker.id] ?? [], atEndOf: end,
                    capacity: (hours[worker.id] ?? WorkerHours()).capacity(under: policy))
            }
            let presentIDs = Set(present.map(\.id))
            let trainingHours = training.filter { presentIDs.contains($0.userID) && period.contains($0.completedOn) }
                .map(\.hours).reduce(0, +)
            rows.append(
                WorkforceResearchRow(
                    period: period, wellbeing: wellbeing,
                    workload: WorkforceResearchRow.Workload(snapshots: snapshots, trainingHours: trainingHours)))
        }
        try await store.audit.append(
            context.audit(
                .researchExported, acting, target: .organisation(organisation), detail: "\(rows.count) four-week blocks"
            ))
        return rows
    }
}
