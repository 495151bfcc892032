import Foundation

/// Open Referral UK v1 (2019–2024, the "ServiceDirectoryService" API many
/// council feeds still serve), read and turned into HSDS 3.0 records.
///
/// v1 nests differently (`regular_schedules`, `service_taxonomys`,
/// `eligibilitys`, `physical_addresses`) and allows identifiers that are not
/// UUIDs. Such identifiers become stable UUIDs made from them, so a feed read
/// twice gives the same records. Holiday schedules, reviews and the v1-only
/// fields (`deliverable_type`, `attending_type`, `attending_access`) have no
/// place in HSDS 3.0's UK profile and are left out. A `weekday` without
/// `byday` is read as ISO 8601 numbers it: 1 is Monday, 7 is Sunday.
public enum LegacyORUK {
    /// Keys only v1 records have: how a v1 record is told from a 3.0 one.
    public static let distinctiveKeys: Set<String> = [
        "regular_schedules", "holiday_schedules", "service_taxonomys", "service_taxonomies", "eligibilitys",
        "eligibilities", "fundings", "reviews", "deliverable_type", "attending_type", "attending_access",
    ]

    public struct Service: Decodable, Sendable {
        var id: Identifier
        var organization: Organization?
        var name: String?
        var description: String?
        var url: String?
        var email: String?
        var status: String?
        var fees: String?
        var accreditations: String?
        var assuredDate: String?
        var serviceTaxonomys: [ServiceTaxonomy]?
        var serviceTaxonomies: [ServiceTaxonomy]?
        var serviceAtLocations: [ServiceAtLocation]?
        var contacts: [Contact]?
        var regularSchedules: [RegularSchedule]?
        var fundings: [Funding]?
        var eligibilitys: [Eligibility]?
        var eligibilities: [Eligibility]?
        var serviceAreas: [ServiceArea]?
        var languages: [Language]?
        var costOptions: [CostOption]?

        enum CodingKeys: String, CodingKey {
            case id, organization, name, description, url, email, status, fees, accreditations
            case assuredDate = "assured_date", serviceTaxonomys = "service_taxonomys", serviceTaxonomies =
                "service_taxonomies"
            case serviceAtLocations = "service_at_locations", contacts, regularSchedules = "regular_schedules", fundings
            case eligibilitys, eligibilities, serviceAreas = "service_areas", languages, costOptions = "cost_options"
        }
    }

    /// v1 identifiers are text or numbers.
    struct Identifier: Decodable, Sendable {
        let text: String

        init(from decoder: any Decoder) throws {
            let value = try decoder.singleValueContainer()
            if let text = try? value.decode(String.self) {
                self.text = text
            } else {
                self.text = String(try value.decode(Int.self))
            }
        }
    }

    struct Organization: Decodable, Sendable {
        var id: Identifier?
        var name: String?
        var description: String?
        var email: String?
        var url: String?
        var logo: String?
        var uri: String?
    }

    struct ServiceTaxonomy: Decodable, Sendable {
        var id: Identifier?
        var taxonomy: Taxonomy?
    }

    struct Taxonomy: Decodable, Sendable {
        var id: Identifier?
        var name: String?
        var parentId: Identifier?
        var vocabulary: String?

        enum CodingKeys: String, CodingKey { case id, name, parentId = "parent_id", vocabulary }
    }

    struct ServiceAtLocation: Decodable, Sendable {
        var id: Identifier?
        var location: Location?
    }

    struct Location: Decodable, Sendable {
        var id: Identifier?
        var name: String?
        var description: String?
        var latitude: Double?
        var longitude: Double?
        var physicalAddresses: [Address]?
        var accessibilityForDisabilities: [Accessibility]?

        enum CodingKeys: String, CodingKey {
            case id, name, description, latitude, longitude, physicalAddresses = "physical_addresses"
            case accessibilityForDisabilities = "accessibility_for_disabilities"
        }
    }

    struct Address: Decodable, Sendable {
        var id: Identifier?
        var address1: String?
        var city: String?
        var stateProvince: String?
        var postalCode: String?
        var country: String?

        enum CodingKeys: String, CodingKey {
            case id, address1 = "address_1", city, stateProvince = "state_province", postalCode = "postal_code", country
        }
    }

    struct Accessibility: Decodable, Sendable {
        var id: Identifier?
        var accessibility: String?
        var details: String?
    }

    struct Contact: Decodable, Sendable {
        var id: Identifier?
        var name: String?
        var title: String?
        var phones: [Phone]?
    }

    struct Phone: Decodable, Sendable {
        var id: Identifier?
        var number: String?
    }

    struct RegularSchedule: Decodable, Sendable {
        var id: Identifier?
        var weekday: Int?
        var opensAt: String?
        var closesAt: String?
        var validFrom: String?
        var validTo: String?
        var freq: String?
        var interval: Double?
        var byday: String?
        var bymonthday: Double?
        var description: String?

        enum CodingKeys: String, CodingKey {
            case id, weekday, opensAt = "opens_at", closesAt = "closes_at", validFrom = "valid_from", validTo =
                "valid_to"
            case freq, interval, byday, bymonthday, description
        }
    }

    struct Funding: Decodable, Sendable {
        var id: Identifier?
        var source: String?
    }

    struct Eligibility: Decodable, Sendable {
        var minimumAge: Double?
        var maximumAge: Double?

        enum CodingKeys: String, CodingKey { case minimumAge = "minimum_age", maximumAge = "maximum_age" }
    }

    struct ServiceArea: Decodable, Sendable {
        var id: Identifier?
        var serviceArea: String?
        var extent: String?
        var uri: String?

        enum CodingKeys: String, CodingKey { case id, serviceArea = "service_area", extent, uri }
    }

    struct Language: Decodable, Sendable {
        var id: Identifier?
        var language: String?
    }

    struct CostOption: Decodable, Sendable {
        var id: Identifier?
        var validFrom: String?
        var validTo: String?
        var option: String?
        var amount: Double?
        var amountDescription: String?

        enum CodingKeys: String, CodingKey {
            case id, validFrom = "valid_from", validTo = "valid_to", option, amount, amountDescription =
                "amount_description"
        }
    }

    // MARK: Converting

    /// A UUID for a v1 identifier: itself when it is one, else one made from it
    /// (and from what kind of thing it names, so a service and a location
    /// numbered 7 stay apart). Parts with no identifier get one from `fallback`.
    static func uuid(_ id: Identifier?, _ kind: String, fallback: String) -> String {
        guard let text = id?.text.trimmingCharacters(in: .whitespaces), !text.isEmpty else {
            return StableUUID.make(from: "oruk v1 \(kind)|\(fallback)")
        }
        if DirectoryValidation.isUUID(text) { return text.lowercased() }
        return StableUUID.make(from: "oruk v1 \(kind)|\(text)")
    }

    public static func convert(_ old: Service) -> HSDS.Service {
        let id = uuid(old.id, "service", fallback: "")
        var service = HSDS.Service(id: id, name: old.name ?? "", status: (old.status ?? "active").lowercased())
        service.description = old.description
        service.url = old.url
        service.email = old.email
        service.fees = old.fees
        service.accreditations = old.accreditations
        service.assuredDate = old.assuredDate.map { String($0.prefix(10)) }

        if let organization = old.organization {
            let organizationID = uuid(organization.id, "organization", fallback: organization.name ?? id)
            var converted = HSDS.Organization(
                id: organizationID, name: organization.name ?? "",
                description: organization.description ?? organization.name ?? "")
            converted.email = organization.email
            converted.website = organization.url
            converted.logo = organization.logo
            converted.uri = organization.uri
            service.organization = converted
            service.organizationId = organizationID
        }

        let taxonomies = (old.serviceTaxonomys ?? []) + (old.serviceTaxonomies ?? [])
        let attributes = taxonomies.enumerated().compactMap { offset, link -> HSDS.Attribute? in
            guard let taxonomy = link.taxonomy, let name = taxonomy.name else { return nil }
            var term = HSDS.TaxonomyTerm(
                id: uuid(taxonomy.id, "taxonomy term", fallback: name), name: name, description: name,
                parentId: taxonomy.parentId.map { uuid($0, "taxonomy term", fallback: "") },
                taxonomyID: taxonomy.vocabulary.map { StableUUID.make(from: "oruk v1 vocabulary|\($0)") })
            term.taxonomy = taxonomy.vocabulary
            var attribute = HSDS.Attribute(
                id: uuid(link.id, "service taxonomy", fallback: "\(id)|\(offset)"), term: term)
            attribute.linkId = id
            attribute.linkEntity = "service"
            return attribute
        }
        service.attributes = attributes.isEmpty ? nil : attributes

        service.serviceAtLocations = old.serviceAtLocations.map { places in
            places.enumerated().map { offset, place in
                let location = place.location.map { convert($0, fallback: "\(id)|\(offset)") }
                var converted = HSDS.ServiceAtLocation(
                    id: uuid(place.id, "service at location", fallback: "\(id)|\(offset)"), location: location)
                converted.serviceId = id
                return converted
            }
        }

        service.schedules = old.regularSchedules.map { schedules in
            schedules.enumerated().map { offset, schedule in
                var converted = HSDS.Schedule(id: uuid(schedule.id, "schedule", fallback: "\(id)|\(offset)"))
                converted.serviceId = id
                converted.freq = schedule.freq?.uppercased() ?? "WEEKLY"
                converted.byday = schedule.byday ?? schedule.weekday.flatMap { DirectoryDay(rawValue: $0)?.code }
                converted.opensAt = schedule.opensAt.flatMap(time)
                converted.closesAt = schedule.closesAt.flatMap(time)
                converted.validFrom = schedule.validFrom.map { String($0.prefix(10)) }
                converted.validTo = schedule.validTo.map { String($0.prefix(10)) }
                converted.interval = schedule.interval
                // RFC 5545 month days: 1 to 31, or -31 to -1 counting from the end.
                converted.bymonthday = schedule.bymonthday.flatMap { day in
                    day == day.rounded() && (-31...31).contains(day) && day != 0 ? String(Int(day)) : nil
                }
                converted.description = schedule.description
                return converted
            }
        }

        let eligibilities = (old.eligibilitys ?? []) + (old.eligibilities ?? [])
        service.minimumAge = eligibilities.compactMap(\.minimumAge).min()
        service.maximumAge = eligibilities.compactMap(\.maximumAge).max()

        service.languages = old.languages.map { languages in
            languages.enumerated().map { offset, language in
                var converted = HSDS.Language(id: uuid(language.id, "language", fallback: "\(id)|\(offset)"))
                converted.serviceId = id
                let text = language.language ?? ""
                if text.count <= 3 { converted.code = text.lowercased() } else { converted.name = text }
                return converted
            }
        }
        service.costOptions = old.costOptions.map { options in
            options.enumerated().map { offset, option in
                var converted = HSDS.CostOption(id: uuid(option.id, "cost option", fallback: "\(id)|\(offset)"))
                converted.serviceId = id
                converted.option = option.option
                converted.amount = option.amount
                converted.amountDescription = option.amountDescription
                converted.validFrom = option.validFrom.map { String($0.prefix(10)) }
                converted.validTo = option.validTo.map { String($0.prefix(10)) }
                return converted
            }
        }
        service.funding = old.fundings.map { fundings in
            fundings.enumerated().map { offset, funding in
                var converted = HSDS.Funding(id: uuid(funding.id, "funding", fallback: "\(id)|\(offset)"))
                converted.serviceId = id
                converted.source = funding.source
                return converted
            }
        }
        service.serviceAreas = old.serviceAreas.map { areas in
            areas.enumerated().map { offset, area in
                var converted = HSDS.ServiceArea(id: uuid(area.id, "service area", fallback: "\(id)|\(offset)"))
                converted.serviceId = id
                converted.name = area.serviceArea
                converted.serviceArea = area.serviceArea
                converted.extent = area.extent
                converted.uri = area.uri
                return converted
            }
        }
        service.contacts = old.contacts.map { contacts in
            contacts.enumerated().map { offset, contact in
                var converted = HSDS.Contact(id: uuid(contact.id, "contact", fallback: "\(id)|\(offset)"))
                converted.serviceId = id
                converted.name = contact.name
                converted.title = contact.title
                let phones = (contact.phones ?? []).enumerated().compactMap { number, phone in
                    phone.number.map {
                        HSDS.Phone(id: uuid(phone.id, "phone", fallback: "\(id)|\(offset)|\(number)"), number: $0)
                    }
                }
                converted.phones = phones.isEmpty ? nil : phones
                return converted
            }
        }
        return service
    }

    static func convert(_ old: Location, fallback: String) -> HSDS.Location {
        let id = uuid(old.id, "location", fallback: fallback)
        var location = HSDS.Location(id: id)
        location.name = old.name
        location.description = old.description
        location.latitude = old.latitude
        location.longitude = old.longitude
        let addresses = (old.physicalAddresses ?? []).enumerated().map { offset, address in
            var converted = HSDS.Address(
                id: uuid(address.id, "address", fallback: "\(id)|\(offset)"), address1: address.address1 ?? "",
                city: address.city ?? "", stateProvince: address.stateProvince ?? "",
                postalCode: address.postalCode ?? "",
                country: address.country ?? "GB")
            converted.locationId = id
            return converted
        }
        location.addresses = addresses.isEmpty ? nil : addresses
        let access = (old.accessibilityForDisabilities ?? []).enumerated().map { offset, item in
            var converted = HSDS.Accessibility(id: uuid(item.id, "accessibility", fallback: "\(id)|\(offset)"))
            converted.locationId = id
            converted.description = item.accessibility
            converted.details = item.details
            return converted
        }
        location.accessibility = access.isEmpty ? nil : access
        return location
    }

    /// "09:00", "09:00Z" or "09:00:00+01:00" as HSDS 3.0's "09:00:00" (the zone is dropped: UK feeds mean local time).
    static func time(_ text: String) -> String? {
        let clock = text.prefix { $0.isNumber || $0 == ":" }
        let parts = clock.split(separator: ":")
        guard (2...3).contains(parts.count), let hours = Int(parts[0]), let minutes = Int(parts[1]),
            (0...23).contains(hours),
            (0...59).contains(minutes)
        else { return nil }
        return String(format: "%02d:%02d:00", hours, minutes)
    }
}
