// swift-tools-version:6.2
import PackageDescription

// One set of settings for every target: Swift 6 language mode (strict
// concurrency), `any` spelled out, and imports that say what a file uses.
let swiftSettings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("MemberImportVisibility"),
]

let package = Package(
    name: "linkwell",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "linkwell", targets: ["linkwell"])
    ],
    dependencies: [
        .package(url: "https://github.com/hummingbird-project/hummingbird.git", from: "2.28.1"),
        .package(url: "https://github.com/hummingbird-project/hummingbird-auth.git", from: "2.5.0"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache.git", from: "2.1.1"),
        .package(url: "https://github.com/groue/GRDB.swift.git", from: "7.10.0"),
        .package(url: "https://github.com/vapor/postgres-nio.git", from: "1.33.2"),
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-metrics.git", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus.git", from: "2.4.1"),
        .package(url: "https://github.com/apple/swift-crypto.git", from: "3.12.3"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle.git", from: "2.13.0"),
        .package(url: "https://github.com/apple/swift-nio-ssl.git", from: "2.37.6"),
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.101.3"),
        .package(url: "https://github.com/apple/swift-http-types.git", from: "1.8.0"),
        // multipart/form-data uploads (training certificates).
        .package(url: "https://github.com/vapor/multipart-kit.git", from: "4.7.1"),
        // Golden tests of pages and JSON (Tests/LinkwellWebTests/GoldenTests.swift).
        .package(url: "https://github.com/pointfreeco/swift-snapshot-testing.git", from: "1.19.7"),
    ],
    targets: [
        // Pure Swift: entities, value types, validation rules. No I/O.
        .target(
            name: "LinkwellDomain",
            dependencies: [.product(name: "Crypto", package: "swift-crypto")],
            swiftSettings: swiftSettings
        ),
        // The store protocols every backend implements, and their errors.
        .target(
            name: "LinkwellStore",
            dependencies: ["LinkwellDomain", .product(name: "Metrics", package: "swift-metrics")],
            swiftSettings: swiftSettings
        ),
        // The stores, written once in SQL both databases run (`SQLText`),
        // over the small `SQLDatabase` each backend provides.
        .target(
            name: "LinkwellSQL",
            dependencies: ["LinkwellDomain", "LinkwellStore"],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "LinkwellSQLite",
            dependencies: [
                "LinkwellDomain", "LinkwellStore", "LinkwellSQL",
                .product(name: "GRDB", package: "GRDB.swift"),
            ],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "LinkwellPostgres",
            dependencies: [
                "LinkwellDomain", "LinkwellStore", "LinkwellSQL",
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Metrics", package: "swift-metrics"),
            ],
            swiftSettings: swiftSettings
        ),
        // The use cases. Every one takes the acting user; no HTTP types here.
        .target(
            name: "LinkwellServices",
            dependencies: [
                "LinkwellDomain", "LinkwellStore",
                .product(name: "HummingbirdBcrypt", package: "hummingbird-auth"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            // The built-in outcome instruments (docs/instruments.md).
            resources: [.copy("Instruments")],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "LinkwellWeb",
            dependencies: [
                "LinkwellDomain", "LinkwellStore", "LinkwellServices",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "Mustache", package: "swift-mustache"),
                .product(name: "MultipartKit", package: "multipart-kit"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            resources: [.copy("Templates"), .copy("Public")],
            swiftSettings: swiftSettings
        ),
        // The composition root: the one target that knows both databases.
        // It opens the store a configuration names and builds the application.
        .target(
            name: "LinkwellApp",
            dependencies: [
                "LinkwellDomain", "LinkwellStore", "LinkwellSQLite", "LinkwellPostgres", "LinkwellWeb",
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings
        ),
        // The thin executable: parses the command line and calls the libraries.
        .executableTarget(
            name: "linkwell",
            dependencies: [
                "LinkwellDomain", "LinkwellStore", "LinkwellServices", "LinkwellWeb", "LinkwellApp",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings
        ),
        // Benchmarks (bench/README.md): a synthetic national directory, and search timed side by side with bare FTS5.
        .executableTarget(
            name: "linkwell-bench",
            dependencies: [
                "LinkwellDomain", "LinkwellStore", "LinkwellSQL", "LinkwellSQLite", "LinkwellServices",
                .product(name: "GRDB", package: "GRDB.swift"),
            ],
            path: "bench/LinkwellBench",
            swiftSettings: swiftSettings
        ),
        // Fixtures, a controllable clock, temporary databases (SQLite and PostgreSQL).
        .target(
            name: "LinkwellTestSupport",
            dependencies: [
                "LinkwellDomain", "LinkwellStore", "LinkwellSQLite", "LinkwellPostgres", "LinkwellServices",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "PostgresNIO", package: "postgres-nio"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "LinkwellDomainTests",
            dependencies: ["LinkwellDomain"],
            resources: [.copy("Standards")],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "LinkwellStoreTests",
            dependencies: [
                "LinkwellDomain", "LinkwellStore", "LinkwellSQL", "LinkwellSQLite", "LinkwellPostgres",
                "LinkwellTestSupport",
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "LinkwellServicesTests",
            dependencies: ["LinkwellDomain", "LinkwellStore", "LinkwellServices", "LinkwellTestSupport"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "LinkwellWebTests",
            dependencies: [
                "LinkwellDomain", "LinkwellStore", "LinkwellServices", "LinkwellWeb", "LinkwellApp",
                "LinkwellTestSupport",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "SnapshotTesting", package: "swift-snapshot-testing"),
            ],
            swiftSettings: swiftSettings
        ),
    ]
)
