import Foundation
import Hummingbird
import LinkwellDomain
import LinkwellServices

/// The link worker's confidential wellbeing check-in, their own trend, and
/// the aggregate view for managers and administrators.
struct WellbeingController {
    /// The use cases these pages use, and no others.
    struct Services: Sendable {
        let capacity: CapacityService
        let research: ResearchExportService
        let wellbeing: WellbeingService
        let clock: any WallClock
        let timeZone: TimeZone

        init(_ all: AppServices) {
            capacity = all.capacity
            research = all.research
            wellbeing = all.wellbeing
            clock = all.clock
            timeZone = all.timeZone
        }

        /// Today in the deployment's time zone.
        var today: CalendarDate { CalendarDate(clock.now(), in: timeZone) }
    }

    let services: Services
    let pages: PageRenderer
    let cookies: CookieNames

    struct Page: Sendable {
        struct Scale: Sendable {
            let title: String
            let questions: [RadioGroupView]
        }
        struct Past: Sendable {
            let date: String
            let personal: String
            let work: String
            let client: String
            let leaving: String
            let leavingYear: String
        }
        let isDue: Bool
        let scales: [Scale]
        let leaving: RadioGroupView
        let leavingYear: RadioGroupView
        let satisfaction: RadioGroupView
        let past: [Past]
        let hasPast: Bool
        let isManager: Bool
        let support: [String]
        let hasSupport: Bool
        /// The worker's own trend, one chart a scale, once there are two check-ins.
        let charts: [Chart]
        let hasCharts: Bool
    }

    struct Chart: Sendable {
        let caption: String
        let svg: String
    }

    struct TeamPage: Sendable {
        struct Row: Sendable {
            let period: String
            let personal: String
            let work: String
            let client: String
            let leaving: String
            let satisfied: String
            let leavingYear: String
        }
        let rows: [Row]
        let minimum: Int
    }

    func addRoutes(to group: RouterGroup<SignedInContext>) {
        group.get("/wellbeing") { _, context in try await render(context, form: [:]) }

        group.post("/wellbeing") { _, context in
            let form = Dictionary(
                context.form.names.filter { $0.hasPrefix("item-") || Self.singleFields.contains($0) }.map {
                    ($0, context.form[$0])
                },
                uniquingKeysWith: { first, _ in first })
            do {
                try await services.wellbeing.checkIn(form, context.acting)
                return Response.seeOther("/wellbeing", flash: .wellbeingCheckedIn, cookies: cookies)
            } catch ServiceError.invalid(let failure) {
                return try await render(context, form: form, errors: failure.errors)
            }
        }

        group.get("/team/wellbeing") { _, context in
            let summaries = try await services.wellbeing.teamSummary(context.acting)
            let rows = summaries.map { period, summary in
                TeamPage.Row(
                    period: period, personal: Self.text(summary.personal), work: Self.text(summary.work),
                    client: Self.text(summary.client), leaving: Self.text(summary.thinkingOfLeaving, percent: true),
                    satisfied: Self.text(summary.satisfied, percent: true),
                    leavingYear: Self.text(summary.leavingWithinYear, percent: true))
            }
            return try pages.render(
                "team-wellbeing", chrome: pages.chrome("Team wellbeing", for: context, path: "/team/wellbeing"),
                page: TeamPage(rows: rows, minimum: WellbeingDisclosure.minimumGroup))
        }
        addResearchRoute(to: group)
    }

    /// The anonymised research export, as a CSV download.
    private func addResearchRoute(to group: RouterGroup<SignedInContext>) {
        group.get("/team/research.csv") { _, context in
            let rows = try await services.research.export(context.acting)
            return Response.download(
                Array(WorkforceResearchRow.csv(rows).utf8), contentType: "text/csv; charset=utf-8",
                filename: "linkwell-workforce-research-\(services.today.iso).csv")
        }
    }

    static let singleFields = [
        WellbeingCheckInAnswers.leavingField, WellbeingCheckInAnswers.leavingWithinYearField,
        WellbeingCheckInAnswers.satisfactionField,
    ]

    static func text(_ aggregate: WellbeingDisclosure.Aggregate, percent: Bool = false) -> String {
        switch aggregate {
        case .notEnoughResponses: "Not enough responses"
        case .shown(let respondents, let mean):
            percent
                ? "\(WellbeingDisclosure.shareLabel(mean, respondents: respondents)) (of \(respondents))"
                : "\(Int(mean)) (\(respondents) people)"
        }
    }

    private func render(_ context: SignedInContext, form: [String: String], errors: [FieldError] = []) async throws
        -> Response
    {
        let (mine, isDue) = try await services.wellbeing.mine(context.acting)
        let support = try await services.capacity.supportOptions(context.acting)
        let scales = services.wellbeing.scales.map { scale in
            Page.Scale(
                title: scale.title,
                questions: scale.items.enumerated().map { number, item in
                    RadioGroupView(
                        InstrumentDefinition.field(item), legend: item.text ?? "",
                        selected: form[InstrumentDefinition.field(item)] ?? "",
                        options: item.options.map { (InstrumentDefinition.format($0.value), $0.label, nil) },
                        errors: errors)
                })
        }
        func score(_ value: Double?) -> String {
            value.map { InstrumentDefinition.format(($0 * 10).rounded() / 10) } ?? "—"
        }
        let past = mine.reversed().map { checkIn in
            Page.Past(
                date: checkIn.takenOn.longText, personal: score(checkIn.personal), work: score(checkIn.work),
                client: score(checkIn.client),
                leaving: checkIn.thinksOfLeaving.map { WellbeingService.leavingOptions[$0 - 1] } ?? "—",
                leavingYear: checkIn.likelyToLeaveWithinYear.map { WellbeingService.leavingOptions[$0 - 1] } ?? "—")
        }
        // Oldest first, left to right; a day a scale was left out has no point
        // (the line joins the points either side).
        let scaleNames: [(id: String, title: String, score: (WellbeingCheckIn) -> Double?)] = [
            ("personal", "Personal burnout", \.personal), ("work", "Work-related burnout", \.work),
            ("client", "Burnout with the people you support", \.client),
        ]
        let charts: [Chart] =
            mine.count < 2
            ? []
            : scaleNames.compactMap { scale -> Chart? in
                let values = mine.map(scale.score)
                guard values.compactMap({ $0 }).count >= 2 else { return nil }
                return Chart(
                    caption: "\(scale.title), 0 to 100: lower is better",
                    svg: OutcomeChart.svg(
                        id: "trend-\(scale.id)", title: scale.title,
                        values: values.map { $0.map { ($0 * 10).rounded() / 10 } },
                        dates: mine.map(\.takenOn.shortText), range: 0...100, higherIsBetter: false))
            }
        let page = Page(
            isDue: isDue, scales: scales,
            leaving: RadioGroupView(
                WellbeingCheckInAnswers.leavingField, legend: "I often think about leaving this organisation",
                selected: form[WellbeingCheckInAnswers.leavingField] ?? "",
                options: WellbeingService.leavingOptions.enumerated().map { (String($0.offset + 1), $0.element, nil) },
                errors: errors),
            leavingYear: RadioGroupView(
                WellbeingCheckInAnswers.leavingWithinYearField,
                legend: "I am likely to leave this job within the next year",
                selected: form[WellbeingCheckInAnswers.leavingWithinYearField] ?? "",
                options: WellbeingService.leavingOptions.enumerated().map { (String($0.offset + 1), $0.element, nil) },
                errors: errors),
            satisfaction: RadioGroupView(
                WellbeingCheckInAnswers.satisfactionField,
                legend: "All things considered, how satisfied are you with your job?",
                selected: form[WellbeingCheckInAnswers.satisfactionField] ?? "",
                options: WellbeingService.satisfactionOptions.enumerated().map {
                    (String($0.offset + 1), $0.element, nil)
                }, errors: errors),
            past: past, hasPast: !past.isEmpty, isManager: context.user.role == .manager,
            support: support, hasSupport: !support.isEmpty, charts: charts, hasCharts: !charts.isEmpty)
        return try pages.render(
            "wellbeing", chrome: pages.chrome("Your wellbeing", for: context, path: "/wellbeing", errors: errors),
            page: page,
            status: errors.isEmpty ? .ok : .unprocessableContent)
    }
}
