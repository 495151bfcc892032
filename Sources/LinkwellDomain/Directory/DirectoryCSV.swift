import Foundation

/// The directory as a spreadsheet: one row a service, the columns a small
/// community group can fill in without knowing Open Referral (documented in
/// docs/directory-csv.md, with a template in docs/directory-template.csv).
///
/// Reading a row builds a whole ORUK record (the same checks as the edit form
/// apply); writing one flattens a record to the same columns, so a CSV
/// exported and imported again changes nothing. Records with more than one
/// place, or terms in a hierarchy, keep only their first place and their term
/// names in the CSV: it is a view for people, and JSON is the lossless export.
public enum DirectoryCSV {
    public static let columns = [
        "id", "name", "organisation", "description", "status", "categories", "sessions", "cost", "minimum_age",
        "maximum_age", "languages", "phone", "email", "website", "place_name", "address", "town", "postcode",
        "latitude", "longitude",
    ]

    /// The taxonomy that categories named in a CSV, and found nowhere else in the directory, are put in.
    public static let localTaxonomyID = StableUUID.make(from: "linkwell csv categories")
    public static let localTaxonomyName = "Local categories"

    // MARK: Writing

    public static func row(for service: HSDS.Service) -> [String] {
        let form = DirectoryEntryForm(service)
        let place = service.serviceAtLocations?.first?.location
        let address = place?.addresses?.first
        return [
            service.id, service.name, service.organization?.name ?? "", form.description, form.status,
            DirectoryIndex(service).terms.map(\.name).joined(separator: "; "),
            form.sessions.split(whereSeparator: \.isNewline).joined(separator: "; "),
            form.isFree ? "free" : form.fees, form.minimumAge, form.maximumAge, form.languages, form.phone, form.email,
            form.url,
            place?.name ?? "", address?.address1 ?? "", address?.city ?? "", address?.postalCode ?? "",
            place?.latitude.map { String($0) } ?? "", place?.longitude.map { String($0) } ?? "",
        ]
    }

    // MARK: Reading

    /// A row (by column name) as a record. `term` finds a category already in
    /// the directory by name; one it does not know is made in the local taxonomy.
    /// Problems are named by column.
    public static func service(
        from row: [String: String], term: (String) -> HSDS.TaxonomyTerm?
    ) throws(ValidationFailure) -> HSDS.Service {
        func value(_ column: String) -> String {
            CSVText.unneutralised(Text.cleaned(row[column] ?? "").trimmingWhitespace())
        }
        let name = value("name")
        let organisation = value("organisation")
        var problems = ValidationCollector()
        if organisation.isEmpty { problems.add("organisation", "is empty: say which organisation runs the service") }
        let given = value("id")
        if !given.isEmpty, !DirectoryValidation.isUUID(given) {
            problems.add("id", "must be a UUID, or left empty (was \"\(given.prefix(40))\")")
        }
        let id =
            given.isEmpty
            ? StableUUID.make(from: "csv service|\(organisation.lowercased())|\(name.lowercased())")
            : given.lowercased()

        var service = HSDS.Service(id: id, name: name.isEmpty ? "-" : name)
        service.description = "-"
        if !organisation.isEmpty {
            var provider = HSDS.Organization(
                id: StableUUID.make(from: "csv organisation|\(organisation.lowercased())"), name: organisation,
                description: organisation)
            provider.email = nil
            service.organization = provider
            service.organizationId = provider.id
        }

        var form = DirectoryEntryForm()
        form.name = name
        form.description = value("description")
        form.status = value("status").isEmpty ? "active" : value("status").lowercased()
        form.sessions = value("sessions").split(separator: ";").joined(separator: "\n")
        let cost = value("cost")
        form.isFree = cost.isEmpty || cost.lowercased() == "free"
        form.fees = form.isFree ? "" : cost
        form.minimumAge = value("minimum_age")
        form.maximumAge = value("maximum_age")
        form.languages = value("languages")
        form.phone = value("phone")
        form.email = value("email")
        form.url = value("website")
        do {
            service = try form.applied(to: service)
        } catch {
            for problem in error.errors { problems.add(Self.column(forField: problem.field), problem.message) }
        }

        let postcode = value("postcode")
        let latitude = value("latitude")
        let longitude = value("longitude")
        if ![value("address"), postcode, latitude, longitude].allSatisfy(\.isEmpty) {
            var location = HSDS.Location(id: StableUUID.make(from: "csv location|\(id)"))
            location.name = value("place_name").isEmpty ? nil : value("place_name")
            if !latitude.isEmpty || !longitude.isEmpty {
                if let lat = Double(latitude), let lon = Double(longitude), (-90...90).contains(lat),
                    (-180...180).contains(lon)
                {
                    location.latitude = lat
                    location.longitude = lon
                } else {
                    problems.add("latitude", "and longitude must both be decimal degrees, like 53.80 and -1.55")
                }
            }
            if !value("address").isEmpty || !postcode.isEmpty {
                var address = HSDS.Address(
                    id: StableUUID.make(from: "csv address|\(id)"), address1: value("address"), city: value("town"),
                    stateProvince: "", postalCode: postcode.uppercased())
                address.locationId = location.id
                location.addresses = [address]
            }
            var place = HSDS.ServiceAtLocation(id: StableUUID.make(from: "csv place|\(id)"), location: location)
            place.serviceId = id
            service.serviceAtLocations = [place]
        }

        let categories = value("categories").split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }
            .filter { !$0.isEmpty }
        if !categories.isEmpty {
            service.attributes = categories.map { name in
                let found =
                    term(name)
                    ?? {
                        var local = HSDS.TaxonomyTerm(
                            id: StableUUID.make(from: "csv term|\(name.lowercased())"), name: name, description: name,
                            taxonomyID: localTaxonomyID)
                        local.taxonomy = localTaxonomyName
                        return local
                    }()
                var attribute = HSDS.Attribute(
                    id: StableUUID.make(from: "csv attribute|\(id)|\(found.id)"), term: found)
                attribute.linkId = id
                attribute.linkEntity = "service"
                return attribute
            }
        }
        if !problems.errors.isEmpty { throw ValidationFailure(problems.errors) }
        return service
    }

    static func column(forField field: String) -> String {
        switch field {
        case "minimumAge": "minimum_age"
        case "maximumAge": "maximum_age"
        case "fees": "cost"
        case "url": "website"
        default: field
        }
    }
}

/// Comma-separated values as RFC 4180 has them: quoted fields may hold commas,
/// line breaks and doubled quotes; lines end CRLF or LF.
public enum CSVText {
    public static func rows(in text: String) -> [[String]] {
        var rows: [[String]] = []
        var row: [String] = []
        var field = ""
        var quoted = false
        var characters = Substring(text.hasPrefix("\u{FEFF}") ? String(text.dropFirst()) : text).makeIterator()
        var pending: Character? = characters.next()
        while let character = pending {
            pending = characters.next()
            if quoted {
                if character == "\"" {
                    if pending == "\"" {
                        field.append("\"")
                        pending = characters.next()
                    } else {
                        quoted = false
                    }
                } else {
                    field.append(character)
                }
            } else if character == "\"" {
                quoted = true
            } else if character == "," {
                row.append(field)
                field = ""
            } else if character == "\n" || character == "\r\n" || character == "\r" {
                row.append(field)
                rows.append(row)
                row = []
                field = ""
            } else {
                field.append(character)
            }
        }
        if !field.isEmpty || !row.isEmpty {
            row.append(field)
            rows.append(row)
        }
        return rows.filter { !($0.count == 1 && $0[0].isEmpty) }
    }

    /// One line of fields. Every CSV Linkwell writes goes through here, so
    /// every one is safe to open in a spreadsheet (`neutralised`).
    public static func line(_ fields: [String]) -> String {
        fields.map { raw in
            let field = neutralised(raw)
            return field.contains(where: { $0 == "," || $0 == "\"" || $0.isNewline })
                ? "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : field
        }.joined(separator: ",") + "\r\n"
    }

    /// OWASP's rule against formula injection: a cell that begins with
    /// `=`, `+`, `-`, `@`, a tab or a carriage return is one a spreadsheet
    /// may run (`=HYPERLINK(…)` typed as a service's name), so it is written
    /// after a `'`, which makes it text. A plain number ("-1.5") is left be.
    public static func neutralised(_ field: String) -> String {
        guard let first = field.unicodeScalars.first, formulaStarts.contains(first), !isPlainNumber(field) else {
            return field
        }
        return "'" + field
    }

    /// What `neutralised` added, taken off again when a CSV is read back.
    public static func unneutralised(_ field: String) -> String {
        let scalars = field.unicodeScalars
        guard scalars.first == "'", let second = scalars.dropFirst().first, formulaStarts.contains(second) else {
            return field
        }
        return String(field.dropFirst())
    }

    static let formulaStarts: Set<Unicode.Scalar> = ["=", "+", "-", "@", "\t", "\r"]

    static func isPlainNumber(_ field: String) -> Bool {
        var digits = Substring(field)
        if digits.first == "-" || digits.first == "+" { digits = digits.dropFirst() }
        let parts = digits.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
        return !parts[0].isEmpty && parts.allSatisfy { !$0.isEmpty && $0.allSatisfy(\.isASCIIDigit) }
    }
}
