import Foundation
import HTTPTypes
import HummingbirdTesting
import LinkwellDomain
import LinkwellServices
import LinkwellStore
import LinkwellTestSupport
import LinkwellWeb
import NIOCore
import Testing

@Suite("Training, on the web")
struct TrainingWebTests {
    static let pdf: [UInt8] = Array("%PDF-1.4\n".utf8) + [0, 1, 2, 255, 13, 10, 45, 45] + Array("\n%%EOF".utf8)

    @Test(
        "A worker records a course with a certificate and keeps needs; the manager sees coverage and needs added up, never who"
    )
    func journey() async throws {
        try await TestApp.run { app, client in
            let world = try await CaseworkWorld.make(app)
            let sam = try await app.user(
                .linkWorker, name: "Sam Okafor", email: "sam@example.org", organisation: world.service)
            _ = sam
            let manager = TestBrowser(client)
            try await manager.signIn("rachel@example.org")
            _ = try await manager.get("/team/training")
            let wrong = try await manager.post(
                "/team/training/requirements", form: [("title", ""), ("renewMonths", "200")])
            #expect(wrong.status == .unprocessableContent)
            #expect(wrong.text.contains("Enter the training"))
            #expect(wrong.text.contains("Enter a number of months from 1 to 120"))
            #expect(
                try await manager.post(
                    "/team/training/requirements",
                    form: [("title", "Safeguarding adults level 2"), ("renewMonths", "36")]
                ).status == .seeOther)
            let requirement = try #require(try await app.store.training.requirements(in: world.service.id).first)

            let priya = TestBrowser(client)
            try await priya.signIn("priya@example.org")
            let page = try await priya.get("/training")
            #expect(page.text.contains("Counts towards a required training"))
            let today = StoreFixtures(store: app.store, clock: app.clock).today
            let fields: [(String, String)] = [
                ("course", "Safeguarding adults"), ("provider", "Riverside Council"), ("day", "\(today.day)"),
                ("month", "\(today.month)"),
                ("year", "\(today.year)"), ("hours", "7.5"), ("requirementID", requirement.id.description),
            ]
            let notAPDF = try await priya.postMultipart(
                "/training/records", form: fields,
                files: [("certificate", "cert.pdf", Array("<html><script>alert(1)</script>".utf8))])
            #expect(notAPDF.status == .unprocessableContent)
            #expect(notAPDF.text.contains("The certificate must be a PDF, PNG or JPEG file"))
            #expect(notAPDF.text.contains("Riverside Council"), "what was typed comes back")
            #expect(
                try await app.store.training.records(of: world.linkWorker.id, in: world.service.id).isEmpty,
                "nothing saved")
            let saved = try await priya.postMultipart(
                "/training/records", form: fields, files: [("certificate", "my cert.pdf", Self.pdf)])
            #expect(saved.status == .seeOther)
            let mine = try await priya.get("/training")
            #expect(mine.text.contains("Counts towards: Safeguarding adults level 2"))
            #expect(mine.text.contains(today.adding(months: 36).longText), "valid for the renewal period")
            let record = try #require(
                try await app.store.training.records(of: world.linkWorker.id, in: world.service.id).first)
            let download = try await priya.get("/training/records/\(record.id)/certificate")
            #expect(download.status == .ok)
            #expect(Array(download.body.readableBytesView) == Self.pdf, "byte for byte")
            #expect(download.headers[.contentType] == "application/pdf")
            #expect(
                download.headers[.contentDisposition]
                    == "attachment; filename=\"certificate-mycert.pdf\"; filename*=UTF-8''certificate-my%20cert.pdf")

            // A record with no file: an empty file input still sends a part.
            let noFile = try await priya.postMultipart(
                "/training/records",
                form: [
                    ("course", "Motivational interviewing"), ("day", "\(today.day)"), ("month", "\(today.month)"),
                    ("year", "\(today.year)"), ("hours", "3"),
                ],
                files: [("certificate", "", [])])
            #expect(noFile.status == .seeOther)

            _ = try await priya.get("/training")
            #expect(
                try await priya.post(
                    "/training/needs",
                    form: [("skill", "Debt advice"), ("priority", "high"), ("why", "Many people in arrears")]
                ).status == .seeOther)
            let missingPriority = try await priya.post("/training/needs", form: [("skill", "Grief"), ("priority", "")])
            #expect(missingPriority.text.contains("Choose how much it matters"))
            // 600 thumbs with a skin tone: 600 characters, 1,200 code points, as the database counts.
            let tooLong = try await priya.post(
                "/training/needs",
                form: [("skill", "Grief"), ("priority", "low"), ("why", String(repeating: "👍🏽", count: 600))])
            #expect(tooLong.status == .unprocessableContent)
            #expect(tooLong.text.contains("Keep it to 1,000 characters or fewer"))

            let samBrowser = TestBrowser(client)
            try await samBrowser.signIn("sam@example.org")
            _ = try await samBrowser.get("/training")
            #expect(
                try await samBrowser.post("/training/needs", form: [("skill", "debt advice"), ("priority", "medium")])
                    .status == .seeOther)
            let samsPage = try await samBrowser.get("/training")
            #expect(samsPage.text.contains("debt advice"))
            #expect(!samsPage.text.contains("TextAreaView"), "a need without a why shows a dash, not the form field")
            #expect(
                try await samBrowser.get("/training/records/\(record.id)/certificate").status == .notFound,
                "a colleague's certificate")
            let priyasNeed = try #require(
                try await app.store.training.needs(of: world.linkWorker.id, in: world.service.id).first)
            #expect(try await samBrowser.post("/training/needs/\(priyasNeed.id)/remove", form: []).status == .notFound)

            let team = try await manager.get("/team/training")
            #expect(team.text.contains("Safeguarding adults level 2"))
            #expect(team.text.contains("Until \(today.adding(months: 36).shortText)"), "Priya's coverage")
            #expect(team.text.contains("Not done"), "Sam's")
            #expect(
                team.text.contains("<td>Other skills</td><td>2</td><td>1</td>"),
                "two people are too few to name the skill")
            #expect(!team.text.contains("Debt advice"))
            #expect(!team.text.contains("Many people in arrears"), "the why is the worker's")
            #expect(
                try await manager.get("/training/records/\(record.id)/certificate").status == .ok,
                "a manager may check the certificate of a required training")
            let actions = try await app.auditActions()
            #expect(
                actions.contains(.trainingCertificateViewed) && actions.contains(.teamTrainingViewed)
                    && actions.contains(.trainingRecorded))

            for (email, path) in [
                ("priya@example.org", "/team/training"), ("helen@example.org", "/training"),
                ("mo@example.org", "/training"),
                ("chris@example.org", "/training"), ("chris@example.org", "/team/training"),
            ] {
                let browser = TestBrowser(client)
                try await browser.signIn(email)
                #expect(try await browser.get(path).status == .forbidden, "\(email) \(path)")
            }
            let outsider = TestBrowser(client)
            try await outsider.signIn("jo@example.org")
            #expect(
                try await outsider.get("/training/records/\(record.id)/certificate").status == .notFound,
                "another organisation")
        }
    }

    @Test("Only the upload form may send more than the ordinary 1 MB, signed in or not")
    func uploadLimits() async throws {
        try await TestApp.run { app, client in
            _ = try await CaseworkWorld.make(app)
            let browser = TestBrowser(client)
            _ = try await browser.get("/sign-in")
            let big = try await browser.postMultipart(
                "/sign-in", form: [("email", "x@example.org"), ("password", "x")],
                files: [("junk", "junk.bin", [UInt8](repeating: 65, count: 2 * 1024 * 1024))])
            #expect(big.status == .contentTooLarge)
            let priya = TestBrowser(client)
            try await priya.signIn("priya@example.org")
            _ = try await priya.get("/training")
            let nearLimit = try await priya.postMultipart(
                "/training/records", form: [("course", "Big")],
                files: [
                    ("certificate", "big.pdf", Array("%PDF-".utf8) + [UInt8](repeating: 0, count: 4 * 1024 * 1024 + 10))
                ])
            #expect(
                nearLimit.status == .unprocessableContent,
                "over 4 MB but within the upload limit: the message beside the field")
            #expect(nearLimit.text.contains("The certificate must be 4 MB or smaller"))
        }
    }

    @Test("A malformed multipart body is a clear 400, never a 500")
    func malformed() async throws {
        try await TestApp.run { app, client in
            _ = try await CaseworkWorld.make(app)
            let priya = TestBrowser(client)
            try await priya.signIn("priya@example.org")
            _ = try await priya.get("/training")
            let noBoundary = try await priya.send(
                "/training/records", method: .post, headers: [.contentType: "multipart/form-data"],
                body: .init(string: "x"))
            #expect(noBoundary.status == .badRequest)
            let broken = try await priya.send(
                "/training/records", method: .post, headers: [.contentType: "multipart/form-data; boundary=abc"],
                body: .init(string: "--abc\r\nContent-Disposition: form-data; name=\"course\"\r\n\r\nunfinished"))
            #expect(broken.status.code < 500)
        }
    }
}
