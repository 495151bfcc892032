/// "What matters to me": the heart of the first conversation, in the person's
/// terms. Matching community services to people reads this.
public struct WhatMatters: Hashable, Sendable, Codable {
    public struct NeedEntry: Hashable, Sendable, Codable {
        /// A code from the needs list.
        public var need: String
        public var importance: Importance
        /// What the person said, in their own words.
        public var ownWords: String

        public init(need: String, importance: Importance, ownWords: String) {
            self.need = need
            self.importance = importance
            self.ownWords = ownWords
        }
    }

    public enum Importance: Int, Sendable, CaseIterable, Codable, Comparable {
        case aLittle = 1, quiteALot = 2, aGreatDeal = 3

        public var label: String {
            switch self {
            case .aLittle: "A little"
            case .quiteALot: "Quite a lot"
            case .aGreatDeal: "A great deal"
            }
        }

        public static func < (lhs: Importance, rhs: Importance) -> Bool { lhs.rawValue < rhs.rawValue }
    }

    public enum Transport: String, Sendable, CaseIterable, Codable {
        case drives, publicTransport = "public_transport", walksShortDistances = "walks_short_distances",
            needsTransport = "needs_transport"

        public var label: String {
            switch self {
            case .drives: "Drives or gets lifts"
            case .publicTransport: "Uses buses or trains"
            case .walksShortDistances: "Can walk short distances only"
            case .needsTransport: "Needs transport arranged"
            }
        }
    }

    public enum PartOfDay: String, Sendable, CaseIterable, Codable {
        case morning, afternoon, evening

        public var label: String { rawValue.prefix(1).uppercased() + rawValue.dropFirst() }
    }

    public var needs: [NeedEntry]
    public var strengths: String
    /// Tags such as walking, singing, gardening.
    public var interests: [String]
    /// Needs step-free access, a hearing loop, seating…
    public var mobility: String
    public var transport: Transport?
    /// Can only take part if it is free or low cost.
    public var needsFreeOrLowCost: Bool
    public var caringDuties: String
    /// 1 = Monday … 7 = Sunday.
    public var availableDays: [Int]
    public var availableTimes: [PartOfDay]

    public init(
        needs: [NeedEntry] = [], strengths: String = "", interests: [String] = [], mobility: String = "",
        transport: Transport? = nil, needsFreeOrLowCost: Bool = false, caringDuties: String = "",
        availableDays: [Int] = [], availableTimes: [PartOfDay] = []
    ) {
        self.needs = needs
        self.strengths = strengths
        self.interests = interests
        self.mobility = mobility
        self.transport = transport
        self.needsFreeOrLowCost = needsFreeOrLowCost
        self.caringDuties = caringDuties
        self.availableDays = availableDays
        self.availableTimes = availableTimes
    }

    public var isEmpty: Bool { self == WhatMatters() }

    /// Interests offered as tick boxes; people can add their own.
    public static let suggestedInterests = [
        "walking", "singing", "gardening", "nature", "crafts", "cooking", "music", "art", "reading", "exercise",
        "swimming", "dancing", "volunteering", "faith", "games", "history", "computers", "animals",
    ]

    public static let dayNames = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
}

/// The "what matters" form, as typed. Needs come as one row per need on the
/// list: `importance[code]` empty means it was not raised.
public struct WhatMattersForm: Sendable, Equatable {
    public var importance: [String: String] = [:]
    public var ownWords: [String: String] = [:]
    public var strengths = ""
    public var interests: [String] = []
    public var otherInterests = ""
    public var mobility = ""
    public var transport = ""
    public var needsFreeOrLowCost = false
    public var caringDuties = ""
    public var availableDays: [String] = []
    public var availableTimes: [String] = []

    public init() {}

    public init(_ value: WhatMatters) {
        for entry in value.needs {
            importance[entry.need] = String(entry.importance.rawValue)
            ownWords[entry.need] = entry.ownWords
        }
        strengths = value.strengths
        interests = value.interests.filter { WhatMatters.suggestedInterests.contains($0) }
        otherInterests = value.interests.filter { !WhatMatters.suggestedInterests.contains($0) }.joined(separator: ", ")
        mobility = value.mobility
        transport = value.transport?.rawValue ?? ""
        needsFreeOrLowCost = value.needsFreeOrLowCost
        caringDuties = value.caringDuties
        availableDays = value.availableDays.map(String.init)
        availableTimes = value.availableTimes.map(\.rawValue)
    }

    public func validate(needs: [Need]) throws(ValidationFailure) -> WhatMatters {
        var collector = ValidationCollector()
        var entries: [WhatMatters.NeedEntry] = []
        for need in needs {
            let words = (ownWords[need.code] ?? "").trimmingWhitespace()
            guard let text = importance[need.code], !text.isEmpty else {
                if !words.isEmpty {
                    collector.add(
                        "importance-\(need.code)",
                        "Say how much \(need.label.lowercased()) matters to them, or clear their words")
                }
                continue
            }
            guard let value = NumberText.whole(text, in: 0...9).flatMap(WhatMatters.Importance.init(rawValue:)) else {
                collector.add("importance-\(need.code)", "Choose how much it matters")
                continue
            }
            if words.count > 1000 { collector.add("ownWords-\(need.code)", "Must be 1000 characters or fewer") }
            entries.append(.init(need: need.code, importance: value, ownWords: words))
        }
        func limited(_ text: String, _ field: String, _ limit: Int) -> String {
            let trimmed = text.trimmingWhitespace()
            if trimmed.count > limit { collector.add(field, "Must be \(limit) characters or fewer") }
            return trimmed
        }
        let strengths = limited(self.strengths, "strengths", 2000)
        let mobility = limited(self.mobility, "mobility", 500)
        let caring = limited(caringDuties, "caringDuties", 500)
        var tags = interests.filter { WhatMatters.suggestedInterests.contains($0) }
        for extra in otherInterests.split(separator: ",") {
            let tag = extra.trimmingWhitespace().lowercased()
            if !tag.isEmpty, !tags.contains(tag) { tags.append(String(tag.prefix(40))) }
        }
        let transport: WhatMatters.Transport? =
            self.transport.isEmpty ? nil : WhatMatters.Transport(rawValue: self.transport)
        if !self.transport.isEmpty && transport == nil { collector.add("transport", "Choose one of the options") }
        let days = Set(availableDays.compactMap { NumberText.whole($0, in: 1...7) }).sorted()
        let times = WhatMatters.PartOfDay.allCases.filter { availableTimes.contains($0.rawValue) }
        try collector.throwIfAny()
        return WhatMatters(
            needs: entries, strengths: strengths, interests: tags, mobility: mobility, transport: transport,
            needsFreeOrLowCost: needsFreeOrLowCost, caringDuties: caring, availableDays: days, availableTimes: times)
    }
}
