import Foundation
import LinkwellDomain
import LinkwellStore

/// Reading the community directory. It holds no one's personal data and is
/// published openly (the ORUK API needs no sign-in), so reads take no acting
/// user; editing, when it comes, will.
public struct DirectoryService: Sendable {
    let store: any LinkwellStore

    public init(store: any LinkwellStore) {
        self.store = store
    }

    public func services(_ query: ServiceQuery, page: PageRequest) async throws -> Page<DirectoryEntry> {
        try await store.directory.services(matching: query, page: page)
    }

    public func service(id: String) async throws -> DirectoryEntry {
        guard let entry = try await store.directory.entry(id: id) else { throw ServiceError.notFound }
        return entry
    }

    public func serviceAtLocations(_ query: ServiceQuery, page: PageRequest) async throws -> Page<ServiceAtLocationRow> {
        try await store.directory.serviceAtLocations(matching: query, page: page)
    }

    public func serviceAtLocation(id: String) async throws -> ServiceAtLocationRow {
        guard let row = try await store.directory.serviceAtLocation(id: id) else { throw ServiceError.notFound }
        return row
    }

    public func taxonomies(page: PageRequest) async throws -> Page<HSDS.Taxonomy> {
        try await store.directory.taxonomies(page: page)
    }

    public func taxonomy(id: String) async throws -> HSDS.Taxonomy {
        guard let taxonomy = try await store.directory.taxonomy(id: id) else { throw ServiceError.notFound }
        return taxonomy
    }

    public func taxonomyTerms(_ query: TermQuery, page: PageRequest) async throws -> Page<HSDS.TaxonomyTerm> {
        try await store.directory.taxonomyTerms(matching: query, page: page)
    }

    public func taxonomyTerm(id: String) async throws -> HSDS.TaxonomyTerm {
        guard let term = try await store.directory.taxonomyTerm(id: id) else { throw ServiceError.notFound }
        return term
    }

    /// The circle `metres` around a postcode's centroid. The postcode must be
    /// well formed and in this deployment's postcode directory.
    public func circle(aroundPostcode text: String, metres: Double) async throws -> ServiceQuery.Circle {
        let postcode: Postcode
        do {
            postcode = try Postcode(text)
        } catch {
            throw ServiceError.invalid(field: "postcode", "\"\(text.prefix(20))\" is not a UK postcode")
        }
        guard let centroid = try await store.directory.centroid(of: postcode.value) else {
            throw ServiceError.invalid(field: "postcode", "\(postcode.value) is not in this server's postcode directory")
        }
        return ServiceQuery.Circle(latitude: centroid.latitude, longitude: centroid.longitude, metres: metres)
    }
}
