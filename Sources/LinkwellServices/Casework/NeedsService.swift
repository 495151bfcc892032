import LinkwellDomain
import LinkwellStore

/// The needs list: everyone reads it; administrators change it.
public struct NeedsService: Sendable {
    let context: CaseworkContext
    /// The stores this uses, and no others (picked from the whole store at start-up).
    struct Stores: Sendable {
        let needs: any NeedStore

        init(_ all: any LinkwellStore) {
            needs = all.needs
        }
    }

    let store: Stores

    public func all() async throws -> [Need] {
        try await store.needs.all()
    }

    /// Renames, reorders or switches off a need, or adds one (`code` nil).
    /// Codes never change, so past referrals keep their meaning.
    public func save(code: String?, label: String, position: String, isActive: Bool, _ acting: ActingUser) async throws
    {
        try AccessPolicy.requireAdministrator(acting)
        let needs = try await store.needs.all()
        var collector = ValidationCollector()
        let label = collector.check("label") { () throws(ValidationFailure) in
            try Text.requiredName(label, what: "the need's name", maximumLength: 100)
        }
        let order = NumberText.whole(position, in: 1...999)
        if order == nil { collector.add("position", "Position must be a whole number from 1 to 999") }
        var resolvedCode = code ?? ""
        if code == nil, let label {
            resolvedCode = Need.code(for: label)
            if resolvedCode.isEmpty { collector.add("label", "Use letters or numbers in the name") }
            if needs.contains(where: { $0.code == resolvedCode }) {
                collector.add("label", "There is already a need with this name")
            }
        } else if let code, !needs.contains(where: { $0.code == code }) {
            throw ServiceError.notFound
        }
        do { try collector.throwIfAny() } catch { throw ServiceError.invalid(error) }
        let need = Need(code: resolvedCode, label: label!, isActive: isActive, position: order!)
        try await store.needs.save(
            need,
            audit: AuditEntry(
                occurredAt: context.now, organisationID: acting.organisationID, actorID: acting.id,
                actorLabel: acting.user.auditLabel, action: .needsListChanged,
                target: AuditTarget(type: "need", id: need.code),
                clientAddress: acting.clientAddress, detail: need.isActive ? "Saved" : "Saved, switched off"))
    }
}
