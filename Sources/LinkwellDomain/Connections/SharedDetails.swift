import Foundation

/// What a provider may see of a person: the items they agreed to share,
/// copied from their record when the connection is sent, and nothing else.
///
/// A copy, not a window onto the record: the provider's views read this and
/// never the person's record, so no later change, bug or query can show a
/// provider more than was agreed. Fields of items not shared stay nil.
public struct SharedDetails: Hashable, Sendable, Codable {
    public var name: String?
    public var phone: String?
    public var email: String?
    /// How they would like to be contacted, and when.
    public var contactPreference: String?
    public var dateOfBirth: CalendarDate?
    public var address: String?
    /// What matters to them, in lines ("Loneliness: 'I don't see anyone'").
    public var whatMatters: [String]?
    public var needs: [String]?
    /// Language, interpreter, mobility.
    public var accessNeeds: [String]?

    public init() {}

    /// The items `items` of `person`, and nothing else. `needLabels` names
    /// the needs list's codes.
    public init(_ items: [SharedItem], of person: Person, whatMatters: WhatMatters, needLabels: [String: String]) {
        let details = person.details
        for item in items {
            switch item {
            case .name:
                name = details.preferredName.map { "\(details.name) (known as \($0))" } ?? details.name
            case .contactDetails:
                phone = details.phone?.value
                email = details.email?.value
                let times = details.contactTimes.trimmingCharacters(in: .whitespacesAndNewlines)
                contactPreference = details.preferredContact.label + (times.isEmpty ? "" : ", \(times)")
            case .dateOfBirth:
                dateOfBirth = details.dateOfBirth
            case .address:
                address = [details.address, details.postcode?.value ?? ""].filter { !$0.isEmpty }.joined(
                    separator: ", ")
            case .whatMatters:
                var lines = whatMatters.needs.map { entry in
                    let label = needLabels[entry.need] ?? entry.need
                    return entry.ownWords.isEmpty ? label : "\(label): “\(entry.ownWords)”"
                }
                if !whatMatters.strengths.isEmpty { lines.append("Strengths: \(whatMatters.strengths)") }
                if !whatMatters.interests.isEmpty {
                    lines.append("Interests: \(whatMatters.interests.joined(separator: ", "))")
                }
                self.whatMatters = lines
            case .needs:
                needs = whatMatters.needs.map { needLabels[$0.need] ?? $0.need }
            case .accessNeeds:
                var lines = [
                    "Language: \(details.language)" + (details.interpreterNeeded ? ", needs an interpreter" : "")
                ]
                if !whatMatters.mobility.isEmpty { lines.append("Mobility: \(whatMatters.mobility)") }
                if let transport = whatMatters.transport { lines.append("Gets about: \(transport.label)") }
                accessNeeds = lines
            }
        }
    }

    public var isEmpty: Bool { self == SharedDetails() }
}
