import Foundation
import LinkwellDomain
import LinkwellStore

/// Training: a link worker keeps their records (with certificates) and the
/// needs they want met; the manager sets which trainings are required and
/// sees the team's coverage of them, and its needs only in aggregate.
public struct TrainingService: Sendable {
    let context: CaseworkContext

    /// The stores this uses, and no others (picked from the whole store at start-up).
    struct Stores: Sendable {
        let audit: any AuditStore
        let training: any TrainingStore
        let users: any UserStore

        init(_ all: any LinkwellStore) {
            audit = all.audit
            training = all.training
            users = all.users
        }
    }

    let store: Stores

    /// The organisation's required trainings (its workers and managers may read them).
    public func requirements(_ acting: ActingUser) async throws -> [RequiredTraining] {
        try AccessPolicy.requireTeamMember(acting)
        return try await store.training.requirements(in: acting.organisationID)
    }

    public func addRequirement(title: String, renewMonths: String, _ acting: ActingUser) async throws {
        try AccessPolicy.requireManager(acting)
        let checked: (title: String, renewMonths: Int?)
        do { checked = try RequiredTraining.validate(title: title, renewMonths: renewMonths) } catch {
            throw ServiceError.invalid(error)
        }
        let requirement = RequiredTraining(
            id: RequiredTrainingID(), organisationID: acting.organisationID, title: checked.title,
            renewMonths: checked.renewMonths)
        try await store.training.addRequirement(
            requirement, at: context.now,
            audit: context.audit(
                .trainingRequirementChanged, acting, target: .organisation(acting.organisationID), detail: "Added"))
    }

    public func retireRequirement(_ id: RequiredTrainingID, _ acting: ActingUser) async throws {
        try AccessPolicy.requireManager(acting)
        do {
            try await store.training.retireRequirement(
                id, in: acting.organisationID, at: context.now,
                audit: context.audit(
                    .trainingRequirementChanged, acting, target: .organisation(acting.organisationID), detail: "Retired"
                ))
        } catch StoreError.notFound { throw ServiceError.notFound }
    }

    /// The acting worker's own records, newest first, their needs, and every
    /// requirement their records may count towards (retired ones too).
    public func mine(_ acting: ActingUser) async throws
        -> (records: [TrainingRecord], needs: [TrainingNeed], requirements: [RequiredTraining])
    {
        try AccessPolicy.requireTeamMember(acting)
        return (
            try await store.training.records(of: acting.id, in: acting.organisationID),
            try await store.training.needs(of: acting.id, in: acting.organisationID),
            try await store.training.requirements(in: acting.organisationID, includingRetired: true)
        )
    }

    /// Records a course the acting worker has done, with an optional certificate file.
    public func record(
        _ form: TrainingRecordForm, certificate: (filename: String, bytes: [UInt8])?, _ acting: ActingUser
    ) async throws {
        try AccessPolicy.requireTeamMember(acting)
        let requirements = try await store.training.requirements(in: acting.organisationID)
        var problems: [FieldError] = []
        var checked: TrainingRecordForm.Checked?
        do { checked = try form.validate(requirements: requirements, today: context.today) } catch {
            problems += error.errors
        }
        var file: TrainingCertificate?
        if let certificate {
            do {
                file = try TrainingCertificate.validate(filename: certificate.filename, bytes: certificate.bytes)
            } catch {
                problems += error.errors
            }
        }
        guard let checked, problems.isEmpty else { throw ServiceError.invalid(ValidationFailure(problems)) }
        let record = TrainingRecord(
            id: TrainingRecordID(), organisationID: acting.organisationID, userID: acting.id, course: checked.course,
            provider: checked.provider, completedOn: checked.completedOn, hours: checked.hours,
            expiresOn: checked.expiresOn,
            requirementID: checked.requirementID, certificateName: file?.filename)
        try await store.training.record(
            record, certificate: file, at: context.now,
            audit: context.audit(
                .trainingRecorded, acting, target: .user(acting.id),
                detail: record.requirementID == nil ? "A course" : "A required training"))
    }

    /// A certificate, for the worker whose record it is, or for a manager of
    /// their organisation when the course counts towards a required training
    /// (the evidence the manager answers for; other courses are the worker's
    /// own business). Anyone else is told it does not exist.
    public func certificate(_ id: TrainingRecordID, _ acting: ActingUser) async throws -> TrainingCertificate {
        try AccessPolicy.requireTeamMember(acting)
        guard let found = try await store.training.certificate(of: id, in: acting.organisationID),
            found.record.userID == acting.id || (acting.role == .manager && found.record.requirementID != nil)
        else { throw ServiceError.notFound }
        try await store.audit.append(
            context.audit(
                .trainingCertificateViewed, acting, target: .user(found.record.userID),
                detail: "Record \(found.record.id)"))
        return found.certificate
    }

    public func addNeed(skill: String, priority: String, why: String, _ acting: ActingUser) async throws {
        try AccessPolicy.requireTeamMember(acting)
        let checked: (skill: String, priority: TrainingPriority, why: String)
        do { checked = try TrainingNeed.validate(skill: skill, priority: priority, why: why) } catch {
            throw ServiceError.invalid(error)
        }
        try await store.training.addNeed(
            TrainingNeed(
                id: TrainingNeedID(), organisationID: acting.organisationID, userID: acting.id, skill: checked.skill,
                priority: checked.priority, why: checked.why),
            at: context.now,
            audit: context.audit(.trainingNeedChanged, acting, target: .user(acting.id), detail: "Added"))
    }

    public func removeNeed(_ id: TrainingNeedID, _ acting: ActingUser) async throws {
        try AccessPolicy.requireTeamMember(acting)
        do {
            try await store.training.removeNeed(
                id, of: acting.id, in: acting.organisationID,
                audit: context.audit(.trainingNeedChanged, acting, target: .user(acting.id), detail: "Removed"))
        } catch StoreError.notFound { throw ServiceError.notFound }
    }

    /// For the manager: each active link worker's coverage of each required
    /// training, and the team's needs in aggregate (no names).
    public struct TeamTraining: Sendable {
        public let requirements: [RequiredTraining]
        public let workers: [(worker: User, coverage: [TrainingCoverage])]
        public let needs: [TrainingNeedSummary]
    }

    public func team(_ acting: ActingUser) async throws -> TeamTraining {
        try AccessPolicy.requireManager(acting)
        let requirements = try await store.training.requirements(in: acting.organisationID)
        let workers = try await store.users.users(in: acting.organisationID, role: .linkWorker).filter(\.isActive)
        let records = Dictionary(
            grouping: try await store.training.records(of: nil, in: acting.organisationID), by: \.userID)
        let today = context.today
        let members = Set(workers.map(\.id))
        let needs = try await store.training.needs(of: nil, in: acting.organisationID).filter {
            members.contains($0.userID)
        }
        try await store.audit.append(
            context.audit(.teamTrainingViewed, acting, target: .organisation(acting.organisationID)))
        return TeamTraining(
            requirements: requirements,
            workers: workers.map { worker in
                (
                    worker,
                    requirements.map { TrainingCoverage.of(records[worker.id] ?? [], requirement: $0, today: today) }
                )
            },
            needs: TrainingNeedSummary.of(needs, minimumPeople: TrainingNeedSummary.minimumPeople))
    }
}
