import Foundation
import LinkwellDomain
import Testing

/// The built-in definitions, read from the repository as Linkwell ships them.
enum Shipped {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Sources/LinkwellServices/Instruments")

    static func definition(_ name: String) throws -> InstrumentDefinition {
        try InstrumentDefinition.parse(
            try Data(contentsOf: folder.appendingPathComponent("\(name).json")), file: "\(name).json")
    }

    /// SWEMWBS with made-up wording, as an organisation would add its own.
    static func swemwbs() throws -> InstrumentDefinition {
        var definition = try definition("swemwbs")
        for index in definition.items.indices { definition.items[index].text = "Statement \(index + 1)" }
        return definition
    }
}

@Suite("Outcome instruments: scoring")
struct InstrumentScoringTests {
    /// The published SWEMWBS raw → metric conversion, every row (DOMAIN.md).
    static let swemwbsTable: [(Int, Double)] = [
        (7, 7.00), (8, 9.51), (9, 11.25), (10, 12.40), (11, 13.33), (12, 14.08), (13, 14.75), (14, 15.32), (15, 15.84),
        (16, 16.36), (17, 16.88), (18, 17.43), (19, 17.98), (20, 18.59), (21, 19.25), (22, 19.98), (23, 20.73),
        (24, 21.54),
        (25, 22.35), (26, 23.21), (27, 24.11), (28, 25.03), (29, 26.02), (30, 27.03), (31, 28.13), (32, 29.31),
        (33, 30.70),
        (34, 32.55), (35, 35.00),
    ]

    @Test("SWEMWBS: every raw total converts to its published metric score", arguments: swemwbsTable)
    func swemwbs(raw: Int, metric: Double) throws {
        let definition = try Shipped.swemwbs()
        // Spread the raw total over the seven items, each 1 to 5.
        var answers: [String: Double] = [:]
        var left = raw
        for (index, item) in definition.items.enumerated() {
            let remainingItems = definition.items.count - index - 1
            let value = min(5, left - remainingItems)
            answers[item.id] = Double(value)
            left -= value
        }
        #expect(answers.values.reduce(0, +) == Double(raw))
        #expect(definition.score(answers) == .total(value: metric, band: nil))
    }

    @Test("SWEMWBS needs all seven answered; a missing item gives no score, said plainly")
    func swemwbsMissing() throws {
        let definition = try Shipped.swemwbs()
        var answers = Dictionary(uniqueKeysWithValues: definition.items.map { ($0.id, 3.0) })
        answers.removeValue(forKey: "item-4")
        #expect(definition.score(answers) == .notScored(reason: "Not scored: 6 of 7 answered, and all 7 are needed"))
    }

    @Test("UCLA-3 sums to 3–9, higher lonelier; a fall of any size is an improvement, with no threshold claimed")
    func ucla() throws {
        let definition = try Shipped.definition("ucla-3")
        #expect(definition.score(["companionship": 3, "left-out": 2, "isolated": 3]) == .total(value: 8, band: nil))
        #expect(definition.score(["companionship": 1, "left-out": 1, "isolated": 1]) == .total(value: 3, band: nil))
        #expect(
            definition.score(["companionship": 3, "left-out": 2])
                == .notScored(reason: "Not scored: 2 of 3 answered, and all 3 are needed"))
        let change = definition.change(from: 8, to: 5)
        #expect(change.difference == -3 && change.improved && change.meaningful == nil)
    }

    @Test("ONS4: each item reported on its own with the ONS bands; anxiety's bands and direction are its own")
    func ons4() throws {
        let definition = try Shipped.definition("ons4")
        let score = definition.score(["life-satisfaction": 4, "worthwhile": 9, "happiness": 6, "anxiety": 6])
        guard case .items(let items) = score else {
            Issue.record("ONS4 is reported item by item")
            return
        }
        #expect(items.map(\.band) == ["low", "very high", "medium", "high"])
        #expect(items.map(\.answer) == ["4", "9", "6", "6"])
        let anxiety = try #require(definition.items.first { $0.id == "anxiety" })
        #expect(definition.change(from: 7, to: 3, item: anxiety).improved, "less anxious is better")
        let happiness = try #require(definition.items.first { $0.id == "happiness" })
        #expect(!definition.change(from: 7, to: 3, item: happiness).improved)
        #expect(
            definition.score(["anxiety": 1])
                == .items([ItemScore(itemID: "anxiety", value: 1, answer: "1", band: "very low")]))
        #expect(definition.score([:]) == .notScored(reason: "Not scored: 0 of 4 answered, and at least 1 are needed"))
    }

    @Test("The Campaign to End Loneliness tool scores 0–12 from agreement, higher lonelier")
    func cel() throws {
        let definition = try Shipped.definition("cel-3")
        #expect(definition.score(["content": 0, "help": 0, "satisfying": 0]) == .total(value: 0, band: nil))
        #expect(definition.score(["content": 4, "help": 3, "satisfying": 2]) == .total(value: 9, band: nil))
        #expect(definition.items[0].options.first { $0.value == 4 }?.label == "Strongly disagree")
    }

    @Test("Reverse-scored items count from the other end; means and bands work as defined")
    func reverseAndMean() throws {
        let options = (1...5).map { InstrumentDefinition.Option(value: Double($0), label: "\($0)") }
        let json = """
            {"id": "made-up", "title": "Made up", "version": "1", "licence": "Test only", "direction": "higher-is-better",
             "items": [
               {"id": "a", "text": "A", "options": \(String(decoding: try JSONEncoder().encode(options), as: UTF8.self))},
               {"id": "b", "text": "B", "reverse_scored": true, "options": \(String(decoding: try JSONEncoder().encode(options), as: UTF8.self))}],
             "scoring": {"rule": "mean", "minimum_answered": 1},
             "bands": [{"from": 1, "to": 2.99, "label": "low"}, {"from": 3, "to": 5, "label": "high"}],
             "meaningful_change": 0.5}
            """
        let definition = try InstrumentDefinition.parse(Data(json.utf8), file: "made-up.json")
        #expect(definition.score(["a": 5, "b": 5]) == .total(value: 3, band: "high"), "b's 5 counts as 1: (5 + 1) / 2")
        #expect(definition.score(["a": 2, "b": 4]) == .total(value: 2, band: "low"))
        #expect(definition.score(["b": 1]) == .total(value: 5, band: "high"), "one answered is enough here")
        #expect(definition.change(from: 2, to: 2.5).meaningful == true)
        #expect(definition.change(from: 2, to: 2.4).meaningful == false)
    }

    @Test("Answers that are not one of the item's options are refused beside the question; blanks are left out")
    func outOfRange() throws {
        let definition = try Shipped.definition("ucla-3")
        #expect(
            throws: ValidationFailure(field: "item-left-out", message: "Question 2: choose one of the answers, 1 to 3")
        ) {
            try definition.answers(from: ["item-companionship": "2", "item-left-out": "7"])
        }
        #expect(throws: ValidationFailure.self) { try definition.answers(from: ["item-isolated": "two"]) }
        #expect(
            try definition.answers(from: ["item-companionship": " 2 ", "item-isolated": ""]) == ["companionship": 2])
        #expect(
            definition.score(["companionship": 2, "left-out": 9, "isolated": 2])
                == .notScored(reason: "Not scored: 2 of 3 answered, and all 3 are needed"),
            "a value no option has is no answer")
    }
}

@Suite("Outcome instruments: reading definitions")
struct InstrumentDefinitionTests {
    @Test("Every built-in definition reads and checks; the licensed ones come without their wording")
    func builtIns() throws {
        let names = try FileManager.default.contentsOfDirectory(atPath: Shipped.folder.path).filter {
            $0.hasSuffix(".json")
        }
        #expect(names.count == 7)
        for name in names {
            let definition = try Shipped.definition(String(name.dropLast(5)))
            #expect(definition.id + ".json" == name, "a file is named after its instrument")
            #expect(definition.isUsable == !definition.wordingRequiresLicence, "\(name)")
        }
        let swemwbs = try Shipped.definition("swemwbs")
        #expect(swemwbs.items.allSatisfy { $0.text == nil }, "Linkwell does not ship the licensed wording")
        #expect(try Shipped.swemwbs().isUsable)
        #expect(swemwbs.scoresAlike(try Shipped.swemwbs()), "adding wording keeps the scoring")
        var flipped = try Shipped.swemwbs()
        flipped.items[0].reverseScored = true
        #expect(!swemwbs.scoresAlike(flipped))
        var rebanded = swemwbs
        rebanded.bands = [.init(from: 7, to: 35, label: "any")]
        #expect(!swemwbs.scoresAlike(rebanded))
    }

    func error(_ json: String) -> DefinitionError? {
        do {
            _ = try InstrumentDefinition.parse(Data(json.utf8), file: "mine.json")
            return nil
        } catch {
            return error
        }
    }

    static let valid = """
        {"id": "mine", "title": "Mine", "version": "1", "licence": "Ours", "direction": "higher-is-better",
         "items": [{"id": "q1", "text": "How are you?", "options": [{"value": 1, "label": "Bad"}, {"value": 2, "label": "Good"}]}],
         "scoring": {"rule": "sum", "minimum_answered": 1}}
        """

    @Test("A bad definition is refused naming the file and the field")
    func errors() throws {
        #expect(error(Self.valid) == nil)
        #expect(error("{")?.description == "mine.json: is not valid JSON")
        #expect(
            error(Self.valid.replacingOccurrences(of: #""title": "Mine", "#, with: ""))?.description
                == "mine.json, title: is missing")
        #expect(
            error(Self.valid.replacingOccurrences(of: #""value": 1"#, with: #""value": "one""#))?.description
                == "mine.json, items[0].options[0].value: should be a number")
        #expect(
            error(Self.valid.replacingOccurrences(of: "higher-is-better", with: "up"))?.description
                == "mine.json, direction: is not one of the values allowed")
        #expect(
            error(Self.valid.replacingOccurrences(of: #"{"value": 1, "label": "Bad"}, "#, with: ""))?.description
                == "mine.json, items[0].options: an item needs at least two answers to choose from")
        #expect(
            error(Self.valid.replacingOccurrences(of: #""text": "How are you?", "#, with: ""))?.description
                == "mine.json, items[0].text: each item needs its wording (or set wording_requires_licence for a licensed template)"
        )
        #expect(
            error(Self.valid.replacingOccurrences(of: #""minimum_answered": 1"#, with: #""minimum_answered": 2"#))?
                .description
                == "mine.json, scoring.minimum_answered: must be from 1 to the number of items (1)")
        #expect(
            error(
                Self.valid.replacingOccurrences(of: #""rule": "sum""#, with: #""rule": "lookup", "table": {"1": 5}"#))?
                .description
                == "mine.json, scoring.table: has no score for the raw total 2 (it must cover 1 to 2)")
        #expect(error(Self.valid.replacingOccurrences(of: #""id": "mine""#, with: #""id": "Mine!""#))?.field == "id")
        #expect(
            error(Self.valid.replacingOccurrences(of: #""value": 1,"#, with: #""value": 1e19,"#))?.description
                == "mine.json, items[0].options[0].value: use a number from -1,000,000 to 1,000,000 with at most two decimals",
            "too big to write into a form and read back")
        #expect(
            error(Self.valid.replacingOccurrences(of: #""value": 1,"#, with: #""value": 0.125,"#))?.field
                == "items[0].options[0].value")
        #expect(
            error(Self.valid.replacingOccurrences(of: #""value": 1,"#, with: #""value": 0.5,"#)) == nil,
            "two decimals are fine")
        #expect(
            error(
                Self.valid.replacingOccurrences(of: #""value": 1,"#, with: #""value": 0.5,"#)
                    .replacingOccurrences(
                        of: #""rule": "sum""#, with: #""rule": "lookup", "table": {"0": 1, "1": 2, "2": 3}"#))?
                .description
                == "mine.json, items[0].options[0].value: a lookup adds whole numbers: use whole-number values")
        #expect(
            error(Self.valid.replacingOccurrences(of: "}}", with: #"}, "snomed_code": "12ab"}"#))?.field
                == "snomed_code")
        #expect(
            error(
                Self.valid.replacingOccurrences(
                    of: "}}", with: #"}, "bands": [{"item": "q9", "from": 1, "to": 2, "label": "x"}]}"#))?.description
                == "mine.json, bands[0].item: no item is called \"q9\"")
    }
}

@Suite("Outcome instruments: when a measure is due")
struct OutcomeScheduleTests {
    @Test(
        "Baseline at the first conversation, then every so many weeks after the latest; nothing before anyone has spoken"
    )
    func schedule() throws {
        let first = try #require(CalendarDate(iso: "2026-03-02"))
        #expect(OutcomeSchedule.due(firstContact: nil, latestMeasure: nil, followUpWeeks: 12) == nil)
        #expect(OutcomeSchedule.due(firstContact: first, latestMeasure: nil, followUpWeeks: 12) == .baseline(first))
        #expect(
            OutcomeSchedule.due(firstContact: first, latestMeasure: first, followUpWeeks: 12)?.date.iso == "2026-05-25")
        #expect(
            OutcomeSchedule.due(firstContact: first, latestMeasure: first, followUpWeeks: 6)
                == .followUp(CalendarDate(iso: "2026-04-13")!))
    }
}

@Suite("Link workers' check-in: the Copenhagen Burnout Inventory")
struct BurnoutScoringTests {
    static func scale(_ name: String) throws -> InstrumentDefinition {
        let url = Shipped.folder.appendingPathComponent("Workforce/\(name).json")
        return try InstrumentDefinition.parse(try Data(contentsOf: url), file: "\(name).json")
    }

    @Test("Each scale is the mean of its answers (100, 75, 50, 25, 0); the family-and-friends item is reverse-scored")
    func scoring() throws {
        let personal = try Self.scale("cbi-personal")
        #expect(personal.items.count == 6)
        let answers = ["p1": 75.0, "p2": 50, "p3": 75, "p4": 25, "p5": 75, "p6": 0]
        #expect(personal.score(answers) == .total(value: 50, band: "moderate"))
        let work = try Self.scale("cbi-work")
        #expect(work.items.count == 7)
        // Enough energy for family and friends "always" (100) counts as 0.
        let all = ["w1": 100.0, "w2": 100, "w3": 100, "w4": 100, "w5": 100, "w6": 100, "w7": 100]
        #expect(work.score(all) == .total(value: 600.0 / 7, band: "high"))
        #expect(
            work.score(["w7": 0, "w1": 0, "w2": 0, "w3": 0]) == .total(value: 25, band: "low"),
            "never enough energy: 100")
        #expect(
            work.score(["w1": 50, "w2": 50, "w3": 50])
                == .notScored(reason: "Not scored: 3 of 7 answered, and at least 4 are needed"))
        let client = try Self.scale("cbi-client")
        #expect(client.items.count == 6)
        #expect(
            client.score(["c1": 50, "c2": 50, "c3": 50]) == .total(value: 50, band: "moderate"),
            "50 is moderate, not low")
        #expect(client.score(["c1": 75, "c2": 75, "c3": 75]) == .total(value: 75, band: "high"))
    }
}
