import Foundation
import LinkwellDomain
import LinkwellServices

/// One link worker's load as the caseload and the team page show it.
struct LoadView: Sendable {
    let name: String
    let people: Int
    let weighted: String
    let ceiling: String
    let newPerWeek: String
    let newCapacity: String
    let contactsPerWeek: String
    let contactHoursPerWeek: String
    let contractHours: String
    let status: String
    let statusClass: String
    let isOver: Bool
    let warns: Bool
    let hoursHref: String

    init(_ load: CapacityService.WorkerLoad) {
        let workload = load.workload
        let now = workload.now
        name = load.worker.name
        people = now.active
        weighted = Self.number(now.weighted)
        ceiling = Self.number(workload.capacity.ceiling)
        newPerWeek = Self.number(now.newPerWeek)
        newCapacity = Self.number(workload.capacity.newPeoplePerWeek)
        contactsPerWeek = Self.number(now.contactsPerWeek)
        contactHoursPerWeek = Self.number(now.hoursPerWeek)
        contractHours = Self.number(load.hours.hoursPerWeek)
        isOver = now.isOver
        warns = workload.warns
        (status, statusClass) =
            warns
            ? ("Over capacity two weeks running", "tag--red")
            : now.isOver ? ("Over capacity", "tag--orange") : ("Within capacity", "tag--green")
        hoursHref = "/team/capacity/\(load.worker.id)"
    }

    /// One decimal place, none when it is a whole number: "31.5", "60".
    static func number(_ value: Double) -> String {
        let text = String(format: "%.1f", (value * 10).rounded() / 10)
        return text.hasSuffix(".0") ? String(text.dropLast(2)) : text
    }

    /// As stored, for a form to show back: "22.25", "60" (never rounded,
    /// so saving the form unchanged changes nothing).
    static func exact(_ value: Double) -> String {
        value == value.rounded() && abs(value) < 1e15 ? String(Int(value)) : String(value)
    }

    static func complexity(_ complexity: Complexity?) -> String? {
        guard let complexity else { return nil }
        let band: String =
            switch complexity.band {
            case .standard: "standard"
            case .raised: "raised"
            case .high: "high"
            }
        return "Complexity: \(band) (\(complexity.points) \(complexity.points == 1 ? "point" : "points"))"
    }
}
