import Foundation
import LinkwellDomain
import Testing

@Suite("Email addresses")
struct EmailAddressTests {
    @Test(
        "Valid addresses are trimmed and lowercased",
        arguments: [
            (" Priya.Sharma@NHS.net ", "priya.sharma@nhs.net"),
            ("o'brien+linkwell@riverside.example", "o'brien+linkwell@riverside.example"),
            ("a@b.co", "a@b.co"),
        ])
    func valid(raw: String, stored: String) throws {
        #expect(try EmailAddress(raw).value == stored)
    }

    @Test(
        "Invalid addresses are refused with a message for the email field",
        arguments: [
            "", "   ", "priya", "priya@", "@nhs.net", "priya@nhs", "priya@@nhs.net", "pri ya@nhs.net", "priya@nhs..net",
            "priya@-nhs.net", ".priya@nhs.net", "priya.@nhs.net", "priya@nhs.net>", "pri\"ya@nhs.net",
        ])
    func invalid(raw: String) {
        #expect {
            try EmailAddress(raw)
        } throws: { error in
            (error as? ValidationFailure)?.errors.first?.field == "email"
        }
    }

    @Test("An empty address asks for one; a malformed one shows the expected format")
    func messages() {
        #expect(throws: ValidationFailure(field: "email", message: "Enter an email address")) { try EmailAddress("") }
        #expect(
            throws: ValidationFailure(
                field: "email", message: "Enter an email address in the correct format, like name@example.org")
        ) { try EmailAddress("nope") }
    }
}

@Suite("ODS codes")
struct ODSCodeTests {
    @Test(
        "GP practice codes are a letter and five digits, typed in any case with spaces",
        arguments: ["A81001", "a81001", " A8 1001 ", "Y02345"])
    func practice(raw: String) throws {
        let code = try ODSCode(raw, kind: .gpPractice)
        #expect(code.value.count == 6)
        #expect(code.value == code.value.uppercased())
        #expect(!code.value.contains(" "))
    }

    @Test(
        "Malformed practice codes are refused",
        arguments: ["", "A8100", "A810011", "181001", "AB1001", "A8100X", "A81-01", "Ä81001"])
    func badPractice(raw: String) {
        #expect(throws: ValidationFailure.self) { try ODSCode(raw, kind: .gpPractice) }
    }

    @Test("Primary Care Network codes are U and five digits")
    func pcn() throws {
        #expect(try ODSCode("u12345", kind: .primaryCareNetwork).value == "U12345")
        #expect(throws: ValidationFailure.self) { try ODSCode("A12345", kind: .primaryCareNetwork) }
        #expect(throws: ValidationFailure.self) { try ODSCode("U1234", kind: .primaryCareNetwork) }
    }

    @Test(
        "Other organisations' codes are 3 to 6 letters and digits",
        arguments: [("RXX", true), ("8HK94", true), ("15E", true), ("AB", false), ("ABCDEFG", false), ("R-X", false)])
    func organisation(raw: String, valid: Bool) {
        #expect(((try? ODSCode(raw, kind: .organisation)) != nil) == valid)
    }
}

@Suite("Organisation, practice and user details")
struct DetailsValidationTests {
    @Test("An organisation form reports every problem at once")
    func organisationAllErrors() {
        #expect {
            try OrganisationDetails.validate(name: "", kind: "castle", odsCode: "x")
        } throws: { error in
            let fields = (error as? ValidationFailure)?.errors.map(\.field)
            return fields == ["name", "kind"]
        }
    }

    @Test("The ODS code is optional for an organisation, but checked by its kind when given")
    func organisationODS() throws {
        #expect(try OrganisationDetails.validate(name: "Age Concern", kind: "vcse", odsCode: " ").odsCode == nil)
        #expect(
            try OrganisationDetails.validate(name: "Riverside PCN", kind: "pcn", odsCode: "u12345").odsCode?.value
                == "U12345")
        #expect(throws: ValidationFailure.self) {
            try OrganisationDetails.validate(name: "Riverside PCN", kind: "pcn", odsCode: "A12345")
        }
    }

    @Test("Names are trimmed, inner spaces collapsed, and limited in length")
    func names() throws {
        #expect(try Text.requiredName("  Riverside \n  Surgery ") == "Riverside Surgery")
        #expect(throws: ValidationFailure.self) { try Text.requiredName(String(repeating: "a", count: 201)) }
        #expect(throws: ValidationFailure.self) { try Text.requiredName("Bad\u{0007}Name") }
    }

    @Test("A user form needs a name, an address, a known role and an organisation; the practice is optional")
    func user() throws {
        let organisation = OrganisationID()
        let details = try UserDetails.validate(
            name: "Sam Okafor", email: "SAM@example.org", role: "manager", organisationID: organisation.description,
            practiceID: "")
        #expect(details.role == .manager)
        #expect(details.email.value == "sam@example.org")
        #expect(details.practiceID == nil)
        #expect {
            try UserDetails.validate(name: "", email: "x", role: "king", organisationID: "nope", practiceID: "nope")
        } throws: { error in
            (error as? ValidationFailure)?.errors.map(\.field) == [
                "name", "email", "role", "organisationID", "practiceID",
            ]
        }
    }
}

@Suite("Passwords")
struct PasswordPolicyTests {
    @Test(
        "Long enough passwords that are not common patterns are accepted",
        arguments: [
            "correct horse battery staple", "Tulip-Lantern-Orbit", "my bike is green 1987", "xkcd936forever!",
        ])
    func accepted(password: String) throws {
        try PasswordPolicy.check(password)
    }

    @Test("Passwords under 12 characters are refused with the rule")
    func tooShort() {
        #expect(throws: ValidationFailure(field: "password", message: "Password must be at least 12 characters")) {
            try PasswordPolicy.check("Sh0rt&Sweet")
        }
    }

    @Test("Passwords longer than bcrypt can use are refused")
    func tooLong() {
        #expect(throws: ValidationFailure(field: "password", message: "Password must be 72 characters or fewer")) {
            try PasswordPolicy.check(String(repeating: "long passphrase ", count: 5))
        }
    }

    @Test(
        "Common passwords and common words padded with digits are refused",
        arguments: [
            "password1234", "Password2024!", "123456789012", "qwertyuiop12", "1q2w3e4r5t6y", "Football12345",
            "aaaaaaaaaaaa", "abababababab", "abcdefghijkl", "passwordpassword", "LinkWell2026!!", "987654321098",
        ])
    func refused(password: String) {
        #expect(throws: ValidationFailure.self) { try PasswordPolicy.check(password) }
    }

    @Test("A password containing the person's own email name is refused")
    func ownEmail() throws {
        let email = try EmailAddress("priya.sharma@nhs.net")
        #expect(throws: ValidationFailure.self) { try PasswordPolicy.check("priya.sharma-rules", email: email) }
        try PasswordPolicy.check("tulip lantern orbit", email: email)
    }

    @Test(
        "Short addresses are checked too: a password made mostly of the address is refused",
        arguments: [
            ("jo@riverside.example", "jojojojojojo"), ("jo@riverside.example", "jo@riverside.example"),
            ("al@nhs.net", "al2024al2024"), ("sam@riverside.example", "riverside12345"),
            ("a.b@nhs.net", "a.b@nhs.net!!"),
        ])
    func shortAddresses(address: String, password: String) throws {
        let email = try EmailAddress(address)
        #expect(throws: ValidationFailure.self) { try PasswordPolicy.check(password, email: email) }
    }

    @Test("An address's parts inside a long, otherwise strong password are fine")
    func partsInStrongPasswords() throws {
        try PasswordPolicy.check("jo likes tulip lanterns", email: try EmailAddress("jo@riverside.example"))
        try PasswordPolicy.check("walks by the riverside at dawn", email: try EmailAddress("sam@riverside.example"))
    }
}

@Suite("Session and lockout policies")
struct PolicyTests {
    let start = Date(timeIntervalSince1970: 1_772_442_000)

    func session(created: Date, seen: Date) -> Session {
        Session(
            tokenHash: "h", userID: UserID(), csrfToken: "c", createdAt: created, lastSeenAt: seen, clientAddress: nil)
    }

    @Test("A session expires after 30 idle minutes")
    func idle() {
        let policy = SessionPolicy()
        let session = session(created: start, seen: start)
        #expect(!policy.isExpired(session, at: start.addingTimeInterval(29 * 60 + 59)))
        #expect(policy.isExpired(session, at: start.addingTimeInterval(30 * 60)))
    }

    @Test("A session expires 12 hours after it began, however recently used")
    func absolute() {
        let policy = SessionPolicy()
        let busy = session(created: start, seen: start.addingTimeInterval(12 * 3600 - 1))
        #expect(!policy.isExpired(busy, at: start.addingTimeInterval(12 * 3600 - 1)))
        #expect(policy.isExpired(busy, at: start.addingTimeInterval(12 * 3600)))
    }

    @Test("Last-seen is recorded at most once a minute")
    func touch() {
        let policy = SessionPolicy()
        let session = session(created: start, seen: start)
        #expect(!policy.needsTouch(session, at: start.addingTimeInterval(59)))
        #expect(policy.needsTouch(session, at: start.addingTimeInterval(60)))
    }

    @Test("Secure tokens are 43 URL-safe characters, different every time, and hash to 64 hex digits")
    func tokens() {
        let tokens = (0..<100).map { _ in SecureToken.generate() }
        #expect(Set(tokens).count == 100)
        #expect(
            tokens.allSatisfy {
                $0.count == 43 && $0.allSatisfy { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" }
            })
        #expect(SecureToken.hash("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(SecureToken.constantTimeEquals("same", "same"))
        #expect(!SecureToken.constantTimeEquals("same", "sane"))
        #expect(!SecureToken.constantTimeEquals("same", "same!"))
    }
}

@Suite("Identifiers for golden tests")
struct IdentifierGeneratorTests {
    @Test("Inside a sequential generator identifiers are numbered; outside, and in other tasks, they are random")
    func sequential() async {
        let (first, second) = IdentifierGenerator.$current.withValue(.sequential()) { (UserID(), ReferralID()) }
        #expect(first.description == "00000000-0000-4000-8000-000000000001")
        #expect(second.description == "00000000-0000-4000-8000-000000000002")
        #expect(!UserID().description.hasPrefix("00000000-0000-4000-8000-"))
    }
}
