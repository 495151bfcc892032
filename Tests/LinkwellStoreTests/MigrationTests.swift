import Foundation
import LinkwellDomain
import LinkwellPostgres
import LinkwellSQLite
import LinkwellStore
import LinkwellTestSupport
import Testing

@Suite("Migrations")
struct MigrationTests {
    /// The SHA-256 of every shipped migration's statements, as shipped. A
    /// shipped migration is never edited (a database that ran it would never
    /// see the change): a change to the schema is a new migration. If this
    /// test fails for an old migration, undo the edit and write a new one
    /// instead. A new migration gets its line here in the commit that adds it.
    static let shipped: [String: [Int: String]] = [
        "sqlite": [
            1: "efe9c3872bf53ffd75491db9e65cd2311a76890c8a16d0babe75e348b6f9ac9b",
            2: "cfe0c5371c49f79ce9074edd093460436e93906950778e9437a76523a5d42afa",
            3: "57d400f592044784ba581e9d6b66559f0e7be9b21620baf8710c53cd188d526b",
            4: "525dacc082b5af0fdcb6a75475f0f5aea3e625ed7c83581b39aff8c82d797faa",
            5: "8b5a40b442118fff98f4b362e4907c5c79a9443084113b60d757de41a6e72621",
            6: "507a94d73a08ebacc99e3607f0e79fa14d9c91839a54f697fd9e0b48882ba89e",
            7: "25b7102d35f82bfa41444cabdc4227ee415efa0f2636e683ded00555d0f6ee35",
            8: "79d7ac4c5176dc227b1caa9d37d2be5bc373ee6f8fe7ca3b7f6c90dd103227d8",
            9: "236cef3ecfea3832ff60363381f2ec2580c874f09f07bbbfdca226dd18ff84f4",
            10: "65ffc1bfd0a0aeb013256bc624c8df1eaa29c3135934986a8c42248375efa2a5",
            11: "8b6a766d853460b9597e00774f952b6c774300a97ab26a50454f76cc46da058b",
            12: "5bf0c8f60a87bc94cc07b620c48139fe31c6d3f6753c76460307e32ce84028ee",
            13: "d378abb0e1e4a5417c97d34e3298fbc5cdb6db421701790ef03bb521248f5cdb",
            14: "a492ff0f53b3f9265f549f2c50bc80c199372bd46a70aa3af16cac84c5fc11cb",
            15: "1a6a27a8d6e10cbb441ad773fa9fe82f74d2bc28b53f84b1c103ed4f28177703",
            16: "74bba03fb77b1e823d9ab73862dea94a6e1ce248ff432534f9a42ca11201e373",
            17: "1dd20f063e749a5791b205dc5217db01f75cab2064b4e5831cfa265c4a0eac04",
            18: "96ba9ca61d7a7c1787880f0c28a20482a9d45abea7c278d0bd1abe3b28a438e8",
            19: "8ecd0f0c066e1a124e874d1813bfcf40c05e767d7dde6817d0bf9089e3895d87",
            20: "d7a43ef292dec9bee647de6df363e1e019009046f373a1ee7b5d7511e67cf8b8",
            21: "a6f687d12073af954cc0905931dfa218c9718955fbac2c5b49dac0fb4d26bc04",
            22: "b75b3c1e64277033dfc30572e4e2d445c5ef9ea6203bd9b06987933d686d0f41",
        ],
        "postgres": [
            1: "32a85dba3b9fb78f1bfdd4f5838f9778fbfd33872af0104f7cc24fd5898f9bb3",
            2: "cc8f8eb052920aa0b3ef4aa13d8931eab3a081b9816598306018d6326eaf04b0",
            3: "9874134cabd4ca6d09d979ae531e3640c877439e88a287589d48b122d182a071",
            4: "644f8c5dec4f847dfa52e0f461a7c12752bb21ad13271be92419f734a42ff95f",
            5: "93203a3a7752a6cadde168516992e4e891b1f740d5b8a6dc8a32ef461d465909",
            6: "b0976baf0f0cadf082805e37364b28304c1824640c002dc066768f0b3ce0c4ab",
            7: "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
            8: "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
            9: "0c9074aa77eb9d6dada2cc57ac9f442a640f2ec59472ffb39bd2d1fb01c09e3b",
            10: "65654ae360ed76ffb25201a16a8e230c14d1aae9d44a7598a792c2d3162fbe6a",
            11: "6f28e101b6006c16cd15c4b080ec3eed4a6734255d506f112881b70e349a741f",
            12: "4e22c7f7c47ccf6842908540bfa5fb00e52143190f35c6a259a83f0dc0c8a0a1",
            13: "e1daf12c3f143c2f6d7bc6831ec10a0fc91383ec37d27bd46141fa4c820242f9",
            14: "d548f8af7b2a15398e09c01873a500e432ef6b6bbaac9181b73c9038d68e556a",
            15: "5ed8770eda6cba889a1369dbfa2b641f0d65dc62545b00be59f8677c9b89fd1e",
            16: "d2fa4910cf800bfaf9c1427d8a527c3ed6df6ced8e263917a763a70ea22eee72",
            17: "6fc417862b3899f8fdfed2c7bdf663113401997b25afbd37ec9a54de1415d9ee",
            18: "b60228ed53d387384c34217c350a719d510f4ccd745e9e9b70d48c81363fa767",
            19: "2b4db94f92ac0cf641930a939966ecf42665e584e1aad5d0b6a586c5eee24838",
            20: "f6cfdc42e964fe19659a1fcd6cfbad9efe6ab9d090f573f3923a90d771b8f115",
            21: "74ed7a44b488d0c5ec3b5daf371834439394c3c258753d7b7309e8919eb0391d",
            22: "b75b3c1e64277033dfc30572e4e2d445c5ef9ea6203bd9b06987933d686d0f41",
        ],
    ]

    static func fingerprint(_ migration: Migration) -> String {
        migration.statements.joined(separator: "\n;\n").sha256Hex
    }

    @Test("No shipped migration has changed, on either database", arguments: ["sqlite", "postgres"])
    func fingerprints(backend: String) {
        let migrations = backend == "sqlite" ? SQLiteMigrations.all : PostgresMigrations.all
        let recorded = Self.shipped[backend]!
        for migration in migrations {
            if let expected = recorded[migration.number] {
                #expect(
                    Self.fingerprint(migration) == expected,
                    "migration \(migration.identifier) on \(backend) was edited after it shipped")
            } else {
                Issue.record(
                    "migration \(migration.identifier) on \(backend) has no fingerprint: \(Self.fingerprint(migration))"
                )
            }
        }
        #expect(recorded.count >= 21, "every shipped migration is fingerprinted")
        #expect(Set(recorded.keys).isSubset(of: Set(migrations.map(\.number))), "no shipped migration has been removed")
    }

    @Test("Both databases have the same migrations, numbered alike")
    func sameHistory() {
        #expect(SQLiteMigrations.all.map(\.identifier) == PostgresMigrations.all.map(\.identifier))
    }

    @Test(
        "Requiring an assignee checks the rows first: it refuses to run while one is in the way, says why, and runs once fixed",
        arguments: TestBackend.allCases)
    func assigneeCheck(backend: TestBackend) async throws {
        try await backend.withStore { store, raw in
            let fixtures = StoreFixtures(store: store)
            let pcn = try await fixtures.organisation()
            let worker = try await fixtures.user(role: .linkWorker, in: pcn.id)
            let referral = try await fixtures.advance(
                try await fixtures.referral(in: pcn.id).referral, to: .accepted, worker: worker.id)
            let unassign = "UPDATE referrals SET assigned_to = NULL WHERE id = '\(referral.id)'"
            await #expect(throws: (any Error).self, "the schema refuses an accepted referral without an assignee") {
                try await raw.execute(unassign)
            }
            // Back to before migration 21, with a row it cannot accept.
            switch backend {
            case .sqlite:
                try await raw.execute("DROP TRIGGER referrals_assignee_insert")
                try await raw.execute("DROP TRIGGER referrals_assignee_update")
                try await raw.execute("DELETE FROM grdb_migrations WHERE identifier = '0021_assignee_required'")
            case .postgres:
                try await raw.execute("ALTER TABLE referrals DROP CONSTRAINT referrals_assignee")
                try await raw.execute("DELETE FROM schema_migrations WHERE number = 21")
            }
            try await raw.execute(unassign)
            await #expect(
                throws: MigrationCheckFailure(
                    message:
                        "Migration 0021_assignee_required cannot run: accepted or active referrals without a link worker (1 found). "
                        + "Assign each of them (or move it back to the inbox by hand) and start again.")
            ) { try await store.migrate() }
            try await raw.execute("UPDATE referrals SET assigned_to = '\(worker.id)' WHERE id = '\(referral.id)'")
            #expect(try await store.migrate() == [21])
            await #expect(throws: (any Error).self, "and the rule is back in the schema") {
                try await raw.execute(unassign)
            }
        }
    }
}
