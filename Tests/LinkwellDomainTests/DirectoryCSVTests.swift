import Foundation
import LinkwellDomain
import Testing

@Suite("The directory as CSV")
struct DirectoryCSVTests {
    @Test("CSV text: quoted commas, line breaks and doubled quotes; CRLF or LF; a byte-order mark is ignored")
    func csvText() {
        let text = "\u{FEFF}a,b,c\r\n\"one, two\",\"say \"\"hi\"\"\",\"line\nbreak\"\n,,last\n"
        #expect(
            CSVText.rows(in: text) == [["a", "b", "c"], ["one, two", "say \"hi\"", "line\nbreak"], ["", "", "last"]])
        let fields = ["plain", "with, comma", "with \"quote\"", "with\nbreak", ""]
        #expect(CSVText.line(fields) == "plain,\"with, comma\",\"with \"\"quote\"\"\",\"with\nbreak\",\r\n")
        #expect(CSVText.rows(in: CSVText.line(fields)) == [fields], "what is written reads back")
        #expect(CSVText.rows(in: "x\n\n") == [["x"]], "blank lines are not rows")
    }

    static let walkRow: [String: String] = [
        "name": "Riverside Walking Group", "organisation": "Riverside Community Action",
        "description": "An hour's gentle walk by the canal, then tea.", "categories": "Walking; Connecting with others",
        "sessions": "Tuesday 10:00-11:00; Saturday 10:00-11:00", "cost": "free", "minimum_age": "18",
        "languages": "English, Polish", "email": "walks@example.org", "website": "https://example.org/walks",
        "place_name": "The Boathouse", "address": "1 Canal Street", "town": "Riverside", "postcode": "rv1 1aa",
        "latitude": "53.801", "longitude": "-1.551",
    ]

    @Test("A row becomes a whole ORUK record with stable IDs, and writes back as the same row")
    func rowRoundTrip() throws {
        var walking = HSDS.TaxonomyTerm(
            id: "3b2a8c1e-0d4f-4a6b-9c8d-7e6f5a4b3c2d", name: "Walking", description: "Walking groups")
        walking.taxonomyId = "9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d"
        let service = try DirectoryCSV.service(
            from: Self.walkRow, term: { $0.lowercased() == "walking" ? walking : nil })
        try DirectoryValidation.check(service)
        #expect(
            try DirectoryCSV.service(from: Self.walkRow, term: { $0 == "Walking" ? walking : nil }) == service,
            "the same row, the same record")
        let index = DirectoryIndex(service)
        #expect(index.terms.map(\.name) == ["Walking", "Connecting with others"])
        #expect(index.terms[0] == walking, "a known category is the directory's own term")
        #expect(index.terms[1].taxonomyId == DirectoryCSV.localTaxonomyID)
        #expect(index.sessions.map(\.day) == [.tuesday, .saturday])
        #expect(index.places.first?.latitude == 53.801)
        #expect(index.places.first?.postcode == "RV1 1AA")
        #expect(index.isFree)
        #expect(service.organization?.name == "Riverside Community Action")

        let row = DirectoryCSV.row(for: service)
        #expect(row.count == DirectoryCSV.columns.count)
        var again: [String: String] = [:]
        for (column, value) in zip(DirectoryCSV.columns, row) { again[column] = value }
        #expect(again["id"] == service.id)
        #expect(again["sessions"] == "Tuesday 10:00-11:00; Saturday 10:00-11:00")
        #expect(
            try DirectoryCSV.service(from: again, term: { $0 == "Walking" ? walking : nil }) == service,
            "an exported row imports as the same record")
    }

    @Test("Problems are named by column")
    func problems() {
        var row = Self.walkRow
        row["organisation"] = ""
        row["minimum_age"] = "eighteen"
        row["cost"] = "a small donation"
        row["website"] = "example.org"
        row["latitude"] = "north"
        row["id"] = "walk-1"
        do {
            _ = try DirectoryCSV.service(from: row, term: { _ in nil })
            Issue.record("a bad row was accepted")
        } catch {
            #expect(
                Set(error.errors.map(\.field)) == ["organisation", "minimum_age", "cost", "website", "latitude", "id"])
        }
    }
}

/// The review's tenth finding: a provider's `=HYPERLINK(…)` went unchanged
/// into `linkwell export oruk` CSV. Every CSV Linkwell writes goes through
/// `CSVText.line`, which neutralises formulas as OWASP says.
@Suite("Spreadsheet formulas in CSV")
struct CSVFormulaTests {
    @Test(
        "A cell beginning =, +, -, @, tab or carriage return is written after a quote",
        arguments: [
            "=HYPERLINK(\"http://evil.example\",\"Click\")", "+1+1", "-2+3", "@SUM(A1)", "\tlead", "\r\nlead", "=1",
            "-", "+",
        ])
    func neutralised(cell: String) {
        let written = CSVText.neutralised(cell)
        #expect(written == "'" + cell)
        #expect(CSVText.unneutralised(written) == cell, "read back as it was")
        let line = CSVText.line(["ok", cell])
        let read = CSVText.rows(in: line)
        #expect(read.first?.last?.hasPrefix("'") == true)
    }

    @Test(
        "Numbers and ordinary text are left be",
        arguments: ["-1.5", "+3", "42", "0.25", "Walking group", "'quoted", "a=b", ""])
    func leftAlone(cell: String) {
        #expect(CSVText.neutralised(cell) == cell)
    }

    @Test("A directory row with a formula for a name exports neutralised and imports as it was")
    func directoryRow() throws {
        var service = HSDS.Service(
            id: "8d3f1c2a-5b6e-4f70-9a81-b2c3d4e5f601", name: "=HYPERLINK(\"http://evil.example\",\"Lunch\")")
        service.description = "@SUM(1) lunch club"
        var organisation = HSDS.Organization(
            id: "8d3f1c2a-5b6e-4f70-9a81-b2c3d4e5f602", name: "+Riverside", description: "x")
        organisation.description = "x"
        service.organization = organisation
        service.organizationId = organisation.id
        let line = CSVText.line(DirectoryCSV.row(for: service))
        #expect(line.contains("'=HYPERLINK"))
        #expect(line.contains("'@SUM"))
        #expect(!line.split(separator: ",").contains { $0.hasPrefix("=") || $0.hasPrefix("\"=") || $0.hasPrefix("+") })
        let rows = CSVText.rows(in: CSVText.line(DirectoryCSV.columns) + line)
        var fields: [String: String] = [:]
        for (column, value) in zip(rows[0], rows[1]) { fields[column] = value }
        let read = try DirectoryCSV.service(from: fields, term: { _ in nil })
        #expect(read.name == service.name)
    }

    @Test("The research export's cells are neutralised too")
    func researchExport() {
        let text = WorkforceResearchRow.csv([])
        #expect(!CSVText.rows(in: text).joined().contains { $0.first.map { "=+-@".contains($0) } == true })
        #expect(CSVText.line(["=cmd"]) == "'=cmd\r\n")
    }
}
