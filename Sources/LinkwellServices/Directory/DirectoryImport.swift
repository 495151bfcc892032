import Foundation
import LinkwellDomain
import LinkwellStore

/// Brings Open Referral UK 3.0 records into the directory.
///
/// Each record is read and checked on its own: a bad one is reported with its
/// reasons and skipped, and the rest go in. Good records are saved in batches,
/// each batch one transaction, so nothing is ever half-written; a record the
/// database refuses is found by saving that batch again one record at a time.
/// Saving an identical record is "unchanged", so the same feed twice changes nothing.
public struct DirectoryImport: Sendable {
    public struct Rejection: Sendable, Equatable {
        /// 1-based position in the feed.
        public let position: Int
        public let id: String?
        public let name: String?
        public let reasons: [String]
    }

    public struct Summary: Sendable, Equatable {
        public var created = 0
        public var updated = 0
        public var unchanged = 0
        public var rejected: [Rejection] = []

        public var total: Int { created + updated + unchanged + rejected.count }

        /// Adds another part's counts and rejections to these.
        mutating func add(_ part: Summary) {
            created += part.created
            updated += part.updated
            unchanged += part.unchanged
            rejected += part.rejected
        }

        public var description: String {
            "\(created) created, \(updated) updated, \(unchanged) unchanged, \(rejected.count) rejected"
        }
    }

    /// The stores this uses, and no others (picked from the whole store at start-up).
    struct Stores: Sendable {
        let audit: any AuditStore
        let directory: any DirectoryStore

        init(_ all: any LinkwellStore) {
            audit = all.audit
            directory = all.directory
        }
    }

    let store: Stores
    let clock: any WallClock
    let batchSize: Int

    public init(store: any LinkwellStore, clock: any WallClock, batchSize: Int = 5000) {
        self.store = Stores(store)
        self.clock = clock
        self.batchSize = batchSize
    }

    /// Imports a JSON document: an array of services, a page of them (`contents`),
    /// or one service. `progress` is told how many of how many are done.
    public func importORUK(
        json data: Data, source: String, maintainedBy: OrganisationID? = nil,
        progress: @Sendable (_ done: Int, _ total: Int) -> Void = { _, _ in }
    ) async throws -> Summary {
        // The one rule for text at the edge: control characters out of every string.
        let data = JSONText.cleaned(data)
        let base = data.startIndex
        if let ranges = JSONArrayElements.ranges(in: data),
            ranges.contains(where: { data[base + $0.lowerBound] == UInt8(ascii: "{") })
        {
            // A list of services: decoded a batch at a time, on every core,
            // the next batch while this one is written.
            let decoder = HSDS.decoder()
            return try await importBatches(
                total: ranges.count, source: source, maintainedBy: maintainedBy, progress: progress
            ) { range in
                ranges[range].map {
                    Self.candidate(data[(base + $0.lowerBound)..<(base + $0.upperBound)], decoder: decoder)
                }
            }
        }
        return try await importRecords(
            try Self.records(in: data), source: source, maintainedBy: maintainedBy, progress: progress)
    }

    /// Imports every service of an ORUK 3.0 API (`address` is its base or its
    /// `/services`), read page by page and each service in full.
    public func importORUK(
        feed: DirectoryFeed, source: String, maintainedBy: OrganisationID? = nil,
        progress: @Sendable (_ done: Int, _ total: Int) -> Void = { _, _ in }
    ) async throws -> Summary {
        // Page by page: each page is saved before the next is fetched.
        var summary = Summary()
        var position = 0
        var expected: Int?
        let decoder = HSDS.decoder()
        try await feed.forEachPage { documents, total in
            expected = expected ?? total
            let candidates = documents.map { Self.candidate($0, decoder: decoder) }
            let offset = position
            let whole = max(expected ?? 0, offset + candidates.count)
            let part = try await importBatches(
                total: candidates.count, source: source, maintainedBy: maintainedBy,
                progress: { done, _ in progress(offset + done, whole) }, positionOffset: offset, expected: expected,
                audits: false
            ) { Array(candidates[$0]) }
            summary.add(part)
            position += candidates.count
        }
        try await audit(summary, source: source, maintainedBy: maintainedBy)
        return summary
    }

    /// Imports the documented CSV template (docs/directory-csv.md): a header
    /// row naming the columns, then one service a row. Categories are matched
    /// to the directory's taxonomy terms by name.
    public func importCSV(
        text: String, source: String, maintainedBy: OrganisationID? = nil,
        progress: @Sendable (_ done: Int, _ total: Int) -> Void = { _, _ in }
    ) async throws -> Summary {
        let rows = CSVText.rows(in: text)
        guard let header = rows.first?.map({ $0.trimmingCharacters(in: .whitespaces).lowercased() }) else {
            throw DirectoryImportError.notCSVTemplate(missing: ["name", "organisation", "description"])
        }
        let missing = ["name", "organisation", "description"].filter { !header.contains($0) }
        guard missing.isEmpty else { throw DirectoryImportError.notCSVTemplate(missing: missing) }
        var terms: [String: HSDS.TaxonomyTerm] = [:]
        var number = 1
        while true {
            let page = try await store.directory.taxonomyTerms(
                matching: TermQuery(), page: PageRequest(number: number, size: 500))
            for term in page.items where terms[term.name.lowercased()] == nil { terms[term.name.lowercased()] = term }
            if !page.hasNext { break }
            number += 1
        }
        let candidates: [Result<HSDS.Service, Refused>] = rows.dropFirst().map { fields in
            var row: [String: String] = [:]
            for (column, value) in zip(header, fields) { row[column] = value }
            do throws(ValidationFailure) {
                let service = try DirectoryCSV.service(from: row, term: { terms[$0.lowercased()] })
                try DirectoryValidation.check(service)
                return .success(service)
            } catch {
                return .failure(
                    Refused(id: row["id"], name: row["name"], reasons: error.errors.map { "\($0.field) \($0.message)" })
                )
            }
        }
        return try await importRecords(candidates, source: source, maintainedBy: maintainedBy, progress: progress)
    }

    private func importRecords(
        _ candidates: [Result<HSDS.Service, Refused>], source: String, maintainedBy: OrganisationID?,
        progress: @Sendable (_ done: Int, _ total: Int) -> Void
    ) async throws -> Summary {
        try await importBatches(total: candidates.count, source: source, maintainedBy: maintainedBy, progress: progress)
        {
            Array(candidates[$0])
        }
    }

    /// The import itself: `read(range)` gives the candidates at those
    /// positions; each batch is checked and prepared while the batches before
    /// it are being written, then saved in one transaction. Rejections keep
    /// their 1-based positions.
    ///
    /// Batches are prepared one at a time, up to two ahead of the writer,
    /// on one core while the writer has the other: writing is the slower
    /// side, and preparing on both cores at once only took CPU from it
    /// (100,000 services: 19.5 s that way, 17.5 s this way). When the writer
    /// has nothing to do (the first batch, or a feed seen before, all
    /// unchanged) a batch is prepared on every core.
    /// `positionOffset` and `expected` serve an import made of several calls
    /// (a feed, page by page): where this part starts, and how many there are
    /// in all; such a caller audits the whole once (`audits: false`).
    private func importBatches(
        total: Int, source: String, maintainedBy: OrganisationID?,
        progress: @Sendable (_ done: Int, _ total: Int) -> Void,
        positionOffset: Int = 0, expected: Int? = nil, audits: Bool = true,
        read: @escaping @Sendable (Range<Int>) -> [Result<HSDS.Service, Refused>]
    ) async throws -> Summary {
        let batches = stride(from: 0, to: total, by: batchSize).map { $0..<min($0 + batchSize, total) }
        @Sendable func prepare(_ range: Range<Int>, split: Bool) async -> [Result<PreparedDirectoryRecord, Refused>] {
            let halves =
                !split || range.count < 64
                ? [range]
                : [
                    range.lowerBound..<range.lowerBound + range.count / 2,
                    range.lowerBound + range.count / 2..<range.upperBound,
                ]
            return await withTaskGroup(of: (Int, [Result<PreparedDirectoryRecord, Refused>]).self) { group in
                for (number, half) in halves.enumerated() {
                    group.addTask {
                        (
                            number,
                            read(half).map { candidate in
                                candidate.flatMap { service in
                                    do {
                                        return .success(
                                            try PreparedDirectoryRecord(
                                                DirectoryRecord(
                                                    service: service, source: source, maintainedBy: maintainedBy)))
                                    } catch {
                                        return .failure(
                                            Refused(
                                                id: service.id, name: service.name,
                                                reasons: ["cannot be stored: \(error)"]))
                                    }
                                }
                            }
                        )
                    }
                }
                var parts = [[Result<PreparedDirectoryRecord, Refused>]](repeating: [], count: halves.count)
                for await (number, part) in group { parts[number] = part }
                return parts.flatMap { $0 }
            }
        }

        if (expected ?? total) >= Self.bulkSize { try await store.directory.prepareForBulkSave() }
        var summary = Summary()
        var done = 0
        var ahead: [Task<[Result<PreparedDirectoryRecord, Refused>], Never>] = []
        func prepareNext(_ number: Int, split: Bool) {
            guard number < batches.count else { return }
            let before = ahead.last
            ahead.append(
                Task { [range = batches[number]] in
                    _ = await before?.value
                    return await prepare(range, split: split)
                })
        }
        // Leaving early (an error), the batches prepared ahead are not wanted.
        defer { for task in ahead { task.cancel() } }
        var writerIdle = false
        prepareNext(0, split: true)
        prepareNext(1, split: false)
        for (number, range) in batches.enumerated() {
            let candidates = await ahead.removeFirst().value
            prepareNext(number + 2, split: writerIdle)
            var batch: [(position: Int, record: PreparedDirectoryRecord)] = []
            for (offset, candidate) in candidates.enumerated() {
                switch candidate {
                case .failure(let rejection):
                    summary.rejected.append(
                        Rejection(
                            position: positionOffset + range.lowerBound + offset + 1, id: rejection.id,
                            name: rejection.name,
                            reasons: rejection.reasons))
                case .success(let record):
                    batch.append((positionOffset + range.lowerBound + offset + 1, record))
                }
            }
            let changed = summary.created + summary.updated
            if !batch.isEmpty { try await save(batch, into: &summary) }
            writerIdle = summary.created + summary.updated == changed
            done += range.count
            progress(done, total)
        }
        if batches.isEmpty { progress(0, 0) }

        if audits { try await audit(summary, source: source, maintainedBy: maintainedBy) }
        return summary
    }

    /// Imports of this size or more get the store's bulk settings.
    static let bulkSize = 5_000

    /// One audit event for an import that changed something.
    private func audit(_ summary: Summary, source: String, maintainedBy: OrganisationID?) async throws {
        guard summary.created + summary.updated > 0 else { return }
        _ = try await store.audit.append(
            AuditEntry(
                occurredAt: clock.now(), organisationID: maintainedBy, actorID: nil, actorLabel: "directory import",
                action: .directoryImported, target: nil, clientAddress: nil, detail: "\(source): \(summary.description)"
            ))
    }

    /// Saves a batch; if the database refuses it, saves each record alone so
    /// that one refusal costs only that record.
    private func save(_ batch: [(position: Int, record: PreparedDirectoryRecord)], into summary: inout Summary)
        async throws
    {
        do {
            count(try await store.directory.save(prepared: batch.map(\.record), at: clock.now()), into: &summary)
        } catch {
            for (position, record) in batch {
                do {
                    count(try await store.directory.save(prepared: [record], at: clock.now()), into: &summary)
                } catch {
                    summary.rejected.append(
                        Rejection(
                            position: position, id: record.id, name: record.index.name,
                            reasons: ["the database refused it: \(error)"]))
                }
            }
        }
        summary.rejected.sort { $0.position < $1.position }
    }

    private func count(_ outcomes: [SaveOutcome], into summary: inout Summary) {
        for outcome in outcomes {
            switch outcome {
            case .created: summary.created += 1
            case .updated: summary.updated += 1
            case .unchanged: summary.unchanged += 1
            }
        }
    }

    struct Refused: Error {
        let id: String?
        let name: String?
        let reasons: [String]
    }

    /// Every record of the document, read and checked, or the reasons it cannot be.
    static func records(in data: Data) throws -> [Result<HSDS.Service, Refused>] {
        let decoder = HSDS.decoder()
        let elements: [Lenient]
        if let list = try? decoder.decode([Lenient].self, from: data), list.isEmpty || list.contains(where: \.isObject)
        {
            elements = list
        } else if let page = try? decoder.decode(PageOfServices.self, from: data) {
            elements = page.contents
        } else if let page = try? decoder.decode(LegacyPageOfServices.self, from: data) {
            elements = page.content
        } else if let one = try? decoder.decode(Lenient.self, from: data), one.id != nil || one.name != nil {
            elements = [one]
        } else {
            throw DirectoryImportError.notORUK
        }
        return elements.map(checked)
    }

    /// One service's JSON read and checked, or the reasons it cannot be used.
    static func candidate(_ json: Data, decoder: JSONDecoder) -> Result<HSDS.Service, Refused> {
        guard let element = try? decoder.decode(Lenient.self, from: json), element.isObject else {
            return .failure(Refused(id: nil, name: nil, reasons: ["is not a JSON object"]))
        }
        return checked(element)
    }

    /// One element read and checked, or the reasons it cannot be used.
    static func checked(_ element: Lenient) -> Result<HSDS.Service, Refused> {
        switch element.result {
        case .failure(let error):
            return .failure(Refused(id: element.id, name: element.name, reasons: [Self.explain(error)]))
        case .success(let service):
            do throws(ValidationFailure) {
                try DirectoryValidation.check(service)
                return .success(service)
            } catch {
                return .failure(
                    Refused(
                        id: service.id, name: service.name, reasons: error.errors.map { "\($0.field) \($0.message)" }))
            }
        }
    }

    /// A decoding error in words: which field, and what was wrong with it.
    static func explain(_ error: any Error) -> String {
        guard let error = error as? DecodingError else { return "\(error)" }
        func path(_ codingPath: [any CodingKey]) -> String {
            // The record's own position is reported apart; start inside the record.
            let inside =
                codingPath.firstIndex { $0.intValue != nil }.map { Array(codingPath[($0 + 1)...]) } ?? codingPath
            let text = inside.map { $0.intValue.map { "[\($0)]" } ?? ".\(HSDS.snakeCase($0.stringValue))" }.joined()
            return text.hasPrefix(".") ? String(text.dropFirst()) : text
        }
        switch error {
        case .keyNotFound(let key, let context):
            let parent = path(context.codingPath)
            return "\(parent.isEmpty ? "" : parent + ".")\(HSDS.snakeCase(key.stringValue)) is missing"
        case .typeMismatch(_, let context), .valueNotFound(_, let context):
            return "\(path(context.codingPath)) has the wrong type of value"
        case .dataCorrupted(let context):
            return "\(path(context.codingPath)) is not readable: \(context.debugDescription)"
        @unknown default:
            return "\(error)"
        }
    }
}

public enum DirectoryImportError: Error, CustomStringConvertible, Equatable {
    case notORUK
    case notCSVTemplate(missing: [String])

    public var description: String {
        switch self {
        case .notORUK:
            "This is not Open Referral UK 3.0 JSON: expected a list of services, a page of them (with \"contents\"), or one service."
        case .notCSVTemplate(let missing):
            "This CSV does not follow Linkwell's directory template (docs/directory-csv.md): its first row must name the columns, "
                + "and \(missing.joined(separator: ", ")) \(missing.count == 1 ? "is" : "are") missing."
        }
    }
}

/// One element of a feed, read without letting a bad element spoil the rest.
struct Lenient: Decodable {
    let result: Result<HSDS.Service, any Error>
    let id: String?
    let name: String?
    /// A JSON object (a record, good or bad), not a number or a string.
    let isObject: Bool

    private struct Key: CodingKey {
        let stringValue: String
        init(stringValue: String) { self.stringValue = stringValue }
        var intValue: Int? { nil }
        init?(intValue: Int) { nil }
    }

    init(from decoder: any Decoder) throws {
        // Each read on its own, so one field of the wrong type does not hide the others.
        let object = try? decoder.container(keyedBy: Key.self)
        let idKey = Key(stringValue: "id")
        id =
            (try? object?.decodeIfPresent(String.self, forKey: idKey))
            ?? (try? object?.decodeIfPresent(Int.self, forKey: idKey)).flatMap { $0.map(String.init) }
        name = (try? object?.decodeIfPresent(String.self, forKey: Key(stringValue: "name"))) ?? nil
        isObject = object != nil
        // A record with keys only ORUK v1 has is read as v1 and converted.
        let keys = Set(object?.allKeys.map(\.stringValue) ?? [])
        do {
            if !LegacyORUK.distinctiveKeys.isDisjoint(with: keys) {
                result = .success(LegacyORUK.convert(try LegacyORUK.Service(from: decoder)))
            } else {
                result = .success(try HSDS.Service(from: decoder))
            }
        } catch {
            result = .failure(error)
        }
    }
}

private struct PageOfServices: Decodable {
    let contents: [Lenient]
}

/// ORUK v1's page: Spring's `{"content": […], "totalElements": …}`.
private struct LegacyPageOfServices: Decodable {
    let content: [Lenient]
}
