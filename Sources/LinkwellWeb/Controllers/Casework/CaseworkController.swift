import Foundation
import Hummingbird
import LinkwellDomain
import LinkwellServices
import LinkwellStore

/// The work itself: contacts (and the first conversation), the plan, its
/// printable copy and history, discharge, and the message back to the GP.
struct CaseworkController {
    /// The use cases these pages use, and no others.
    struct Services: Sendable {
        let cases: CaseService
        let needs: NeedsService
        let outcomes: OutcomeService
        let team: TeamService
        let clock: any WallClock
        let timeZone: TimeZone

        init(_ all: AppServices) {
            cases = all.cases
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

    struct ContactPage: Sendable {
        let action: String
        let cancelHref: String
        let name: String
        let isFirst: Bool
        let fields: ContactFieldsView
        let whatMatters: WhatMattersFieldsView?
        let whatMattersVersion: Int
        let conflict: String?
        /// "caseload" when opened from the caseload, which saving returns to.
        let from: String
    }

    struct PlanPage: Sendable {
        let action: String
        let cancelHref: String
        let printHref: String
        let historyHref: String
        let version: Int
        let name: String
        let fields: PlanFieldsView
        let hasPlan: Bool
        let conflict: String?
    }

    struct PrintablePlan: Sendable {
        struct Goal: Sendable {
            let number: Int
            let text: String
            let steps: [Step]
            let hasSteps: Bool
        }
        struct Step: Sendable {
            let what: String
            let who: String?
            let byWhen: String?
            let isDone: Bool
        }
        let name: String
        let goals: [Goal]
        let review: String?
        let worker: String
        let organisation: String
        let printed: String
        let backHref: String
        let hasPlan: Bool
    }

    struct HistoryPage: Sendable {
        struct Version: Sendable {
            let number: Int
            let summary: String
            let by: String
            let time: String
            let goals: [String]
        }
        let name: String
        let backHref: String
        let versions: [Version]
        let hasVersions: Bool
    }

    struct DischargePage: Sendable {
        let action: String
        let cancelHref: String
        let version: Int
        let name: String
        let reason: RadioGroupView
        let summary: TextAreaView
        let conflict: String?
        /// No measure taken at discharge yet: the link to take them first.
        var measureHref: String?
    }

    struct LetterPage: Sendable {
        struct Need: Sendable {
            let label: String
            let importance: String
            let ownWords: String?
        }
        struct Goal: Sendable {
            let text: String
            let attainment: String
            let steps: String?
        }
        let name: String
        let born: String
        let nhsNumber: String
        let address: String
        let referrer: String
        let received: String
        let discharged: String
        let reason: String
        let summary: String
        let needs: [Need]
        let hasNeeds: Bool
        let contacts: String
        let goals: [Goal]
        let hasGoals: Bool
        let outcomes: [String]
        let hasOutcomes: Bool
        let worker: String
        let organisation: String
        let snomed: String
        let backHref: String
    }

    func addRoutes(to group: RouterGroup<CaseworkerContext>) {
        group.get("/referrals/:referral/contacts/new") { request, context in
            let id: ReferralID = try context.identifier("referral")
            let from = QueryString(request.uri.query)["from"] == "caseload" ? "caseload" : ""
            return try await renderContact(context, id, form: ContactForm(), whatMatters: nil, from: from)
        }

        group.post("/referrals/:referral/contacts/new") { _, context in
            let id: ReferralID = try context.identifier("referral")
            let form = ContactForm(form: context.form)
            let needs = try await services.needs.all()
            let whatMatters =
                context.form.has("whatMattersVersion")
                ? (WhatMattersForm(form: context.form, needs: needs), context.form.version("whatMattersVersion") ?? -1)
                : nil
            do {
                let contact = try await services.cases.recordContact(
                    on: id, form, whatMatters: whatMatters, context.acting)
                let back = context.form["from"] == "caseload" ? "/" : "/people/\(contact.personID)"
                return Response.seeOther(back, flash: .contactRecorded, cookies: cookies)
            } catch ServiceError.invalid(let failure) {
                return try await renderContact(
                    context, id, form: form, whatMatters: whatMatters?.0, from: context.form["from"],
                    errors: failure.errors)
            } catch ServiceError.conflict(let message) {
                return try await renderContact(
                    context, id, form: form, whatMatters: nil, from: context.form["from"], conflict: message)
            }
        }

        group.get("/referrals/:referral/plan") { _, context in
            let view = try await services.cases.plan(of: try context.identifier("referral"), context.acting)
            return try renderPlan(
                context, view, form: view.plan.map { PlanForm($0) } ?? Self.emptyPlanForm, version: view.version)
        }

        group.post("/referrals/:referral/plan") { _, context in
            let id: ReferralID = try context.identifier("referral")
            let form = PlanForm(form: context.form)
            do {
                let saved = try await services.cases.savePlan(
                    of: id, form, version: context.formVersion, context.acting)
                return Response.seeOther("/people/\(saved.personID)", flash: .planSaved, cookies: cookies)
            } catch ServiceError.invalid(let failure) {
                let view = try await services.cases.plan(of: id, context.acting)
                return try renderPlan(context, view, form: form, version: context.formVersion, errors: failure.errors)
            } catch ServiceError.conflict(let message) {
                // Someone saved first: show their version, and say so. Nothing of theirs is lost.
                let view = try await services.cases.plan(of: id, context.acting)
                return try renderPlan(
                    context, view, form: view.plan.map { PlanForm($0) } ?? Self.emptyPlanForm, version: view.version,
                    conflict: message)
            }
        }

        group.get("/referrals/:referral/plan/print") { _, context in
            let view = try await services.cases.plan(
                of: try context.identifier("referral"), forPrinting: true, context.acting)
            let worker = try await view.referral.assignedTo.asyncMap {
                try await services.cases.userName($0, context.acting)
            }
            let organisation = try await services.team.ownOrganisation(context.acting)
            let page = PrintablePlan(
                name: view.person.name,
                goals: (view.plan?.goals ?? []).enumerated().map { index, goal in
                    PrintablePlan.Goal(
                        number: index + 1, text: goal.text,
                        steps: goal.steps.filter { $0.status != .notDoing }.map {
                            PrintablePlan.Step(
                                what: $0.what, who: $0.who.nonEmpty, byWhen: $0.byWhen?.longText,
                                isDone: $0.status == .done)
                        },
                        hasSteps: !goal.steps.isEmpty)
                },
                review: view.plan?.reviewOn?.longText, worker: worker ?? "your link worker",
                organisation: organisation.name,
                printed: services.today.longText, backHref: "/people/\(view.person.id)", hasPlan: view.plan != nil)
            return try pages.render(
                "plan-print",
                chrome: pages.chrome("\(view.person.details.knownAs)'s plan", for: context.signedIn, path: "/people"),
                page: page)
        }

        group.get("/referrals/:referral/plan/history") { _, context in
            let (view, versions) = try await services.cases.planHistory(
                of: try context.identifier("referral"), context.acting)
            let page = HistoryPage(
                name: view.person.name, backHref: "/people/\(view.person.id)",
                versions: versions.map { version in
                    HistoryPage.Version(
                        number: version.version, summary: version.summary, by: version.savedByName,
                        time: pages.format.dateTime(version.savedAt), goals: version.plan.goals.map(\.text))
                },
                hasVersions: !versions.isEmpty)
            return try pages.render(
                "plan-history", chrome: pages.chrome("Plan history", for: context.signedIn, path: "/people"), page: page
            )
        }

        group.get("/referrals/:referral/discharge") { _, context in
            try await renderDischarge(context, try context.identifier("referral"), form: DischargeForm())
        }

        group.post("/referrals/:referral/discharge") { _, context in
            let id: ReferralID = try context.identifier("referral")
            let form = DischargeForm(reason: context.form["reason"], summary: context.form["summary"])
            do {
                try await services.cases.discharge(id, form, version: context.formVersion, context.acting)
                return Response.seeOther("/referrals/\(id)/letter", flash: .discharged, cookies: cookies)
            } catch ServiceError.invalid(let failure) {
                return try await renderDischarge(context, id, form: form, errors: failure.errors)
            } catch ServiceError.conflict(let message) {
                return try await renderDischarge(context, id, form: form, conflict: message)
            }
        }

        group.get("/referrals/:referral/letter") { _, context in
            let letter = try await services.cases.dischargeLetter(try context.identifier("referral"), context.acting)
            let outcomes = try await services.outcomes.summary(ofDischarged: letter.referral.id, context.acting)
            let details = letter.person.details
            let referral = letter.referral
            let stepsDone = { (goal: Plan.Goal) -> String in
                let done = goal.steps.filter { $0.status == .done }.count
                return goal.steps.isEmpty ? "" : "\(done) of \(goal.steps.count) steps done"
            }
            let page = LetterPage(
                name: letter.person.name, born: details.dateOfBirth.longText,
                nhsNumber: details.nhsNumber?.formatted ?? "Not known",
                address: [details.address.replacingOccurrences(of: "\n", with: ", "), details.postcode?.value ?? ""]
                    .filter { !$0.isEmpty }.joined(separator: ", "),
                referrer: referral.source == .selfReferral ? "Self-referral" : referral.referrer.description,
                received: pages.format.date(referral.receivedAt),
                discharged: referral.closedAt.map(pages.format.date) ?? "",
                reason: referral.dischargeReason?.label ?? "", summary: referral.dischargeSummary ?? "",
                needs: letter.needs.map {
                    LetterPage.Need(
                        label: $0.need, importance: $0.importance.label.lowercased(), ownWords: $0.ownWords.nonEmpty)
                },
                hasNeeds: !letter.needs.isEmpty,
                contacts: letter.contactCount == 0
                    ? "No contacts were recorded."
                    : "\(letter.contactCount) contact\(letter.contactCount == 1 ? "" : "s") over \(CaseworkText.duration(minutes: letter.contactMinutes)), from \(letter.firstContact?.longText ?? "") to \(letter.lastContact?.longText ?? "").",
                goals: (letter.plan?.goals ?? []).map {
                    LetterPage.Goal(
                        text: $0.text, attainment: $0.attainment.map { "progress \($0) of 5" } ?? "not reviewed",
                        steps: stepsDone($0).nonEmpty)
                },
                hasGoals: !(letter.plan?.goals ?? []).isEmpty, outcomes: outcomes, hasOutcomes: !outcomes.isEmpty,
                worker: letter.linkWorker ?? "", organisation: letter.organisation,
                snomed: "\(SNOMED.referralToSocialPrescribing) Referral to social prescribing service",
                backHref: "/people/\(letter.person.id)")
            return try pages.render(
                "letter", chrome: pages.chrome("Message to GP and referrer", for: context.signedIn, path: "/people"),
                page: page)
        }
    }

    /// A new plan: two goals of two steps each, enough for most first plans.
    static var emptyPlanForm: PlanForm {
        var form = PlanForm()
        form.goals = Array(repeating: PlanForm.GoalSlot(steps: [PlanForm.StepSlot(), PlanForm.StepSlot()]), count: 3)
        return form
    }

    private func renderContact(
        _ context: CaseworkerContext, _ id: ReferralID, form: ContactForm, whatMatters: WhatMattersForm?, from: String,
        errors: [FieldError] = [], conflict: String? = nil
    ) async throws -> Response {
        let contactForm = try await services.cases.contactForm(on: id, context.acting)
        let found = contactForm.view
        let isFirst = contactForm.isFirst
        var mattersFields: WhatMattersFieldsView?
        var version = 0
        if isFirst {
            version = contactForm.whatMattersVersion
            mattersFields = WhatMattersFieldsView(
                whatMatters ?? WhatMattersForm(contactForm.whatMatters), needs: contactForm.needs, errors: errors,
                highlight: found.referral.reasons)
        }
        let page = ContactPage(
            action: "/referrals/\(id)/contacts/new", cancelHref: "/people/\(found.person.id)", name: found.person.name,
            isFirst: isFirst,
            fields: ContactFieldsView(form, errors: errors), whatMatters: mattersFields, whatMattersVersion: version,
            conflict: conflict,
            from: from == "caseload" ? "caseload" : "")
        return try pages.render(
            "contact",
            chrome: pages.chrome(
                isFirst ? "First conversation" : "Record a contact", for: context.signedIn, path: "/people",
                errors: errors),
            page: page, status: conflict != nil ? .conflict : (errors.isEmpty ? .ok : .unprocessableContent))
    }

    private func renderPlan(
        _ context: CaseworkerContext, _ view: CaseService.PlanView, form: PlanForm, version: Int,
        errors: [FieldError] = [],
        conflict: String? = nil
    ) throws -> Response {
        let base = "/referrals/\(view.referral.id)"
        let page = PlanPage(
            action: "\(base)/plan", cancelHref: "/people/\(view.person.id)", printHref: "\(base)/plan/print",
            historyHref: "\(base)/plan/history", version: version, name: view.person.details.knownAs,
            fields: PlanFieldsView(form, errors: errors), hasPlan: view.plan != nil, conflict: conflict)
        return try pages.render(
            "plan",
            chrome: pages.chrome(
                "\(view.person.details.knownAs)'s plan", for: context.signedIn, path: "/people", errors: errors),
            page: page, status: conflict != nil ? .conflict : (errors.isEmpty ? .ok : .unprocessableContent))
    }

    private func renderDischarge(
        _ context: CaseworkerContext, _ id: ReferralID, form: DischargeForm, errors: [FieldError] = [],
        conflict: String? = nil
    ) async throws -> Response {
        let found = try await services.cases.referral(id, context.acting)
        let measured = try await services.outcomes.measuredAtDischarge(id, context.acting)
        var page = DischargePage(
            action: "/referrals/\(id)/discharge", cancelHref: "/people/\(found.person.id)",
            version: found.referral.version,
            name: found.person.name,
            reason: RadioGroupView(
                "reason", legend: "Why are they being discharged?", selected: form.reason,
                options: DischargeReason.allCases.map { ($0.rawValue, $0.label, nil) }, errors: errors),
            summary: TextAreaView(
                "summary", label: "Summary for their GP and referrer", value: form.summary, errors: errors,
                hint:
                    "What support was offered and what changed. It goes in the message back to the GP; keep private notes out of it.",
                rows: 6),
            conflict: conflict)
        if !measured { page.measureHref = "/people/\(found.person.id)/outcomes/new?occasion=discharge" }
        return try pages.render(
            "discharge",
            chrome: pages.chrome(
                "Discharge \(found.person.name)", for: context.signedIn, path: "/people", errors: errors),
            page: page, status: conflict != nil ? .conflict : (errors.isEmpty ? .ok : .unprocessableContent))
    }
}
