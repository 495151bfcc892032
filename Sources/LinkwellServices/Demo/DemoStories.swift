import Foundation
import LinkwellDomain

/// Made-up people of Riverside. Phone numbers are in Ofcom's range for drama
/// (07700 900xxx), NHS numbers in the 999 test range, postcodes in "RV", an
/// area that does not exist.
enum Names {
    static let firstNames = [
        "Margaret", "Peter", "Aisha", "Tomasz", "Joan", "David", "Priti", "Kwame", "Eileen", "Graham", "Fatima",
        "Stanley",
        "Beryl", "Imran", "Shirley", "Dennis", "Chloe", "Ryan", "Agnieszka", "Harold", "Sunita", "Keith", "Doreen",
        "Mohammed",
        "Pauline", "Colin", "Olu", "Maureen", "Trevor", "Yasmin", "Brian", "Gwen", "Liam", "Nadia", "Arthur", "Elsie",
        "Darren",
        "Hannah", "Rashid", "Val", "Ken", "Bernadette", "Jamal", "Irene", "Stuart", "Ayesha", "Norman", "Patricia",
        "Kofi",
        "Sandra", "Derek", "Mei", "Frank", "Lorraine", "Ali", "Rita", "Gordon", "Zofia", "Leroy", "June",
    ]
    static let surnames = [
        "Okoro", "Smith", "Patel", "Nowak", "Jones", "Williams", "Khan", "Mensah", "Taylor", "Brown", "Begum", "Davies",
        "Evans", "Hussain", "Wilson", "Roberts", "Ahmed", "Walker", "Kowalski", "Wright", "Shah", "Green", "Hall",
        "Ali",
        "Wood", "Thompson", "Adeyemi", "Clarke", "Hughes", "Rahman", "Edwards", "Lewis", "Turner", "Chowdhury",
        "Harris",
        "Martin", "Jackson", "Baker", "Mahmood", "Cooper", "King", "Morris", "Owusu", "Bell", "Ward", "Singh", "Cox",
        "Lee", "Murphy", "Kelly",
    ]
    static let streets = [
        "Mill Lane", "Church Street", "Riverside Road", "Meadowbank Close", "Station Road", "Victoria Terrace",
        "Orchard Way",
        "Park View", "Canal Street", "The Crescent", "Weavers Row", "Bridge Street", "Elm Grove", "Chapel Walk",
    ]
    static let gps = [
        "Dr Helen Carter", "Dr Raj Mehta", "Dr Fiona Grant", "Dr Sam Adeyinka", "Dr Ruth Bell", "Nurse Ben Adeyemi",
    ]

    static func first(random: inout SeededGenerator) -> String { random.pick(firstNames) }

    static func gp(random: inout SeededGenerator) -> String { random.pick(gps) }

    static func person(index: Int, random: inout SeededGenerator, today: CalendarDate) -> PersonDetails {
        let first = random.pick(firstNames)
        let last = random.pick(surnames)
        // Older people are referred most; some younger adults too.
        let age = random.chance(0.7) ? random.int(in: 60...93) : random.int(in: 19...59)
        let born = CalendarDate(year: today.year - age, month: random.int(in: 1...12), day: random.int(in: 1...28))!
        let nine = [9, 9, 9] + (0..<6).map { _ in random.int(in: 0...9) }
        let nhs = NHSNumber.checkDigit(for: nine).map {
            NHSNumber(trusted: nine.map(String.init).joined() + String($0))
        }
        let postcode = Postcode(
            trusted:
                "RV\(random.int(in: 1...9)) \(random.int(in: 1...9))\(random.pick(Array("ABDEFGHJLNPQRSTUWXYZ")))\(random.pick(Array("ABDEFGHJLNPQRSTUWXYZ")))"
        )
        let language =
            random.chance(0.88) ? "English" : random.pick(["Polish", "Urdu", "Bengali", "Punjabi", "Twi", "Arabic"])
        var details = PersonDetails(
            name: "\(first) \(last)", preferredName: random.chance(0.1) ? String(first.prefix(3)) : nil,
            dateOfBirth: born,
            nhsNumber: random.chance(0.85) ? nhs : nil,
            address: "\(random.int(in: 1...140)) \(random.pick(streets))\nRiverside",
            postcode: postcode, phone: PhoneNumber(trusted: String(format: "07700900%03d", index % 1000)),
            email: random.chance(0.3)
                ? EmailAddress(trusted: "\(first.lowercased()).\(last.lowercased())\(index)@example.com") : nil,
            preferredContact: random.chance(0.7) ? .phone : random.pick([.text, .email, .letter, .inPerson]),
            contactTimes: random.pick([
                "Mornings", "Weekday afternoons", "Any time", "Not before 10am", "Evenings after 6",
            ]),
            language: language, interpreterNeeded: language != "English" && random.chance(0.5))
        if details.preferredContact == .email && details.email == nil { details.preferredContact = .phone }
        // Demographics from a generator of their own, so that adding them
        // changed nothing else about the town: roughly a social prescribing
        // caseload (more women than men), with some never asked.
        var asked = SeededGenerator(seed: 0xDE40_0000 &+ UInt64(index))
        if asked.chance(0.92) {
            details.statedGender = asked.chance(0.62) ? .female : (asked.chance(0.97) ? .male : .notKnown)
        }
        if asked.chance(0.9) {
            details.ethnicCategory = asked.pick(
                Array(repeating: EthnicCategory.whiteBritish, count: 14) + [
                    .whiteIrish, .whiteOther, .whiteOther, .mixedWhiteBlackCaribbean, .mixedOther, .asianIndian,
                    .asianPakistani, .asianPakistani, .asianBangladeshi, .blackCaribbean, .blackAfrican, .chinese,
                    .other, .notStated, .notStated,
                ])
        }
        if random.chance(0.05) {
            details.riskFlag = random.pick([
                "Large dog at home: visit in pairs", "Lone working: call the office before and after visits",
                "Previous aggression towards staff when unwell",
            ])
        }
        if random.chance(0.03) {
            details.safeguardingFlag = random.pick([
                "Adult safeguarding referral open with the council (financial abuse)",
                "Lives with a relative who controls her money; seen alone only",
            ])
        }
        return details
    }
}

enum Stories {
    static let reasonWeights = [
        "loneliness", "loneliness", "loneliness", "loneliness", "mental_wellbeing", "mental_wellbeing", "money",
        "money",
        "physical_activity", "housing", "long_term_condition", "carer_support", "bereavement", "relationships",
        "employment_learning", "substance_use",
    ]

    static func reasons(random: inout SeededGenerator) -> [String] {
        var chosen: [String] = []
        for _ in 0..<random.int(in: 1...3) {
            let reason = random.pick(reasonWeights)
            if !chosen.contains(reason) { chosen.append(reason) }
        }
        return chosen
    }

    static func agencyReferrer(random: inout SeededGenerator) -> Referrer {
        random.pick([
            Referrer(
                organisation: "Riverside Borough Council, adult social care", name: "Dana Lee", role: "Social worker"),
            Referrer(organisation: "Riverside Homes", name: "Mark Pryce", role: "Housing officer"),
            Referrer(organisation: "Riverside Community Pharmacy", name: "Anjali Desai", role: "Pharmacist"),
            Referrer(organisation: "Riverside Fire and Rescue", name: "Steve Ross", role: "Safe and well officer"),
        ])
    }

    static let reasonSentences: [String: [String]] = [
        "loneliness": [
            "Lives alone and rarely leaves the house.", "Says the days are long since their partner died.",
            "Family live far away; visits are rare.",
        ],
        "mental_wellbeing": ["Low mood for some months; not wanting medication.", "Anxious about going out."],
        "money": ["Worried about bills and has had letters about arrears.", "Struggling to afford heating."],
        "physical_activity": [
            "Would like to be more active after a fall last year.", "Advised to exercise for diabetes.",
        ],
        "housing": ["Damp flat that is affecting their breathing.", "Facing eviction and frightened."],
        "long_term_condition": [
            "Managing COPD and wants to do more for themselves.", "Recently diagnosed with type 2 diabetes.",
        ],
        "carer_support": [
            "Full-time carer for their husband with dementia; exhausted.",
            "Caring for an adult son and has no time for themselves.",
        ],
        "bereavement": [
            "Lost their wife in the spring and is not coping.", "Grieving and has stopped seeing friends.",
        ],
        "relationships": ["Falling out with family; feels isolated.", "Recently separated."],
        "employment_learning": [
            "Out of work for two years and losing confidence.", "Would like to learn computer skills.",
        ],
        "substance_use": ["Drinking more since retiring.", "Wants help cutting down on alcohol."],
    ]

    static func referralText(for reasons: [String], name: String, random: inout SeededGenerator) -> String {
        reasons.compactMap { reasonSentences[$0].map { random.pick($0) } }.joined(separator: " ")
            + " \(random.pick(["Keen to talk.", "Agreed to a call from the link worker.", "Unsure but willing to try.", ""]))"
    }

    static let ownWords: [String: [String]] = [
        "loneliness": [
            "I don't see a soul from one week to the next", "I'd just like someone to talk to",
            "The evenings are the worst",
        ],
        "mental_wellbeing": ["I've lost my spark", "I get panicky in crowds", "I want to feel like myself again"],
        "money": [
            "The bills keep coming and I can't keep up", "I'm frightened to open the post",
            "I go without heating to afford food",
        ],
        "physical_activity": ["I'd like to walk to the shops again", "I've put on weight and I feel sluggish"],
        "housing": ["The mould is making me ill", "I don't feel safe in my flat"],
        "long_term_condition": ["I want to understand my diabetes", "My breathing stops me doing things"],
        "carer_support": ["I never get a minute to myself", "I'm scared of what happens if I get ill"],
        "bereavement": ["Everything reminds me of her", "I don't know who I am without him"],
        "relationships": ["My son and I don't speak any more", "I feel on my own even with people around"],
        "employment_learning": ["I'd like a reason to get up in the morning", "I want to learn to use the internet"],
        "substance_use": ["A drink helps me sleep, but it's getting too much"],
    ]

    static func whatMatters(for reasons: [String], random: inout SeededGenerator) -> WhatMatters {
        var needs = reasons.map { reason in
            WhatMatters.NeedEntry(
                need: reason, importance: random.pick([.quiteALot, .aGreatDeal, .aGreatDeal]),
                ownWords: ownWords[reason].map { random.pick($0) } ?? "")
        }
        if random.chance(0.3),
            let extra = ["physical_activity", "money", "mental_wellbeing"].first(where: { !reasons.contains($0) })
        {
            needs.append(.init(need: extra, importance: .aLittle, ownWords: ""))
        }
        var interests: [String] = []
        for _ in 0..<random.int(in: 2...4) {
            let interest = random.pick(WhatMatters.suggestedInterests)
            if !interests.contains(interest) { interests.append(interest) }
        }
        return WhatMatters(
            needs: needs,
            strengths: random.pick([
                "Good sense of humour; close to a neighbour", "Used to run the church flower rota",
                "Practical; loves fixing things",
                "Warm and chatty once she knows you", "Supportive daughter nearby",
                "Determined; got through a lot before",
            ]),
            interests: interests,
            mobility: random.chance(0.3)
                ? random.pick(["Uses a walking stick", "Needs step-free access", "Can't manage stairs"]) : "",
            transport: random.pick([.publicTransport, .walksShortDistances, .drives, .needsTransport]),
            needsFreeOrLowCost: random.chance(0.6),
            caringDuties: random.chance(0.15) ? "Cares for her husband in the mornings" : "",
            availableDays: Array(Set((0..<random.int(in: 2...5)).map { _ in random.int(in: 1...7) })).sorted(),
            availableTimes: random.chance(0.6) ? [.morning] : [.morning, .afternoon])
    }

    static let goals: [String: [(goal: String, steps: [(String, String)])]] = [
        "loneliness": [
            (
                "I want to get out of the house twice a week",
                [
                    ("Go to the Tuesday lunch club at the community centre", "Me, with the link worker the first time"),
                    ("Try the walking group on Thursday", "Me"),
                ]
            ),
            (
                "I'd like to make a friend locally",
                [
                    ("Join the Riverside Singers taster session", "Me"),
                    ("Volunteer at the charity shop one morning", "Link worker to introduce me"),
                ]
            ),
        ],
        "money": [
            (
                "Get on top of my bills",
                [
                    ("Appointment with Citizens Advice", "Link worker to book"),
                    ("Check I get the benefits I'm entitled to", "Citizens Advice"),
                ]
            )
        ],
        "mental_wellbeing": [
            (
                "Feel calmer day to day",
                [("Try the mindfulness course at the library", "Me"), ("Walk in the park three mornings a week", "Me")]
            )
        ],
        "physical_activity": [
            (
                "Walk to the shops and back without stopping",
                [("Gentle exercise class on Mondays", "Me"), ("Walk a little further each day", "Me")]
            )
        ],
        "housing": [
            (
                "Live somewhere warm and dry",
                [
                    ("Report the damp to the landlord in writing", "Link worker to help write"),
                    ("Ask Riverside Homes about repairs", "Me"),
                ]
            )
        ],
        "long_term_condition": [
            (
                "Understand and manage my condition",
                [
                    ("Sign up for the diabetes education course", "Practice nurse"),
                    ("Join the Breathe Easy group", "Me"),
                ]
            )
        ],
        "carer_support": [
            (
                "Have some time for myself each week",
                [
                    ("Register with the carers' centre", "Link worker"),
                    ("Ask about a sitting service", "Carers' centre"),
                ]
            )
        ],
        "bereavement": [("Talk to others who understand", [("Go to the bereavement café", "Me, with my sister")])],
        "relationships": [("Feel less on my own", [("Try the men's shed", "Me")])],
        "employment_learning": [("Learn to use a tablet", [("Digital skills drop-in at the library", "Me")])],
        "substance_use": [
            ("Cut down on drinking", [("Call the community alcohol service", "Me, with the link worker")])
        ],
    ]

    static func plan(for reasons: [String], startingOn start: CalendarDate, random: inout SeededGenerator) -> Plan {
        let chosen = reasons.prefix(2).compactMap { goals[$0].map { random.pick($0) } }
        let planGoals = (chosen.isEmpty ? [goals["loneliness"]![0]] : chosen).map { goal in
            Plan.Goal(
                text: goal.goal,
                steps: goal.steps.enumerated().map { index, step in
                    Plan.Step(
                        what: step.0, who: step.1, byWhen: start.adding(days: 7 * (index + 1) + random.int(in: 0...6)))
                })
        }
        return Plan(goals: planGoals, reviewOn: start.adding(days: 42))
    }

    static func firstNote(name: String, random: inout SeededGenerator) -> String {
        random.pick([
            "Long first conversation at home. \(name) talked about what the week looks like and what used to make them happy.",
            "Met at the surgery. Quiet at first, then opened up about how things have been since last winter.",
            "Talked over the phone; \(name) preferred that for a first chat. Agreed to meet next week.",
        ])
    }

    static func followUpNote(random: inout SeededGenerator) -> String {
        random.pick([
            "Went to the group and enjoyed it; wants to go again.",
            "Didn't make it this week: felt low. Talked it through.",
            "Citizens Advice appointment booked.",
            "Going well. Has started chatting with a neighbour from the lunch club.",
            "Checked in by text; all fine.", "Reviewed the plan together; one step done, one to try next week.",
            "Brief call: had a hospital appointment, so rearranged.", "",
        ])
    }

    static let declineReasons = [
        "Does not want support at the moment; happy to be re-referred later",
        "Family are now helping; does not feel the need",
        "Felt it was not for them after hearing what is involved",
    ]

    static let redirections = [
        "Talking Therapies", "the community mental health team", "adult social care", "the district nursing team",
    ]

    static func dischargeReason(random: inout SeededGenerator) -> DischargeReason {
        random.pick([
            .goalsMet, .goalsMet, .goalsMet, .goalsMet, .goalsMet, .goalsMet, .declinedFurtherSupport, .noContact,
            .statutoryService,
            .movedAway, .other,
        ])
    }

    static func dischargeSummary(_ reason: DischargeReason, name: String, random: inout SeededGenerator) -> String {
        switch reason {
        case .goalsMet:
            random.pick([
                "\(name) now goes to the lunch club every week and has made two friends there. Feels much less alone.",
                "Bills are on a payment plan and \(name) is getting the benefits they were missing. Much less worried.",
                "Walking most days and attending the exercise class; more confident going out.",
            ])
        case .declinedFurtherSupport:
            "\(name) felt they had had enough support and wanted to carry on alone. Happy to be re-referred."
        case .noContact: "Three attempts to contact \(name) by phone and letter without reply."
        case .statutoryService:
            "Needs were beyond social prescribing; referred to adult social care with \(name)'s agreement."
        case .movedAway: "\(name) moved to live near family in another area; given details of the local service there."
        default: "Support ended by agreement."
        }
    }
}
