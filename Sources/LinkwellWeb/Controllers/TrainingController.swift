import Foundation
import Hummingbird
import LinkwellDomain
import LinkwellServices

/// A link worker's training: the courses they have done (with certificates)
/// and the needs they keep; for the manager, the trainings the organisation
/// requires, the team's coverage of them, and its needs in aggregate.
struct TrainingController {
    /// The use cases these pages use, and no others.
    struct Services: Sendable {
        let training: TrainingService

        init(_ all: AppServices) {
            training = all.training
        }
    }

    let services: Services
    let pages: PageRenderer
    let cookies: CookieNames

    struct Page: Sendable {
        struct Record: Sendable {
            let course: String
            let provider: String
            let completed: String
            let hours: String
            let validUntil: String
            let requirement: String?
            let certificateHref: String?
            let certificateName: String?
        }
        struct Need: Sendable {
            let skill: String
            let priority: String
            /// Not `why`: a missing value would be looked up on the page, whose `why` is the form field.
            let reason: String?
            let removeAction: String
        }
        let records: [Record]
        let hasRecords: Bool
        let needs: [Need]
        let hasNeeds: Bool
        let course: TextFieldView
        let provider: TextFieldView
        let completed: DateFieldView
        let hours: TextFieldView
        let expiry: DateFieldView
        let requirementID: SelectView
        let hasRequirements: Bool
        let certificateError: String?
        let skill: TextFieldView
        let priority: RadioGroupView
        let why: TextAreaView
        let isManager: Bool
    }

    struct TeamPage: Sendable {
        struct Row: Sendable {
            struct Cell: Sendable {
                let text: String
                let statusClass: String
            }
            let name: String
            let cells: [Cell]
        }
        struct Requirement: Sendable {
            let title: String
            let renewal: String
            let retireAction: String
        }
        struct Need: Sendable {
            let skill: String
            let people: Int
            let highPriority: Int
        }
        let requirements: [Requirement]
        let hasRequirements: Bool
        let rows: [Row]
        let hasRows: Bool
        let needs: [Need]
        let hasNeeds: Bool
        let minimumPeople: Int
        let title: TextFieldView
        let renewMonths: TextFieldView
    }

    func addRoutes(to group: RouterGroup<SignedInContext>) {
        group.get("/training") { _, context in try await render(context, values: FormData()) }

        group.post("/training/records") { _, context in
            let form = context.form
            var record = TrainingRecordForm()
            record.course = form["course"]
            record.provider = form["provider"]
            record.day = form["day"]
            record.month = form["month"]
            record.year = form["year"]
            record.hours = form["hours"]
            record.expiryDay = form["expiryDay"]
            record.expiryMonth = form["expiryMonth"]
            record.expiryYear = form["expiryYear"]
            record.requirementID = form["requirementID"]
            do {
                try await services.training.record(
                    record, certificate: form.file("certificate").map { ($0.filename, $0.bytes) }, context.acting)
                return Response.seeOther("/training", flash: .trainingRecorded, cookies: cookies)
            } catch ServiceError.invalid(let failure) {
                return try await render(context, values: form, errors: failure.errors)
            }
        }

        group.get("/training/records/:record/certificate") { _, context in
            let certificate = try await services.training.certificate(try context.identifier("record"), context.acting)
            return Response.download(
                certificate.bytes, contentType: certificate.contentType, filename: certificate.filename)
        }

        group.post("/training/needs") { _, context in
            do {
                try await services.training.addNeed(
                    skill: context.form["skill"], priority: context.form["priority"], why: context.form["why"],
                    context.acting)
                return Response.seeOther("/training#needs-heading", flash: .trainingNeedAdded, cookies: cookies)
            } catch ServiceError.invalid(let failure) {
                return try await render(context, values: context.form, errors: failure.errors)
            }
        }

        group.post("/training/needs/:need/remove") { _, context in
            try await services.training.removeNeed(try context.identifier("need"), context.acting)
            return Response.seeOther("/training#needs-heading", cookies: cookies)
        }

        group.get("/team/training") { _, context in try await renderTeam(context, values: FormData()) }

        group.post("/team/training/requirements") { _, context in
            do {
                try await services.training.addRequirement(
                    title: context.form["title"], renewMonths: context.form["renewMonths"], context.acting)
                return Response.seeOther("/team/training", flash: .requirementAdded, cookies: cookies)
            } catch ServiceError.invalid(let failure) {
                return try await renderTeam(context, values: context.form, errors: failure.errors)
            }
        }

        group.post("/team/training/requirements/:requirement/retire") { _, context in
            try await services.training.retireRequirement(try context.identifier("requirement"), context.acting)
            return Response.seeOther("/team/training", cookies: cookies)
        }
    }

    private func render(_ context: SignedInContext, values: FormData, errors: [FieldError] = []) async throws
        -> Response
    {
        let (records, needs, everRequired) = try await services.training.mine(context.acting)
        let requirements = try await services.training.requirements(context.acting)
        let byID = Dictionary(uniqueKeysWithValues: everRequired.map { ($0.id, $0) })
        let rows = records.map { record in
            let requirement = record.requirementID.flatMap { byID[$0] }
            return Page.Record(
                course: record.course, provider: record.provider.isEmpty ? "—" : record.provider,
                completed: record.completedOn.longText,
                hours: LoadView.number(record.hours),
                validUntil: record.validUntil(renewMonths: requirement?.renewMonths).map(\.longText)
                    ?? "Does not expire",
                requirement: requirement?.title,
                certificateHref: record.certificateName == nil ? nil : "/training/records/\(record.id)/certificate",
                certificateName: record.certificateName)
        }
        let page = Page(
            records: rows, hasRecords: !rows.isEmpty,
            needs: needs.map {
                Page.Need(
                    skill: $0.skill, priority: $0.priority.label, reason: $0.why.isEmpty ? nil : $0.why,
                    removeAction: "/training/needs/\($0.id)/remove")
            },
            hasNeeds: !needs.isEmpty,
            course: TextFieldView("course", label: "Course", value: values["course"], errors: errors),
            provider: TextFieldView(
                "provider", label: "Who ran it (optional)", value: values["provider"], errors: errors),
            completed: DateFieldView(
                legend: "Date you completed it", names: ("day", "month", "year"),
                values: (values["day"], values["month"], values["year"]),
                errors: errors),
            hours: TextFieldView(
                "hours", label: "Hours", value: values["hours"], errors: errors, widthClass: "input--width-4",
                spellcheck: false),
            expiry: DateFieldView(
                legend: "Expiry date (optional)", names: ("expiryDay", "expiryMonth", "expiryYear"),
                values: (values["expiryDay"], values["expiryMonth"], values["expiryYear"]), errors: errors,
                hint: "Leave blank if it does not expire, or if the organisation's renewal applies."),
            requirementID: SelectView(
                "requirementID", label: "Counts towards a required training", selected: values["requirementID"],
                options: [("", "None")] + requirements.map { ($0.id.description, $0.title) }, errors: errors),
            hasRequirements: !requirements.isEmpty,
            certificateError: errors.first { $0.field == "certificate" }?.message,
            skill: TextFieldView("skill", label: "Skill or knowledge", value: values["skill"], errors: errors),
            priority: RadioGroupView(
                "priority", legend: "How much it matters", selected: values["priority"],
                options: TrainingPriority.allCases.map { ($0.rawValue, $0.label, nil) }, errors: errors),
            why: TextAreaView("why", label: "Why (optional)", value: values["why"], errors: errors, rows: 2),
            isManager: context.user.role == .manager)
        return try pages.render(
            "training", chrome: pages.chrome("Training", for: context, path: "/training", errors: errors), page: page,
            status: errors.isEmpty ? .ok : .unprocessableContent)
    }

    private func renderTeam(_ context: SignedInContext, values: FormData, errors: [FieldError] = []) async throws
        -> Response
    {
        let team = try await services.training.team(context.acting)
        let rows = team.workers.map { worker, coverage in
            TeamPage.Row(name: worker.name, cells: coverage.map(Self.cell))
        }
        let page = TeamPage(
            requirements: team.requirements.map {
                TeamPage.Requirement(
                    title: $0.title, renewal: $0.renewMonths.map { "Renewed every \($0) months" } ?? "Not renewed",
                    retireAction: "/team/training/requirements/\($0.id)/retire")
            },
            hasRequirements: !team.requirements.isEmpty, rows: rows, hasRows: !rows.isEmpty,
            needs: team.needs.map { TeamPage.Need(skill: $0.skill, people: $0.people, highPriority: $0.highPriority) },
            hasNeeds: !team.needs.isEmpty, minimumPeople: TrainingNeedSummary.minimumPeople,
            title: TextFieldView("title", label: "Training to require", value: values["title"], errors: errors),
            renewMonths: TextFieldView(
                "renewMonths", label: "Renewed every (months, optional)", value: values["renewMonths"], errors: errors,
                widthClass: "input--width-4", spellcheck: false))
        return try pages.render(
            "team-training",
            chrome: pages.chrome("Team training", for: context, path: "/team/training", errors: errors), page: page,
            status: errors.isEmpty ? .ok : .unprocessableContent)
    }

    static func cell(_ coverage: TrainingCoverage) -> TeamPage.Row.Cell {
        switch coverage {
        case .missing: .init(text: "Not done", statusClass: "tag--red")
        case .expired(let since): .init(text: "Expired \(since.shortText)", statusClass: "tag--red")
        case .expiresSoon(let on): .init(text: "Expires \(on.shortText)", statusClass: "tag--orange")
        case .current(let until):
            .init(text: until.map { "Until \($0.shortText)" } ?? "Done", statusClass: "tag--green")
        }
    }
}
