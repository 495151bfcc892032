import Foundation
import LinkwellDomain
import LinkwellStore

/// A made-up but realistic community directory of any size: the groups and
/// services link workers connect people to (walking groups, lunch clubs,
/// choirs, debt advice…), tagged with a social prescribing taxonomy, with
/// places, weekly sessions, ages and costs, spread over one town or across
/// England. The same seed always gives the same directory, so the demo is
/// the same town every time and benchmarks compare like with like.
public enum SyntheticDirectory {
    public struct Area: Sendable {
        public let name: String
        public let latitude: Double
        public let longitude: Double
        public let radiusMetres: Double
        /// Postcode areas used here, such as ["LS"]; districts 1–9 are made up under them.
        public let postcodeAreas: [String]

        public init(name: String, latitude: Double, longitude: Double, radiusMetres: Double, postcodeAreas: [String]) {
            self.name = name
            self.latitude = latitude
            self.longitude = longitude
            self.radiusMetres = radiusMetres
            self.postcodeAreas = postcodeAreas
        }
    }

    /// The demo's town. "RV" is not a real postcode area, so no real place is named.
    public static let riverside = Area(
        name: "Riverside", latitude: 53.80, longitude: -1.55, radiusMetres: 6000, postcodeAreas: ["RV"])

    /// Towns and cities across England, for national-size benchmarks.
    public static let england: [Area] = [
        Area(name: "Leeds", latitude: 53.800, longitude: -1.549, radiusMetres: 9000, postcodeAreas: ["LS"]),
        Area(name: "Manchester", latitude: 53.480, longitude: -2.242, radiusMetres: 10000, postcodeAreas: ["M"]),
        Area(name: "Birmingham", latitude: 52.486, longitude: -1.890, radiusMetres: 11000, postcodeAreas: ["B"]),
        Area(
            name: "London", latitude: 51.507, longitude: -0.128, radiusMetres: 16000,
            postcodeAreas: ["E", "N", "SE", "SW", "W"]),
        Area(name: "Bristol", latitude: 51.455, longitude: -2.588, radiusMetres: 8000, postcodeAreas: ["BS"]),
        Area(name: "Newcastle", latitude: 54.978, longitude: -1.618, radiusMetres: 7000, postcodeAreas: ["NE"]),
        Area(name: "Sheffield", latitude: 53.381, longitude: -1.470, radiusMetres: 8000, postcodeAreas: ["S"]),
        Area(name: "Nottingham", latitude: 52.954, longitude: -1.158, radiusMetres: 7000, postcodeAreas: ["NG"]),
        Area(name: "Norwich", latitude: 52.630, longitude: 1.297, radiusMetres: 6000, postcodeAreas: ["NR"]),
        Area(name: "Plymouth", latitude: 50.376, longitude: -4.143, radiusMetres: 6000, postcodeAreas: ["PL"]),
        Area(name: "York", latitude: 53.960, longitude: -1.087, radiusMetres: 5000, postcodeAreas: ["YO"]),
        Area(name: "Leicester", latitude: 52.637, longitude: -1.139, radiusMetres: 7000, postcodeAreas: ["LE"]),
    ]

    public static let taxonomy = HSDS.Taxonomy(
        id: "5f0c6a51-8d3e-4b7a-9c1d-2e6f7a8b9c0d", name: "Linkwell social prescribing",
        description: "Kinds of community support a link worker connects people to, grouped by what matters to them.",
        uri: "https://linkwell.example/taxonomy", version: "1")

    /// Top-level terms (named for the needs they meet) and the kinds of service under each.
    static let kinds: [(need: String, top: String, children: [Kind])] = [
        (
            "loneliness", "Connecting with others",
            [
                Kind(
                    "Lunch club", "A warm meal and good company; transport can be arranged.", ages: 55...120, free: 0.5),
                Kind("Befriending", "A volunteer visits or calls every week for a chat.", ages: 18...120, free: 1),
                Kind("Men's shed", "Woodwork, repairs and a cuppa with others.", ages: 18...120, free: 0.8),
                Kind("Knit and natter", "Bring your knitting or learn; tea and biscuits.", ages: 16...120, free: 0.9),
                Kind(
                    "Community choir", "Sing together, no auditions and no need to read music.", ages: 16...120,
                    free: 0.6),
                Kind("Coffee morning", "Drop in for a chat and a hot drink.", ages: 18...120, free: 1),
            ]
        ),
        (
            "physical_activity", "Being active",
            [
                Kind(
                    "Walking group", "Gentle led walks through parks and by the water, at everyone's pace.",
                    ages: 18...120, free: 1),
                Kind("Chair exercise", "Seated exercise to music for strength and balance.", ages: 50...120, free: 0.7),
                Kind("Walking football", "Football at walking pace; all abilities.", ages: 40...120, free: 0.5),
                Kind("Swimming sessions", "Quiet swims and aqua aerobics.", ages: 16...120, free: 0.2),
                Kind("Tai chi", "Slow movement for balance and calm.", ages: 30...120, free: 0.5),
            ]
        ),
        (
            "mental_wellbeing", "Feeling well",
            [
                Kind(
                    "Mindfulness course", "Six weekly sessions to learn to notice and settle the mind.", ages: 18...120,
                    free: 0.8),
                Kind(
                    "Peer support group", "Talk with others who understand low mood and anxiety.", ages: 18...120,
                    free: 1),
                Kind(
                    "Community garden", "Grow vegetables and flowers together; no experience needed.", ages: 16...120,
                    free: 1),
                Kind("Art group", "Painting and drawing for wellbeing.", ages: 16...120, free: 0.6),
            ]
        ),
        (
            "money", "Money and debt",
            [
                Kind("Debt advice", "Free, confidential help with debts, bills and arrears.", ages: 18...120, free: 1),
                Kind(
                    "Benefits advice", "Check what you are entitled to and get help claiming it.", ages: 16...120,
                    free: 1),
                Kind("Food bank", "Emergency food parcels, with a referral voucher.", ages: 0...120, free: 1),
                Kind("Warm space", "Somewhere warm to spend the day, with hot drinks.", ages: 0...120, free: 1),
            ]
        ),
        (
            "housing", "Home and housing",
            [
                Kind(
                    "Housing advice", "Help with repairs, tenancies, eviction and homelessness.", ages: 16...120,
                    free: 1),
                Kind(
                    "Handyperson service", "Small repairs and adaptations to stay safe at home.", ages: 60...120,
                    free: 0.4),
            ]
        ),
        (
            "carer_support", "Support for carers",
            [
                Kind("Carers' café", "Time out and support for unpaid carers.", ages: 16...120, free: 1),
                Kind(
                    "Sitting service", "Someone stays with the person you care for so you can have a break.",
                    ages: 18...120, free: 0.5),
            ]
        ),
        (
            "bereavement", "Loss and bereavement",
            [
                Kind(
                    "Bereavement café", "A gentle space to talk about the person you have lost.", ages: 18...120,
                    free: 1)
            ]
        ),
        (
            "employment_learning", "Learning and work",
            [
                Kind(
                    "Digital skills drop-in", "Help with phones, tablets and getting online.", ages: 16...120, free: 1),
                Kind("Volunteering", "Find a volunteering role that suits you.", ages: 16...120, free: 1),
                Kind("Adult learning", "Short courses in English, maths, cooking and more.", ages: 19...120, free: 0.6),
            ]
        ),
        (
            "long_term_condition", "Living with a condition",
            [
                Kind("Breathe Easy group", "Support for people living with lung conditions.", ages: 18...120, free: 1),
                Kind(
                    "Diabetes support group", "Share tips and learn about living well with diabetes.", ages: 18...120,
                    free: 1),
            ]
        ),
        (
            "substance_use", "Alcohol and drugs",
            [
                Kind("Alcohol support group", "Support to cut down or stop drinking.", ages: 18...120, free: 1)
            ]
        ),
    ]

    struct Kind {
        let name: String
        let description: String
        let ages: ClosedRange<Double>
        /// How often it is free.
        let free: Double

        init(_ name: String, _ description: String, ages: ClosedRange<Double>, free: Double) {
            self.name = name
            self.description = description
            self.ages = ages
            self.free = free
        }
    }

    /// The taxonomy's terms: each top-level term, then its children.
    public static let terms: [HSDS.TaxonomyTerm] = {
        var random = SeededGenerator(seed: 7)
        var terms: [HSDS.TaxonomyTerm] = []
        for group in kinds {
            var top = HSDS.TaxonomyTerm(
                id: random.uuid(), name: group.top, description: "Support for \(group.top.lowercased())",
                taxonomyID: taxonomy.id)
            top.code = group.need
            top.taxonomy = taxonomy.name
            terms.append(top)
            for kind in group.children {
                var term = HSDS.TaxonomyTerm(
                    id: random.uuid(), name: kind.name, description: kind.description, parentId: top.id,
                    taxonomyID: taxonomy.id)
                term.taxonomy = taxonomy.name
                terms.append(term)
            }
        }
        return terms
    }()

    static let neighbourhoods = [
        "Millbrook", "Northfield", "St Anne's", "Canal Side", "Oakwood", "Hillside", "Church Lane", "Victoria Park",
        "Westgate",
        "Eastbank", "Meadowview", "Old Town",
    ]
    static let venues = [
        "Community Centre", "Library", "Church Hall", "Methodist Hall", "Leisure Centre", "Park Pavilion",
        "Health Centre",
    ]
    static let streets = [
        "High Street", "Church Road", "Station Road", "Park Lane", "Mill Street", "Victoria Road", "Queen Street",
    ]
    static let letters = Array("ABDEFGHJLNPQRSTUWXYZ")
    static let dayCodes = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"]
    static let languages: [(String, String)] = [
        ("Polish", "pl"), ("Urdu", "ur"), ("Bengali", "bn"), ("Punjabi", "pa"), ("Arabic", "ar"),
    ]

    public struct Output: Sendable {
        public let services: [HSDS.Service]
        /// The centroid of every postcode the services use.
        public let postcodes: [PostcodeCentroid]
    }

    /// `count` services, shared out over `areas` in turn.
    public static func generate(count: Int, seed: UInt64 = 2026, areas: [Area] = [riverside]) -> Output {
        var random = SeededGenerator(seed: seed)
        let children = terms.filter { $0.parentId != nil }
        let parents = Dictionary(uniqueKeysWithValues: terms.filter { $0.parentId == nil }.map { ($0.id, $0) })
        var services: [HSDS.Service] = []
        var postcodes: [String: PostcodeCentroid] = [:]
        services.reserveCapacity(count)
        // A few organisations per area run most things.
        var organisations: [String: [HSDS.Organization]] = [:]
        for area in areas {
            organisations[area.name] = [
                "Age UK \(area.name)", "\(area.name) Community Trust", "Citizens Advice \(area.name)",
                "\(area.name) Council", "\(area.name) Mind", "Carers \(area.name)", "\(area.name) Volunteer Centre",
            ].map { name in
                var organization = HSDS.Organization(
                    id: random.uuid(), name: name, description: "\(name) runs community services in \(area.name).")
                organization.website = "https://\(name.lowercased().filter { $0.isLetter }).example.org"
                return organization
            }
        }
        for index in 0..<count {
            let area = areas[index % areas.count]
            let term = children[random.int(in: 0...(children.count - 1))]
            let kind = kinds.flatMap(\.children).first { $0.name == term.name }!
            let parent = parents[term.parentId!]!
            let neighbourhood = random.pick(neighbourhoods)
            let organization = random.pick(organisations[area.name]!)

            var service = HSDS.Service(id: random.uuid(), name: "\(neighbourhood) \(term.name)")
            if random.chance(0.3) { service.name = "\(area.name) \(term.name)" }
            service.description = "\(kind.description) Run by \(organization.name) in \(neighbourhood), \(area.name)."
            service.organization = organization
            service.organizationId = organization.id
            service.status = random.chance(0.97) ? "active" : "temporarily closed"
            service.minimumAge = kind.ages.lowerBound
            service.maximumAge = kind.ages.upperBound
            service.email = "hello@\(organization.name.lowercased().filter { $0.isLetter }).example.org"
            service.url = organization.website
            service.lastModified = DirectoryTime.text(
                Date(timeIntervalSince1970: 1_735_689_600 + Double(random.int(in: 0...60_000_000))))

            // Where: a point in the area, a made-up postcode, an address.
            let bearing = Double(random.int(in: 0...359)) * .pi / 180
            let distance = area.radiusMetres * Double(random.int(in: 0...1000)).squareRoot() / 31.63
            let latitude = area.latitude + distance * cos(bearing) / ServiceQuery.Circle.metresPerDegree
            let longitude =
                area.longitude
                + distance * sin(bearing) / (ServiceQuery.Circle.metresPerDegree * cos(area.latitude * .pi / 180))
            let postcode =
                "\(random.pick(area.postcodeAreas))\(random.int(in: 1...9)) \(random.int(in: 1...9))\(random.pick(letters))\(random.pick(letters))"
            postcodes[PostcodeCentroid.key(postcode)] = PostcodeCentroid(
                postcode: postcode, latitude: (latitude * 1e5).rounded() / 1e5,
                longitude: (longitude * 1e5).rounded() / 1e5)
            var location = HSDS.Location(id: random.uuid())
            location.name = "\(neighbourhood) \(random.pick(venues))"
            location.latitude = (latitude * 1e5).rounded() / 1e5
            location.longitude = (longitude * 1e5).rounded() / 1e5
            location.addresses = [
                HSDS.Address(
                    id: random.uuid(), address1: "\(random.int(in: 1...200)) \(random.pick(streets))", city: area.name,
                    stateProvince: area.name, postalCode: postcode)
            ]
            if random.chance(0.7) {
                var access = HSDS.Accessibility(id: random.uuid())
                access.description = random.pick([
                    "Step-free access and an accessible toilet", "Ground floor; hearing loop",
                    "Ramp at the side entrance",
                ])
                location.accessibility = [access]
            }
            var place = HSDS.ServiceAtLocation(id: random.uuid(), location: location)
            place.serviceId = service.id

            // When: one or two weekly sessions.
            var schedule = HSDS.Schedule(id: random.uuid())
            schedule.serviceId = service.id
            schedule.freq = "WEEKLY"
            schedule.interval = 1
            let firstDay = random.int(in: 0...6)
            let days = random.chance(0.25) ? [firstDay, (firstDay + 2) % 7].sorted() : [firstDay]
            schedule.byday = days.map { dayCodes[$0] }.joined(separator: ",")
            let opens = random.pick([9 * 60, 9 * 60 + 30, 10 * 60, 11 * 60, 13 * 60, 14 * 60, 18 * 60, 19 * 60])
            let length = random.pick([60, 90, 120, 180])
            schedule.opensAt = clock(opens)
            schedule.closesAt = clock(opens + length)
            schedule.description =
                "\(days.map { DirectoryDay(dayCodes[$0])!.name }.joined(separator: " and ")), \(clock(opens))–\(clock(opens + length))"
            service.schedules = [schedule]
            service.serviceAtLocations = [place]

            if random.chance(kind.free) {
                service.fees = "Free"
            } else {
                var option = HSDS.CostOption(id: random.uuid())
                option.serviceId = service.id
                option.amount = Double(random.int(in: 1...8))
                option.option = "Per session"
                option.amountDescription = "£\(Int(option.amount!)) a session; ask about concessions"
                service.costOptions = [option]
                service.fees = option.amountDescription
            }
            var english = HSDS.Language(id: random.uuid())
            english.name = "English"
            english.code = "en"
            english.serviceId = service.id
            service.languages = [english]
            if random.chance(0.1) {
                let (name, code) = random.pick(languages)
                var other = HSDS.Language(id: random.uuid())
                other.name = name
                other.code = code
                other.serviceId = service.id
                service.languages?.append(other)
            }
            var phone = HSDS.Phone(
                id: random.uuid(), number: "0113 496 \(String(format: "%04d", random.int(in: 0...9999)))")
            phone.type = "voice"
            service.phones = [phone]
            service.attributes = [term, parent].map { attributeTerm in
                var attribute = HSDS.Attribute(id: random.uuid(), term: attributeTerm)
                attribute.linkId = service.id
                attribute.linkType = "service"
                attribute.linkEntity = "service"
                return attribute
            }
            services.append(service)
        }
        return Output(services: services, postcodes: postcodes.values.sorted { $0.postcode < $1.postcode })
    }

    /// A made-up postcode's place in an area: always the same for the same postcode.
    public static func centroid(of postcode: String, in area: Area) -> PostcodeCentroid {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in PostcodeCentroid.key(postcode).utf8 { hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01B3 }
        var random = SeededGenerator(seed: hash)
        let bearing = Double(random.int(in: 0...359)) * .pi / 180
        let distance = area.radiusMetres * Double(random.int(in: 0...1000)).squareRoot() / 31.63
        let latitude = area.latitude + distance * cos(bearing) / ServiceQuery.Circle.metresPerDegree
        let longitude =
            area.longitude + distance * sin(bearing)
            / (ServiceQuery.Circle.metresPerDegree * cos(area.latitude * .pi / 180))
        return PostcodeCentroid(
            postcode: postcode, latitude: (latitude * 1e5).rounded() / 1e5, longitude: (longitude * 1e5).rounded() / 1e5
        )
    }

    static func clock(_ minutes: Int) -> String {
        String(format: "%02d:%02d", minutes / 60, minutes % 60)
    }
}

extension SeededGenerator {
    /// A random (version 4 form) UUID from the seeded stream.
    mutating func uuid() -> String {
        var bytes = (0..<16).map { _ in UInt8.random(in: 0...255, using: &self) }
        bytes[6] = (bytes[6] & 0x0F) | 0x40
        bytes[8] = (bytes[8] & 0x3F) | 0x80
        return UUID(
            uuid: (
                bytes[0], bytes[1], bytes[2], bytes[3], bytes[4], bytes[5], bytes[6], bytes[7], bytes[8], bytes[9],
                bytes[10], bytes[11], bytes[12], bytes[13], bytes[14], bytes[15]
            )
        ).uuidString.lowercased()
    }
}
