import LinkwellDomain

/// What the layout shows around every page: the title, who is signed in, the
/// navigation for their role, the anti-forgery token for forms, a one-off
/// message, and the summary of any errors in the form below.
struct Chrome: Sendable {
    struct UserBadge: Sendable {
        let name: String
        let roleLabel: String
    }

    struct NavItem: Sendable {
        let label: String
        let href: String
        let current: Bool
    }

    struct ErrorLink: Sendable {
        let fieldID: String
        let message: String
    }

    let documentTitle: String
    let user: UserBadge?
    let navigation: [NavItem]
    let hasNavigation: Bool
    let csrfToken: String
    let flash: String?
    let errors: [ErrorLink]
    let hasErrors: Bool
    let isDemo: Bool
    /// False on a page handed to the person to answer: no links anywhere,
    /// not even home, so nothing else of Linkwell is one tap away.
    var linksHome = true

    init(
        title: String, user: User?, path: String, csrfToken: String, flash: String?, errors: [FieldError] = [],
        isDemo: Bool
    ) {
        documentTitle = (errors.isEmpty ? "" : "Error: ") + title + " – Linkwell"
        self.user = user.map { UserBadge(name: $0.name, roleLabel: $0.role.label) }
        let items = user.map { Self.navigation(for: $0.role) } ?? []
        navigation = items.map { item in
            NavItem(
                label: item.label, href: item.href, current: item.href == "/" ? path == "/" : path.hasPrefix(item.href))
        }
        hasNavigation = navigation.count > 1
        self.csrfToken = csrfToken
        self.flash = flash
        // The summary links each message to its field; a field's element ID is its name.
        var seen = Set<String>()
        self.errors = errors.filter { seen.insert($0.field + $0.message).inserted }.map {
            ErrorLink(fieldID: $0.field, message: $0.message)
        }
        hasErrors = !errors.isEmpty
        self.isDemo = isDemo
    }

    /// The sections of Linkwell each role works in. Capabilities added by later
    /// work (casework, the directory, reports) add their entries here.
    static func navigation(for role: Role) -> [(label: String, href: String)] {
        switch role {
        case .administrator:
            [
                ("Home", "/"), ("Organisations", "/admin/organisations"), ("Needs list", "/admin/needs"),
                ("Instruments", "/admin/instruments"),
                ("Directory", "/directory"),
                ("Audit log", "/admin/audit"), ("Team wellbeing", "/team/wellbeing"),
            ]
        case .linkWorker:
            [
                ("Caseload", "/"), ("Inbox", "/inbox"), ("Directory", "/directory"), ("Refer someone", "/refer"),
                ("Notices", "/notices"),
                ("Supervision", "/supervision"), ("Training", "/training"), ("Wellbeing", "/wellbeing"),
            ]
        case .manager:
            [
                ("Team", "/"), ("Capacity", "/team/capacity"), ("Inbox", "/inbox"), ("Directory", "/directory"),
                ("Refer someone", "/refer"), ("Supervision", "/supervision"), ("Training", "/team/training"),
                ("Wellbeing", "/wellbeing"),
            ]
        case .referrer:
            [("Your referrals", "/"), ("Refer someone", "/refer"), ("Directory", "/directory")]
        case .provider:
            [("Home", "/"), ("Directory", "/directory"), ("Notices", "/notices")]
        }
    }
}
