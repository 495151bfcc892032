import Foundation
import Hummingbird
import LinkwellDomain
import LinkwellServices

/// Recording outcome measures: in a form by the link worker, or handed to the
/// person, who answers one question at a time and sees nothing else.
struct OutcomesController {
    /// The use cases these pages use, and no others.
    struct Services: Sendable {
        let authentication: AuthenticationService
        let cases: CaseService
        let outcomes: OutcomeService

        init(_ all: AppServices) {
            authentication = all.authentication
            cases = all.cases
            outcomes = all.outcomes
        }
    }

    let services: Services
    let pages: PageRenderer
    let cookies: CookieNames

    struct Choice: Sendable {
        let title: String
        let href: String?
        let note: String?
    }

    struct Question: Sendable {
        let number: Int
        let radios: RadioGroupView
    }

    struct FormPage: Sendable {
        let personID: String
        let knownAs: String
        let choices: [Choice]
        let chosen: Bool
        let instrumentID: String
        let title: String
        let licence: String
        let introduction: String?
        let occasion: RadioGroupView
        let occasionValue: String
        let questions: [Question]
        let handOverHref: String
        let conflict: String?
    }

    struct HandOverPage: Sendable {
        struct Carried: Sendable {
            let name: String
            let value: String
        }
        let action: String
        let instrumentID: String
        let occasion: String
        let title: String
        let introduction: String?
        let isStart: Bool
        /// The question shown (1-based), and the step the form moves on to.
        let number: Int
        let next: Int
        let count: Int
        let question: RadioGroupView?
        let carried: [Carried]
        let isLast: Bool
    }

    func addRoutes(to group: RouterGroup<CaseworkerContext>) {
        group.get("/people/:person/outcomes/new") { request, context in
            let parameters = QueryString(request.uri.query)
            return try await renderForm(
                context, person: try context.identifier("person"), instrument: parameters["instrument"] ?? "",
                occasion: parameters["occasion"] ?? "", answers: [:])
        }

        group.post("/people/:person/outcomes") { _, context in
            let id: PersonID = try context.identifier("person")
            let instrument = context.form["instrument"]
            let answers = Self.answers(in: context.form)
            guard let occasion = OutcomeOccasion(rawValue: context.form["occasion"]) else {
                return try await renderForm(
                    context, person: id, instrument: instrument, occasion: "", answers: answers,
                    errors: [FieldError(field: "occasion", message: "Choose when this was taken")])
            }
            do {
                try await services.outcomes.record(
                    instrument, for: id, occasion: occasion, answers: answers, handedOver: false, context.acting)
                return Response.seeOther(
                    "/people/\(id)#outcome-\(instrument)", flash: .outcomeRecorded, cookies: cookies)
            } catch ServiceError.invalid(let failure) {
                return try await renderForm(
                    context, person: id, instrument: instrument, occasion: occasion.rawValue, answers: answers,
                    errors: failure.errors)
            } catch ServiceError.conflict(let message) {
                return try await renderForm(
                    context, person: id, instrument: instrument, occasion: occasion.rawValue, answers: answers,
                    conflict: message)
            }
        }

        // Handed over: one question a page, answers so far carried in the form
        // (nothing is stored until the last), nothing else of Linkwell shown.
        group.post("/people/:person/outcomes/hand-over") { _, context in
            let id: PersonID = try context.identifier("person")
            let instrument = try await services.outcomes.instrument(context.form["instrument"], context.acting)
            let definition = instrument.definition
            let answers = Self.answers(in: context.form)
            let occasion = OutcomeOccasion(rawValue: context.form["occasion"]) ?? .followUp
            let step = NumberText.whole(context.form["step"], in: 0...(definition.items.count + 1)) ?? 0
            // From the first hand-over page on, the session reaches this questionnaire and nothing else.
            if step == 0 { try await services.outcomes.handOver(to: id, context.acting) }
            // Past the last question: save, and hand back.
            if step > definition.items.count {
                do {
                    try await services.outcomes.record(
                        definition.id, for: id, occasion: occasion, answers: answers, handedOver: true, context.acting)
                } catch ServiceError.invalid(let failure) {
                    return try renderHandOver(
                        context, person: id, definition: definition, occasion: occasion, step: 1, answers: answers,
                        errors: failure.errors)
                }
                // Whoever holds the device now is not the link worker: the
                // session ends, and the link worker signs in again to carry on.
                try await services.authentication.signOut(context.acting)
                var response = try pages.render(
                    "outcome-hand-back", chrome: pages.focusedChrome("Thank you", for: context.signedIn),
                    page: ["backHref": "/sign-in"])
                response.setCookie(cookies.expired(cookies.session))
                return response
            }
            return try renderHandOver(
                context, person: id, definition: definition, occasion: occasion, step: step, answers: answers)
        }
    }

    /// The `item-…` fields of a form.
    static func answers(in form: FormData) -> [String: String] {
        Dictionary(
            form.names.filter { $0.hasPrefix("item-") }.map { ($0, form[$0]) }, uniquingKeysWith: { first, _ in first })
    }

    private func renderForm(
        _ context: CaseworkerContext, person id: PersonID, instrument chosen: String, occasion: String,
        answers: [String: String],
        errors: [FieldError] = [], conflict: String? = nil
    ) async throws -> Response {
        let record = try await services.cases.record(of: id, context.acting)
        let knownAs = record.person.details.knownAs
        let instruments = try await services.outcomes.instruments(context.acting)
        let choices = instruments.map { instrument in
            Choice(
                title: instrument.definition.title,
                href: instrument.isUsable
                    ? "/people/\(id)/outcomes/new?instrument=\(instrument.definition.id)"
                        + (occasion.isEmpty ? "" : "&occasion=\(occasion)") : nil,
                note: instrument.isUsable ? nil : "Needs licensed wording: an administrator can add it")
        }
        let instrument = instruments.first { $0.definition.id == chosen && $0.isUsable }
        let definition = instrument?.definition
        let hasBaseline = try await services.outcomes.outcomes(of: id, context.acting).contains {
            $0.instrument.id == chosen
        }
        let occasionChoice =
            occasion.isEmpty
            ? (hasBaseline ? OutcomeOccasion.followUp.rawValue : OutcomeOccasion.baseline.rawValue) : occasion
        let page = FormPage(
            personID: id.description, knownAs: knownAs, choices: choices, chosen: definition != nil,
            instrumentID: definition?.id ?? "", title: definition?.title ?? "", licence: definition?.licence ?? "",
            introduction: definition?.introduction,
            occasion: RadioGroupView(
                "occasion", legend: "When is this?", selected: occasionChoice,
                options: OutcomeOccasion.allCases.map { ($0.rawValue, $0.label, nil) }, errors: errors),
            occasionValue: occasionChoice,
            questions: (definition?.items ?? []).enumerated().map { number, item in
                Question(
                    number: number + 1, radios: Self.radios(item, number: number, selected: answers, errors: errors))
            },
            handOverHref: "/people/\(id)/outcomes/hand-over", conflict: conflict)
        let title =
            definition.map { "\($0.title) for \(record.person.name)" }
            ?? "Record an outcome measure for \(record.person.name)"
        return try pages.render(
            "outcome-form", chrome: pages.chrome(title, for: context.signedIn, path: "/people", errors: errors),
            page: page,
            status: conflict != nil ? .conflict : (errors.isEmpty ? .ok : .unprocessableContent))
    }

    private func renderHandOver(
        _ context: CaseworkerContext, person id: PersonID, definition: InstrumentDefinition, occasion: OutcomeOccasion,
        step: Int,
        answers: [String: String], errors: [FieldError] = []
    ) throws -> Response {
        let item = step >= 1 ? definition.items[step - 1] : nil
        let carried = answers.filter { key, _ in item.map { key != InstrumentDefinition.field($0) } ?? true }
            .sorted { $0.key < $1.key }.map { HandOverPage.Carried(name: $0.key, value: $0.value) }
        let page = HandOverPage(
            action: "/people/\(id)/outcomes/hand-over", instrumentID: definition.id, occasion: occasion.rawValue,
            title: definition.title, introduction: definition.introduction, isStart: item == nil, number: step,
            next: step + 1,
            count: definition.items.count,
            question: item.map {
                Self.radios($0, number: step - 1, selected: answers, errors: errors, legendIsHeading: true)
            },
            carried: carried, isLast: step == definition.items.count)
        return try pages.render(
            "outcome-hand-over", chrome: pages.focusedChrome(definition.title, for: context.signedIn, errors: errors),
            page: page,
            status: errors.isEmpty ? .ok : .unprocessableContent)
    }

    static func radios(
        _ item: InstrumentDefinition.Item, number: Int, selected: [String: String], errors: [FieldError],
        legendIsHeading: Bool = false
    ) -> RadioGroupView {
        RadioGroupView(
            InstrumentDefinition.field(item),
            legend: legendIsHeading ? (item.text ?? "") : "\(number + 1). \(item.text ?? "")",
            selected: selected[InstrumentDefinition.field(item)] ?? "",
            options: item.options.map { (InstrumentDefinition.format($0.value), $0.label, nil) }, errors: errors)
    }
}
