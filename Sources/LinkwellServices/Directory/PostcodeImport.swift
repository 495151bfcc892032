import Foundation
import LinkwellStore

/// Loads postcode centroids from the ONS Postcode Directory (ONSPD) CSV, or
/// any CSV with a postcode column and latitude and longitude columns, so that
/// distances work offline. The file is read in chunks (the full ONSPD is
/// about 2.7 million rows) and saved 5,000 rows to a transaction.
public struct PostcodeImport: Sendable {
    public struct Summary: Sendable, Equatable {
        public var loaded = 0
        /// Rows without a usable position (ONS marks those 99.999999) or a postcode.
        public var skipped = 0
        /// Postcodes ONS records as no longer in use.
        public var terminated = 0

        public init(loaded: Int = 0, skipped: Int = 0, terminated: Int = 0) {
            self.loaded = loaded
            self.skipped = skipped
            self.terminated = terminated
        }
    }

    public enum Failure: Error, CustomStringConvertible, Equatable {
        case missingColumns(String)

        public var description: String {
            switch self {
            case .missingColumns(let which):
                "The CSV has no \(which) column. Expected ONSPD's pcds (or pcd), lat and long, or postcode, latitude and longitude."
            }
        }
    }

    /// The stores this uses, and no others (picked from the whole store at start-up).
    struct Stores: Sendable {
        let directory: any DirectoryStore

        init(_ all: any LinkwellStore) {
            directory = all.directory
        }
    }

    let store: Stores

    public init(store: any LinkwellStore) {
        self.store = Stores(store)
    }

    public func importCSV(at url: URL, progress: @Sendable (_ rows: Int) -> Void = { _ in }) async throws -> Summary {
        let handle = try FileHandle(forReadingFrom: url)
        defer { try? handle.close() }
        var reader = LineReader(handle: handle)
        guard let header = try reader.next() else { throw Failure.missingColumns("header") }
        let names = CSV.fields(of: header).map { $0.lowercased().trimmingCharacters(in: .whitespaces) }
        func column(_ candidates: [String], _ label: String) throws -> Int {
            guard let index = candidates.lazy.compactMap({ names.firstIndex(of: $0) }).first else {
                throw Failure.missingColumns(label)
            }
            return index
        }
        let postcodeColumn = try column(["pcds", "pcd", "pcd2", "postcode"], "postcode")
        let latitudeColumn = try column(["lat", "latitude"], "latitude")
        let longitudeColumn = try column(["long", "longitude", "lon", "lng"], "longitude")
        let terminatedColumn = names.firstIndex(of: "doterm")

        var summary = Summary()
        var batch: [PostcodeCentroid] = []
        var rows = 0
        while let line = try reader.next() {
            if line.isEmpty { continue }
            rows += 1
            let fields = CSV.fields(of: line)
            guard fields.count > max(postcodeColumn, latitudeColumn, longitudeColumn) else {
                summary.skipped += 1
                continue
            }
            if let terminatedColumn, fields.count > terminatedColumn,
                !fields[terminatedColumn].trimmingCharacters(in: .whitespaces).isEmpty
            {
                summary.terminated += 1
                continue
            }
            let postcode = fields[postcodeColumn].trimmingCharacters(in: .whitespaces)
            guard !postcode.isEmpty, let latitude = Double(fields[latitudeColumn]),
                let longitude = Double(fields[longitudeColumn]),
                (-90...90).contains(latitude), (-180...180).contains(longitude)
            else {
                summary.skipped += 1
                continue
            }
            batch.append(PostcodeCentroid(postcode: postcode, latitude: latitude, longitude: longitude))
            if batch.count == 5000 {
                try await store.directory.savePostcodes(batch)
                summary.loaded += batch.count
                batch.removeAll(keepingCapacity: true)
                progress(rows)
            }
        }
        try await store.directory.savePostcodes(batch)
        summary.loaded += batch.count
        progress(rows)
        return summary
    }
}

/// Just enough CSV (RFC 4180): commas, and quoted fields with doubled quotes inside.
enum CSV {
    static func fields(of line: String) -> [String] {
        var fields: [String] = []
        var current = ""
        var quoted = false
        var iterator = line.makeIterator()
        while let character = iterator.next() {
            if quoted {
                if character == "\"" {
                    // A doubled quote is a quote; a single one ends the quoted part.
                    var lookahead = iterator
                    if lookahead.next() == "\"" {
                        current.append("\"")
                        iterator = lookahead
                    } else {
                        quoted = false
                    }
                } else {
                    current.append(character)
                }
            } else if character == "\"" {
                quoted = true
            } else if character == "," {
                fields.append(current)
                current = ""
            } else {
                current.append(character)
            }
        }
        fields.append(current)
        return fields
    }
}

/// Reads a file line by line in 1 MB chunks, without holding it all in memory.
struct LineReader {
    let handle: FileHandle
    private var buffer: [UInt8] = []
    /// Where the next line starts in `buffer`.
    private var position = 0
    private var finished = false

    init(handle: FileHandle) {
        self.handle = handle
    }

    mutating func next() throws -> String? {
        while true {
            if let newline = buffer[position...].firstIndex(of: UInt8(ascii: "\n")) {
                var end = newline
                if end > position, buffer[end - 1] == UInt8(ascii: "\r") { end -= 1 }
                let line = String(decoding: buffer[position..<end], as: UTF8.self)
                position = newline + 1
                return line
            }
            if finished {
                guard position < buffer.count else { return nil }
                defer { position = buffer.count }
                return String(decoding: buffer[position...], as: UTF8.self)
            }
            buffer.removeFirst(position)
            position = 0
            let chunk = try handle.read(upToCount: 1 << 20) ?? Data()
            if chunk.isEmpty { finished = true } else { buffer.append(contentsOf: chunk) }
        }
    }
}
