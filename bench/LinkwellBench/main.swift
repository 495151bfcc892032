import Foundation
import GRDB
import LinkwellDomain
import LinkwellSQL
import LinkwellSQLite
import LinkwellServices
import LinkwellStore

// Benchmarks for the community directory (issue 4). See bench/README.md.
//
//   linkwell-bench generate COUNT FILE      a synthetic England-wide directory as ORUK JSON
//   linkwell-bench search DATABASE [RUNS]   the query mix through Linkwell's store and as bare FTS5, side by side
//   linkwell-bench rate DATABASE SECONDS [words]   queries a second on two threads, Linkwell's store and bare FTS5
//                                           (words: only the seven word queries that bench/http.sh sends)
//   linkwell-bench import-phases FILE DATABASE   where an import's time goes, phase by phase

/// The published query mix: broad and narrow words, with and without distance, day and age filters.
struct MixQuery: Sendable {
    let label: String
    let words: String
    var near: (Double, Double)? = nil
    var day: DirectoryDay? = nil
    var age: Double? = nil

    var query: ServiceQuery {
        var query = ServiceQuery()
        query.text = words
        if let near { query.near = .init(latitude: near.0, longitude: near.1, metres: 5000) }
        if let day { query.days = [day] }
        query.forAge = age
        return query
    }
}

let leeds = (53.800, -1.549)
let mix: [MixQuery] = [
    MixQuery(label: "walking", words: "walking"),
    MixQuery(label: "lunch club", words: "lunch club"),
    MixQuery(label: "choir", words: "choir"),
    MixQuery(label: "debt advice", words: "debt advice"),
    MixQuery(label: "Leeds choir", words: "Leeds choir"),
    MixQuery(label: "Bristol walking group", words: "Bristol walking group"),
    MixQuery(label: "walking, 5 km of Leeds", words: "walking", near: leeds),
    MixQuery(label: "lunch club, Tuesday, age 80", words: "lunch club", day: .tuesday, age: 80),
    MixQuery(label: "befriending, 5 km of Leeds, age 70", words: "befriending", near: leeds, age: 70),
]

/// The same words as a bare FTS5 top-50 ranked query, the floor Linkwell is measured against.
func bareFTS5(_ db: Database, _ words: String) throws -> [Int64] {
    let match = DirectorySearchWords.words(in: words).map { "\"\($0)\"*" }.joined(separator: " ")
    return try Int64.fetchAll(
        db, sql: "SELECT rowid FROM directory_search WHERE directory_search MATCH ? ORDER BY rank LIMIT 50",
        arguments: [match])
}

func percentile(_ values: [Double], _ p: Double) -> Double {
    let sorted = values.sorted()
    return sorted[min(sorted.count - 1, Int((Double(sorted.count - 1) * p).rounded()))]
}

func milliseconds(_ body: () async throws -> Void) async rethrows -> Double {
    let start = ContinuousClock.now
    try await body()
    let elapsed = ContinuousClock.now - start
    return Double(elapsed.components.seconds) * 1000 + Double(elapsed.components.attoseconds) / 1e15
}

let arguments = CommandLine.arguments
guard arguments.count >= 3 else {
    print("usage: linkwell-bench generate COUNT FILE | search DATABASE [RUNS] | rate DATABASE SECONDS")
    exit(64)
}

switch arguments[1] {
case "generate":
    let count = Int(arguments[2]) ?? 100_000
    let file = arguments[3]
    let directory = SyntheticDirectory.generate(count: count, seed: 2026, areas: SyntheticDirectory.england)
    FileManager.default.createFile(atPath: file, contents: nil)
    let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: file))
    let encoder = HSDS.encoder()
    handle.write(Data("[".utf8))
    for (index, service) in directory.services.enumerated() {
        handle.write(Data((index == 0 ? "\n" : ",\n").utf8))
        handle.write(try encoder.encode(service))
    }
    handle.write(Data("\n]\n".utf8))
    try handle.close()
    let postcodes = file.replacingOccurrences(of: ".json", with: "") + "-postcodes.csv"
    try (["postcode,latitude,longitude"] + directory.postcodes.map { "\($0.postcode),\($0.latitude),\($0.longitude)" })
        .joined(separator: "\n").write(toFile: postcodes, atomically: true, encoding: .utf8)
    print("\(file): \(count) services; \(postcodes): \(directory.postcodes.count) postcodes")

case "search":
    let path = arguments[2]
    let runs = arguments.count > 3 ? Int(arguments[3]) ?? 200 : 200
    let store = try SQLiteStore(path: path)
    try await store.migrate()
    let raw = try DatabaseQueue(path: path)
    let page = PageRequest(number: 1, size: 50)
    // "Linkwell" is the ORUK API's search: ranked, filtered and counted, each
    // result's list JSON ready to send. "decoded" is the same search with
    // every record decoded, as the directory page and suggestions use it.
    print(
        "query | Linkwell p50 ms | p99 ms | bare FTS5 p50 ms | p99 ms | p50 ratio | p99 ratio | decoded p50 ms | ratio | results"
    )
    print("---|---|---|---|---|---|---|---|---|---")
    var allOurs: [Double] = []
    var allBare: [Double] = []
    var allDecoded: [Double] = []
    var listBytes = 0
    // The first filtered search in a process reads every service's ages,
    // sessions and places into memory (`DirectoryFilterSnapshot`); timed apart.
    let firstFiltered = try await milliseconds {
        _ = try await store.directory.serviceDocuments(matching: mix[mix.count - 1].query, page: page)
    }
    for item in mix {
        var ours: [Double] = []
        var bare: [Double] = []
        var decoded: [Double] = []
        var total = 0
        // Warm up, then alternate so all see the same machine weather.
        _ = try await store.directory.services(matching: item.query, page: page)
        _ = try await store.directory.serviceDocuments(matching: item.query, page: page)
        _ = try await raw.read { try bareFTS5($0, item.words) }
        for _ in 0..<runs {
            ours.append(
                try await milliseconds {
                    let found = try await store.directory.serviceDocuments(matching: item.query, page: page)
                    listBytes += found.items.reduce(0) { $0 + $1.listItemJSON.utf8.count }
                    total = found.totalItems
                })
            bare.append(try await milliseconds { _ = try await raw.read { try bareFTS5($0, item.words) } })
            decoded.append(
                try await milliseconds { _ = try await store.directory.services(matching: item.query, page: page) })
        }
        allOurs += ours
        allBare += bare
        allDecoded += decoded
        let (o50, o99, b50, b99, d50) = (
            percentile(ours, 0.5), percentile(ours, 0.99), percentile(bare, 0.5), percentile(bare, 0.99),
            percentile(decoded, 0.5)
        )
        print(
            String(
                format: "%@ | %.2f | %.2f | %.2f | %.2f | %.2f | %.2f | %.2f | %.2f | %d", item.label, o50, o99, b50,
                b99, o50 / b50, o99 / b99, d50, d50 / b50, total))
    }
    let (o50, o99, b50, b99) = (
        percentile(allOurs, 0.5), percentile(allOurs, 0.99), percentile(allBare, 0.5), percentile(allBare, 0.99)
    )
    let (d50, d99) = (percentile(allDecoded, 0.5), percentile(allDecoded, 0.99))
    print(
        String(
            format: "**whole mix** | %.2f | %.2f | %.2f | %.2f | %.2f | %.2f | %.2f | %.2f |", o50, o99, b50, b99,
            o50 / b50, o99 / b99, d50, d50 / b50))
    print(
        String(
            format: "decoded, whole mix: p99 %.2f ms (%.2f); list JSON made: %.1f MB", d99, d99 / b99,
            Double(listBytes) / 1e6))
    print(String(format: "first filtered search, loading the filters' copy in memory: %.1f ms", firstFiltered))
    try await store.close()

case "rate":
    let path = arguments[2]
    let seconds = Double(arguments.count > 3 ? arguments[3] : "10") ?? 10
    // "words": the seven word queries bench/http.sh sends, with no filters, for comparing with HTTP.
    let queries =
        arguments.count > 4 && arguments[4] == "words"
        ? ["walking", "lunch club", "choir", "debt advice", "Leeds choir", "Bristol walking group", "befriending"].map {
            MixQuery(label: $0, words: $0)
        }
        : mix
    let store = try SQLiteStore(path: path)
    try await store.migrate()
    let raw = try DatabasePool(path: path)
    func run(_ body: @escaping @Sendable (MixQuery) async throws -> Void) async throws -> Double {
        let deadline = ContinuousClock.now + .milliseconds(Int(seconds * 1000))
        @Sendable func worker(_ offset: Int) async throws -> Int {
            var count = 0
            while ContinuousClock.now < deadline {
                try await body(queries[(count + offset) % queries.count])
                count += 1
            }
            return count
        }
        async let first = worker(0)
        async let second = worker(1)
        let counts = try await first + second
        return Double(counts) / seconds
    }
    let page = PageRequest(number: 1, size: 50)
    let bare = try await run { item in _ = try await raw.read { try bareFTS5($0, item.words) } }
    let ours = try await run { item in
        _ = try await store.directory.serviceDocuments(matching: item.query, page: page).items.map(\.listItemJSON)
    }
    let decoded = try await run { item in _ = try await store.directory.services(matching: item.query, page: page) }
    print(
        String(
            format:
                "two threads, %.0f s each: bare FTS5 %.0f queries/s; Linkwell's API search %.0f queries/s (%.0f%%); decoded %.0f queries/s (%.0f%%)",
            seconds, bare, ours, ours / bare * 100, decoded, decoded / bare * 100))
    try await store.close()

case "import-phases":
    // Where an import's time goes, phase by phase, on one core: reading the
    // file, decoding, checking, preparing (index and re-encoded JSON), and
    // saving the prepared batches to a new SQLite database.
    let file = arguments[2]
    let path = arguments[3]
    var started = ContinuousClock.now
    func lap(_ label: String) {
        let elapsed = ContinuousClock.now - started
        print(
            String(
                format: "%@: %.2f s", label,
                Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18))
        started = ContinuousClock.now
    }
    let data = try Data(contentsOf: URL(fileURLWithPath: file))
    lap("read \(data.count / 1_000_000) MB")
    let services = try HSDS.decoder().decode([HSDS.Service].self, from: data)
    lap("decode \(services.count) services")
    for service in services { try DirectoryValidation.check(service) }
    lap("check")
    let foundationEncoder = HSDS.encoder()
    for service in services { _ = try foundationEncoder.encode(service) }
    lap("of which: encode with Foundation's JSONEncoder")
    for service in services { _ = try CanonicalJSON.string(service) }
    lap("of which: encode with CanonicalJSON, the same text")
    for service in services { _ = DirectoryIndex(service) }
    lap("of which: index")
    let prepared = try services.map { try PreparedDirectoryRecord(DirectoryRecord(service: $0, source: "bench")) }
    lap("prepare (index, search words and encode)")
    _ = prepared.count
    let store = try SQLiteStore(path: path)
    try await store.migrate()
    started = ContinuousClock.now
    for start in stride(from: 0, to: services.count, by: 500) {
        let batch = services[start..<min(start + 500, services.count)].map {
            DirectoryRecord(service: $0, source: "bench")
        }
        _ = try await store.directory.save(batch, at: Date())
    }
    lap("save in batches of 500 (prepares again inside)")
    try await store.close()

case "writes":
    // One data layer (issue 16): a small audited write (an unmet need and its
    // audit event) through the store written once for both databases, which
    // awaits between statements, against the same statements in one GRDB
    // `write { }` closure, alternated in one run on one database file.
    let path = arguments[2]
    let rounds = arguments.count > 3 ? Int(arguments[3]) ?? 2000 : 2000
    try? FileManager.default.removeItem(atPath: path)
    let store = try SQLiteStore(path: path)
    try await store.migrate()
    let organisation = OrganisationID()
    let person = PersonID()
    let user = UserID()
    try await store.seedForWriteBench(organisation: organisation, person: person, user: user)
    var unified: [Double] = []
    var direct: [Double] = []
    for round in 0..<rounds {
        let need = UnmetNeed(
            id: UnmetNeedID(), organisationID: organisation, personID: person, need: "money", area: "RV1",
            note: "round \(round)",
            recordedAt: Date(), recordedByName: "Bench")
        let audit = AuditEntry(
            occurredAt: Date(), organisationID: organisation, actorID: user, actorLabel: "bench",
            action: .unmetNeedRecorded,
            target: .person(person), clientAddress: nil)
        if round % 2 == 0 {
            unified.append(
                try await milliseconds { try await store.unmetNeeds.record(need, recordedBy: user, audit: audit) })
        } else {
            direct.append(
                try await milliseconds {
                    try await store.recordUnmetNeedInOneClosure(need, recordedBy: user, audit: audit)
                })
        }
    }
    func line(_ name: String, _ values: [Double]) -> String {
        String(
            format: "%@: p50 %.3f ms, p99 %.3f ms (%d writes)", name, percentile(values, 0.5), percentile(values, 0.99),
            values.count)
    }
    print(line("written once, awaiting each statement", unified))
    print(line("one GRDB write closure", direct))
    print(
        String(
            format: "ratio p50 %.2f, p99 %.2f", percentile(unified, 0.5) / percentile(direct, 0.5),
            percentile(unified, 0.99) / percentile(direct, 0.99)))
    try await store.close()

default:
    print("unknown command \(arguments[1])")
    exit(64)
}
