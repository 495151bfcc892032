import Foundation
import Hummingbird
import LinkwellDomain
import LinkwellServices

/// A link worker's supervision: when clinical supervision is next due, the
/// sessions they have had (their reflective notes, theirs alone), and
/// recording one.
struct SupervisionController {
    /// The use cases these pages use, and no others.
    struct Services: Sendable {
        let supervision: SupervisionService
        let clock: any WallClock
        let timeZone: TimeZone

        init(_ all: AppServices) {
            supervision = all.supervision
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
        struct Row: Sendable {
            let date: String
            let kind: String
            let supervisor: String
            let minutes: String
            let note: String?
            let shared: Bool
        }
        /// A session the signed-in user gave as supervisor.
        struct Given: Sendable {
            let date: String
            let kind: String
            let supervisee: String
            let minutes: String
            /// Only when the supervisee shared it. (A nil here must not find a
            /// field of the same name on the page: hence not `note`.)
            let sharedNote: String?
        }
        let due: String
        let isOverdue: Bool
        let rows: [Row]
        let hasRows: Bool
        let given: [Given]
        let hasGiven: Bool
        let kind: RadioGroupView
        let supervisorID: SelectView
        let supervisorName: TextFieldView
        let date: DateFieldView
        let minutes: TextFieldView
        /// Not `note`: a session row without a note would find this field instead.
        let noteField: TextAreaView
        let share: Bool
        let shareError: String?
    }

    func addRoutes(to group: RouterGroup<SignedInContext>) {
        group.get("/supervision") { _, context in try await render(context, form: SupervisionForm()) }

        group.post("/supervision") { _, context in
            var form = SupervisionForm()
            form.kind = context.form["kind"]
            form.supervisorID = context.form["supervisorID"]
            form.supervisorName = context.form["supervisorName"]
            form.day = context.form["day"]
            form.month = context.form["month"]
            form.year = context.form["year"]
            form.minutes = context.form["minutes"]
            form.note = context.form["note"]
            form.share = context.form.has("share")
            do {
                try await services.supervision.record(form, context.acting)
                return Response.seeOther("/supervision", flash: .supervisionRecorded, cookies: cookies)
            } catch ServiceError.invalid(let failure) {
                return try await render(context, form: form, errors: failure.errors)
            }
        }
    }

    private func render(_ context: SignedInContext, form: SupervisionForm, errors: [FieldError] = []) async throws
        -> Response
    {
        let (sessions, due) = try await services.supervision.mine(context.acting)
        let colleagues = try await services.supervision.colleagues(context.acting)
        let names = Dictionary(colleagues.map { ($0.id, $0.name) }, uniquingKeysWith: { first, _ in first })
        let given = try await services.supervision.given(context.acting).map {
            Page.Given(
                date: $0.heldOn.longText, kind: $0.kind.label,
                supervisee: names[$0.superviseeID] ?? "A former colleague",
                minutes: CaseworkText.duration(minutes: $0.durationMinutes),
                sharedNote: ($0.note ?? "").isEmpty ? nil : $0.note)
        }
        let today = services.today
        let page = Page(
            due: due <= today
                ? (due < today
                    ? "Clinical supervision is overdue (due \(due.longText))." : "Clinical supervision is due today.")
                : "Clinical supervision is next due by \(due.longText).",
            isOverdue: due < today,
            rows: sessions.reversed().map {
                Page.Row(
                    date: $0.heldOn.longText, kind: $0.kind.label, supervisor: $0.supervisorName,
                    minutes: CaseworkText.duration(minutes: $0.durationMinutes),
                    note: ($0.note ?? "").isEmpty ? nil : $0.note, shared: $0.noteSharedWithSupervisor)
            },
            hasRows: !sessions.isEmpty, given: given, hasGiven: !given.isEmpty,
            kind: RadioGroupView(
                "kind", legend: "Kind of supervision", selected: form.kind,
                options: SupervisionKind.allCases.map { ($0.rawValue, $0.label, nil) }, errors: errors),
            supervisorID: SelectView(
                "supervisorID", label: "Supervisor (a colleague on Linkwell)", selected: form.supervisorID,
                options: [("", "Someone from outside: name them below")]
                    + colleagues.map { ($0.id.description, $0.name) }, errors: errors),
            supervisorName: TextFieldView(
                "supervisorName", label: "Supervisor from outside Linkwell", value: form.supervisorName, errors: errors),
            date: DateFieldView(
                legend: "Date of the session", names: ("day", "month", "year"),
                values: (form.day, form.month, form.year), errors: errors),
            minutes: TextFieldView(
                "minutes", label: "Length in minutes", value: form.minutes, errors: errors,
                widthClass: "input--width-4", spellcheck: false),
            noteField: TextAreaView(
                "note", label: "Reflective note (private)", value: form.note, errors: errors,
                hint: "Yours alone. Your manager never sees it; your supervisor only if you tick below.", rows: 4),
            share: form.share, shareError: errors.first { $0.field == "share" }?.message)
        return try pages.render(
            "supervision", chrome: pages.chrome("Supervision", for: context, path: "/supervision", errors: errors),
            page: page,
            status: errors.isEmpty ? .ok : .unprocessableContent)
    }
}
