import Foundation

/// "Suggest for this person": ranks community services against what matters
/// to someone, and says why in plain words, such as
/// "Loneliness and isolation · walking group · 1.2 km · Tuesdays 10:00 · free".
///
/// Deterministic and explainable: a service is left out when it cannot work
/// for the person (closed, wrong age, too far for how they get about, never on
/// a day they are free, too dear when money is tight); the rest are scored on
/// the needs it meets (weighted by how much each matters), the interests it
/// shares, how near it is, and what it costs.
public enum ServiceMatching {
    public struct Profile: Sendable, Equatable {
        public struct Need: Sendable, Equatable {
            public let code: String
            public let label: String
            public let importance: WhatMatters.Importance

            public init(code: String, label: String, importance: WhatMatters.Importance) {
                self.code = code
                self.label = label
                self.importance = importance
            }
        }

        public var needs: [Need]
        public var interests: [String]
        public var age: Int?
        /// Days they can take part; empty means any.
        public var days: Set<DirectoryDay>
        /// Parts of the day they can take part; empty means any.
        public var times: Set<WhatMatters.PartOfDay>
        public var needsFreeOrLowCost: Bool
        /// How far they can get to, from how they get about.
        public var reachMetres: Double
        public var language: String?

        public init(
            needs: [Need], interests: [String] = [], age: Int? = nil, days: Set<DirectoryDay> = [],
            times: Set<WhatMatters.PartOfDay> = [], needsFreeOrLowCost: Bool = false, reachMetres: Double = 8000,
            language: String? = nil
        ) {
            self.needs = needs
            self.interests = interests
            self.age = age
            self.days = days
            self.times = times
            self.needsFreeOrLowCost = needsFreeOrLowCost
            self.reachMetres = reachMetres
            self.language = language
        }

        /// From the "what matters" record: `labels` names the needs (the needs list).
        public init(_ matters: WhatMatters, labels: [String: String], age: Int?, language: String?) {
            self.init(
                needs: matters.needs.map {
                    Need(code: $0.need, label: labels[$0.need] ?? $0.need, importance: $0.importance)
                },
                interests: matters.interests, age: age,
                days: Set(matters.availableDays.compactMap { DirectoryDay(rawValue: $0) }),
                times: Set(matters.availableTimes),
                needsFreeOrLowCost: matters.needsFreeOrLowCost, reachMetres: Self.reach(for: matters.transport),
                language: language.flatMap { $0.lowercased() == "english" || $0.isEmpty ? nil : $0 })
        }

        public static func reach(for transport: WhatMatters.Transport?) -> Double {
            switch transport {
            case .walksShortDistances: 1500
            case .needsTransport: 3000
            case .publicTransport: 8000
            case .drives: 15000
            case nil: 8000
            }
        }
    }

    public struct Candidate: Sendable {
        public let service: HSDS.Service
        /// Metres from the person, when both are placed.
        public let distance: Double?

        public init(service: HSDS.Service, distance: Double?) {
            self.service = service
            self.distance = distance
        }
    }

    public struct Suggestion: Sendable, Equatable {
        public let service: HSDS.Service
        public let score: Double
        public let distance: Double?
        public let session: DirectoryIndex.Session?
        /// The parts of the explanation, in order.
        public let reasons: [String]

        public var explanation: String { reasons.joined(separator: " · ") }
    }

    /// Words that show a service meets a need, for taxonomies other than
    /// Linkwell's own (whose top-level terms carry the need's code).
    static let needWords: [String: [String]] = [
        // Any group or club is company.
        "loneliness": [
            "lonel", "isolat", "befriend", "social", "friendship", "group", "club", "café", "cafe", "choir", "shed",
            "natter",
            "coffee", "class",
        ],
        "money": ["debt", "money", "benefit", "financ", "food bank", "bills", "warm space"],
        "housing": ["housing", "home", "tenan", "homeless", "repair", "handyperson"],
        "relationships": ["relationship", "family", "couple", "parent"],
        "mental_wellbeing": [
            "mental", "wellbeing", "mindful", "anxiety", "mood", "peer support", "talking", "garden", "art",
        ],
        "physical_activity": [
            "walk", "exercise", "active", "sport", "football", "swim", "tai chi", "fitness", "dance",
        ],
        "long_term_condition": ["diabetes", "breathe", "lung", "heart", "condition", "arthritis", "copd", "stroke"],
        "carer_support": ["carer", "caring", "sitting service", "respite"],
        "employment_learning": ["learn", "skills", "digital", "course", "volunteer", "employ", "job", "work club"],
        "bereavement": ["bereave", "grief", "loss"],
        "substance_use": ["alcohol", "drugs", "drinking", "recovery", "addiction"],
    ]

    /// Words that show a service suits an interest.
    static let interestWords: [String: [String]] = [
        "walking": ["walk"], "nature": ["walk", "garden", "nature", "park", "outdoor", "wildlife"],
        "singing": ["sing", "choir"], "music": ["music", "sing", "choir", "band"],
        "gardening": ["garden", "allotment", "grow"],
        "crafts": ["craft", "knit", "sew", "natter", "woodwork", "shed"], "cooking": ["cook", "lunch", "food"],
        "art": ["art", "paint", "draw"], "reading": ["read", "book", "library"],
        "exercise": ["exercise", "fitness", "tai chi", "football"],
        "swimming": ["swim"], "dancing": ["danc"], "volunteering": ["volunteer"],
        "computers": ["digital", "computer", "online"],
        "games": ["game", "bingo", "quiz"], "history": ["history", "heritage"],
        "faith": ["church", "faith", "mosque", "temple"],
    ]

    /// Services cheaper than this per session still count as low cost.
    public static let lowCost = 5.0

    public static func rank(_ candidates: [Candidate], for profile: Profile, limit: Int = 10) -> [Suggestion] {
        let suggestions = candidates.compactMap { suggest($0, for: profile) }
        return Array(
            suggestions.sorted {
                if $0.score != $1.score { return $0.score > $1.score }
                if ($0.distance ?? .infinity) != ($1.distance ?? .infinity) {
                    return ($0.distance ?? .infinity) < ($1.distance ?? .infinity)
                }
                if $0.service.name != $1.service.name { return $0.service.name < $1.service.name }
                return $0.service.id < $1.service.id
            }
            .prefix(limit))
    }

    /// The service's suggestion for this person, or nil when it cannot work for them.
    static func suggest(_ candidate: Candidate, for profile: Profile) -> Suggestion? {
        let service = candidate.service
        let index = DirectoryIndex(service)
        guard service.status == "active" else { return nil }
        if let age = profile.age.map(Double.init) {
            if let minimum = service.minimumAge, age < minimum { return nil }
            if let maximum = service.maximumAge, age > maximum { return nil }
        }
        if let distance = candidate.distance, distance > profile.reachMetres { return nil }
        let cost = (service.costOptions ?? []).compactMap(\.amount).max() ?? 0
        if profile.needsFreeOrLowCost, cost > lowCost { return nil }
        let sessions = index.sessions.filter { fits($0, profile) }
        if !index.sessions.isEmpty, sessions.isEmpty { return nil }

        // What the service is, not who runs it: "Volunteer Centre" in an
        // organisation's name says nothing about volunteering.
        var description = service.description ?? ""
        if let organization = service.organization?.name, !organization.isEmpty {
            description = description.replacingOccurrences(of: organization, with: "")
        }
        let text = ([service.name, description] + index.terms.map(\.name)).joined(separator: " ").lowercased()
        let codes = Set(index.terms.compactMap(\.code))
        var score = 0.0
        var metNeeds: [ServiceMatching.Profile.Need] = []
        for need in profile.needs.sorted(by: { $0.importance > $1.importance }) {
            if codes.contains(need.code) || (needWords[need.code] ?? []).contains(where: text.contains) {
                score += 10 * Double(need.importance.rawValue)
                metNeeds.append(need)
            }
        }
        var sharedInterests: [String] = []
        for interest in profile.interests {
            let words = interestWords[interest.lowercased()] ?? [interest.lowercased()]
            if words.contains(where: text.contains) {
                score += 6
                sharedInterests.append(interest.lowercased())
            }
        }
        guard !metNeeds.isEmpty || !sharedInterests.isEmpty else { return nil }
        if let distance = candidate.distance { score -= distance / 1000 * 1.5 }
        if cost > 0 { score -= profile.needsFreeOrLowCost ? 3 : 1 }
        if let language = profile.language?.lowercased(),
            (service.languages ?? []).contains(where: { $0.name?.lowercased() == language })
        {
            score += 4
        }
        if index.sessions.isEmpty { score -= 1 }  // no set times: a little less certain to fit

        let session = sessions.sorted {
            ($0.day?.rawValue ?? 8, $0.opens ?? 0) < ($1.day?.rawValue ?? 8, $1.opens ?? 0)
        }.first
        var reasons: [String] = []
        if !metNeeds.isEmpty { reasons.append(metNeeds.map(\.label).joined(separator: ", ")) }
        let kind = index.terms.first(where: { $0.parentId != nil })?.name ?? index.terms.first?.name
        reasons.append((kind ?? service.name).lowercased())
        if !sharedInterests.isEmpty { reasons.append("likes \(sharedInterests.joined(separator: ", "))") }
        if let distance = candidate.distance { reasons.append(describe(distance: distance)) }
        if let session { reasons.append(describe(session)) }
        reasons.append(cost == 0 ? "free" : String(format: "£%.2f", cost).replacingOccurrences(of: ".00", with: ""))
        return Suggestion(
            service: service, score: score, distance: candidate.distance, session: session, reasons: reasons)
    }

    /// A session they can go to: on a day they are free, at a time of day they are free.
    static func fits(_ session: DirectoryIndex.Session, _ profile: Profile) -> Bool {
        if !profile.days.isEmpty, let day = session.day, !profile.days.contains(day) { return false }
        if !profile.times.isEmpty, let opens = session.opens {
            let part: WhatMatters.PartOfDay = opens < 12 * 60 ? .morning : (opens < 17 * 60 ? .afternoon : .evening)
            if !profile.times.contains(part) { return false }
        }
        return true
    }

    public static func describe(distance: Double) -> String {
        distance < 1000 ? "\(Int((distance / 50).rounded()) * 50) m" : String(format: "%.1f km", distance / 1000)
    }

    public static func describe(_ session: DirectoryIndex.Session) -> String {
        let time = session.opens.map { String(format: "%02d:%02d", $0 / 60, $0 % 60) }
        switch (session.day, time) {
        case (let day?, let time?): return "\(day.name)s \(time)"
        case (let day?, nil): return "\(day.name)s"
        case (nil, let time?): return "from \(time)"
        case (nil, nil): return "times vary"
        }
    }
}
