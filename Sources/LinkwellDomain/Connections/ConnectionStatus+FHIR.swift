/// A connection's status as a FHIR R4 `Task` (code `fulfill`) carries it, in
/// the state machine of the SDOH Clinical Care implementation guide:
///
///     draft ──► requested ─┬─► accepted ──► in-progress ─┬─► completed
///                          ├─► rejected                   └─► failed
///                          └─► cancelled
///
/// (and, as FHIR's base Task allows, an accepted or in-progress task cancelled).
///
/// FHIR's `status` alone has fewer states than a connection, so `Task.businessStatus`
/// (a code in `FHIRTaskState.businessStatusSystem`) tells apart the ones that
/// share a status; together they map one to one, both ways.
public struct FHIRTaskState: Hashable, Sendable {
    public let status: String
    public let businessStatus: String?

    public static let businessStatusSystem = "https://linkwell.example.org/fhir/CodeSystem/connection-status"

    public init(status: String, businessStatus: String? = nil) {
        self.status = status
        self.businessStatus = businessStatus
    }
}

extension ConnectionStatus {
    public var fhirTask: FHIRTaskState {
        switch self {
        case .suggested: FHIRTaskState(status: "draft")
        case .referred: FHIRTaskState(status: "requested")
        case .accepted: FHIRTaskState(status: "accepted")
        case .declined: FHIRTaskState(status: "rejected")
        // Nobody answered in time, so the request was withdrawn: cancelled, as
        // the link worker's own cancelling is, told apart by business status.
        case .noResponse: FHIRTaskState(status: "cancelled", businessStatus: rawValue)
        case .cancelled: FHIRTaskState(status: "cancelled", businessStatus: rawValue)
        case .attending: FHIRTaskState(status: "in-progress")
        case .completed: FHIRTaskState(status: "completed")
        case .stoppedAttending: FHIRTaskState(status: "failed", businessStatus: rawValue)
        case .didNotAttend: FHIRTaskState(status: "failed", businessStatus: rawValue)
        }
    }

    /// The connection status a FHIR Task state stands for; nil for one that
    /// stands for none (such as `on-hold`, or `failed` without a business status).
    public init?(fhirTask state: FHIRTaskState) {
        guard let status = Self.allCases.first(where: { $0.fhirTask == state }) else { return nil }
        self = status
    }
}
