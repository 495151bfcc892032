/// The community directory's records, in the shape of Open Referral's Human
/// Services Data Specification (HSDS) 3.0 with the UK profile (ORUK 3.0).
///
/// These types mirror the standard field for field (its spelling, such as
/// "organization", included) so that what is imported is what is served and
/// exported. They hold every field of the UK profile, plus HSDS 3.0's phones
/// and language names, which UK feeds commonly carry. Identifiers and dates
/// stay text here; `DirectoryValidation` checks their formats on the way in.
///
/// JSON keys are the standard's snake_case; encode and decode with
/// `HSDS.encoder()` and `HSDS.decoder()`.
public enum HSDS {}

extension HSDS {
    public struct Service: Codable, Sendable, Equatable {
        public var id: String
        public var organizationId: String?
        public var name: String
        public var description: String?
        public var url: String?
        public var email: String?
        /// active, inactive, defunct or temporarily closed.
        public var status: String
        public var fees: String?
        public var accreditations: String?
        public var minimumAge: Double?
        public var maximumAge: Double?
        public var assuredDate: String?
        public var assurerEmail: String?
        public var alert: String?
        public var lastModified: String?
        public var schedules: [Schedule]?
        public var serviceAreas: [ServiceArea]?
        public var serviceAtLocations: [ServiceAtLocation]?
        public var languages: [Language]?
        public var organization: Organization?
        public var funding: [Funding]?
        public var costOptions: [CostOption]?
        public var contacts: [Contact]?
        public var phones: [Phone]?
        public var attributes: [Attribute]?

        public init(id: String, name: String, status: String = "active") {
            self.id = id
            self.name = name
            self.status = status
        }

        enum CodingKeys: String, CodingKey {
            case id, organizationId = "organization_id", name, description, url, email, status, fees, accreditations
            case minimumAge = "minimum_age", maximumAge = "maximum_age", assuredDate = "assured_date"
            case assurerEmail = "assurer_email", alert, lastModified = "last_modified", schedules
            case serviceAreas = "service_areas", serviceAtLocations = "service_at_locations", languages
            case organization, funding, costOptions = "cost_options", contacts, phones, attributes
        }
    }

    public struct Organization: Codable, Sendable, Equatable {
        public var id: String
        public var name: String
        public var description: String
        public var email: String?
        public var website: String?
        public var logo: String?
        public var uri: String?
        public var parentOrganizationId: String?
        public var organizationIdentifiers: [OrganizationIdentifier]?
        public var attributes: [Attribute]?

        public init(id: String, name: String, description: String) {
            self.id = id
            self.name = name
            self.description = description
        }

        enum CodingKeys: String, CodingKey {
            case id, name, description, email, website, logo, uri, parentOrganizationId = "parent_organization_id"
            case organizationIdentifiers = "organization_identifiers", attributes
        }
    }

    public struct OrganizationIdentifier: Codable, Sendable, Equatable {
        public var id: String
        public var organizationId: String?
        public var identifierScheme: String?
        public var identifierType: String
        public var identifier: String
        public var attributes: [Attribute]?

        public init(id: String, identifierType: String, identifier: String) {
            self.id = id
            self.identifierType = identifierType
            self.identifier = identifier
        }

        enum CodingKeys: String, CodingKey {
            case id, organizationId = "organization_id", identifierScheme = "identifier_scheme"
            case identifierType = "identifier_type", identifier, attributes
        }
    }

    public struct ServiceAtLocation: Codable, Sendable, Equatable {
        public var id: String
        public var serviceId: String?
        public var locationId: String?
        public var description: String?
        public var location: Location?
        public var schedules: [Schedule]?
        public var attributes: [Attribute]?

        public init(id: String, location: Location?) {
            self.id = id
            self.locationId = location?.id
            self.location = location
        }

        enum CodingKeys: String, CodingKey {
            case id, serviceId = "service_id", locationId = "location_id", description, location, schedules
            case attributes
        }
    }

    public struct Location: Codable, Sendable, Equatable {
        public var id: String
        /// physical, postal or virtual.
        public var locationType: String
        public var name: String?
        public var description: String?
        public var latitude: Double?
        public var longitude: Double?
        public var externalIdentifier: String?
        public var externalIdentifierType: String?
        public var addresses: [Address]?
        public var accessibility: [Accessibility]?
        public var phones: [Phone]?
        public var attributes: [Attribute]?

        public init(id: String, locationType: String = "physical") {
            self.id = id
            self.locationType = locationType
        }

        enum CodingKeys: String, CodingKey {
            case id, locationType = "location_type", name, description, latitude, longitude
            case externalIdentifier = "external_identifier", externalIdentifierType = "external_identifier_type"
            case addresses, accessibility, phones, attributes
        }
    }

    public struct Address: Codable, Sendable, Equatable {
        public var id: String
        public var locationId: String?
        public var attention: String?
        public var address1: String
        public var address2: String?
        public var city: String
        public var region: String?
        public var stateProvince: String
        public var postalCode: String
        public var country: String
        public var addressType: String
        public var attributes: [Attribute]?

        public init(
            id: String, address1: String, city: String, stateProvince: String, postalCode: String,
            country: String = "GB",
            addressType: String = "physical"
        ) {
            self.id = id
            self.address1 = address1
            self.city = city
            self.stateProvince = stateProvince
            self.postalCode = postalCode
            self.country = country
            self.addressType = addressType
        }

        enum CodingKeys: String, CodingKey {
            case id, locationId = "location_id", attention, address1 = "address_1", address2 = "address_2", city
            case region, stateProvince = "state_province", postalCode = "postal_code", country
            case addressType = "address_type", attributes
        }
    }

    public struct Accessibility: Codable, Sendable, Equatable {
        public var id: String
        public var locationId: String?
        public var description: String?
        public var details: String?
        public var url: String?
        public var accessibility: String?
        public var attributes: [Attribute]?

        public init(id: String) {
            self.id = id
        }

        enum CodingKeys: String, CodingKey {
            case id, locationId = "location_id", description, details, url, accessibility, attributes
        }
    }

    /// When a service runs: iCalendar-style recurrence (`freq` WEEKLY or MONTHLY,
    /// `byday` such as "TU,TH") with opening and closing times.
    public struct Schedule: Codable, Sendable, Equatable {
        public var id: String
        public var serviceId: String?
        public var serviceAtLocationId: String?
        public var validFrom: String?
        public var validTo: String?
        public var dtstart: String?
        public var freq: String?
        public var interval: Double?
        public var byday: String?
        public var bymonthday: String?
        public var description: String?
        public var opensAt: String?
        public var closesAt: String?
        public var scheduleLink: String?
        public var attendingType: String?
        public var notes: String?

        public init(id: String) {
            self.id = id
        }

        enum CodingKeys: String, CodingKey {
            case id, serviceId = "service_id", serviceAtLocationId = "service_at_location_id"
            case validFrom = "valid_from", validTo = "valid_to", dtstart, freq, interval, byday, bymonthday
            case description, opensAt = "opens_at", closesAt = "closes_at", scheduleLink = "schedule_link"
            case attendingType = "attending_type", notes
        }
    }

    public struct ServiceArea: Codable, Sendable, Equatable {
        public var id: String
        public var serviceId: String?
        public var name: String?
        public var extent: String?
        public var extentType: String?
        public var uri: String?
        public var serviceArea: String?

        public init(id: String) {
            self.id = id
        }

        enum CodingKeys: String, CodingKey {
            case id, serviceId = "service_id", name, extent, extentType = "extent_type", uri
            case serviceArea = "service_area"
        }
    }

    public struct Language: Codable, Sendable, Equatable {
        public var id: String
        public var serviceId: String?
        public var locationId: String?
        public var phoneId: String?
        public var name: String?
        /// ISO 639 code, such as "en" or "pl".
        public var code: String?
        public var note: String?

        public init(id: String) {
            self.id = id
        }

        enum CodingKeys: String, CodingKey {
            case id, serviceId = "service_id", locationId = "location_id", phoneId = "phone_id", name, code, note
        }
    }

    public struct Funding: Codable, Sendable, Equatable {
        public var id: String
        public var serviceId: String?
        public var source: String?

        public init(id: String) {
            self.id = id
        }

        enum CodingKeys: String, CodingKey {
            case id, serviceId = "service_id", source
        }
    }

    public struct CostOption: Codable, Sendable, Equatable {
        public var id: String
        public var serviceId: String?
        public var validFrom: String?
        public var validTo: String?
        public var option: String?
        public var amount: Double?
        public var amountDescription: String?

        public init(id: String) {
            self.id = id
        }

        enum CodingKeys: String, CodingKey {
            case id, serviceId = "service_id", validFrom = "valid_from", validTo = "valid_to", option, amount
            case amountDescription = "amount_description"
        }
    }

    public struct Contact: Codable, Sendable, Equatable {
        public var id: String
        public var serviceId: String?
        public var name: String?
        public var title: String?
        public var email: String?
        public var phones: [Phone]?
        public var attributes: [Attribute]?

        public init(id: String) {
            self.id = id
        }

        enum CodingKeys: String, CodingKey {
            case id, serviceId = "service_id", name, title, email, phones, attributes
        }
    }

    public struct Phone: Codable, Sendable, Equatable {
        public var id: String
        public var number: String
        public var type: String?
        public var description: String?

        public init(id: String, number: String) {
            self.id = id
            self.number = number
        }

        enum CodingKeys: String, CodingKey {
            case id, number, type, description
        }
    }

    /// Links a taxonomy term to the record it sits in.
    public struct Attribute: Codable, Sendable, Equatable {
        public var id: String
        public var linkId: String?
        public var taxonomyTermId: String?
        public var linkType: String?
        public var linkEntity: String?
        public var value: String?
        public var taxonomyTerm: TaxonomyTerm?

        public init(id: String, term: TaxonomyTerm) {
            self.id = id
            self.taxonomyTermId = term.id
            self.taxonomyTerm = term
        }

        enum CodingKeys: String, CodingKey {
            case id, linkId = "link_id", taxonomyTermId = "taxonomy_term_id", linkType = "link_type"
            case linkEntity = "link_entity", value, taxonomyTerm = "taxonomy_term"
        }
    }

    public struct TaxonomyTerm: Codable, Sendable, Equatable {
        public var id: String
        public var code: String?
        public var name: String
        public var description: String
        public var parentId: String?
        /// The taxonomy's name, when the feed gives one.
        public var taxonomy: String?
        public var taxonomyId: String?
        public var termUri: String?
        /// The UK profile's copy of the term's text (feeds often repeat `name` here).
        public var term: String?
        public var language: String?

        public init(id: String, name: String, description: String, parentId: String? = nil, taxonomyID: String? = nil) {
            self.id = id
            self.name = name
            self.description = description
            self.parentId = parentId
            self.taxonomyId = taxonomyID
        }

        enum CodingKeys: String, CodingKey {
            case id, code, name, description, parentId = "parent_id", taxonomy, taxonomyId = "taxonomy_id"
            case termUri = "term_uri", term, language
        }
    }

    public struct Taxonomy: Codable, Sendable, Equatable {
        public var id: String
        public var name: String
        public var description: String
        public var uri: String?
        public var version: String?

        public init(id: String, name: String, description: String, uri: String? = nil, version: String? = nil) {
            self.id = id
            self.name = name
            self.description = description
            self.uri = uri
            self.version = version
        }

        enum CodingKeys: String, CodingKey {
            case id, name, description, uri, version
        }
    }
}
