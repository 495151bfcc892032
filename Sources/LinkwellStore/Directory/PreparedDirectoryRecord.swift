import Foundation
import LinkwellDomain

/// A directory record made ready for either backend: its JSON text and the
/// facts search needs. Both stores use this so that they store the same bytes
/// and agree on what "unchanged" means.
public struct PreparedDirectoryRecord: Sendable {
    public let id: String
    /// The record's JSON, `last_modified` as the feed gave it. Two imports of
    /// the same record give the same text, which is how "unchanged" is seen.
    public let document: String
    public let index: DirectoryIndex
    public let source: String
    public let maintainedBy: OrganisationID?
    let feedLastModified: String?
    /// The distinct words of its searchable text (three letters or more), for
    /// the vocabulary that misspelt searches are corrected against.
    public let vocabulary: [String]
    /// The taxonomies its terms name. (Terms and taxonomies are encoded as
    /// JSON once a batch, in `SharedDirectoryRows`: encoding the same few
    /// terms for each of 100,000 services took seconds.)
    public let taxonomies: [HSDS.Taxonomy]

    /// Everything is worked out here, so that an import can prepare records
    /// on several cores and the one writer only writes.
    public init(_ record: DirectoryRecord) throws {
        id = record.service.id
        document = try CanonicalJSON.string(record.service)
        let index = DirectoryIndex(record.service)
        self.index = index
        source = record.source
        maintainedBy = record.maintainedBy
        feedLastModified = record.service.lastModified
        let text = [
            index.name, index.terms.map(\.name).joined(separator: " "), index.organizationName, index.description,
        ]
        .joined(separator: " ")
        vocabulary = Array(Set(DirectorySearchWords.allWords(in: text).filter { $0.count >= 3 })).sorted()
        taxonomies = Self.taxonomies(of: index.terms)
    }

    /// The `last_modified` to serve: the feed's own, else the time of this save.
    public func lastModified(savedAt time: Date) -> (text: String, date: Date) {
        if let text = feedLastModified, let date = DirectoryTime.date(fromDateTime: text) { return (text, date) }
        return (DirectoryTime.text(time), time)
    }

    /// The taxonomies the terms name, for the term tables.
    static func taxonomies(of terms: [HSDS.TaxonomyTerm]) -> [HSDS.Taxonomy] {
        var seen: [HSDS.Taxonomy] = []
        for term in terms {
            guard let id = term.taxonomyId, !seen.contains(where: { $0.id == id }) else { continue }
            let name = term.taxonomy ?? "Taxonomy"
            seen.append(HSDS.Taxonomy(id: id, name: name, description: name))
        }
        return seen
    }
}

/// What a batch of saved records shares with other services, each once:
/// taxonomy terms (the last record's version of a term wins, as if the
/// records were saved one by one), taxonomies, and search words. Both stores
/// write these after a batch's services.
public struct SharedDirectoryRows: Sendable {
    public let terms: [(term: HSDS.TaxonomyTerm, document: String)]
    public let taxonomies: [(taxonomy: HSDS.Taxonomy, document: String)]
    public let words: [String]

    public init(of records: [PreparedDirectoryRecord]) throws {
        var terms: [String: HSDS.TaxonomyTerm] = [:]
        var taxonomies: [String: HSDS.Taxonomy] = [:]
        var words = Set<String>()
        for record in records {
            for term in record.index.terms { terms[term.id] = term }
            for taxonomy in record.taxonomies where taxonomies[taxonomy.id] == nil {
                taxonomies[taxonomy.id] = taxonomy
            }
            words.formUnion(record.vocabulary)
        }
        self.terms = try terms.values.sorted { $0.id < $1.id }.map { ($0, try DirectoryDocuments.json($0)) }
        self.taxonomies = try taxonomies.values.sorted { $0.id < $1.id }.map { ($0, try DirectoryDocuments.json($0)) }
        self.words = words.sorted()
    }
}

/// Reading stored records back.
public enum DirectoryDocuments {
    public static func service(from document: String, lastModified: String) throws -> HSDS.Service {
        var service = try HSDS.decoder().decode(HSDS.Service.self, from: Data(document.utf8))
        if service.lastModified == nil { service.lastModified = lastModified }
        return service
    }

    /// The filter columns (languages, access, dearest cost) of a stored record,
    /// for services stored before those columns existed. A record that no
    /// longer reads gets empty keys and no cost, so that filling in ends.
    public static func filterColumns(of document: String) -> (languages: String, access: String, highestCost: Double?) {
        guard let service = try? decode(HSDS.Service.self, from: document) else {
            return (DirectoryKeys.text([]), DirectoryKeys.text([]), nil)
        }
        let index = DirectoryIndex(service)
        return (index.keyTexts.languages, index.keyTexts.access, index.highestCost)
    }

    /// The stored text of a record: `HSDS.encoder()`'s canonical JSON.
    public static func json<T: Encodable>(_ value: T) throws -> String {
        try CanonicalJSON.string(value)
    }

    public static func decode<T: Decodable>(_ type: T.Type, from document: String) throws -> T {
        try HSDS.decoder().decode(type, from: Data(document.utf8))
    }
}

/// RFC 3339 times as ORUK writes them ("2026-03-15T10:30:45.123Z").
public enum DirectoryTime {
    public static func text(_ date: Date) -> String {
        Date.ISO8601FormatStyle(includingFractionalSeconds: true).format(date)
    }

    public static func date(fromDateTime text: String) -> Date? {
        if let date = try? Date.ISO8601FormatStyle(includingFractionalSeconds: true).parse(text) { return date }
        return try? Date.ISO8601FormatStyle().parse(text)
    }
}

/// The words of a search, as both backends' text search take them: letters
/// and digits only, lowercased, so no user input reaches a query's syntax.
public enum DirectorySearchWords {
    /// A search's words: at most twelve.
    public static func words(in text: String) -> [String] {
        Array(allWords(in: text).prefix(12))
    }

    public static func allWords(in text: String) -> [String] {
        if let words = asciiWords(in: text) { return words }
        // A Character is judged by its first scalar only, so a "prepend"
        // letter can carry a quote or an operator inside one Character
        // (U+0D4E followed by `"`): keep only the scalars that are letters,
        // marks or digits, so nothing else can reach a query's syntax.
        return text.lowercased().split(whereSeparator: { !($0.isLetter || $0.isNumber) }).compactMap { word in
            var scalars = String.UnicodeScalarView()
            scalars.append(contentsOf: word.unicodeScalars.filter(isWordScalar))
            return scalars.isEmpty ? nil : String(scalars)
        }
    }

    static func isWordScalar(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.properties.generalCategory {
        case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter,
            .nonspacingMark, .spacingMark, .enclosingMark, .decimalNumber, .letterNumber, .otherNumber:
            true
        default:
            false
        }
    }

    /// The same for text that is all ASCII (nearly every record), byte by
    /// byte: an import splits 100,000 descriptions, and Unicode's letter
    /// tables are the slow part of doing it by Character.
    static func asciiWords(in text: String) -> [String]? {
        var text = text
        return text.withUTF8 { bytes -> [String]? in
            var words: [String] = []
            var word: [UInt8] = []
            for byte in bytes {
                switch byte {
                case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"): word.append(byte)
                case UInt8(ascii: "A")...UInt8(ascii: "Z"): word.append(byte + 32)
                case 0x80...: return nil
                default:
                    if !word.isEmpty {
                        words.append(String(decoding: word, as: UTF8.self))
                        word.removeAll(keepingCapacity: true)
                    }
                }
            }
            if !word.isEmpty { words.append(String(decoding: word, as: UTF8.self)) }
            return words
        }
    }

    /// Each word with the vocabulary's corrections of it, when it is not the
    /// start of any word there: `known(word)` says whether it is, and
    /// `startingWith(letter)` lists the vocabulary's words with that first letter.
    public static func alternatives(
        for words: [String], known: (String) throws -> Bool, startingWith: (Character) throws -> [String]
    ) rethrows -> [[String]] {
        try words.map { word in
            guard Spelling.allowedEdits(for: word) > 0, let first = word.first, try !known(word) else { return [word] }
            return [word] + Spelling.corrections(of: word, in: try startingWith(first))
        }
    }
}
