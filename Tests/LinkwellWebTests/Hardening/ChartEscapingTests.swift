import Foundation
import HTTPTypes
import HummingbirdTesting
import LinkwellDomain
import LinkwellServices
import LinkwellStore
import LinkwellTestSupport
import Testing

@testable import LinkwellWeb

#if canImport(FoundationXML)
    import FoundationXML
#endif

/// The review's sixth finding: an administrator's instrument item IDs went
/// unescaped into the outcome chart's SVG, and a `<meta http-equiv=refresh>`
/// sent every link worker who opened the person to an outside site.
@Suite("Charts escape everything in them")
struct ChartEscapingTests {
    static let hostile = [
        #""><meta http-equiv="refresh" content="0;url=https://evil.example"><x a=""#, "<script>alert(1)</script>",
        "' onload='alert(1)",
        "a&b", "]]><svg onload=alert(1)>", "\u{202E}right to left", "🙂 emoji", "plain", "",
        String(repeating: "long ", count: 400),
    ]

    /// The elements and attributes a chart may hold, and the text of its title.
    final class Reader: NSObject, XMLParserDelegate {
        var elements: [String] = []
        var attributes: Set<String> = []
        var title = ""
        private var inTitle = false

        func parser(
            _ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
            attributes: [String: String]
        ) {
            elements.append(name)
            self.attributes.formUnion(attributes.keys)
            inTitle = name == "title"
        }

        func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
            if name == "title" { inTitle = false }
        }

        func parser(_ parser: XMLParser, foundCharacters string: String) {
            if inTitle { title += string }
        }
    }

    static let allowedElements: Set<String> = ["svg", "title", "desc", "line", "text", "polyline", "circle"]
    static let allowedAttributes: Set<String> = [
        "class", "viewBox", "role", "aria-labelledby", "focusable", "id", "x", "y", "x1", "y1", "x2", "y2",
        "text-anchor", "points", "cx", "cy", "r",
    ]

    @Test(
        "A chart is well-formed, holds only a chart's elements and attributes, and says the hostile text as text",
        arguments: hostile)
    func chart(text: String) throws {
        let svg = OutcomeChart.svg(
            id: text, title: text, values: [3, nil, 5], dates: [text, "2 Mar", text], range: 0...10,
            higherIsBetter: true)
        let parser = XMLParser(data: Data(svg.utf8))
        let reader = Reader()
        parser.delegate = reader
        #expect(parser.parse(), "well-formed: \(parser.parserError.map(String.init(describing:)) ?? "")")
        #expect(Set(reader.elements).isSubset(of: Self.allowedElements), "\(reader.elements)")
        #expect(reader.attributes.isSubset(of: Self.allowedAttributes), "\(reader.attributes)")
        #expect(reader.title == text)
        #expect(!svg.contains("<meta") && !svg.contains("<script") && !svg.contains("<x "))
    }

    @Test("An instrument with hostile item IDs and labels shows safely on the person page")
    func personPage() async throws {
        try await TestApp.run { app, client in
            let world = try await CaseworkWorld.make(app)
            let referral = try await world.accepted(app)
            let meta = #"\"><meta http-equiv=\"refresh\" content=\"0;url=https://evil.example\">"#
            let definition = """
                {"id": "hostile", "title": "Hostile <b>title</b>", "version": "1", "licence": "Ours", "direction": "higher-is-better",
                 "items": [
                   {"id": "\(meta)", "text": "<script>alert(1)</script>", "options": [{"value": 1, "label": "<i>Bad</i>"}, {"value": 2, "label": "Good"}]},
                   {"id": "second", "text": "Second", "options": [{"value": 1, "label": "Bad"}, {"value": 2, "label": "Good"}]}
                 ],
                 "scoring": {"rule": "per-item", "minimum_answered": 1}}
                """
            let admin = TestBrowser(client)
            try await admin.signIn("chris@example.org")
            try await admin.get("/admin/instruments")
            let saved = try await admin.post(
                "/admin/instruments", form: [("definition", definition), ("version", "0")])
            #expect(saved.status == .seeOther, "\(saved.text.prefix(2000))")

            let worker = TestBrowser(client)
            try await worker.signIn("priya@example.org")
            let form = try await worker.get("/people/\(referral.person.id)/outcomes/new?instrument=hostile")
            #expect(!form.text.contains("<meta http-equiv") && !form.text.contains("<script>alert"))
            let item = try #require(InstrumentDefinition.parse(Data(definition.utf8), file: "x").items.first)
            for occasion in ["baseline", "follow-up"] {
                let recorded = try await worker.post(
                    "/people/\(referral.person.id)/outcomes",
                    form: [
                        ("instrument", "hostile"), ("occasion", occasion), (InstrumentDefinition.field(item), "1"),
                        ("item-second", "2"),
                    ])
                #expect(recorded.status == .seeOther)
                app.clock.advance(by: 86_400)
            }
            let later = TestBrowser(client)
            try await later.signIn("priya@example.org")
            let page = try await later.get("/people/\(referral.person.id)")
            #expect(page.status == .ok)
            #expect(page.text.contains(#"<svg class="outcome-chart""#))
            #expect(!page.text.contains("<meta http-equiv"), "no element from an item ID")
            #expect(!page.text.contains("<script>alert"))
            #expect(!page.text.contains("<b>title</b>") && !page.text.contains("<i>Bad</i>"))
        }
    }
}
