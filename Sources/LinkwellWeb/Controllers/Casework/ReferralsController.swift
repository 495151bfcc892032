import Foundation
import Hummingbird
import LinkwellDomain
import LinkwellServices
import LinkwellStore

/// Referrals in: the referral form, the inbox, and triage (accept and assign,
/// decline, redirect, withdraw, duplicates).
struct ReferralsController {
    /// The use cases these pages use, and no others.
    struct Services: Sendable {
        let capacity: CapacityService
        let cases: CaseService
        let needs: NeedsService
        let referrals: ReferralService
        let team: TeamService
        let clock: any WallClock
        let timeZone: TimeZone

        init(_ all: AppServices) {
            capacity = all.capacity
            cases = all.cases
            needs = all.needs
            referrals = all.referrals
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

    // MARK: Pages

    struct ReferPage: Sendable {
        let fields: ReferralFieldsView
        let service: SelectView?
        let serviceName: String
        let serviceID: String
        let isReferrer: Bool
    }

    struct InboxPage: Sendable {
        struct Row: Sendable {
            let name: String
            let href: String
            let age: String
            let reasons: String
            let urgency: String
            let isUrgent: Bool
            let waiting: String
            let referrer: String
            let duplicate: Bool
        }
        let rows: [Row]
        let hasRows: Bool
        let practice: SelectView
        let reason: SelectView
        let urgency: SelectView
        let isFiltered: Bool
        /// "Sam Okafor has the most room for new referrals" (capacity-aware).
        let suggestion: String?
    }

    struct ReferralPage: Sendable {
        struct Duplicate: Sendable {
            let name: String
            let born: String
            let reason: String
            let href: String
        }
        let id: String
        let version: Int
        let name: String
        let knownAs: String
        let born: String
        let nhsNumber: String
        let contact: String
        let address: String
        let language: String
        /// Gender and ethnic group as stated, or "Not recorded".
        let demographics: String
        let reasons: String
        let details: String
        let urgency: String
        let referrer: String
        let consent: String
        let received: String
        let status: String
        let statusClass: String
        let isReceived: Bool
        let isOpen: Bool
        let personHref: String
        let assignedTo: String?
        let duplicate: Duplicate?
        let assignTo: SelectView
        let reason: TextAreaView
        let redirectedTo: TextFieldView
        let hasWorkers: Bool
        let conflict: String?
        let snomed: String
    }

    // MARK: Routes

    func addRoutes(to signedIn: RouterGroup<SignedInContext>, caseworkers: RouterGroup<CaseworkerContext>) {
        signedIn.get("/refer") { request, context in
            let service = QueryString(request.uri.query)["service"].flatMap { OrganisationID($0) }
            let options = try await services.referrals.formOptions(to: service, context.acting)
            return try renderReferForm(context, options: options, form: options.prefilled)
        }

        signedIn.post("/refer") { _, context in
            let service = OrganisationID(context.form["organisationID"])
            let form = ReferralForm(form: context.form)
            do {
                let created = try await services.referrals.refer(form, to: service, context.acting)
                if context.user.role == .referrer {
                    return Response.seeOther("/", flash: .referralSent, cookies: cookies)
                }
                return Response.seeOther(
                    "/referrals/\(created.referral.id)", flash: .referralRecorded, cookies: cookies)
            } catch ServiceError.invalid(let failure) {
                let options = try await services.referrals.formOptions(to: service, context.acting)
                return try renderReferForm(context, options: options, form: form, errors: failure.errors)
            }
        }

        caseworkers.get("/inbox") { request, context in
            let query = QueryString(request.uri.query)
            let filter = InboxFilter(
                practiceID: query["practice"].flatMap { PracticeID($0) },
                reason: query["reason"].flatMap { $0.isEmpty ? nil : $0 },
                urgency: query["urgency"].flatMap { Urgency(rawValue: $0) })
            let items = try await services.referrals.inbox(filter, context.acting)
            let needs = try await services.needs.all()
            let labels = Dictionary(uniqueKeysWithValues: needs.map { ($0.code, $0.label) })
            let practices = try await services.team.practices(context.acting)
            let today = services.today
            let rows = items.map { item in
                InboxPage.Row(
                    name: item.person.name, href: "/referrals/\(item.referral.id)",
                    age: CaseworkText.age(item.person, today: today),
                    reasons: CaseworkText.reasons(item.referral.reasons, labels: labels),
                    urgency: item.referral.urgency.shortLabel,
                    isUrgent: item.referral.urgency == .urgent, waiting: CaseworkText.days(item.daysWaiting),
                    referrer: item.referral.referrer.organisation
                        + (item.referral.referrer.onBehalfOf.map { " (on behalf of \($0))" } ?? ""),
                    duplicate: item.possibleDuplicate != nil)
            }
            let page = InboxPage(
                rows: rows, hasRows: !rows.isEmpty,
                practice: SelectView(
                    "practice", label: "Practice", selected: filter.practiceID?.description ?? "",
                    options: [("", "All practices")] + practices.map { ($0.id.description, $0.name) }, errors: []),
                reason: SelectView(
                    "reason", label: "Reason", selected: filter.reason ?? "",
                    options: [("", "All reasons")] + needs.map { ($0.code, $0.label) }, errors: []),
                urgency: SelectView(
                    "urgency", label: "Urgency", selected: filter.urgency?.rawValue ?? "",
                    options: [("", "Any urgency")] + Urgency.allCases.map { ($0.rawValue, $0.shortLabel) }, errors: []),
                isFiltered: filter != InboxFilter(),
                suggestion: rows.isEmpty
                    ? nil : Self.suggestion(try await services.capacity.assignmentChoices(context.acting)))
            return try pages.render(
                "inbox", chrome: pages.chrome("Inbox", for: context.signedIn, path: "/inbox"), page: page)
        }

        caseworkers.get("/referrals/:referral") { _, context in
            try await renderReferral(context, id: try context.identifier("referral"))
        }

        caseworkers.post("/referrals/:referral/accept") { _, context in
            let id: ReferralID = try context.identifier("referral")
            return try await act(context, id) {
                guard let worker = UserID(context.form["assignTo"]) else {
                    throw ServiceError.invalid(
                        ValidationFailure(field: "assignTo", message: "Choose a link worker to give this referral to"))
                }
                let referral = try await services.referrals.accept(
                    id, assignTo: worker, version: context.formVersion, context.acting)
                return Response.seeOther("/people/\(referral.personID)", flash: .referralAccepted, cookies: cookies)
            }
        }

        caseworkers.post("/referrals/:referral/assign") { _, context in
            let id: ReferralID = try context.identifier("referral")
            return try await act(context, id) {
                guard let worker = UserID(context.form["assignTo"]) else {
                    throw ServiceError.invalid(ValidationFailure(field: "assignTo", message: "Choose a link worker"))
                }
                let referral = try await services.referrals.reassign(
                    id, to: worker, version: context.formVersion, context.acting)
                return Response.seeOther("/people/\(referral.personID)", flash: .referralAssigned, cookies: cookies)
            }
        }

        for (path, status) in [
            ("decline", ReferralStatus.declined), ("redirect", .redirected), ("withdraw", .withdrawn),
        ] {
            caseworkers.post("/referrals/:referral/\(path)") { _, context in
                let id: ReferralID = try context.identifier("referral")
                return try await act(context, id) {
                    let referral = try await services.referrals.close(
                        id, as: status, reason: context.form["reason"], redirectedTo: context.form["redirectedTo"],
                        version: context.formVersion, context.acting)
                    return Response.seeOther("/people/\(referral.personID)", flash: .referralClosed, cookies: cookies)
                }
            }
        }

        caseworkers.post("/referrals/:referral/attach") { _, context in
            let id: ReferralID = try context.identifier("referral")
            return try await act(context, id) {
                _ = try await services.referrals.attachToKnownPerson(id, version: context.formVersion, context.acting)
                return Response.seeOther("/referrals/\(id)", flash: .referralAttached, cookies: cookies)
            }
        }

        caseworkers.post("/referrals/:referral/dismiss-duplicate") { _, context in
            let id: ReferralID = try context.identifier("referral")
            return try await act(context, id) {
                _ = try await services.referrals.dismissDuplicate(id, version: context.formVersion, context.acting)
                return Response.seeOther("/referrals/\(id)", flash: .duplicateDismissed, cookies: cookies)
            }
        }
    }

    /// Runs a triage action; a bad form or a conflict shows the referral page
    /// again with the message, never an error page.
    private func act(_ context: CaseworkerContext, _ id: ReferralID, _ body: () async throws -> Response) async throws
        -> Response
    {
        do {
            return try await body()
        } catch ServiceError.invalid(let failure) {
            return try await renderReferral(context, id: id, errors: failure.errors, values: context.form)
        } catch ServiceError.conflict(let message) {
            return try await renderReferral(context, id: id, conflict: message)
        }
    }

    private func renderReferForm(
        _ context: SignedInContext, options: ReferralService.FormOptions, form: ReferralForm, errors: [FieldError] = []
    ) throws -> Response {
        guard
            let target = options.services.first(where: { $0.id.description == context.form["organisationID"] })
                ?? options.services.first
        else {
            throw ServiceError.conflict(
                "No organisation in this deployment receives referrals yet. Ask your administrator to set one up.")
        }
        let page = ReferPage(
            fields: ReferralFieldsView(form, needs: options.needs, practices: options.practices, errors: errors),
            service: options.services.count > 1
                ? SelectView(
                    "organisationID", label: "Refer to", selected: target.id.description,
                    options: options.services.map { ($0.id.description, $0.name) }, errors: errors)
                : nil,
            serviceName: target.name, serviceID: target.id.description, isReferrer: context.user.role == .referrer)
        return try pages.render(
            "refer", chrome: pages.chrome("Refer someone", for: context, path: "/refer", errors: errors), page: page,
            status: errors.isEmpty ? .ok : .unprocessableContent)
    }

    /// Who should take the next referral: the worker with the most room,
    /// unless everyone has been over capacity two weeks running.
    /// (Only a manager is told that everyone is over capacity: that is about
    /// colleagues' loads.)
    static func suggestion(_ choices: CapacityService.AssignmentChoices) -> String? {
        if choices.everyoneOverCapacity { return "Every link worker has been over capacity for two weeks running." }
        return choices.suggested.map { "\($0.name) has the most room for new referrals." }
    }

    /// The link workers to choose from, as the service lets this person see
    /// them: with loads (managers), or by name with the suggestion marked.
    static func assignmentOptions(_ choices: CapacityService.AssignmentChoices) -> [(value: String, label: String)] {
        choices.choices.map { choice in
            guard let load = choice.load else {
                return (
                    choice.worker.id.description,
                    choice.worker.name + (choice.isSuggested ? " (suggested: most room)" : "")
                )
            }
            let view = LoadView(load)
            let warning = load.workload.warns ? ", over capacity two weeks running" : ""
            return (
                choice.worker.id.description,
                "\(choice.worker.name) (weighted \(view.weighted) of \(view.ceiling)\(warning))"
            )
        }
    }

    /// Who the list starts on: for a manager, whoever has the most room; a
    /// link worker triaging takes it on themselves unless they choose.
    static func defaultAssignee(_ choices: CapacityService.AssignmentChoices, _ acting: ActingUser) -> UserID {
        if acting.role == .linkWorker, choices.choices.contains(where: { $0.worker.id == acting.id }) {
            return acting.id
        }
        return choices.suggested?.id ?? choices.choices.first?.worker.id ?? acting.id
    }

    private func renderReferral(
        _ context: CaseworkerContext, id: ReferralID, errors: [FieldError] = [], values: FormData = FormData(),
        conflict: String? = nil
    ) async throws -> Response {
        let found = try await services.cases.referral(id, context.acting)
        let referral = found.referral
        let person = found.person
        let today = services.today
        let labels = Dictionary(uniqueKeysWithValues: try await services.needs.all().map { ($0.code, $0.label) })
        let workers = try await services.capacity.assignmentChoices(context.acting)
        var duplicate: ReferralPage.Duplicate?
        if let known = found.possibleDuplicate {
            duplicate = .init(
                name: known.person.name, born: known.person.details.dateOfBirth.longText, reason: known.reason.rawValue,
                href: "/people/\(known.person.id)")
        }
        let details = person.details
        let contactBits = [details.phone?.formatted, details.email?.value].compactMap { $0 }
        let page = ReferralPage(
            id: id.description, version: referral.version, name: person.name, knownAs: details.knownAs,
            born: "\(details.dateOfBirth.longText) (age \(details.dateOfBirth.age(on: today)))",
            nhsNumber: details.nhsNumber?.formatted ?? "Not given",
            contact: (contactBits.isEmpty ? "None given" : contactBits.joined(separator: " · "))
                + " · prefers \(details.preferredContact.label.lowercased())"
                + (details.contactTimes.isEmpty ? "" : ", \(details.contactTimes)"),
            address: ([details.address] + [details.postcode?.value ?? ""]).filter { !$0.isEmpty }.joined(
                separator: "\n"),
            language: details.language + (details.interpreterNeeded ? " (needs an interpreter)" : ""),
            demographics: [
                details.statedGender.map { "Gender: \($0.label)" } ?? "Gender not recorded",
                details.ethnicCategory.map { "ethnic group: \($0.label)" } ?? "ethnic group not recorded",
            ].joined(separator: "; "),
            reasons: CaseworkText.reasons(referral.reasons, labels: labels), details: referral.details,
            urgency: referral.urgency.label,
            referrer: referral.source == .selfReferral ? "Self-referral" : referral.referrer.description,
            consent: (referral.consent.givenBy == .person
                ? "Given by the person" : "Given by \(referral.consent.representative ?? "a representative")")
                + " on \(referral.consent.givenOn.longText)",
            received: pages.format.dateTime(referral.receivedAt)
                + " (\(CaseworkText.days(CalendarDate(referral.receivedAt, in: services.timeZone).days(until: today))) ago)",
            status: referral.status.label, statusClass: CaseworkText.statusClass(referral.status),
            isReceived: referral.status == .received, isOpen: referral.status.isOpen,
            personHref: "/people/\(person.id)",
            assignedTo: found.assignee?.name, duplicate: duplicate,
            assignTo: SelectView(
                "assignTo", label: "Give to",
                selected: values["assignTo"].isEmpty
                    ? (referral.assignedTo ?? Self.defaultAssignee(workers, context.acting)).description
                    : values["assignTo"],
                options: Self.assignmentOptions(workers), errors: errors,
                hint: workers.choices.first?.load == nil ? nil : "Listed with the most room first."),
            reason: TextAreaView("reason", label: "Reason", value: values["reason"], errors: errors, rows: 2),
            redirectedTo: TextFieldView(
                "redirectedTo", label: "Service they were redirected to", value: values["redirectedTo"], errors: errors),
            hasWorkers: !workers.choices.isEmpty, conflict: conflict, snomed: referral.snomedCode)
        return try pages.render(
            "referral",
            chrome: pages.chrome("Referral: \(person.name)", for: context.signedIn, path: "/inbox", errors: errors),
            page: page,
            status: conflict != nil ? .conflict : (errors.isEmpty ? .ok : .unprocessableContent))
    }
}
