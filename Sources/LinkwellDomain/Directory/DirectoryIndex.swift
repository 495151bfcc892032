import Foundation

/// A day of the week as iCalendar writes it in `byday` ("MO" … "SU").
public enum DirectoryDay: Int, Sendable, CaseIterable, Comparable {
    case monday = 1, tuesday, wednesday, thursday, friday, saturday, sunday

    public var code: String {
        ["MO", "TU", "WE", "TH", "FR", "SA", "SU"][rawValue - 1]
    }

    public var name: String {
        ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"][rawValue - 1]
    }

    /// "MO", "Monday", "mon" or a `byday` entry with a monthly position ("1MO", "-1FR").
    public init?(_ text: some StringProtocol) {
        let letters = text.trimmingPrefix { $0 == "-" || $0 == "+" || $0.isNumber }.lowercased()
        guard letters.count >= 2,
            let day = Self.allCases.first(where: {
                $0.name.lowercased().hasPrefix(letters) || $0.code.lowercased() == letters
            })
        else { return nil }
        self = day
    }

    /// "TU,TH" as days; nil when any entry is not a day.
    public static func parseList(_ text: String) -> [DirectoryDay]? {
        let entries = text.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
        guard !entries.isEmpty else { return nil }
        var days: [DirectoryDay] = []
        for entry in entries {
            guard let day = DirectoryDay(entry) else { return nil }
            if !days.contains(day) { days.append(day) }
        }
        return days
    }

    public static func < (lhs: DirectoryDay, rhs: DirectoryDay) -> Bool { lhs.rawValue < rhs.rawValue }
}

/// What search and matching need to know about a service, taken from its
/// HSDS record: the stores keep these beside the record as columns and index
/// tables, so that filters are queries rather than scans of JSON.
public struct DirectoryIndex: Sendable, Equatable {
    /// A time the service runs: a day (nil when the schedule names none) and
    /// opening and closing times in minutes after midnight.
    public struct Session: Sendable, Hashable {
        public let day: DirectoryDay?
        public let opens: Int?
        public let closes: Int?

        public init(day: DirectoryDay?, opens: Int?, closes: Int?) {
            self.day = day
            self.opens = opens
            self.closes = closes
        }
    }

    public struct Place: Sendable, Equatable {
        public let serviceAtLocationID: String
        public let locationID: String?
        public let latitude: Double?
        public let longitude: Double?
        public let postcode: String?
    }

    public let name: String
    public let description: String
    public let organizationID: String?
    public let organizationName: String
    public let status: String
    public let minimumAge: Double?
    public let maximumAge: Double?
    /// Every taxonomy term the service, its places or its organisation carry.
    public let terms: [HSDS.TaxonomyTerm]
    public let sessions: [Session]
    public let places: [Place]
    public let languages: [String]
    /// Each language's name and code, normalised, for the language filter.
    public let languageKeys: [String]
    /// The access needs its places say they meet.
    public let access: [DirectoryAccess]
    /// No charge is recorded anywhere, or every cost option is zero.
    public let isFree: Bool
    /// The dearest cost option's amount; 0 when free.
    public let highestCost: Double

    public init(_ service: HSDS.Service) {
        name = service.name
        description = service.description ?? ""
        organizationID = service.organizationId ?? service.organization?.id
        organizationName = service.organization?.name ?? ""
        status = service.status
        minimumAge = service.minimumAge
        maximumAge = service.maximumAge

        var terms: [HSDS.TaxonomyTerm] = []
        func collect(_ attributes: [HSDS.Attribute]?) {
            for term in (attributes ?? []).compactMap(\.taxonomyTerm) where !terms.contains(where: { $0.id == term.id })
            {
                terms.append(term)
            }
        }
        collect(service.attributes)
        for place in service.serviceAtLocations ?? [] {
            collect(place.attributes)
            collect(place.location?.attributes)
        }
        self.terms = terms

        var sessions: [Session] = []
        let schedules = (service.schedules ?? []) + (service.serviceAtLocations ?? []).flatMap { $0.schedules ?? [] }
        for schedule in schedules {
            let opens = schedule.opensAt.flatMap(DirectoryValidation.minutes(ofTime:))
            let closes = schedule.closesAt.flatMap(DirectoryValidation.minutes(ofTime:))
            let days: [DirectoryDay?] = schedule.byday.flatMap(DirectoryDay.parseList) ?? [nil]
            for day in days {
                let session = Session(day: day, opens: opens, closes: closes)
                if !sessions.contains(session) { sessions.append(session) }
            }
        }
        self.sessions = sessions

        places = (service.serviceAtLocations ?? []).map { place in
            let position = place.location.flatMap { location -> (Double, Double)? in
                guard let latitude = location.latitude, let longitude = location.longitude,
                    (-90...90).contains(latitude), (-180...180).contains(longitude)
                else { return nil }
                return (latitude, longitude)
            }
            return Place(
                serviceAtLocationID: place.id, locationID: place.location?.id ?? place.locationId,
                latitude: position?.0, longitude: position?.1,
                postcode: place.location?.addresses?.first(where: { $0.addressType == "physical" })?.postalCode
                    ?? place.location?.addresses?.first?.postalCode)
        }
        languages = (service.languages ?? []).compactMap { $0.name ?? $0.code }
        var keys: [String] = []
        for key in (service.languages ?? []).flatMap({ [$0.name, $0.code] }).compactMap({ $0 }).map(
            DirectoryKeys.normalised)
        where !key.isEmpty && !keys.contains(key) {
            keys.append(key)
        }
        languageKeys = keys
        access = DirectoryAccess.met(
            by: (service.serviceAtLocations ?? []).flatMap { place in
                (place.location?.accessibility ?? []).flatMap {
                    [$0.accessibility, $0.description, $0.details].compactMap { $0 }
                }
            })
        let charged = (service.costOptions ?? []).contains { ($0.amount ?? 0) > 0 }
        isFree = !charged
        highestCost = max(0, (service.costOptions ?? []).compactMap(\.amount).max() ?? 0)
    }

    /// Languages and access needs as stored for filtering (`DirectoryKeys`).
    public var keyTexts: (languages: String, access: String) {
        (DirectoryKeys.text(languageKeys), DirectoryKeys.text(access.map(\.rawValue)))
    }

    /// The words text search looks in, strongest first: name, term names,
    /// organisation, description.
    public var searchText: (name: String, terms: String, organization: String, description: String) {
        (name, terms.map(\.name).joined(separator: " "), organizationName, description)
    }
}
