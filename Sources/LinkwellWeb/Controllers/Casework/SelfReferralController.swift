import Foundation
import Hummingbird
import LinkwellDomain
import LinkwellServices

/// The public self-referral form, for organisations that open one. No sign-in;
/// spam is kept down without third-party CAPTCHAs: a honeypot field people
/// never see, and a limit on referrals per client address per hour.
struct SelfReferralController {
    /// The use cases these pages use, and no others.
    struct Services: Sendable {
        let needs: NeedsService
        let referrals: ReferralService

        init(_ all: AppServices) {
            needs = all.needs
            referrals = all.referrals
        }
    }

    let services: Services
    let pages: PageRenderer
    let cookies: CookieNames

    struct FormPage: Sendable {
        let action: String
        let organisation: String
        let fields: ReferralFieldsView
    }

    struct MessagePage: Sendable {
        let heading: String
        let message: String
        let organisation: String
    }

    func addRoutes(to group: RouterGroup<AppRequestContext>) {
        group.get("/self-referral/:organisation") { _, context in
            let organisation = try await openOrganisation(context)
            var form = ReferralForm()
            form.consentGivenBy = Consent.GivenBy.person.rawValue
            return try await render(context, organisation, form: form)
        }

        group.post("/self-referral/:organisation") { _, context in
            let organisation = try await openOrganisation(context)
            let form = ReferralForm(form: context.form)
            do {
                let outcome = try await services.referrals.selfRefer(
                    form, to: organisation.id, honeypot: context.form["website"], clientAddress: context.clientAddress)
                switch outcome {
                case .received:
                    return try message(
                        context, organisation, heading: "Thank you: your referral has been sent",
                        text:
                            "A link worker from \(organisation.name) will contact you, usually within two weeks, in the way you asked. If you need help sooner, speak to your GP practice."
                    )
                case .tooMany:
                    return try message(
                        context, organisation, heading: "Too many referrals from your connection",
                        text:
                            "For safety we limit how many referrals can be sent from one place in an hour. Please try again later, or ask your GP practice to refer you.",
                        status: .tooManyRequests)
                }
            } catch ServiceError.invalid(let failure) {
                return try await render(context, organisation, form: form, errors: failure.errors)
            }
        }
    }

    private func openOrganisation(_ context: AppRequestContext) async throws -> Organisation {
        guard let text = context.parameters.get("organisation"), let id = OrganisationID(text),
            let organisation = try await services.referrals.selfReferralService(id)
        else { throw ServiceError.notFound }
        return organisation
    }

    private func render(
        _ context: AppRequestContext, _ organisation: Organisation, form: ReferralForm, errors: [FieldError] = []
    )
        async throws -> Response
    {
        let needs = try await services.needs.all()
        let token = context.preAuthToken ?? SecureToken.generate()
        let page = FormPage(
            action: "/self-referral/\(organisation.id)", organisation: organisation.name,
            fields: ReferralFieldsView(form, needs: needs, practices: [], errors: errors, selfReferral: true))
        let chrome = Chrome(
            title: "Refer yourself to \(organisation.name)", user: nil, path: "/self-referral", csrfToken: token,
            flash: nil,
            errors: errors, isDemo: pages.isDemo)
        var response = try pages.render(
            "self-referral", chrome: chrome, page: page, status: errors.isEmpty ? .ok : .unprocessableContent)
        if context.preAuthToken == nil { response.setCookie(cookies.preAuthCookie(token)) }
        return response
    }

    private func message(
        _ context: AppRequestContext, _ organisation: Organisation, heading: String, text: String,
        status: HTTPResponse.Status = .ok
    ) throws -> Response {
        let chrome = Chrome(
            title: heading, user: nil, path: "/self-referral", csrfToken: "", flash: nil, isDemo: pages.isDemo)
        return try pages.render(
            "self-referral-done", chrome: chrome,
            page: MessagePage(heading: heading, message: text, organisation: organisation.name),
            status: status)
    }
}

/// The needs list, for administrators.
struct NeedsController {
    /// The use cases these pages use, and no others.
    struct Services: Sendable {
        let needs: NeedsService

        init(_ all: AppServices) {
            needs = all.needs
        }
    }

    let services: Services
    let pages: PageRenderer
    let cookies: CookieNames

    struct NeedsPage: Sendable {
        struct Row: Sendable {
            let code: String
            let label: String
            let position: Int
            let isActive: Bool
        }
        let rows: [Row]
        let label: TextFieldView
        let position: TextFieldView
    }

    func addRoutes(to group: RouterGroup<AdministratorContext>) {
        group.get("/needs") { _, context in
            try await render(context)
        }

        group.post("/needs") { _, context in
            let form = context.form
            let code = form["code"].isEmpty ? nil : form["code"]
            do {
                try await services.needs.save(
                    code: code, label: form["label"], position: form["position"],
                    isActive: code == nil || form.has("isActive"),
                    context.acting)
                return Response.seeOther("/admin/needs", flash: .needSaved, cookies: cookies)
            } catch ServiceError.invalid(let failure) {
                return try await render(context, errors: failure.errors, values: code == nil ? form : FormData())
            }
        }
    }

    private func render(_ context: AdministratorContext, errors: [FieldError] = [], values: FormData = FormData())
        async throws -> Response
    {
        let needs = try await services.needs.all()
        let page = NeedsPage(
            rows: needs.map {
                NeedsPage.Row(code: $0.code, label: $0.label, position: $0.position, isActive: $0.isActive)
            },
            label: TextFieldView("label", label: "Name", value: values["label"], errors: errors),
            position: TextFieldView(
                "position", label: "Position in the list",
                value: values["position"].isEmpty ? String((needs.map(\.position).max() ?? 0) + 1) : values["position"],
                errors: errors, widthClass: "input--width-4"))
        return try pages.render(
            "admin-needs",
            chrome: pages.chrome("Needs list", for: context.signedIn, path: "/admin/needs", errors: errors), page: page,
            status: errors.isEmpty ? .ok : .unprocessableContent)
    }
}
