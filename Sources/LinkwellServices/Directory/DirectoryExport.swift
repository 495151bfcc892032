import Foundation
import LinkwellDomain
import LinkwellStore

/// Writes the whole directory out as Open Referral UK 3.0 JSON: a list of
/// fully nested services that `linkwell import oruk` (or any ORUK consumer)
/// reads back. Written a page at a time, so a national directory never has
/// to fit in memory.
public struct DirectoryExport: Sendable {
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

    /// Returns how many services were written.
    @discardableResult
    public func writeORUK(to handle: FileHandle, pageSize: Int = 500) async throws -> Int {
        let encoder = HSDS.encoder()
        handle.write(Data("[".utf8))
        var written = 0
        var number = 1
        while true {
            let page = try await store.directory.services(
                matching: ServiceQuery(), page: PageRequest(number: number, size: pageSize))
            var chunk = Data()
            for entry in page.items {
                chunk.append(contentsOf: Array((written == 0 ? "\n" : ",\n").utf8))
                chunk.append(try encoder.encode(entry.service))
                written += 1
            }
            handle.write(chunk)
            if !page.hasNext { break }
            number += 1
        }
        handle.write(Data("\n]\n".utf8))
        return written
    }

    /// The directory as the CSV template's columns (docs/directory-csv.md),
    /// one row a service. Returns how many services were written.
    @discardableResult
    public func writeCSV(to handle: FileHandle, pageSize: Int = 500) async throws -> Int {
        handle.write(Data(CSVText.line(DirectoryCSV.columns).utf8))
        var written = 0
        var number = 1
        while true {
            let page = try await store.directory.services(
                matching: ServiceQuery(), page: PageRequest(number: number, size: pageSize))
            handle.write(Data(page.items.map { CSVText.line(DirectoryCSV.row(for: $0.service)) }.joined().utf8))
            written += page.items.count
            if !page.hasNext { break }
            number += 1
        }
        return written
    }
}
