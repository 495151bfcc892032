import LinkwellDomain
import LinkwellStore
import LinkwellTestSupport
import Testing

@Suite("Where the database is")
struct DatabaseLocationTests {
    @Test("sqlite: paths, bare .sqlite files and postgres URLs are understood")
    func parsing() throws {
        #expect(try DatabaseLocation(parsing: "sqlite:data/linkwell.sqlite") == .sqlite(path: "data/linkwell.sqlite"))
        #expect(
            try DatabaseLocation(parsing: "sqlite:///var/lib/linkwell.sqlite")
                == .sqlite(path: "/var/lib/linkwell.sqlite"))
        #expect(try DatabaseLocation(parsing: "linkwell.sqlite") == .sqlite(path: "linkwell.sqlite"))
        let postgres = try DatabaseLocation(
            parsing: "postgres://linkwell:s%40cret@db.internal:6432/linkwell?sslmode=require")
        #expect(
            postgres
                == .postgres(
                    PostgresConnectionDetails(
                        host: "db.internal", port: 6432, username: "linkwell", password: "s@cret", database: "linkwell",
                        tls: .require)))
        #expect(
            try DatabaseLocation(parsing: "postgresql://me@localhost/lw")
                == .postgres(
                    PostgresConnectionDetails(
                        host: "localhost", username: "me", password: nil, database: "lw", tls: .prefer)))
    }

    @Test("Printing a PostgreSQL location never shows the password")
    func redacted() throws {
        let location = try DatabaseLocation(parsing: "postgres://linkwell:topsecret@db/linkwell")
        #expect(!location.description.contains("topsecret"))
        #expect(location.description.contains("linkwell:***@db"))
    }

    @Test(
        "Unusable locations are refused with a message saying what is expected",
        arguments: [
            "mysql://x/y", "sqlite:", "postgres://localhost/", "postgres:///lw",
            "postgres://localhost/lw?sslmode=sometimes", "",
        ])
    func refused(text: String) {
        #expect(throws: DatabaseLocationError.self) { try DatabaseLocation(parsing: text) }
    }

    @Test("--database wins over LINKWELL_DATABASE, which wins over linkwell.sqlite")
    func resolution() throws {
        let environment = ["LINKWELL_DATABASE": "sqlite:from-environment.sqlite"]
        #expect(
            try DatabaseLocation.resolve(option: "sqlite:from-flag.sqlite", environment: environment)
                == .sqlite(path: "from-flag.sqlite"))
        #expect(
            try DatabaseLocation.resolve(option: nil, environment: environment)
                == .sqlite(path: "from-environment.sqlite"))
        #expect(try DatabaseLocation.resolve(option: nil, environment: [:]) == .sqlite(path: "linkwell.sqlite"))
    }
}

@Suite("Migrations agree with the domain")
struct MigrationSeedTests {
    @Test(
        "Both schemas were seeded with the domain's allowed referral moves and the standard needs list",
        arguments: TestBackend.allCases)
    func seeds(backend: TestBackend) async throws {
        try await backend.withStore { store, _ in
            let needs = try await store.needs.all()
            #expect(needs == LinkwellDomain.Need.standard)
        }
    }
}
