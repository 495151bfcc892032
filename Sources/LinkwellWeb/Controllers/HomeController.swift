import Foundation
import Hummingbird
import LinkwellDomain
import LinkwellServices
import LinkwellStore

/// Each role's home page: where a person lands after signing in, showing
/// what needs their attention, or (when there is nothing yet) what to do next.
struct HomeController {
    /// The use cases these pages use, and no others.
    struct Services: Sendable {
        let administration: AdministrationService
        let capacity: CapacityService
        let cases: CaseService
        let connections: ConnectionService
        let directory: DirectoryService
        let referrals: ReferralService
        let supervision: SupervisionService
        let team: TeamService
        let clock: any WallClock
        let timeZone: TimeZone

        init(_ all: AppServices) {
            administration = all.administration
            capacity = all.capacity
            cases = all.cases
            connections = all.connections
            directory = all.directory
            referrals = all.referrals
            supervision = all.supervision
            team = all.team
            clock = all.clock
            timeZone = all.timeZone
        }

        /// Today in the deployment's time zone.
        var today: CalendarDate { CalendarDate(clock.now(), in: timeZone) }
    }

    let services: Services
    let pages: PageRenderer

    struct LinkWorkerHome: Sendable {
        struct Row: Sendable {
            let name: String
            let href: String
            let contactHref: String
            let status: String
            let statusClass: String
            let lastContact: String
            let nextAction: String
            let due: String
            let dueDate: String
            let isOverdue: Bool
            let isDueToday: Bool
            let daysSinceReferral: String
            let review: String
            let flagged: Bool
            /// "Baseline measure due", when due within a week or overdue.
            let measure: String?
            let measureOverdue: Bool
            /// "Complexity: raised (7 points)" (`Complexity`).
            let complexity: String?
        }
        let greeting: String
        let today: String
        let organisation: String
        let due: [Row]
        let hasDue: Bool
        let later: [Row]
        let hasLater: Bool
        let total: Int
        let inboxCount: Int
        let hasInbox: Bool
        let newNotices: Int
        let hasNewNotices: Bool
        /// Their own load against their capacity.
        let load: LoadView
    }

    struct ReferrerHome: Sendable {
        struct Row: Sendable {
            let name: String
            let service: String
            let received: String
            let stage: String
            let stageClass: String
            let connected: String?
            let discharge: String?
            let outcomes: [String]
        }
        let greeting: String
        let workplace: String
        let rows: [Row]
        let hasRows: Bool
        let total: Int
        let shown: Int
        /// Only the newest are listed: say so.
        let isPartial: Bool
    }

    /// One thing sent to a provider, on its home page.
    struct SentRow: Sendable {
        let person: String
        let href: String
        let service: String
        let kind: String
        let sent: String
        let status: String
        let statusClass: String
        let respondBy: String?
    }

    struct ProviderHome: Sendable {
        struct Service: Sendable {
            let name: String
            let href: String
            let reviewed: String
            let reviewDue: Bool
        }
        let greeting: String
        let organisation: String
        let sent: [SentRow]
        let hasSent: Bool
        let waiting: Int
        let hasWaiting: Bool
        let previous: String?
        let next: String?
        let services: [Service]
        let hasServices: Bool
        let serviceCount: Int
        let reviewDueCount: Int
    }

    struct ManagerHome: Sendable {
        struct Member: Sendable {
            let name: String
            let email: String
            let lastSignIn: String
            let caseload: Int
            let overdue: Int
            /// When clinical supervision is due: a fact, never a note.
            let supervision: String
            let supervisionOverdue: Bool
        }

        let greeting: String
        let organisation: String
        let team: [Member]
        let hasTeam: Bool
        let inboxCount: Int
        /// Link workers over capacity at the end of each of the last two weeks.
        let overCapacity: Int
        let hasOverCapacity: Bool
    }

    struct AdministratorHome: Sendable {
        let greeting: String
        let organisationCount: Int
        let accountCount: Int
        /// A deployment with only the first administrator: show how to begin.
        let isNewDeployment: Bool
        let rows: [AuditRow]
        let hasRecent: Bool
    }

    func addRoutes(to group: RouterGroup<SignedInContext>) {
        group.get("/") { request, context in
            let acting = context.acting
            let greeting = greeting(for: context.user)
            switch context.user.role {
            case .linkWorker:
                let organisation = try await services.team.ownOrganisation(acting)
                let load = try await services.capacity.mine(acting)
                let rows = try await services.cases.caseload(acting).map {
                    caseloadRow($0, complexity: load.complexity)
                }
                let inbox = try await services.referrals.inboxCount(acting)
                let notices = try await services.connections.unreadNotices(acting)
                let due = rows.filter { $0.isOverdue || $0.isDueToday }
                let later = rows.filter { !($0.isOverdue || $0.isDueToday) }
                return try pages.render(
                    "home-link-worker", chrome: pages.chrome("Your caseload", for: context, path: "/"),
                    page: LinkWorkerHome(
                        greeting: greeting, today: pages.format.date(services.clock.now()),
                        organisation: organisation.name,
                        due: due, hasDue: !due.isEmpty, later: later, hasLater: !later.isEmpty, total: rows.count,
                        inboxCount: inbox,
                        hasInbox: inbox > 0, newNotices: notices, hasNewNotices: notices > 0, load: LoadView(load)))
            case .referrer:
                let organisation = try await services.team.ownOrganisation(acting)
                let practice = try await services.team.ownPractice(acting)
                let made = try await services.connections.referralsMade(acting)
                let rows = made.items.map(referrerRow)
                return try pages.render(
                    "home-referrer", chrome: pages.chrome("Your referrals", for: context, path: "/"),
                    page: ReferrerHome(
                        greeting: greeting, workplace: practice?.name ?? organisation.name, rows: rows,
                        hasRows: !rows.isEmpty,
                        total: made.totalItems, shown: rows.count, isPartial: made.totalItems > rows.count))
            case .provider:
                let organisation = try await services.team.ownOrganisation(acting)
                let kept = try await services.directory.maintained(acting, page: PageRequest(size: 100))
                let entries = kept.items.map { entry in
                    ProviderHome.Service(
                        name: entry.service.name, href: "/directory/services/\(entry.service.id)",
                        reviewed: CalendarDate(entry.reviewedAt, in: services.timeZone).longText,
                        reviewDue: services.directory.isReviewDue(entry))
                }
                let page = try QueryString(request.uri.query).page(size: 25)
                let (sent, waiting) = try await services.connections.sentToProvider(acting, page: page)
                let rows = sent.items.map { connection in
                    SentRow(
                        person: connection.shared.name ?? "Name not shared",
                        href: "/provider/connections/\(connection.id)",
                        service: connection.service.name, kind: connection.kind.label,
                        sent: pages.format.date(connection.referredAt ?? connection.createdAt),
                        status: connection.status.label, statusClass: ConnectionView.statusClass(connection.status),
                        respondBy: connection.awaitsAnswer ? connection.respondBy.map(pages.format.date) : nil)
                }
                return try pages.render(
                    "home-provider", chrome: pages.chrome("Referrals to your services", for: context, path: "/"),
                    page: ProviderHome(
                        greeting: greeting, organisation: organisation.name, sent: rows, hasSent: !rows.isEmpty,
                        waiting: waiting, hasWaiting: waiting > 0,
                        previous: sent.hasPrevious ? "/?page=\(sent.request.number - 1)" : nil,
                        next: sent.hasNext ? "/?page=\(sent.request.number + 1)" : nil, services: entries,
                        hasServices: !entries.isEmpty,
                        serviceCount: kept.totalItems, reviewDueCount: entries.filter(\.reviewDue).count))
            case .manager:
                let organisation = try await services.team.ownOrganisation(acting)
                var team: [ManagerHome.Member] = []
                let supervision = try await services.supervision.teamDue(acting)
                for worker in try await services.team.linkWorkers(acting) {
                    let due = supervision[worker.id]
                    let caseload = try await services.cases.caseloadCounts(of: worker.id, acting)
                    team.append(
                        ManagerHome.Member(
                            name: worker.name, email: worker.email.value,
                            lastSignIn: worker.lastSignInAt.map(pages.format.dateTime) ?? "Not yet",
                            caseload: caseload.total, overdue: caseload.overdue,
                            supervision: due.map {
                                $0 < services.today ? "Overdue since \($0.shortText)" : "Due by \($0.shortText)"
                            } ?? "—",
                            supervisionOverdue: due.map { $0 < services.today } ?? false))
                }
                let inbox = try await services.referrals.inboxCount(acting)
                let overCapacity = try await services.capacity.assignmentOrder(acting).filter(\.workload.warns).count
                return try pages.render(
                    "home-manager", chrome: pages.chrome("Your team", for: context, path: "/"),
                    page: ManagerHome(
                        greeting: greeting, organisation: organisation.name, team: team, hasTeam: !team.isEmpty,
                        inboxCount: inbox,
                        overCapacity: overCapacity, hasOverCapacity: overCapacity > 0))
            case .administrator:
                let dashboard = try await services.administration.dashboard(acting)
                let names = Dictionary(uniqueKeysWithValues: dashboard.organisations.map { ($0.id, $0.name) })
                let recent = dashboard.recentEvents.map { AuditRow($0, organisationNames: names, format: pages.format) }
                return try pages.render(
                    "home-admin", chrome: pages.chrome("Administration", for: context, path: "/"),
                    page: AdministratorHome(
                        greeting: greeting, organisationCount: dashboard.organisations.count,
                        accountCount: dashboard.accountCount,
                        isNewDeployment: dashboard.organisations.count <= 1 && dashboard.accountCount <= 1,
                        rows: recent, hasRecent: !recent.isEmpty))
            }
        }
    }

    func caseloadRow(_ entry: CaseService.CaseloadEntry, complexity: [ReferralID: Complexity]) -> LinkWorkerHome.Row {
        let referral = entry.row.referral
        let person = entry.row.person
        return LinkWorkerHome.Row(
            name: person.name, href: "/people/\(person.id)", contactHref: "/referrals/\(referral.id)/contacts/new",
            status: referral.status.label, statusClass: CaseworkText.statusClass(referral.status),
            lastContact: entry.row.lastContact?.shortText ?? "None yet", nextAction: entry.nextAction.description,
            due: CaseworkText.due(entry.daysUntilDue), dueDate: entry.nextAction.due.shortText,
            isOverdue: entry.daysUntilDue < 0, isDueToday: entry.daysUntilDue == 0,
            daysSinceReferral: CaseworkText.days(entry.daysSinceReferral),
            review: entry.row.plan?.reviewOn?.shortText ?? "—",
            flagged: person.details.riskFlag != nil || person.details.safeguardingFlag != nil,
            measure: Self.measure(entry.outcomeDue, today: services.today),
            measureOverdue: entry.outcomeDue.map { $0.date < services.today } ?? false,
            complexity: LoadView.complexity(complexity[referral.id]))
    }

    /// "Baseline measure overdue (since 3 March)", "Follow-up measure due 12 May":
    /// only when due within a week, or overdue.
    static func measure(_ due: OutcomeSchedule.Due?, today: CalendarDate) -> String? {
        guard let due, today.days(until: due.date) <= 7 else { return nil }
        let what: String =
            switch due {
            case .baseline: "Baseline outcome measure"
            case .followUp: "Follow-up outcome measure"
            }
        return due.date < today ? "\(what) overdue (since \(due.date.shortText))" : "\(what) due \(due.date.shortText)"
    }

    func referrerRow(_ made: ConnectionService.MadeReferral) -> ReferrerHome.Row {
        let progress = made.progress
        let stage: String
        switch progress.status {
        case .received: stage = "Received"
        case .accepted: stage = "Accepted"
        case .active: stage = progress.connectedServices > 0 ? "Connected" : "Being supported"
        case .discharged: stage = "Discharged"
        case .declined: stage = "Declined by the person"
        case .redirected: stage = "Redirected"
        case .withdrawn: stage = "Withdrawn"
        }
        let connected =
            progress.connectedServices == 0
            ? nil
            : "Connected to \(progress.connectedServices) \(progress.connectedServices == 1 ? "service" : "services")"
        let discharge =
            progress.status == .discharged
            ? [progress.dischargeReason?.label, progress.dischargeSummary].compactMap { $0 }.joined(separator: ": ")
            : nil
        return ReferrerHome.Row(
            name: progress.personName, service: progress.receivingOrganisation,
            received: pages.format.date(progress.receivedAt),
            stage: stage, stageClass: CaseworkText.statusClass(progress.status), connected: connected,
            discharge: discharge?.isEmpty == true ? nil : discharge, outcomes: made.outcomes)
    }

    /// "Good morning, Priya": by the hour where the deployment is, and the first name.
    func greeting(for user: User) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = pages.format.timeZone
        let hour = calendar.component(.hour, from: services.clock.now())
        let part = hour < 12 ? "Good morning" : hour < 18 ? "Good afternoon" : "Good evening"
        let titles: Set<String> = ["dr", "dr.", "nurse", "mr", "mrs", "ms", "miss", "mx", "prof", "prof."]
        let words = user.name.split(separator: " ")
        let first = words.first { !titles.contains($0.lowercased()) } ?? words.first ?? ""
        return "\(part), \(first)"
    }
}
