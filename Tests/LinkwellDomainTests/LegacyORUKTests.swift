import Foundation
import LinkwellDomain
import Testing

@Suite("Legacy ORUK v1 records, converted to HSDS 3.0")
struct LegacyORUKTests {
    struct Page: Decodable { let content: [LegacyORUK.Service] }

    static func services() throws -> [HSDS.Service] {
        let url = try #require(Bundle.module.url(forResource: "Standards/oruk-v1-services", withExtension: "json"))
        return try JSONDecoder().decode(Page.self, from: Data(contentsOf: url)).content.map(LegacyORUK.convert)
    }

    @Test("A v1 record becomes a 3.0 record that passes every check, with what it said kept")
    func convert() throws {
        let services = try Self.services()
        for service in services { try DirectoryValidation.check(service) }
        let lunch = services[0]
        #expect(lunch.name == "Tuesday Lunch Club")
        #expect(lunch.id == StableUUID.make(from: "oruk v1 service|1042"), "a numeric id becomes a stable UUID")
        #expect(try Self.services()[0] == lunch, "the same feed, the same records")
        #expect(lunch.organization?.name == "Riverside Age Concern")
        #expect(lunch.organization?.website == "https://ageconcern.example.org")
        #expect(lunch.organizationId == lunch.organization?.id)
        #expect(lunch.assuredDate == "2023-06-01")
        #expect(lunch.minimumAge == 60 && lunch.maximumAge == nil)
        #expect(lunch.languages?.compactMap(\.code) == ["en", "pl"])
        #expect(lunch.costOptions?.first?.amount == 4.5)
        #expect(lunch.contacts?.first?.phones?.first?.number == "0113 496 0123")
        #expect(lunch.funding?.first?.source == "Riverside Council")

        let index = DirectoryIndex(lunch)
        #expect(
            index.sessions == [DirectoryIndex.Session(day: .tuesday, opens: 12 * 60, closes: 14 * 60)],
            "weekday 2 is Tuesday")
        #expect(index.terms.map(\.name) == ["Lunch clubs"])
        #expect(index.terms.first?.taxonomy == "Riverside Community Categories")
        #expect(index.places.first?.postcode == "RV1 2CD")
        #expect(index.places.first?.latitude == 53.802)
        #expect(
            lunch.serviceAtLocations?.first?.location?.accessibility?.first?.description
                == "Step-free entrance and hearing loop")
        #expect(!index.isFree)

        let shed = services[1]
        #expect(shed.id == "2f9a4c7e-8b1d-4e3f-9a6b-5c4d3e2f1a0b", "a UUID is kept")
        #expect(DirectoryIndex(shed).sessions.map(\.day) == [.monday, .thursday])
        #expect(shed.schedules?.first?.opensAt == "10:00:00")
        #expect(shed.schedules?.first?.closesAt == "15:30:00", "zones are dropped: UK feeds mean local time")
        #expect(shed.minimumAge == 18 && shed.maximumAge == 99)
    }
}
