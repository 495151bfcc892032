import Foundation
import Hummingbird
import LinkwellDomain
import LinkwellServices
import LinkwellStore

/// One audit event as a row of a table.
struct AuditRow: Sendable {
    let time: String
    let machineTime: String
    let action: String
    let actor: String
    let organisation: String
    let detail: String
    let clientAddress: String
    let targetHref: String?
    let targetLabel: String

    init(_ event: AuditEvent, organisationNames: [OrganisationID: String], format: DisplayFormat) {
        let entry = event.entry
        time = format.compactDateTime(entry.occurredAt)
        machineTime = format.machine(entry.occurredAt)
        action = entry.action.label
        actor = entry.actorLabel.isEmpty ? "Nobody signed in" : entry.actorLabel
        organisation = entry.organisationID.flatMap { organisationNames[$0] } ?? "—"
        let listed = entry.people.count
        detail = entry.detail + (listed == 0 ? "" : " (\(listed == 1 ? "1 person" : "\(listed) people"))")
        clientAddress = entry.clientAddress ?? "—"
        switch (entry.target?.type, entry.organisationID) {
        case ("organisation", _):
            targetHref = entry.target.map { "/admin/organisations/\($0.id)" }
            targetLabel = "Organisation"
        case ("user", let organisation?):
            targetHref = entry.target.map { "/admin/organisations/\(organisation)/users/\($0.id)" }
            targetLabel = "User"
        case ("practice", let organisation?):
            targetHref = entry.target.map { "/admin/organisations/\(organisation)/practices/\($0.id)/edit" }
            targetLabel = "Practice"
        case ("person", _), ("referral", _), ("connection", _), ("directory_service", _):
            // Named by kind and a short reference: never by name.
            targetHref = nil
            targetLabel =
                "\(entry.target?.type.replacingOccurrences(of: "_", with: " ").capitalized ?? "") \(entry.target?.id.prefix(8) ?? "")"
        default:
            targetHref = nil
            targetLabel = ""
        }
    }
}

/// The audit log, for administrators: what happened, filtered, newest first,
/// and a check that nobody has edited it.
struct AuditController {
    /// The use cases these pages use, and no others.
    struct Services: Sendable {
        let administration: AdministrationService
        let audit: AuditService

        init(_ all: AppServices) {
            administration = all.administration
            audit = all.audit
        }
    }

    let services: Services
    let pages: PageRenderer

    struct AuditPage: Sendable {
        struct PageLink: Sendable {
            let href: String
        }
        let rows: [AuditRow]
        let hasRows: Bool
        let organisation: String
        let action: SelectView
        let total: Int
        let pageNumber: Int
        let pageCount: Int
        let previous: PageLink?
        let next: PageLink?
        let verdict: String?
        let verdictIsGood: Bool
    }

    func addRoutes(to group: RouterGroup<AdministratorContext>) {
        group.get("/audit") { request, context in
            try await render(request, context, verdict: nil)
        }

        group.post("/audit/verify") { request, context in
            let verdict = try await services.audit.verifyChain(context.acting)
            return try await render(request, context, verdict: verdict)
        }
    }

    private func render(_ request: Request, _ context: AdministratorContext, verdict: AuditChain.Verdict?) async throws
        -> Response
    {
        let query = QueryString(request.uri.query)
        let actionFilter = query["action"].flatMap { AuditAction(rawValue: $0) }
        let pageRequest = try QueryString(request.uri.query).page(size: 50)
        let organisations = try await services.administration.organisations(context.acting)
        let names = Dictionary(uniqueKeysWithValues: organisations.map { ($0.id, $0.name) })
        let page = try await services.audit.events(
            matching: AuditQuery(action: actionFilter),
            page: pageRequest, context.acting)

        func link(toPage number: Int) -> AuditPage.PageLink {
            var items: [String] = []
            if let actionFilter { items.append("action=\(actionFilter.rawValue)") }
            items.append("page=\(number)")
            return AuditPage.PageLink(href: "/admin/audit?" + items.joined(separator: "&"))
        }

        var verdictText: String?
        var verdictIsGood = false
        switch verdict {
        case .intact(let count)?:
            verdictText =
                "The audit log is intact: all \(count) events check out, and none has been changed or removed since it was written."
            verdictIsGood = true
        case .broken(_, let brokenAt, let brokenCount)?:
            let listed = brokenAt.prefix(20).map(String.init).joined(separator: ", ")
            let more = brokenCount > min(brokenAt.count, 20) ? " and \(brokenCount - min(brokenAt.count, 20)) more" : ""
            let events =
                brokenCount == 1 ? "event number \(listed) does" : "\(brokenCount) events (numbers \(listed)\(more)) do"
            verdictText =
                "The audit log has been tampered with: \(events) not match the chain. Keep a copy of the database and report this as a security incident."
        case nil:
            break
        }

        let model = AuditPage(
            rows: page.items.map { AuditRow($0, organisationNames: names, format: pages.format) },
            hasRows: !page.items.isEmpty,
            organisation: names[context.acting.organisationID] ?? "",
            action: SelectView(
                "action", label: "What happened", selected: actionFilter?.rawValue ?? "",
                options: [("", "Anything")] + AuditAction.allCases.map { ($0.rawValue, $0.label) }, errors: []),
            total: page.totalItems, pageNumber: page.request.number, pageCount: page.totalPages,
            previous: page.hasPrevious ? link(toPage: page.request.number - 1) : nil,
            next: page.hasNext ? link(toPage: page.request.number + 1) : nil,
            verdict: verdictText, verdictIsGood: verdictIsGood)
        return try pages.render(
            "admin-audit", chrome: pages.chrome("Audit log", for: context.signedIn, path: "/admin/audit"), page: model)
    }
}
