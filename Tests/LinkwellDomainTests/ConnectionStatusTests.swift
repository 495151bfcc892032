import LinkwellDomain
import Testing

@Suite("Connections: the closed loop's states")
struct ConnectionStatusTests {
    typealias S = ConnectionStatus

    @Test("Exactly the drawn moves are allowed, and closed connections never move")
    func moves() {
        let drawn: Set<[S]> = [
            [.suggested, .referred], [.suggested, .cancelled],
            [.referred, .accepted], [.referred, .declined], [.referred, .noResponse], [.referred, .cancelled],
            [.accepted, .attending], [.accepted, .cancelled],
            [.attending, .completed], [.attending, .stoppedAttending], [.attending, .didNotAttend],
            [.attending, .cancelled],
        ]
        for from in S.allCases {
            for to in S.allCases {
                #expect(from.canMove(to: to) == drawn.contains([from, to]), "\(from) → \(to)")
            }
        }
        for status in S.allCases where !status.isOpen {
            #expect(S.allowedTransitions[status]?.isEmpty == true, "\(status) is closed")
        }
        #expect(S.allCases.filter(\.isOpen) == [.suggested, .referred, .accepted, .attending])
    }

    @Test("Each move is made only by those who may make it, with a reason where one is owed")
    func movers() throws {
        #expect(try S.referred.transition(to: .accepted, by: .provider).to == .accepted)
        #expect(
            try S.referred.transition(to: .accepted, by: .linkWorker).actor == .linkWorker,
            "for a provider not on Linkwell")
        #expect(throws: ConnectionTransitionError.notYours(.noResponse, .linkWorker)) {
            try S.referred.transition(to: .noResponse, by: .linkWorker)
        }
        #expect(try S.referred.transition(to: .noResponse, by: .deadline).to == .noResponse)
        #expect(throws: ConnectionTransitionError.notYours(.cancelled, .provider)) {
            try S.accepted.transition(to: .cancelled, by: .provider, reason: "no room")
        }
        #expect(throws: ConnectionTransitionError.notYours(.referred, .provider)) {
            try S.suggested.transition(to: .referred, by: .provider)
        }
        #expect(throws: ConnectionTransitionError.reasonRequired(.declined)) {
            try S.referred.transition(to: .declined, by: .provider, reason: "  ")
        }
        #expect(throws: ConnectionTransitionError.reasonRequired(.stoppedAttending)) {
            try S.attending.transition(to: .stoppedAttending, by: .provider)
        }
        #expect(throws: ConnectionTransitionError.reasonTooLong) {
            try S.referred.transition(to: .declined, by: .provider, reason: String(repeating: "x", count: 2001))
        }
        #expect(throws: ConnectionTransitionError.notAllowed(from: .completed, to: .attending)) {
            try S.completed.transition(to: .attending, by: .provider)
        }
        let declined = try S.referred.transition(to: .declined, by: .provider, reason: "  Group is full until spring ")
        #expect(declined.reason == "Group is full until spring")
        #expect(ConnectionTransitionError.reasonRequired(.declined).message == "Say why the referral was declined")
    }

    @Test("Each status is one FHIR Task state and back; every move is a move the SDOH guide draws")
    func fhir() {
        let states = S.allCases.map(\.fhirTask)
        #expect(Set(states).count == S.allCases.count, "one to one")
        for status in S.allCases {
            #expect(S(fhirTask: status.fhirTask) == status)
        }
        let fhirCodes: Set<String> = [
            "draft", "requested", "received", "accepted", "rejected", "ready", "cancelled", "in-progress", "on-hold",
            "failed",
            "completed", "entered-in-error",
        ]
        #expect(Set(states.map(\.status)).isSubset(of: fhirCodes))
        // The SDOH Clinical Care task machine, with draft before requested; and
        // cancelling an accepted or in-progress task, which FHIR's base Task
        // allows and the closed loop needs (any open connection can be cancelled).
        let sdoh: [String: Set<String>] = [
            "draft": ["requested", "cancelled"], "requested": ["accepted", "rejected", "cancelled"],
            "accepted": ["in-progress", "cancelled"], "in-progress": ["completed", "on-hold", "failed", "cancelled"],
        ]
        for (from, targets) in S.allowedTransitions {
            for to in targets {
                #expect(sdoh[from.fhirTask.status]?.contains(to.fhirTask.status) == true, "\(from) → \(to)")
            }
        }
        #expect(S(fhirTask: FHIRTaskState(status: "on-hold")) == nil)
        #expect(S(fhirTask: FHIRTaskState(status: "failed")) == nil, "failed needs its business status")
        #expect(S.noResponse.fhirTask == FHIRTaskState(status: "cancelled", businessStatus: "no-response"))
    }
}

@Suite("Connections: what a link worker asks for")
struct ConnectionRequestTests {
    func problems(_ form: ConnectionRequestForm) -> [String: String] {
        do {
            _ = try form.validate()
            return [:]
        } catch {
            return Dictionary(error.errors.map { ($0.field, $0.message) }, uniquingKeysWith: { a, _ in a })
        }
    }

    @Test("Nothing is shared without consent; a signposting shares nothing; a referral names whom it is about")
    func rules() throws {
        let referral = try ConnectionRequestForm(
            kind: "formal-referral", shared: ["needs", "contact-details", "name", "name"], consent: true,
            note: "  Prefers mornings "
        )
        .validate()
        #expect(referral.kind == .formalReferral)
        #expect(referral.shared == [.name, .contactDetails, .needs], "in the form's order, once each")
        #expect(referral.note == "Prefers mornings")
        #expect(try ConnectionRequestForm(kind: "signposting").validate().shared == [])
        #expect(
            try ConnectionRequestForm(kind: "warm-introduction").validate().shared == [],
            "an introduction may share nothing")

        #expect(problems(ConnectionRequestForm(kind: "warm-introduction", shared: ["name"]))["consent"] != nil)
        #expect(problems(ConnectionRequestForm(kind: "signposting", shared: ["name"], consent: true))["shared"] != nil)
        #expect(
            problems(ConnectionRequestForm(kind: "formal-referral", shared: ["name"], consent: true))["shared"]
                == "A referral needs at least their name and how to contact them")
        #expect(
            problems(
                ConnectionRequestForm(
                    kind: "formal-referral", shared: ["name", "contact-details", "nhs-number"], consent: true))[
                    "shared"]
                == "Choose only from the items listed")
        #expect(problems(ConnectionRequestForm(kind: "telepathy"))["kind"] != nil)
        #expect(
            problems(ConnectionRequestForm(kind: "signposting", note: String(repeating: "x", count: 2001)))["note"]
                != nil)
        #expect(
            problems(ConnectionRequestForm(kind: "warm-introduction", note: "Worried about money"))["consent"]
                == "Confirm they have agreed to the provider reading the note, or leave it empty",
            "the note reaches the provider")
        #expect(
            problems(ConnectionRequestForm(kind: "signposting", note: "Gave her the leaflet")).isEmpty,
            "a signposting's note stays here")
        // A textarea's line breaks arrive as CRLF and are stored as one character each; emoji count as the database counts them.
        let lines = try ConnectionRequestForm(
            kind: "signposting", note: String(repeating: "ab\r\n", count: 600) + "end"
        ).validate()
        #expect(lines.note.unicodeScalars.count == 1803 && !lines.note.contains("\r"))
        #expect(
            problems(ConnectionRequestForm(kind: "signposting", note: String(repeating: "👩‍👩‍👧", count: 500)))["note"]
                != nil,
            "500 family emoji are 2,500 scalars: too long for the database, though 500 characters")
        #expect(ConnectionKind.formalReferral.awaitsProvider && !ConnectionKind.warmIntroduction.awaitsProvider)
    }
}
