import Foundation
import LinkwellDomain
import LinkwellStore

/// Keeping directory entries right: administrators edit any entry and say
/// which organisation keeps each one up to date; a provider's users edit, add
/// and confirm only their own organisation's. Every save is checked as an
/// ORUK record, keeps a line of change history and is audited.
extension DirectoryService {
    /// An entry as its editor sees it.
    public struct Editable: Sendable {
        public let entry: DirectoryEntry
        public let form: DirectoryEntryForm
        public let history: [DirectoryChange]
        /// Who keeps it up to date, by name, when an organisation does.
        public let maintainerName: String?
        public let reviewDue: Bool
    }

    public func editable(id: String, _ acting: ActingUser) async throws -> Editable {
        let entry = try await entryToEdit(id, acting)
        let maintainer: String? =
            if let organisation = entry.maintainedBy {
                try await store.organisations.organisation(organisation)?.name
            } else { nil }
        return Editable(
            entry: entry, form: DirectoryEntryForm(entry.service), history: try await store.directory.history(of: id),
            maintainerName: maintainer, reviewDue: isReviewDue(entry))
    }

    /// Saves the form over the entry, if it was at `version` when the editor
    /// opened it. `maintainer` (administrators only) hands the entry to an
    /// organisation to keep up to date; nil leaves it as it is.
    @discardableResult
    public func update(
        id: String, version: Int, _ form: DirectoryEntryForm, maintainer: MaintainerChoice = .unchanged,
        _ acting: ActingUser
    ) async throws -> DirectoryEntry {
        let entry = try await entryToEdit(id, acting)
        let service = try validated { () throws(ValidationFailure) in try form.applied(to: entry.service) }
        var fields = DirectoryEntryForm.changes(from: DirectoryEntryForm(entry.service), to: form)
        var maintainedBy = entry.maintainedBy
        if case .organisation(let chosen) = maintainer, chosen != entry.maintainedBy {
            guard acting.role == .administrator else { throw ServiceError.forbidden }
            let before = try await maintainerName(entry.maintainedBy)
            if let chosen, try await store.organisations.organisation(chosen) == nil {
                throw ServiceError.invalid(field: "maintainer", "Choose an organisation from the list")
            }
            fields.append(
                DirectoryFieldChange(
                    field: "Kept up to date by", before: before, after: try await maintainerName(chosen)))
            maintainedBy = chosen
        }
        guard !fields.isEmpty else { return entry }
        let now = clock.now()
        let record = DirectoryRecord(
            service: stamped(service, at: now), source: entry.source, maintainedBy: maintainedBy)
        let change = DirectoryChange(
            serviceID: id, at: now, actorID: acting.id, actorLabel: acting.user.name, kind: .edited, fields: fields)
        return try await ServiceError.mappingStoreErrors {
            try await store.directory.edit(
                record, expectedVersion: version, change: change,
                audit: audit(
                    .directoryEntryChanged, acting, id: id,
                    detail: "Changed: " + fields.map(\.field).joined(separator: ", ")))
        }
    }

    /// Adds an entry kept up to date by the acting provider's organisation,
    /// which is named as the service's organisation too.
    public func create(_ form: DirectoryEntryForm, _ acting: ActingUser) async throws -> DirectoryEntry {
        guard acting.user.isActive, acting.role == .provider || acting.role == .administrator else {
            throw ServiceError.forbidden
        }
        guard let organisation = try await store.organisations.organisation(acting.organisationID) else {
            throw ServiceError.forbidden
        }
        let id = IdentifierGenerator.current.next().uuidString.lowercased()
        var blank = HSDS.Service(id: id, name: "New service")
        blank.description = "New service"
        let provider = HSDS.Organization(
            id: DirectoryEntryForm.derivedID(organisation.id.description, "organisation"), name: organisation.name,
            description: organisation.name)
        blank.organization = provider
        blank.organizationId = provider.id
        let service = try validated { () throws(ValidationFailure) in try form.applied(to: blank) }
        let now = clock.now()
        let fields = DirectoryEntryForm.changes(from: DirectoryEntryForm(), to: form)
        let change = DirectoryChange(
            serviceID: id, at: now, actorID: acting.id, actorLabel: acting.user.name, kind: .created, fields: fields)
        return try await ServiceError.mappingStoreErrors {
            try await store.directory.edit(
                DirectoryRecord(service: stamped(service, at: now), source: "Linkwell", maintainedBy: organisation.id),
                expectedVersion: 0, change: change,
                audit: audit(.directoryEntryChanged, acting, id: id, detail: "Added"))
        }
    }

    /// Records that the entry was checked and is still right as it stands.
    @discardableResult
    public func confirmReviewed(id: String, version: Int, _ acting: ActingUser) async throws -> DirectoryEntry {
        let entry = try await entryToEdit(id, acting)
        let change = DirectoryChange(
            serviceID: id, at: clock.now(), actorID: acting.id, actorLabel: acting.user.name, kind: .reviewed,
            fields: [])
        return try await ServiceError.mappingStoreErrors {
            try await store.directory.markReviewed(
                id: id, expectedVersion: version, change: change,
                audit: audit(.directoryEntryReviewed, acting, id: id, detail: "Confirmed as it stands"))
        }
    }

    /// The entries the acting user's organisation keeps up to date.
    public func maintained(_ acting: ActingUser, page: PageRequest) async throws -> Page<DirectoryEntry> {
        guard acting.user.isActive, acting.role == .provider || acting.role == .administrator else {
            throw ServiceError.forbidden
        }
        return try await store.directory.entries(maintainedBy: acting.organisationID, page: page)
    }

    public enum MaintainerChoice: Sendable, Equatable {
        case unchanged
        /// nil: no organisation (the entry is kept by whoever imports it).
        case organisation(OrganisationID?)
    }

    // MARK: Helpers

    /// The entry, when `acting` may change it. An entry they may not change is
    /// forbidden rather than hidden: the directory is public.
    private func entryToEdit(_ id: String, _ acting: ActingUser) async throws -> DirectoryEntry {
        guard let entry = try await store.directory.entry(id: id) else { throw ServiceError.notFound }
        guard AccessPolicy.canEdit(entry, acting) else { throw ServiceError.forbidden }
        return entry
    }

    private func maintainerName(_ id: OrganisationID?) async throws -> String {
        guard let id else { return "nobody" }
        return try await store.organisations.organisation(id)?.name ?? "an organisation no longer here"
    }

    /// The record with `last_modified` set to this edit, as ORUK readers expect.
    private func stamped(_ service: HSDS.Service, at time: Date) -> HSDS.Service {
        var service = service
        service.lastModified = DirectoryTime.text(time)
        return service
    }

    private func audit(_ action: AuditAction, _ acting: ActingUser, id: String, detail: String) -> AuditEntry {
        AuditEntry(
            occurredAt: clock.now(), organisationID: acting.organisationID, actorID: acting.id,
            actorLabel: acting.user.auditLabel, action: action, target: .directoryService(id),
            clientAddress: acting.clientAddress,
            detail: detail)
    }
}
