import Foundation
import LinkwellDomain
import Testing

@Suite("Connection deadlines, statistics and what is shared")
struct ConnectionDeadlineTests {
    let sent = Date(timeIntervalSince1970: 1_800_000_000)
    func at(days: Double) -> Date { sent.addingTimeInterval(days * 86_400) }

    @Test("Fourteen days: reminders on day 7 and day 12, no response on day 14, each step once")
    func fourteenDays() {
        let deadline = ConnectionDeadline()
        #expect(deadline.reminderDays == [7, 12])
        #expect(deadline.step(referredAt: sent, remindersSent: 0, now: at(days: 6.99)) == .nothing)
        #expect(deadline.step(referredAt: sent, remindersSent: 0, now: at(days: 7)) == .remind(number: 1, daysLeft: 7))
        #expect(deadline.step(referredAt: sent, remindersSent: 1, now: at(days: 8)) == .nothing)
        #expect(deadline.step(referredAt: sent, remindersSent: 1, now: at(days: 12)) == .remind(number: 2, daysLeft: 2))
        #expect(deadline.step(referredAt: sent, remindersSent: 2, now: at(days: 13.99)) == .nothing)
        #expect(deadline.step(referredAt: sent, remindersSent: 2, now: at(days: 14)) == .expire)
        #expect(
            deadline.step(referredAt: sent, remindersSent: 0, now: at(days: 14)) == .expire,
            "a missed reminder does not delay the end")
    }

    @Test("A job that did not run for days sends only the latest reminder")
    func catchUp() {
        #expect(
            ConnectionDeadline().step(referredAt: sent, remindersSent: 0, now: at(days: 12.5))
                == .remind(number: 2, daysLeft: 2))
    }

    @Test("Other lengths: halfway and two days before; short ones have one reminder")
    func otherLengths() {
        #expect(ConnectionDeadline(days: 10).reminderDays == [5, 8])
        #expect(ConnectionDeadline(days: 4).reminderDays == [2])
        #expect(ConnectionDeadline(days: 3).reminderDays == [1])
        #expect(ConnectionDeadline(days: 3).step(referredAt: sent, remindersSent: 1, now: at(days: 2)) == .nothing)
    }

    @Test("Provider statistics: median days, share accepted and attended, nothing below five answered")
    func statistics() {
        func outcome(_ days: Double?, _ status: ConnectionStatus, accepted: Bool) -> ProviderStatistics.Outcome {
            .init(referredAt: sent, answeredAt: days.map(at(days:)), accepted: accepted, status: status)
        }
        let few = ProviderStatistics([outcome(1, .accepted, accepted: true), outcome(nil, .referred, accepted: false)])
        #expect(few.answered == 1)
        #expect(few.summary == nil)
        let many = ProviderStatistics([
            outcome(1, .completed, accepted: true), outcome(2, .attending, accepted: true),
            outcome(3, .didNotAttend, accepted: true),
            outcome(4, .accepted, accepted: true), outcome(5, .declined, accepted: false),
            outcome(nil, .noResponse, accepted: false),
            outcome(nil, .referred, accepted: false),
        ])
        #expect(many.answered == 6, "no response counts as an answer of sorts; still waiting does not")
        #expect(many.medianDaysToRespond == 3)
        #expect(many.acceptedShare == 4.0 / 6.0)
        #expect(many.attendedShare == nil, "attendance is known for three only: too few to say")
        #expect(many.summary == "Usually replies in 3 days · 67% accepted")
        let attended = ProviderStatistics(
            [.completed, .attending, .stoppedAttending, .attending, .didNotAttend].map {
                outcome(2, $0, accepted: true)
            })
        #expect(attended.attendedShare == 0.8, "five known; four went")
        #expect(attended.summary == "Usually replies in 2 days · 100% accepted · 80% attended")
        let quick = ProviderStatistics((1...5).map { _ in outcome(0.2, .accepted, accepted: true) })
        #expect(quick.summary == "Usually replies within a day · 100% accepted")
    }

    @Test("Only the items agreed are copied for the provider")
    func sharedDetails() throws {
        let person = Person(
            id: PersonID(), organisationID: OrganisationID(),
            details: PersonDetails(
                name: "Margaret Okoro", preferredName: "Maggie", dateOfBirth: CalendarDate(iso: "1948-03-27")!,
                nhsNumber: nil,
                address: "12 Mill Lane", postcode: Postcode(trusted: "RV1 2AB"),
                phone: PhoneNumber(trusted: "07700900982"),
                email: nil, preferredContact: .text, contactTimes: "Mornings", language: "Polish",
                interpreterNeeded: true),
            createdAt: sent, updatedAt: sent, version: 1)
        let matters = WhatMatters(
            needs: [.init(need: "loneliness", importance: .aGreatDeal, ownWords: "I don't see anyone")],
            strengths: "Bakes",
            mobility: "Uses a stick")
        let labels = ["loneliness": "Loneliness and isolation"]
        let none = SharedDetails([], of: person, whatMatters: matters, needLabels: labels)
        #expect(none.isEmpty)
        let some = SharedDetails([.name, .contactDetails], of: person, whatMatters: matters, needLabels: labels)
        #expect(some.name == "Margaret Okoro (known as Maggie)")
        #expect(some.phone == "07700900982")
        #expect(some.contactPreference == "Text message, Mornings")
        #expect(some.address == nil && some.dateOfBirth == nil && some.whatMatters == nil && some.accessNeeds == nil)
        let all = SharedDetails(SharedItem.allCases, of: person, whatMatters: matters, needLabels: labels)
        #expect(all.address == "12 Mill Lane, RV1 2AB")
        #expect(all.whatMatters == ["Loneliness and isolation: “I don't see anyone”", "Strengths: Bakes"])
        #expect(all.needs == ["Loneliness and isolation"])
        #expect(all.accessNeeds == ["Language: Polish, needs an interpreter", "Mobility: Uses a stick"])
    }
}
