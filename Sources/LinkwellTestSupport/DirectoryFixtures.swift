import Foundation
import LinkwellDomain

/// Small, readable directory records for tests: a service is described by
/// what the test cares about, and everything else gets a valid default.
public enum DirectoryFixtures {
    public static let taxonomyID = "0c8e7d5a-3b2f-4e1a-9d6c-1a2b3c4d5e6f"

    public static let outdoors = term("Outdoors")
    public static let walking = term("Walking", parent: outdoors)
    public static let singing = term("Singing")
    public static let money = term("Money advice")

    /// Four services around Riverside (53.80 N, 1.55 W), with the postcodes of their places.
    public static let riverside: [HSDS.Service] = [
        service(
            "Riverside Walking Group", description: "A gentle walk by the canal, then tea.", terms: [walking],
            days: "TU", opens: "10:00", closes: "12:00", at: (53.801, -1.551, "RV1 1AA"), ages: 18...99,
            access: "Step-free path from the car park"),
        service(
            "Debt Advice Drop-in", description: "Free, confidential help with bills and debts.",
            organization: "Citizens Advice Riverside",
            terms: [money], days: "MO,WE", opens: "09:00", closes: "17:00", at: (53.89, -1.55, "RV9 9ZZ"),
            ages: 18...120,
            languages: [("English", "en"), ("Polish", "pl")]),
        service(
            "Riverside Singers", description: "A friendly community choir; no auditions.", terms: [singing], days: "SA",
            opens: "14:00", closes: "16:00", at: (53.805, -1.56, "RV1 2BB"), ages: 16...120, cost: 3,
            access: "Church hall with a hearing loop and an accessible toilet"),
        service(
            "Youth Football", description: "Football for young people on Saturday mornings.", days: "SA",
            opens: "09:30",
            closes: "11:00", ages: 11...16, lastModified: "2020-01-01T09:00:00Z"),
    ]

    public static let riversidePostcodes: [(String, Double, Double)] = [
        ("RV1 1AA", 53.801, -1.551), ("RV9 9ZZ", 53.89, -1.55), ("RV1 2BB", 53.805, -1.56), ("RV2 3AB", 53.80, -1.55),
    ]

    /// A taxonomy term with an ID made from its name, so tests can refer to it again.
    public static func term(_ name: String, parent: HSDS.TaxonomyTerm? = nil) -> HSDS.TaxonomyTerm {
        var term = HSDS.TaxonomyTerm(
            id: uuid("term:\(name)"), name: name, description: "Services for \(name.lowercased())",
            parentId: parent?.id,
            taxonomyID: taxonomyID)
        term.taxonomy = "Linkwell test taxonomy"
        return term
    }

    public static func organization(_ name: String) -> HSDS.Organization {
        HSDS.Organization(
            id: uuid("organization:\(name)"), name: name, description: "\(name), a community organisation")
    }

    public static func service(
        _ name: String,
        description: String? = nil,
        organization: String = "Riverside Community Trust",
        terms: [HSDS.TaxonomyTerm] = [],
        days: String? = nil,
        opens: String? = nil,
        closes: String? = nil,
        at place: (latitude: Double, longitude: Double, postcode: String)? = nil,
        ages: ClosedRange<Double>? = nil,
        cost: Double? = nil,
        lastModified: String? = nil,
        languages: [(name: String, code: String)] = [],
        access: String? = nil
    ) -> HSDS.Service {
        var service = HSDS.Service(id: uuid("service:\(name)"), name: name)
        service.description = description ?? "\(name) meets in Riverside. Everyone is welcome."
        let provider = self.organization(organization)
        service.organization = provider
        service.organizationId = provider.id
        service.lastModified = lastModified
        service.attributes = terms.map { HSDS.Attribute(id: uuid("attribute:\(name):\($0.id)"), term: $0) }
        if days != nil || opens != nil {
            var schedule = HSDS.Schedule(id: uuid("schedule:\(name)"))
            schedule.freq = "WEEKLY"
            schedule.byday = days
            schedule.opensAt = opens
            schedule.closesAt = closes
            service.schedules = [schedule]
        }
        if let place {
            var location = HSDS.Location(id: uuid("location:\(name)"))
            location.name = "\(name) venue"
            location.latitude = place.latitude
            location.longitude = place.longitude
            if let access {
                var accessibility = HSDS.Accessibility(id: uuid("accessibility:\(name)"))
                accessibility.description = access
                location.accessibility = [accessibility]
            }
            location.addresses = [
                HSDS.Address(
                    id: uuid("address:\(name)"), address1: "1 High Street", city: "Riverside",
                    stateProvince: "Riverside",
                    postalCode: place.postcode)
            ]
            service.serviceAtLocations = [HSDS.ServiceAtLocation(id: uuid("place:\(name)"), location: location)]
        }
        if !languages.isEmpty {
            service.languages = languages.map { language in
                var value = HSDS.Language(id: uuid("language:\(name):\(language.code)"))
                value.name = language.name
                value.code = language.code
                return value
            }
        }
        if let ages {
            service.minimumAge = ages.lowerBound
            service.maximumAge = ages.upperBound
        }
        if let cost {
            var option = HSDS.CostOption(id: uuid("cost:\(name)"))
            option.option = "Per session"
            option.amount = cost
            service.costOptions = [option]
        }
        return service
    }

    /// A UUID that is always the same for the same text (a name-based hash; not RFC 4122 version 5,
    /// which tests do not need).
    public static func uuid(_ text: String) -> String {
        var bytes = [UInt8](repeating: 0, count: 16)
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for (index, byte) in (text + "#" + text.reversed()).utf8.enumerated() {
            hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01B3
            bytes[index % 16] ^= UInt8(truncatingIfNeeded: hash >> 24)
        }
        bytes[6] = (bytes[6] & 0x0F) | 0x40
        bytes[8] = (bytes[8] & 0x3F) | 0x80
        let hex = bytes.map { String($0, radix: 16).leftPadded(to: 2) }.joined()
        let parts = [
            hex.prefix(8), hex.dropFirst(8).prefix(4), hex.dropFirst(12).prefix(4), hex.dropFirst(16).prefix(4),
            hex.dropFirst(20),
        ]
        return parts.joined(separator: "-")
    }
}

extension String {
    fileprivate func leftPadded(to width: Int) -> String {
        String(repeating: "0", count: max(0, width - count)) + self
    }
}
