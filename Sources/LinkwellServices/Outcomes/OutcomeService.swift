import Foundation
import LinkwellDomain
import LinkwellStore

/// Outcome measures: which instruments an organisation has, recording a
/// measure (by the link worker, or by the person on the device), and each
/// person's scores over time with their change from baseline.
public struct OutcomeService: Sendable {
    let context: CaseworkContext
    let builtIn: [InstrumentDefinition]

    init(context: CaseworkContext, store: Stores) {
        self.context = context
        self.store = store
        // The built-in files are checked by the tests; a broken one is a bug
        // in Linkwell, and the app still runs with the rest.
        builtIn = BuiltInInstruments.loadEach()
    }

    /// The stores this uses, and no others (picked from the whole store at start-up).
    struct Stores: Sendable {
        let authentication: any AuthenticationStore
        let casework: any CaseworkStore
        let outcomes: any OutcomeStore
        let referrals: any ReferralStore

        init(_ all: any LinkwellStore) {
            authentication = all.authentication
            casework = all.casework
            outcomes = all.outcomes
            referrals = all.referrals
        }
    }

    let store: Stores

    /// An instrument as the organisation has it.
    public struct Instrument: Sendable {
        public let definition: InstrumentDefinition
        /// Added by the organisation (its licensed wording, or its own instrument).
        public let added: AddedInstrument?

        /// "Needs licensed wording" until the organisation adds it.
        public var isUsable: Bool { definition.isUsable }
    }

    /// The built-in instruments, with any the organisation added in their
    /// place (an added definition of a built-in's ID replaces it), then its own.
    public func instruments(_ acting: ActingUser) async throws -> [Instrument] {
        guard acting.user.isActive else { throw ServiceError.forbidden }
        return try await instruments(in: acting.organisationID)
    }

    func instruments(in organisation: OrganisationID) async throws -> [Instrument] {
        let added = try await store.outcomes.addedInstruments(in: organisation)
        var list = builtIn.map { definition in
            Instrument(definition: added[definition.id].flatMap(Self.decode) ?? definition, added: added[definition.id])
        }
        for (id, own) in added.sorted(by: { $0.key < $1.key }) where !builtIn.contains(where: { $0.id == id }) {
            if let definition = Self.decode(own) { list.append(Instrument(definition: definition, added: own)) }
        }
        return list
    }

    public func instrument(_ id: String, _ acting: ActingUser) async throws -> Instrument {
        guard let found = try await instruments(acting).first(where: { $0.definition.id == id }) else {
            throw ServiceError.notFound
        }
        return found
    }

    /// Hands the device to `person` for a questionnaire: from now on the
    /// session reaches that and nothing else. Only for a person of the acting
    /// user's organisation (anyone else is "not found", and the attempt audited).
    public func handOver(to personID: PersonID, _ acting: ActingUser) async throws {
        _ = try await context.person(personID, acting)
        guard let hash = acting.sessionTokenHash else { return }
        try await store.authentication.handOver(tokenHash: hash, to: personID)
    }

    static func decode(_ added: AddedInstrument) -> InstrumentDefinition? {
        try? InstrumentDefinition.parse(Data(added.document.utf8), file: "stored definition")
    }

    /// Records a completed questionnaire on the person's current referral.
    /// Answers not among an item's options are refused, beside the question;
    /// too few answered is recorded, and shown as not scored.
    @discardableResult
    public func record(
        _ instrumentID: String, for personID: PersonID, occasion: OutcomeOccasion, answers form: [String: String],
        handedOver: Bool, _ acting: ActingUser
    ) async throws -> OutcomeMeasurement {
        let person = try await context.person(personID, acting)
        let instrument = try await instrument(instrumentID, acting)
        guard instrument.isUsable else {
            throw ServiceError.conflict(
                "\(instrument.definition.title) needs its licensed wording before it can be used. An administrator can add it."
            )
        }
        let answers: [String: Double]
        do { answers = try instrument.definition.answers(from: form) } catch { throw ServiceError.invalid(error) }
        guard !answers.isEmpty else {
            throw ServiceError.invalid(
                field: InstrumentDefinition.field(instrument.definition.items[0]), "Answer at least one question")
        }
        // The current episode: accepted or active, else the latest that ended.
        // Not one still waiting in the inbox: it may yet be merged into another.
        let referrals = try await store.referrals.referrals(of: personID, in: acting.organisationID)
        guard
            let referral = referrals.first(where: { $0.status == .accepted || $0.status == .active })
                ?? referrals.first(where: { !$0.status.isOpen })
        else {
            throw ServiceError.conflict(
                "Accept \(person.name)'s referral first: measures belong to their time with the service.")
        }
        let score = instrument.definition.score(answers)
        let measurement = OutcomeMeasurement(
            id: OutcomeMeasurementID(), organisationID: acting.organisationID, personID: person.id,
            referralID: referral.id,
            instrumentID: instrument.definition.id, instrumentVersion: instrument.definition.version,
            occasion: occasion,
            answers: answers, score: score.total, handedOver: handedOver, takenOn: context.today,
            recordedByName: acting.user.name,
            recordedAt: context.now)
        try await ServiceError.mappingStoreErrors {
            try await store.outcomes.record(
                measurement, by: context.actor(acting),
                audit: context.audit(
                    .outcomeRecorded, acting, target: .person(personID),
                    // Which instrument and when: never the score or the answers.
                    detail:
                        "\(instrument.definition.id), \(occasion.label.lowercased())\(handedOver ? ", answered by the person" : "")"
                ))
        }
        return measurement
    }

    /// One instrument's measures of a person, oldest first, each scored.
    public struct Series: Sendable {
        public let instrument: InstrumentDefinition
        public let points: [(measurement: OutcomeMeasurement, score: InstrumentScore)]
        /// From the first scored measure to the latest, for totals.
        public var change: ScoreChange? {
            let totals = points.compactMap { point in point.score.total.map { (point.measurement, $0) } }
            guard let first = totals.first, let last = totals.last, totals.count > 1 else { return nil }
            return instrument.change(from: first.1, to: last.1)
        }
    }

    public func outcomes(of personID: PersonID, _ acting: ActingUser) async throws -> [Series] {
        _ = try await context.person(personID, acting)
        let measurements = try await store.outcomes.measurements(of: personID, in: acting.organisationID)
        guard !measurements.isEmpty else { return [] }
        let instruments = try await instruments(acting)
        return instruments.compactMap { instrument in
            let own = measurements.filter { $0.instrumentID == instrument.definition.id }
            guard !own.isEmpty else { return nil }
            return Series(
                instrument: instrument.definition,
                points: own.map { ($0, Self.score(of: $0, under: instrument.definition)) })
        }
    }

    /// A measure's score. Under the definition it was taken with, its answers
    /// are scored again (for bands and items); under a later version, the
    /// score it had then stands, so replacing a definition never rewrites history.
    static func score(of measurement: OutcomeMeasurement, under definition: InstrumentDefinition) -> InstrumentScore {
        if measurement.instrumentVersion != definition.version, let stored = measurement.score {
            return .total(value: stored, band: nil)
        }
        return definition.score(measurement.answers)
    }

    /// Goal attainment (1–5), each goal of the current plan over its saved
    /// versions: the plan is where it is recorded, and this is its history.
    public struct GoalProgress: Sendable {
        public let goal: String
        /// The day of each version that changed the goal's attainment, and the attainment.
        public let points: [(day: CalendarDate, attainment: Int)]
    }

    public func goalAttainment(of personID: PersonID, _ acting: ActingUser) async throws -> [GoalProgress] {
        _ = try await context.person(personID, acting)
        let referrals = try await store.referrals.referrals(of: personID, in: acting.organisationID)
        guard let current = referrals.first(where: { $0.status.isOpen }) ?? referrals.first else { return [] }
        let versions = try await store.casework.planVersions(of: current.id, in: acting.organisationID).sorted {
            $0.version < $1.version
        }
        guard let latest = versions.last else { return [] }
        return latest.plan.goals.enumerated().compactMap { index, goal in
            var points: [(day: CalendarDate, attainment: Int)] = []
            for version in versions where index < version.plan.goals.count {
                guard let value = version.plan.goals[index].attainment, points.last?.attainment != value else {
                    continue
                }
                points.append((CalendarDate(version.savedAt, in: context.timeZone), value))
            }
            return points.isEmpty ? nil : GoalProgress(goal: goal.text, points: points)
        }
    }

    /// The goal attainment definition, for its answers' wording.
    public var goalAttainmentDefinition: InstrumentDefinition? { builtIn.first { $0.id == "goal-attainment" } }

    /// What changed over one referral, a line per score: for the discharge
    /// message and the referrer (who see scores, never answers or notes).
    /// Callers check access; this reads the organisation's data as given.
    func summary(of referral: ReferralID, person: PersonID, in organisation: OrganisationID) async throws -> [String] {
        let measurements = try await store.outcomes.measurements(of: person, in: organisation).filter {
            $0.referralID == referral
        }
        guard !measurements.isEmpty else { return [] }
        return try await instruments(in: organisation).flatMap { instrument -> [String] in
            let own = measurements.filter { $0.instrumentID == instrument.definition.id }
            guard !own.isEmpty else { return [] }
            return OutcomeSummary.lines(
                instrument.definition, scores: own.map { Self.score(of: $0, under: instrument.definition) })
        }
    }

    /// Whether any measure was taken at discharge on the referral.
    public func measuredAtDischarge(_ referral: ReferralID, _ acting: ActingUser) async throws -> Bool {
        let found = try await context.referral(referral, acting)
        return try await store.outcomes.measurements(of: found.person.id, in: acting.organisationID)
            .contains { $0.referralID == referral && $0.occasion == .discharge }
    }

    /// The outcome summary for a discharged referral's message to the GP and referrer.
    public func summary(ofDischarged referral: ReferralID, _ acting: ActingUser) async throws -> [String] {
        let found = try await context.referral(referral, acting)
        return try await summary(of: referral, person: found.person.id, in: acting.organisationID)
    }

    /// Adds (or replaces) one of the organisation's instrument definitions:
    /// a licensed wording for SWEMWBS or WEMWBS, or an instrument of its own.
    /// Administrators and managers only. The definition is checked whole,
    /// and any problem named by field.
    public func addInstrument(_ document: Data, version: Int, _ acting: ActingUser) async throws -> InstrumentDefinition
    {
        guard [.administrator, .manager].contains(acting.role), acting.user.isActive else {
            throw ServiceError.forbidden
        }
        let definition: InstrumentDefinition
        do {
            definition = try InstrumentDefinition.parse(document, file: "the definition")
        } catch {
            throw ServiceError.invalid(field: "definition", error.description)
        }
        if let shipped = builtIn.first(where: { $0.id == definition.id }) {
            // Adding wording to a built-in must keep its scoring: same items, same rule.
            guard shipped.scoresAlike(definition) else {
                throw ServiceError.invalid(
                    field: "definition",
                    "\(definition.id) is built in: add its wording, but keep its items, answers and scoring exactly as shipped"
                )
            }
        }
        try await ServiceError.mappingStoreErrors {
            try await store.outcomes.saveInstrument(
                definition.id, document: String(decoding: JSONText.cleaned(document), as: UTF8.self),
                in: acting.organisationID,
                expectedVersion: version, at: context.now, by: context.actor(acting),
                audit: context.audit(
                    .instrumentAdded, acting, target: nil,
                    detail: "\(definition.id), version \(String(definition.version.prefix(40)))"))
        }
        return definition
    }
}
