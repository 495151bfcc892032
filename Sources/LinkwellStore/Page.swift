import LinkwellDomain

/// Which page of a list to read. Numbers start at 1.
public struct PageRequest: Sendable, Equatable {
    /// Far beyond any real list (a million pages of 500), and small enough
    /// that `offset` can never overflow.
    public static let maximumNumber = 1_000_000
    public static let maximumSize = 500

    public let number: Int
    public let size: Int

    /// Clamps out-of-range values rather than failing, for pages the code
    /// itself asks for. Numbers from a request go through `parse` first.
    public init(number: Int = 1, size: Int = 50) {
        self.number = min(max(1, number), Self.maximumNumber)
        self.size = min(max(1, size), Self.maximumSize)
    }

    public var offset: Int { (number - 1) * size }

    /// A page as asked for in an address (`?page=3&per_page=20`): absent or
    /// empty means the first page and `defaultSize`; anything else must be a
    /// whole number in range, or it is a `ValidationFailure` naming the parameter.
    public static func parse(
        number: String?, size: String? = nil, defaultSize: Int = 50, numberField: String = "page",
        sizeField: String = "per_page"
    ) throws(ValidationFailure) -> PageRequest {
        var problems = ValidationCollector()
        func read(_ text: String?, _ field: String, _ range: ClosedRange<Int>, _ fallback: Int) -> Int {
            guard let text, !text.trimmingWhitespace().isEmpty else { return fallback }
            guard let value = NumberText.whole(text, in: range) else {
                problems.add(
                    field, "\(field) must be a whole number from \(range.lowerBound) to \(range.upperBound.formatted)")
                return fallback
            }
            return value
        }
        let number = read(number, numberField, 1...maximumNumber, 1)
        let size = read(size, sizeField, 1...maximumSize, defaultSize)
        try problems.throwIfAny()
        return PageRequest(number: number, size: size)
    }
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

extension Int {
    /// "1,000,000": for messages.
    fileprivate var formatted: String {
        let digits = Array(String(self))
        var text = ""
        for (index, digit) in digits.enumerated() {
            if index > 0, (digits.count - index) % 3 == 0 { text.append(",") }
            text.append(digit)
        }
        return text
    }
}
