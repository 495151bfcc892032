import Foundation
import LinkwellDomain
import LinkwellStore

/// The demo team's own side: its settings and support options, the
/// trainings it requires and who has done them, training needs, supervision
/// (one worker up to date, one overdue, one never), and a part-timer. No
/// wellbeing check-ins: with three link workers the team view would, rightly,
/// show nothing, and a demo should not pretend to a worker's answers.
enum DemoWorkforce {
    static func seed(
        into store: any LinkwellStore, organisation: OrganisationID, workers: [User], manager: User?, now: Date,
        timeZone: TimeZone = TimeZone(identifier: "Europe/London") ?? .gmt
    ) async throws {
        func audit(_ action: AuditAction, _ target: AuditTarget?) -> AuditEntry {
            AuditEntry(
                occurredAt: now, organisationID: organisation, actorID: nil, actorLabel: "demo data", action: action,
                target: target,
                clientAddress: nil, detail: "Demo data")
        }
        let today = CalendarDate(now, in: timeZone)
        try await store.workload.savePolicy(
            WorkforcePolicy(
                supportOptions: [
                    "Employee assistance programme, free and confidential, day and night: 0800 000 0000 (made up)",
                    "Link worker peer circle: first Thursday of each month, 12:30, Riverside Health Centre",
                    "Your manager\(manager.map { ", \($0.name)," } ?? ""), for a wellbeing conversation at any time",
                ]),
            in: organisation, audit: audit(.workforcePolicyChanged, .organisation(organisation)))

        let safeguarding = RequiredTraining(
            id: RequiredTrainingID(), organisationID: organisation, title: "Safeguarding adults, level 2",
            renewMonths: 36)
        let firstAid = RequiredTraining(
            id: RequiredTrainingID(), organisationID: organisation, title: "Mental health first aid", renewMonths: 36)
        let induction = RequiredTraining(
            id: RequiredTrainingID(), organisationID: organisation, title: "Social prescribing link worker induction",
            renewMonths: nil)
        for requirement in [safeguarding, firstAid, induction] {
            try await store.training.addRequirement(
                requirement, at: now, audit: audit(.trainingRequirementChanged, .organisation(organisation)))
        }
        let byName = Dictionary(workers.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        // (worker, course, provider, months ago, hours, requirement)
        let courses: [(String, String, String, Int, Double, RequiredTraining?)] = [
            ("Grace Mensah", "Safeguarding adults level 2", "Riverside Council", 8, 6, safeguarding),
            ("Grace Mensah", "Mental health first aid", "MHFA England", 14, 14, firstAid),
            ("Grace Mensah", "Link worker induction", "NHS England e-learning", 20, 10, induction),
            ("Grace Mensah", "Motivational interviewing, an introduction", "Riverside Training Partnership", 3, 7, nil),
            ("Priya Sharma", "Safeguarding adults level 2", "Riverside Council", 35, 6, safeguarding),
            ("Priya Sharma", "Link worker induction", "NHS England e-learning", 26, 10, induction),
            ("Tom Evans", "Link worker induction", "NHS England e-learning", 2, 10, induction),
        ]
        for (name, course, provider, monthsAgo, hours, requirement) in courses {
            guard let worker = byName[name] else { continue }
            try await store.training.record(
                TrainingRecord(
                    id: TrainingRecordID(), organisationID: organisation, userID: worker.id, course: course,
                    provider: provider,
                    completedOn: today.adding(months: -monthsAgo), hours: hours, expiresOn: nil,
                    requirementID: requirement?.id,
                    certificateName: nil),
                certificate: nil, at: now, audit: audit(.trainingRecorded, .user(worker.id)))
        }
        let needs: [(String, String, TrainingPriority, String)] = [
            ("Priya Sharma", "Debt and benefits advice", .high, "Most of my people are in arrears"),
            ("Tom Evans", "Debt and benefits advice", .medium, ""),
            ("Grace Mensah", "Debt and benefits advice", .high, "Universal Credit changes"),
            ("Priya Sharma", "Working with grief", .medium, ""),
            ("Tom Evans", "Working with people who self-harm", .high, "Twice this month"),
        ]
        for (name, skill, priority, why) in needs {
            guard let worker = byName[name] else { continue }
            try await store.training.addNeed(
                TrainingNeed(
                    id: TrainingNeedID(), organisationID: organisation, userID: worker.id, skill: skill,
                    priority: priority, why: why),
                at: now, audit: audit(.trainingNeedChanged, .user(worker.id)))
        }

        // Grace had clinical supervision a fortnight ago; Priya six weeks ago (overdue); Tom none yet.
        for (name, daysAgo) in [("Grace Mensah", 14), ("Priya Sharma", 42)] {
            guard let worker = byName[name] else { continue }
            try await store.supervision.record(
                SupervisionSession(
                    id: SupervisionSessionID(), organisationID: organisation, superviseeID: worker.id,
                    supervisorID: manager?.id,
                    supervisorName: manager?.name ?? "Dr Ann Lee", kind: .clinical,
                    heldOn: today.adding(days: -daysAgo), durationMinutes: 60,
                    note: "", noteSharedWithSupervisor: false),
                audit: audit(.supervisionRecorded, nil))
        }
        if let tom = byName["Tom Evans"] {
            try await store.workload.setHours(
                WorkerHours(hoursPerWeek: 22.5, peoplePerYear: Capacity.defaultPeoplePerYear), of: tom.id,
                in: organisation,
                audit: audit(.workerHoursSet, .user(tom.id)))
        }
    }
}
