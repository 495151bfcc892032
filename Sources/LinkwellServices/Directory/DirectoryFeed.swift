import Foundation
import LinkwellDomain

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// Reading an Open Referral UK 3.0 API: its `/services` pages, one after
/// another, then each service in full from `/services/{id}` (a list's items
/// may leave out nested detail such as schedules and places).
///
/// `fetch` does the HTTP; the default uses Foundation's URLSession, and tests
/// may give their own. Every failure names the address that failed.
public struct DirectoryFeed: Sendable {
    public typealias Fetch = @Sendable (URL) async throws -> Data

    let services: URL
    let fetch: Fetch
    /// Services fetched in full at once.
    let concurrency: Int
    /// A request that fails for a reason that may pass (the network, a busy
    /// server: 429 or 5xx) is tried this many times in all, waiting
    /// `retryDelay`, then twice that, between tries.
    let attempts: Int
    let retryDelay: Duration

    /// `address` is the API's base (`https://example.org/oruk`) or its
    /// `/services` address; anything else is refused with the reason.
    public init(
        address: String, concurrency: Int = 8, attempts: Int = 3, retryDelay: Duration = .milliseconds(500),
        fetch: @escaping Fetch = DirectoryFeed.download
    ) throws {
        guard let url = URL(string: address), let scheme = url.scheme?.lowercased(),
            ["http", "https"].contains(scheme),
            url.host != nil
        else {
            throw DirectoryFeedError("\(address) is not a web address (it should start http:// or https://)")
        }
        var base = url
        if base.lastPathComponent != "services" { base.appendPathComponent("services") }
        services = base
        self.fetch = fetch
        self.concurrency = max(1, concurrency)
        self.attempts = max(1, attempts)
        self.retryDelay = retryDelay
    }

    /// Every service of the feed, page by page, each read in full: each
    /// element is the service's JSON, ready for `DirectoryImport`.
    /// `pageRead` is told how many services there are in all when known.
    public func serviceDocuments() async throws -> [Data] {
        var documents: [Data] = []
        try await forEachPage { page, _ in documents += page }
        return documents
    }

    /// Reads the feed a page at a time: `body` gets each page's services, in
    /// full, and the number of services in all when the API says, before the
    /// next page is fetched; so a large feed is never all in memory.
    public func forEachPage(_ body: (_ services: [Data], _ total: Int?) async throws -> Void) async throws {
        var number = 1
        while true {
            let address = page(number)
            let data = try await get(address)
            guard let page = try? JSONDecoder().decode(PageEnvelope.self, from: data) else {
                throw DirectoryFeedError(
                    "\(address) did not answer with a page of services (ORUK 3.0's {\"contents\": […]})")
            }
            try await body(try await details(of: page.contents.compactMap(\.id)).map(JSONText.cleaned), page.totalItems)
            let last = page.lastPage ?? (page.totalPages.map { number >= $0 } ?? page.contents.isEmpty)
            if last || page.contents.isEmpty || number >= 100_000 { break }
            number += 1
        }
    }

    private func page(_ number: Int) -> URL {
        var components = URLComponents(url: services, resolvingAgainstBaseURL: false)!
        var items = (components.queryItems ?? []).filter { $0.name != "page" }
        items.append(URLQueryItem(name: "page", value: String(number)))
        components.queryItems = items
        return components.url!
    }

    /// The services in full, in the order given, a few at a time.
    private func details(of ids: [String]) async throws -> [Data] {
        var results: [Data] = []
        for start in stride(from: 0, to: ids.count, by: concurrency) {
            let chunk = Array(ids[start..<min(start + concurrency, ids.count)])
            let fetched = try await withThrowingTaskGroup(of: (Int, Data).self) { group in
                for (offset, id) in chunk.enumerated() {
                    let address = services.appendingPathComponent(id)
                    group.addTask { (offset, try await get(address)) }
                }
                var ordered = [Data?](repeating: nil, count: chunk.count)
                for try await (offset, data) in group { ordered[offset] = data }
                return ordered.compactMap { $0 }
            }
            results += fetched
        }
        return results
    }

    private func get(_ address: URL) async throws -> Data {
        var delay = retryDelay
        for attempt in 1...attempts {
            do {
                return try await fetch(address)
            } catch let error as DirectoryFeedError {
                if !error.mayPass || attempt == attempts { throw error }
            } catch {
                if attempt == attempts {
                    throw DirectoryFeedError("Could not read \(address): \(error.localizedDescription)")
                }
            }
            try await Task.sleep(for: delay)
            delay *= 2
        }
        throw DirectoryFeedError("Could not read \(address)")
    }

    /// A GET with URLSession: the body of a 200, or an error naming the status.
    public static let download: Fetch = { url in
        var request = URLRequest(url: url, timeoutInterval: 60)
        request.setValue("application/json", forHTTPHeaderField: "Accept")
        request.setValue("Linkwell directory import", forHTTPHeaderField: "User-Agent")
        let (data, response) = try await URLSession.shared.data(for: request)
        if let http = response as? HTTPURLResponse, http.statusCode != 200 {
            throw DirectoryFeedError(
                "\(url) answered \(http.statusCode) \(HTTPURLResponse.localizedString(forStatusCode: http.statusCode))",
                status: http.statusCode)
        }
        return data
    }

    /// A page as ORUK 3.0 writes it, or as v1 did (Spring's `content`,
    /// `totalElements`, `totalPages`, `last`; identifiers may be numbers).
    private struct PageEnvelope: Decodable {
        struct Item: Decodable {
            let id: String?

            enum CodingKeys: String, CodingKey { case id }

            init(from decoder: any Decoder) throws {
                let item = try decoder.container(keyedBy: CodingKeys.self)
                id =
                    (try? item.decodeIfPresent(String.self, forKey: .id))
                    ?? (try? item.decodeIfPresent(Int.self, forKey: .id)).flatMap { $0.map(String.init) }
            }
        }
        let contents: [Item]
        let totalItems: Int?
        let totalPages: Int?
        let lastPage: Bool?

        enum CodingKeys: String, CodingKey {
            case contents, totalItems = "total_items", totalPages = "total_pages", lastPage = "last_page"
            case content, totalElements, totalPagesV1 = "totalPages", last
        }

        init(from decoder: any Decoder) throws {
            let page = try decoder.container(keyedBy: CodingKeys.self)
            contents =
                try page.decodeIfPresent([Item].self, forKey: .contents) ?? page.decode([Item].self, forKey: .content)
            totalItems =
                try page.decodeIfPresent(Int.self, forKey: .totalItems)
                ?? page.decodeIfPresent(Int.self, forKey: .totalElements)
            totalPages =
                try page.decodeIfPresent(Int.self, forKey: .totalPages)
                ?? page.decodeIfPresent(Int.self, forKey: .totalPagesV1)
            lastPage =
                try page.decodeIfPresent(Bool.self, forKey: .lastPage) ?? page.decodeIfPresent(Bool.self, forKey: .last)
        }
    }
}

public struct DirectoryFeedError: Error, CustomStringConvertible, Equatable {
    public let description: String
    /// The HTTP status the server answered, when it answered.
    public let status: Int?

    public init(_ description: String, status: Int? = nil) {
        self.description = description
        self.status = status
    }

    /// Whether trying again may help: a busy or failing server, not a wrong address.
    var mayPass: Bool { status.map { $0 == 429 || $0 >= 500 } ?? false }
}
