/// What a user does in Linkwell; decides their home page and what they may see.
/// See DESIGN.md, "Who uses it, and for what".
public enum Role: String, Sendable, CaseIterable, Codable {
    case linkWorker = "link_worker"
    case referrer = "referrer"
    case provider = "provider"
    case manager = "manager"
    case administrator = "admin"

    public var label: String {
        switch self {
        case .linkWorker: "Link worker"
        case .referrer: "Referrer"
        case .provider: "Community provider"
        case .manager: "Manager"
        case .administrator: "Administrator"
        }
    }

    /// One line on what the role is for, shown where roles are chosen.
    public var summary: String {
        switch self {
        case .linkWorker: "Works with people referred: casework, plans, connections, outcomes"
        case .referrer: "Refers people and sees what happened to their referrals"
        case .provider: "Keeps its services up to date and answers referrals sent to it"
        case .manager: "Sees the team's caseloads, waiting times and outcomes"
        case .administrator: "Manages organisations, practices and user accounts"
        }
    }
}
