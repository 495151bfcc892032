import Foundation
import Hummingbird
import LinkwellDomain
import LinkwellServices

/// The manager's view of the team's caseload capacity and the waiting list,
/// each worker's hours, and the team settings (weighted caseload ceiling,
/// clinical supervision interval, support options).
struct CapacityController {
    /// The use cases these pages use, and no others.
    struct Services: Sendable {
        let capacity: CapacityService

        init(_ all: AppServices) {
            capacity = all.capacity
        }
    }

    let services: Services
    let pages: PageRenderer
    let cookies: CookieNames

    struct TeamPage: Sendable {
        let workers: [LoadView]
        let hasWorkers: Bool
        let waiting: Int
        let urgent: Int
        let hasUrgent: Bool
        let oldestWait: String?
        let warned: Int
        let hasWarnings: Bool
    }

    struct HoursPage: Sendable {
        let name: String
        let hours: TextFieldView
        let peoplePerYear: TextFieldView
        let action: String
    }

    struct SettingsPage: Sendable {
        let ceiling: TextFieldView
        let supervisionWeeks: TextFieldView
        let support: TextAreaView
    }

    func addRoutes(to group: RouterGroup<SignedInContext>) {
        group.get("/team/capacity") { _, context in
            let (loads, waiting) = try await services.capacity.team(context.acting)
            let workers = loads.map(LoadView.init)
            let warned = workers.filter(\.warns).count
            return try pages.render(
                "team-capacity", chrome: pages.chrome("Team capacity", for: context, path: "/team/capacity"),
                page: TeamPage(
                    workers: workers, hasWorkers: !workers.isEmpty, waiting: waiting.count, urgent: waiting.urgent,
                    hasUrgent: waiting.urgent > 0,
                    oldestWait: waiting.oldestWaitDays.map(CaseworkText.days), warned: warned, hasWarnings: warned > 0))
        }

        group.get("/team/capacity/:user") { _, context in
            let id = try context.identifier("user") as UserID
            let (worker, hours) = try await services.capacity.hours(of: id, context.acting)
            return try renderHours(
                context, worker: worker,
                values: [
                    "hoursPerWeek": LoadView.exact(hours.hoursPerWeek), "peoplePerYear": String(hours.peoplePerYear),
                ])
        }

        group.post("/team/capacity/:user") { _, context in
            let id = try context.identifier("user") as UserID
            do {
                try await services.capacity.setHours(
                    of: id, hoursPerWeek: context.form["hoursPerWeek"], peoplePerYear: context.form["peoplePerYear"],
                    context.acting)
                return Response.seeOther("/team/capacity", flash: .hoursSaved, cookies: cookies)
            } catch ServiceError.invalid(let failure) {
                let (worker, _) = try await services.capacity.hours(of: id, context.acting)
                return try renderHours(
                    context, worker: worker,
                    values: [
                        "hoursPerWeek": context.form["hoursPerWeek"], "peoplePerYear": context.form["peoplePerYear"],
                    ],
                    errors: failure.errors)
            }
        }

        group.get("/team/settings") { _, context in
            let policy = try await services.capacity.policy(context.acting)
            return try renderSettings(
                context,
                values: [
                    "weightedCeiling": LoadView.exact(policy.weightedCeiling),
                    "clinicalSupervisionWeeks": String(policy.clinicalSupervisionWeeks),
                    "supportOptions": policy.supportText,
                ])
        }

        group.post("/team/settings") { _, context in
            let values = [
                "weightedCeiling": context.form["weightedCeiling"],
                "clinicalSupervisionWeeks": context.form["clinicalSupervisionWeeks"],
                "supportOptions": context.form["supportOptions"],
            ]
            do {
                try await services.capacity.savePolicy(
                    weightedCeiling: values["weightedCeiling"]!,
                    clinicalSupervisionWeeks: values["clinicalSupervisionWeeks"]!,
                    supportOptions: values["supportOptions"]!, context.acting)
                return Response.seeOther("/team/capacity", flash: .teamSettingsSaved, cookies: cookies)
            } catch ServiceError.invalid(let failure) {
                return try renderSettings(context, values: values, errors: failure.errors)
            }
        }
    }

    private func renderHours(
        _ context: SignedInContext, worker: User, values: [String: String], errors: [FieldError] = []
    ) throws
        -> Response
    {
        let page = HoursPage(
            name: worker.name,
            hours: TextFieldView(
                "hoursPerWeek", label: "Hours a week", value: values["hoursPerWeek"] ?? "", errors: errors,
                hint: "Full time is 37.5. Their capacity is worked out pro rata.", widthClass: "input--width-4",
                spellcheck: false),
            peoplePerYear: TextFieldView(
                "peoplePerYear", label: "New people a year, full time", value: values["peoplePerYear"] ?? "",
                errors: errors,
                hint:
                    "Usually 250, the figure the NHS plans on. Lower it for a worker who takes the most complex referrals.",
                widthClass: "input--width-4", spellcheck: false),
            action: "/team/capacity/\(worker.id)")
        return try pages.render(
            "team-hours",
            chrome: pages.chrome("Hours: \(worker.name)", for: context, path: "/team/capacity", errors: errors),
            page: page,
            status: errors.isEmpty ? .ok : .unprocessableContent)
    }

    private func renderSettings(_ context: SignedInContext, values: [String: String], errors: [FieldError] = []) throws
        -> Response
    {
        let page = SettingsPage(
            ceiling: TextFieldView(
                "weightedCeiling", label: "Weighted caseload ceiling, full time",
                value: values["weightedCeiling"] ?? "", errors: errors,
                hint:
                    "Each person counts 1, 1.5 or 2 by complexity. 60 unless you choose another; part-time workers pro rata.",
                widthClass: "input--width-4", spellcheck: false),
            supervisionWeeks: TextFieldView(
                "clinicalSupervisionWeeks", label: "Clinical supervision at least every (weeks)",
                value: values["clinicalSupervisionWeeks"] ?? "", errors: errors, hint: "4 is monthly.",
                widthClass: "input--width-4",
                spellcheck: false),
            support: TextAreaView(
                "supportOptions", label: "Support options for link workers", value: values["supportOptions"] ?? "",
                errors: errors,
                hint:
                    "One a line, such as \u{201C}Employee assistance programme: 0800 000 0000\u{201D}. Shown on every worker's wellbeing page.",
                rows: 5))
        return try pages.render(
            "team-settings",
            chrome: pages.chrome("Team settings", for: context, path: "/team/capacity", errors: errors), page: page,
            status: errors.isEmpty ? .ok : .unprocessableContent)
    }
}
