import Foundation

/// How a service answers referrals, for link workers choosing where to send
/// someone: "usually replies in 3 days · 94% accepted · 80% attended".
public struct ProviderStatistics: Hashable, Sendable {
    /// Figures are shown only once this many referrals have been answered (or
    /// gone unanswered): fewer says nothing reliable, and could point at people.
    public static let minimumAnswered = 5

    /// One referral or introduction sent to the service, as far as it got.
    public struct Outcome: Hashable, Sendable {
        public let referredAt: Date
        public let answeredAt: Date?
        public let accepted: Bool
        public let status: ConnectionStatus

        public init(referredAt: Date, answeredAt: Date?, accepted: Bool, status: ConnectionStatus) {
            self.referredAt = referredAt
            self.answeredAt = answeredAt
            self.accepted = accepted
            self.status = status
        }
    }

    /// Accepted, declined or not answered in time.
    public let answered: Int
    public let medianDaysToRespond: Double?
    public let acceptedShare: Double?
    /// Of those accepted whose attendance is known, the share who went (once
    /// at least `minimumAnswered` are known, for the same reasons).
    public let attendedShare: Double?

    public init(_ outcomes: [Outcome]) {
        let settled = outcomes.filter { $0.answeredAt != nil || $0.status == .noResponse }
        answered = settled.count
        guard settled.count >= Self.minimumAnswered else {
            medianDaysToRespond = nil
            acceptedShare = nil
            attendedShare = nil
            return
        }
        let days = settled.compactMap { outcome in
            outcome.answeredAt.map { $0.timeIntervalSince(outcome.referredAt) / ConnectionDeadline.day }
        }.sorted()
        medianDaysToRespond =
            days.isEmpty
            ? nil : days.count % 2 == 1 ? days[days.count / 2] : (days[days.count / 2 - 1] + days[days.count / 2]) / 2
        let accepted = settled.filter(\.accepted)
        acceptedShare = Double(accepted.count) / Double(settled.count)
        // Attendance is known once they went (or did not): not while only accepted.
        let known = accepted.filter { [.attending, .completed, .stoppedAttending, .didNotAttend].contains($0.status) }
        attendedShare =
            known.count < Self.minimumAnswered
            ? nil : Double(known.filter { $0.status != .didNotAttend }.count) / Double(known.count)
    }

    /// "Usually replies in 3 days · 94% accepted · 80% attended", or nil when
    /// too few referrals have been answered to say.
    public var summary: String? {
        guard answered >= Self.minimumAnswered, let acceptedShare else { return nil }
        var parts: [String] = []
        if let median = medianDaysToRespond {
            let days = Int(median.rounded(.up))
            parts.append(days <= 1 ? "usually replies within a day" : "usually replies in \(days) days")
        }
        parts.append("\(Int((acceptedShare * 100).rounded()))% accepted")
        if let attendedShare { parts.append("\(Int((attendedShare * 100).rounded()))% attended") }
        let text = parts.joined(separator: " · ")
        return text.prefix(1).uppercased() + text.dropFirst()
    }
}
