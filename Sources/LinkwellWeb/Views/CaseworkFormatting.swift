import Foundation
import LinkwellDomain

/// Small pieces of wording shared by casework pages.
enum CaseworkText {
    static func days(_ count: Int) -> String {
        count == 1 ? "1 day" : "\(count) days"
    }

    /// "Due today", "3 days overdue", "in 5 days".
    static func due(_ daysUntil: Int) -> String {
        switch daysUntil {
        case ..<(-1): "\(-daysUntil) days overdue"
        case -1: "1 day overdue"
        case 0: "Due today"
        case 1: "Due tomorrow"
        default: "In \(daysUntil) days"
        }
    }

    /// "45 minutes", "1 hour", "2 hours 10 minutes".
    static func duration(minutes: Int) -> String {
        let hours = minutes / 60
        let rest = minutes % 60
        let hourText = hours == 1 ? "1 hour" : "\(hours) hours"
        let minuteText = rest == 1 ? "1 minute" : "\(rest) minutes"
        if hours == 0 { return minuteText }
        return rest == 0 ? hourText : "\(hourText) \(minuteText)"
    }

    static func age(_ person: Person, today: CalendarDate) -> String {
        "\(person.details.dateOfBirth.age(on: today))"
    }

    static func reasons(_ codes: [String], labels: [String: String]) -> String {
        codes.map { labels[$0] ?? $0 }.joined(separator: ", ")
    }

    /// CSS modifier for a status tag.
    static func statusClass(_ status: ReferralStatus) -> String {
        switch status {
        case .received: "tag--blue"
        case .accepted, .active: "tag--green"
        case .discharged: "tag--grey"
        case .declined, .redirected, .withdrawn: "tag--grey"
        }
    }
}
