import ArgumentParser
import Foundation
import LinkwellApp
import LinkwellDomain
import LinkwellServices
import LinkwellStore
import LinkwellWeb
import Logging

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

struct ImportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Bring data into Linkwell.",
        subcommands: [ORUK.self, Postcodes.self])

    struct ORUK: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "oruk",
            abstract: "Import community services from Open Referral UK 3.0 JSON, or from Linkwell's CSV template.",
            discussion: """
                An address (https://…/oruk, or its /services) is read as an ORUK 3.0 API: every \
                /services page, then each service in full from /services/{id}. \
                A JSON FILE holds a list of services, a page of them ({"contents": […]}, as an ORUK API's \
                /services answers), or one service. A FILE ending .csv follows the directory template \
                (docs/directory-csv.md): a header row, then one service a row. Each record is checked on \
                its own: a bad one is reported with its reasons and skipped; the rest are imported. \
                Importing the same file again changes nothing. Prints a summary of created, updated, \
                unchanged and rejected records, and exits with status 2 if any were rejected.
                """)

        @OptionGroup var database: DatabaseOptions

        @Argument(
            help: ArgumentHelp("The JSON or CSV file to import, or an ORUK API's address.", valueName: "file-or-url"))
        var file: String

        func run() async throws {
            let isAddress = file.lowercased().hasPrefix("http://") || file.lowercased().hasPrefix("https://")
            var data = Data()
            var feed: DirectoryFeed?
            do {
                if isAddress {
                    feed = try DirectoryFeed(address: file)
                } else {
                    data = try Data(contentsOf: URL(fileURLWithPath: file))
                }
            } catch let error as DirectoryFeedError {
                throw ValidationError(error.description)
            } catch {
                throw ValidationError("Cannot read \(file): \(error.localizedDescription)")
            }
            let store = try await StoreConnection.open(try database.location(), logger: Logs.bootstrap(level: .warning))
            let outcome: Result<DirectoryImport.Summary, any Error>
            do {
                try await store.migrate()
                let bar = ProgressBar(label: "Importing")
                let importer = DirectoryImport(store: store, clock: SystemClock())
                let source = isAddress ? file : URL(fileURLWithPath: file).lastPathComponent
                if let feed {
                    outcome = .success(
                        try await importer.importORUK(feed: feed, source: source) { done, total in
                            bar.show(done, of: total)
                        })
                } else if file.lowercased().hasSuffix(".csv") {
                    outcome = .success(
                        try await importer.importCSV(text: String(decoding: data, as: UTF8.self), source: source) {
                            done, total in
                            bar.show(done, of: total)
                        })
                } else {
                    outcome = .success(
                        try await importer.importORUK(json: data, source: source) { done, total in
                            bar.show(done, of: total)
                        })
                }
                bar.finish()
            } catch {
                outcome = .failure(error)
            }
            try await store.close()
            let summary: DirectoryImport.Summary
            do {
                summary = try outcome.get()
            } catch let error as DirectoryImportError {
                throw ValidationError(error.description)
            } catch let error as DirectoryFeedError {
                throw ValidationError(error.description)
            }
            for rejection in summary.rejected {
                let who = [rejection.name.map { "\"\($0)\"" }, rejection.id].compactMap { $0 }.joined(separator: " ")
                say("Rejected record \(rejection.position)\(who.isEmpty ? "" : " (\(who))"):")
                for reason in rejection.reasons { say("  - \(reason)") }
            }
            say("\(file): \(summary.description).")
            if !summary.rejected.isEmpty { throw ExitCode(2) }
        }
    }
}

extension ImportCommand {
    struct Postcodes: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "postcodes",
            abstract: "Load postcode centroids, for distances, from the ONS Postcode Directory.",
            discussion: """
                FILE is ONSPD's CSV (columns pcds or pcd, lat, long; postcodes with a doterm are no \
                longer in use and are left out), or any CSV with postcode, latitude and longitude \
                columns. Loading again replaces positions that changed. Distances in search and the \
                ORUK API's postcode filter use this table; without it they work only for postcodes \
                the demo made up.
                """)

        @OptionGroup var database: DatabaseOptions

        @Argument(help: ArgumentHelp("The CSV file.", valueName: "file"))
        var file: String

        func run() async throws {
            guard FileManager.default.isReadableFile(atPath: file) else {
                throw ValidationError("Cannot read \(file).")
            }
            let store = try await StoreConnection.open(try database.location(), logger: Logs.bootstrap(level: .warning))
            let outcome: Result<PostcodeImport.Summary, any Error>
            do {
                try await store.migrate()
                outcome = .success(
                    try await PostcodeImport(store: store).importCSV(at: URL(fileURLWithPath: file)) { rows in
                        if isatty(STDERR_FILENO) == 1 {
                            FileHandle.standardError.write(Data("\rRead \(rows) rows".utf8))
                        }
                    })
                if isatty(STDERR_FILENO) == 1 { FileHandle.standardError.write(Data("\n".utf8)) }
            } catch {
                outcome = .failure(error)
            }
            try await store.close()
            do {
                let summary = try outcome.get()
                say(
                    "\(file): \(summary.loaded) postcodes loaded, \(summary.terminated) no longer in use, \(summary.skipped) without a position."
                )
            } catch let failure as PostcodeImport.Failure {
                throw ValidationError(failure.description)
            }
        }
    }
}

struct ExportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Take data out of Linkwell.",
        subcommands: [ORUK.self])

    struct ORUK: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "oruk",
            abstract: "Write the whole community directory as Open Referral UK 3.0 JSON, or as CSV.",
            discussion: """
                JSON is a list of fully nested services, as `linkwell import oruk` reads. CSV (a FILE \
                ending .csv, or --format csv) has the directory template's columns, one service a row \
                (docs/directory-csv.md). Give - as FILE to write to standard output.
                """)

        @OptionGroup var database: DatabaseOptions

        @Option(help: "json or csv; by default, csv when FILE ends .csv, else json.")
        var format: String?

        @Argument(help: ArgumentHelp("Where to write it.", valueName: "file"))
        var file: String

        func run() async throws {
            let asCSV: Bool
            switch format?.lowercased() {
            case nil: asCSV = file.lowercased().hasSuffix(".csv")
            case "csv": asCSV = true
            case "json": asCSV = false
            default: throw ValidationError("--format must be json or csv (got \"\(format ?? "")\").")
            }
            let handle: FileHandle
            if file == "-" {
                handle = FileHandle.standardOutput
            } else {
                guard FileManager.default.createFile(atPath: file, contents: nil) else {
                    throw ValidationError("Cannot write \(file).")
                }
                handle = try FileHandle(forWritingTo: URL(fileURLWithPath: file))
            }
            let store = try await StoreConnection.open(try database.location(), logger: Logs.bootstrap(level: .warning))
            let outcome: Result<Int, any Error>
            do {
                try await store.migrate()
                let export = DirectoryExport(store: store)
                outcome = .success(
                    asCSV ? try await export.writeCSV(to: handle) : try await export.writeORUK(to: handle))
            } catch {
                outcome = .failure(error)
            }
            try await store.close()
            let count = try outcome.get()
            if file != "-" {
                try handle.close()
                say("\(file): \(count) services written.")
            }
        }
    }
}

/// A one-line progress bar on standard error, drawn only when it is a terminal
/// (a log file gets the summary, not hundreds of redraws).
final class ProgressBar: @unchecked Sendable {
    private let label: String
    private let enabled = isatty(STDERR_FILENO) == 1
    private let lock = NSLock()
    private var lastPercent = -1

    init(label: String) {
        self.label = label
    }

    func show(_ done: Int, of total: Int) {
        guard enabled, total > 0 else { return }
        let percent = done * 100 / total
        lock.withLock {
            guard percent != lastPercent else { return }
            lastPercent = percent
            let width = 30
            let filled = width * done / total
            let bar = String(repeating: "#", count: filled) + String(repeating: "-", count: width - filled)
            FileHandle.standardError.write(Data("\r\(label) [\(bar)] \(percent)% (\(done)/\(total))".utf8))
        }
    }

    func finish() {
        if enabled, lastPercent >= 0 { FileHandle.standardError.write(Data("\n".utf8)) }
    }
}
