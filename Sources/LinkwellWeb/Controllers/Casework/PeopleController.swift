import Foundation
import Hummingbird
import LinkwellDomain
import LinkwellServices
import LinkwellStore

/// A person's record: who they are, their flags, where their referral
/// stands, what matters to them, the plan, and what has happened.
struct PeopleController {
    /// The use cases these pages use, and no others.
    struct Services: Sendable {
        let cases: CaseService
        let connections: ConnectionService
        let needs: NeedsService
        let outcomes: OutcomeService
        let team: TeamService
        let clock: any WallClock
        let timeZone: TimeZone

        init(_ all: AppServices) {
            cases = all.cases
            connections = all.connections
            needs = all.needs
            outcomes = all.outcomes
            team = all.team
            clock = all.clock
            timeZone = all.timeZone
        }

        /// Today in the deployment's time zone.
        var today: CalendarDate { CalendarDate(clock.now(), in: timeZone) }
    }

    let services: Services
    let pages: PageRenderer
    let cookies: CookieNames

    struct PersonPage: Sendable {
        struct Row: Sendable {
            let key: String
            let value: String
        }
        // Optional strings: Mustache treats an empty string as true.
        struct NeedLine: Sendable {
            let label: String
            let importance: String
            let ownWords: String?
        }
        struct GoalLine: Sendable {
            let text: String
            let steps: [StepLine]
            let hasSteps: Bool
            let attainment: String?
        }
        struct StepLine: Sendable {
            let what: String
            let who: String?
            let byWhen: String?
            let status: String
            let isDone: Bool
        }
        struct Event: Sendable {
            let time: String
            let machineTime: String
            let title: String
            let detail: String?
            let by: String
            let kind: String
        }
        struct Current: Sendable {
            let id: String
            let version: Int
            let status: String
            let statusClass: String
            let isReceived: Bool
            let canRecordContact: Bool
            let canDischarge: Bool
            let isDischarged: Bool
            let isOpen: Bool
            let worker: String
            let received: String
            let reasons: String
            let closedNote: String?
        }
        let id: String
        let name: String
        let knownAs: String
        let riskFlag: String?
        let safeguardingFlag: String?
        let hasFlags: Bool
        let about: [Row]
        let contact: [Row]
        let current: Current?
        let needs: [NeedLine]
        let hasWhatMatters: Bool
        let interests: String?
        let practicalities: [Row]
        let strengths: String?
        let goals: [GoalLine]
        let hasPlan: Bool
        let planReview: String?
        let events: [Event]
        let otherReferrals: Int
        var connections: [ConnectionView] = []
        var hasConnections = false
        var outcomes: [OutcomeSeriesView] = []
        var hasOutcomes = false
    }

    struct DetailsPage: Sendable {
        let action: String
        let cancelHref: String
        let version: Int
        let name: String
        let fields: PersonFieldsView
        let conflict: String?
    }

    struct WhatMattersPage: Sendable {
        let action: String
        let cancelHref: String
        let version: Int
        let name: String
        let fields: WhatMattersFieldsView
        let conflict: String?
    }

    func addRoutes(to group: RouterGroup<CaseworkerContext>) {
        group.get("/people/:person") { _, context in
            let record = try await services.cases.record(of: try context.identifier("person"), context.acting)
            var page = personPage(record)
            page.connections = try await services.connections.connections(of: record.person.id, context.acting).map {
                ConnectionView($0.connection, hrefPrefix: "/connections", actor: .linkWorker, format: pages.format)
            }
            page.hasConnections = !page.connections.isEmpty
            page.outcomes = try await services.outcomes.outcomes(of: record.person.id, context.acting).map {
                OutcomeSeriesView($0, format: pages.format)
            }
            let goals = try await services.outcomes.goalAttainment(of: record.person.id, context.acting)
            if !goals.isEmpty, let definition = services.outcomes.goalAttainmentDefinition {
                page.outcomes.append(OutcomeSeriesView(goals: goals, definition: definition))
            }
            page.hasOutcomes = !page.outcomes.isEmpty
            return try pages.render(
                "person", chrome: pages.chrome(record.person.name, for: context.signedIn, path: "/people"), page: page)
        }

        group.get("/people/:person/details") { _, context in
            let record = try await services.cases.record(of: try context.identifier("person"), context.acting)
            return try await renderDetails(
                context, person: record.person, form: PersonForm(record.person.details), version: record.person.version)
        }

        group.post("/people/:person/details") { _, context in
            let id: PersonID = try context.identifier("person")
            let form = PersonForm(form: context.form)
            do {
                try await services.cases.updateDetails(of: id, form, version: context.formVersion, context.acting)
                return Response.seeOther("/people/\(id)", flash: .detailsSaved, cookies: cookies)
            } catch ServiceError.invalid(let failure) {
                let record = try await services.cases.record(of: id, context.acting)
                return try await renderDetails(
                    context, person: record.person, form: form, version: context.formVersion, errors: failure.errors)
            } catch ServiceError.conflict(let message) {
                let record = try await services.cases.record(of: id, context.acting)
                return try await renderDetails(
                    context, person: record.person, form: PersonForm(record.person.details),
                    version: record.person.version, conflict: message)
            }
        }

        group.get("/people/:person/what-matters") { _, context in
            let record = try await services.cases.record(of: try context.identifier("person"), context.acting)
            return try renderWhatMatters(
                context, record: record, form: WhatMattersForm(record.whatMatters), version: record.whatMattersVersion)
        }

        group.post("/people/:person/what-matters") { _, context in
            let id: PersonID = try context.identifier("person")
            let needs = try await services.needs.all()
            let form = WhatMattersForm(form: context.form, needs: needs)
            do {
                try await services.cases.saveWhatMatters(of: id, form, version: context.formVersion, context.acting)
                return Response.seeOther("/people/\(id)", flash: .whatMattersSaved, cookies: cookies)
            } catch ServiceError.invalid(let failure) {
                let record = try await services.cases.record(of: id, context.acting)
                return try renderWhatMatters(
                    context, record: record, form: form, version: context.formVersion, errors: failure.errors)
            } catch ServiceError.conflict(let message) {
                let record = try await services.cases.record(of: id, context.acting)
                return try renderWhatMatters(
                    context, record: record, form: WhatMattersForm(record.whatMatters),
                    version: record.whatMattersVersion, conflict: message)
            }
        }
    }

    private func renderDetails(
        _ context: CaseworkerContext, person: Person, form: PersonForm, version: Int, errors: [FieldError] = [],
        conflict: String? = nil
    ) async throws -> Response {
        let practices = try await services.team.practices(context.acting)
        let page = DetailsPage(
            action: "/people/\(person.id)/details", cancelHref: "/people/\(person.id)", version: version,
            name: person.name,
            fields: PersonFieldsView(form, errors: errors, practices: practices, withFlags: true), conflict: conflict)
        return try pages.render(
            "person-details",
            chrome: pages.chrome(
                "Change \(person.name)'s details", for: context.signedIn, path: "/people", errors: errors),
            page: page, status: conflict != nil ? .conflict : (errors.isEmpty ? .ok : .unprocessableContent))
    }

    private func renderWhatMatters(
        _ context: CaseworkerContext, record: CaseService.PersonRecord, form: WhatMattersForm, version: Int,
        errors: [FieldError] = [],
        conflict: String? = nil
    ) throws -> Response {
        let page = WhatMattersPage(
            action: "/people/\(record.person.id)/what-matters", cancelHref: "/people/\(record.person.id)",
            version: version,
            name: record.person.details.knownAs,
            fields: WhatMattersFieldsView(
                form, needs: record.needs, errors: errors, highlight: record.current?.reasons ?? []),
            conflict: conflict)
        return try pages.render(
            "what-matters",
            chrome: pages.chrome(
                "What matters to \(record.person.details.knownAs)", for: context.signedIn, path: "/people",
                errors: errors),
            page: page, status: conflict != nil ? .conflict : (errors.isEmpty ? .ok : .unprocessableContent))
    }

    func personPage(_ record: CaseService.PersonRecord) -> PersonPage {
        let details = record.person.details
        let today = services.today
        let labels = Dictionary(uniqueKeysWithValues: record.needs.map { ($0.code, $0.label) })
        let matters = record.whatMatters
        typealias Row = PersonPage.Row
        var about = [
            Row(
                key: "Date of birth",
                value: "\(details.dateOfBirth.longText) (age \(details.dateOfBirth.age(on: today)))"),
            Row(key: "NHS number", value: details.nhsNumber?.formatted ?? "Not known"),
            Row(key: "Language", value: details.language + (details.interpreterNeeded ? ", needs an interpreter" : "")),
            Row(key: "Gender", value: details.statedGender?.label ?? "Not recorded"),
            Row(key: "Ethnic group", value: details.ethnicCategory?.label ?? "Not recorded"),
            Row(
                key: "Registered GP practice",
                value: details.registeredPractice.map { code in
                    record.registeredPracticeName.map { "\($0) (\(code))" } ?? code.value
                } ?? "Not recorded"),
        ]
        if let preferred = details.preferredName { about.insert(Row(key: "Known as", value: preferred), at: 0) }
        let contact = [
            Row(key: "Phone", value: details.phone?.formatted ?? "None"),
            Row(key: "Email", value: details.email?.value ?? "None"),
            Row(
                key: "Address",
                value: ([details.address, details.postcode?.value ?? ""].filter { !$0.isEmpty }).joined(separator: "\n")
                    .nonEmpty ?? "None"),
            Row(
                key: "Prefers",
                value: details.preferredContact.label
                    + (details.contactTimes.isEmpty ? "" : ", \(details.contactTimes)")),
        ]
        var current: PersonPage.Current?
        if let referral = record.current {
            let closedNote: String? =
                switch referral.status {
                case .declined: "Declined: \(referral.closedAt.map(pages.format.date) ?? "")"
                case .redirected: "Redirected to \(referral.redirectedTo ?? "another service")"
                case .withdrawn: "Withdrawn"
                case .discharged:
                    "Discharged on \(referral.closedAt.map(pages.format.date) ?? ""): \(referral.dischargeReason?.label ?? "")"
                default: nil
                }
            current = PersonPage.Current(
                id: referral.id.description, version: referral.version, status: referral.status.label,
                statusClass: CaseworkText.statusClass(referral.status), isReceived: referral.status == .received,
                canRecordContact: referral.status == .accepted || referral.status == .active,
                canDischarge: referral.status == .active, isDischarged: referral.status == .discharged,
                isOpen: referral.status.isOpen,
                worker: referral.assignedTo.flatMap { record.workerNames[$0] } ?? "Not assigned",
                received: pages.format.date(referral.receivedAt),
                reasons: CaseworkText.reasons(referral.reasons, labels: labels),
                closedNote: closedNote)
        }
        var practicalities: [Row] = []
        if !matters.availableDays.isEmpty || !matters.availableTimes.isEmpty {
            let days = matters.availableDays.map { WhatMatters.dayNames[$0 - 1] }.joined(separator: ", ")
            let times = matters.availableTimes.map { $0.label.lowercased() }.joined(separator: ", ")
            practicalities.append(
                Row(key: "Free", value: [days, times].filter { !$0.isEmpty }.joined(separator: "; ")))
        }
        if let transport = matters.transport {
            practicalities.append(Row(key: "Getting about", value: transport.label))
        }
        if !matters.mobility.isEmpty { practicalities.append(Row(key: "Mobility", value: matters.mobility)) }
        if matters.needsFreeOrLowCost {
            practicalities.append(Row(key: "Money", value: "Free or low-cost activities only"))
        }
        if !matters.caringDuties.isEmpty {
            practicalities.append(Row(key: "Caring duties", value: matters.caringDuties))
        }
        let plan = record.plan?.plan
        return PersonPage(
            id: record.person.id.description, name: record.person.name, knownAs: details.knownAs,
            riskFlag: details.riskFlag,
            safeguardingFlag: details.safeguardingFlag,
            hasFlags: details.riskFlag != nil || details.safeguardingFlag != nil,
            about: about, contact: contact, current: current,
            needs: matters.needs.sorted { $0.importance > $1.importance }.map {
                PersonPage.NeedLine(
                    label: labels[$0.need] ?? $0.need, importance: $0.importance.label.lowercased(),
                    ownWords: $0.ownWords.nonEmpty)
            },
            hasWhatMatters: !matters.isEmpty,
            interests: matters.interests.joined(separator: ", ").nonEmpty, practicalities: practicalities,
            strengths: matters.strengths.nonEmpty,
            goals: plan?.goals.map { goal in
                PersonPage.GoalLine(
                    text: goal.text,
                    steps: goal.steps.map {
                        PersonPage.StepLine(
                            what: $0.what, who: $0.who.nonEmpty, byWhen: $0.byWhen?.longText, status: $0.status.label,
                            isDone: $0.status == .done)
                    },
                    hasSteps: !goal.steps.isEmpty, attainment: goal.attainment.map { "Progress \($0) of 5" })
            } ?? [],
            hasPlan: plan != nil, planReview: plan?.reviewOn?.longText,
            events: record.timeline.prefix(50).map {
                PersonPage.Event(
                    time: pages.format.compactDateTime($0.at), machineTime: pages.format.machine($0.at),
                    title: $0.title,
                    detail: $0.detail.nonEmpty, by: $0.by, kind: $0.kind.rawValue)
            },
            otherReferrals: max(0, record.referrals.count - 1))
    }
}

extension String {
    var nonEmpty: String? { isEmpty ? nil : self }
}
