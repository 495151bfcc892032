/// Which page of a list to read. Numbers start at 1.
public struct PageRequest: Sendable, Equatable {
    public let number: Int
    public let size: Int

    /// Clamps out-of-range values rather than failing: a hand-edited `?page=0`
    /// shows the first page.
    public init(number: Int = 1, size: Int = 50) {
        self.number = max(1, number)
        self.size = min(max(1, size), 500)
    }

    public var offset: Int { (number - 1) * size }
}

public struct Page<Item: Sendable>: Sendable {
    public let items: [Item]
    public let request: PageRequest
    public let totalItems: Int

    public init(items: [Item], request: PageRequest, totalItems: Int) {
        self.items = items
        self.request = request
        self.totalItems = totalItems
    }

    public var totalPages: Int { max(1, (totalItems + request.size - 1) / request.size) }
    public var hasPrevious: Bool { request.number > 1 }
    public var hasNext: Bool { request.number < totalPages }

    public func map<T>(_ transform: (Item) throws -> T) rethrows -> Page<T> {
        Page<T>(items: try items.map(transform), request: request, totalItems: totalItems)
    }
}
