import LinkwellDomain
import LinkwellServices

/// The person's details as form fields, shared by the referral form, the
/// self-referral form and "change details".
struct PersonFieldsView: Sendable {
    let name: TextFieldView
    let preferredName: TextFieldView
    let dateOfBirth: DateFieldView
    let nhsNumber: TextFieldView
    let address: TextAreaView
    let postcode: TextFieldView
    let phone: TextFieldView
    let email: TextFieldView
    let preferredContact: RadioGroupView
    let contactTimes: TextFieldView
    let language: TextFieldView
    let interpreter: CheckboxGroupView
    /// Optional, as the person states them (NHS Data Dictionary codes).
    let statedGender: SelectView
    let ethnicCategory: SelectView
    /// Shown when the organisation has practices to choose from.
    let registeredPractice: SelectView?
    /// Flags are for staff only: not on the self-referral form.
    let flags: Flags?

    struct Flags: Sendable {
        let risk: TextAreaView
        let safeguarding: TextAreaView
    }

    init(
        _ form: PersonForm, errors: [FieldError], practices: [Practice] = [], selfReferral: Bool = false,
        withFlags: Bool = false
    ) {
        let their = selfReferral ? "your" : "their"
        name = TextFieldView(
            "name", label: "Full name", value: form.name, errors: errors, autocomplete: selfReferral ? "name" : "off")
        preferredName = TextFieldView(
            "preferredName", label: "What \(selfReferral ? "you like" : "they like") to be called (optional)",
            value: form.preferredName,
            errors: errors, widthClass: "input--width-20")
        dateOfBirth = DateFieldView(
            legend: "Date of birth", names: ("birthDay", "birthMonth", "birthYear"),
            values: (form.birthDay, form.birthMonth, form.birthYear), errors: errors, hint: "For example, 27 3 1956")
        nhsNumber = TextFieldView(
            "nhsNumber", label: "NHS number (optional)", value: form.nhsNumber, errors: errors,
            hint: "10 digits, like 943 476 5919. It is on letters from the NHS and in the NHS App.",
            widthClass: "input--width-10",
            spellcheck: false)
        address = TextAreaView(
            "address", label: "Address", value: form.address, errors: errors, hint: "Without the postcode", rows: 3)
        postcode = TextFieldView(
            "postcode", label: "Postcode", value: form.postcode, errors: errors,
            autocomplete: selfReferral ? "postal-code" : "off",
            widthClass: "input--width-10", spellcheck: false)
        phone = TextFieldView(
            "phone", label: "Phone number", value: form.phone, errors: errors, type: "tel",
            autocomplete: selfReferral ? "tel" : "off", widthClass: "input--width-20")
        email = TextFieldView(
            "email", label: "Email address (optional)", value: form.email, errors: errors, type: "email",
            autocomplete: selfReferral ? "email" : "off", spellcheck: false)
        preferredContact = RadioGroupView(
            "preferredContact", legend: "How \(selfReferral ? "do you" : "do they") prefer to be contacted?",
            selected: form.preferredContact,
            options: ContactMethod.allCases.map { ($0.rawValue, $0.label, nil) }, errors: errors)
        contactTimes = TextFieldView(
            "contactTimes", label: "Best times to contact \(selfReferral ? "you" : "them") (optional)",
            value: form.contactTimes, errors: errors,
            hint: "For example, weekday mornings")
        language = TextFieldView(
            "language", label: "Preferred language", value: form.language.isEmpty ? "English" : form.language,
            errors: errors,
            widthClass: "input--width-20")
        interpreter = CheckboxGroupView(
            "interpreterNeeded", legend: "Interpreter", selected: form.interpreterNeeded ? ["yes"] : [],
            options: [("yes", selfReferral ? "I would like an interpreter" : "Needs an interpreter")], errors: errors)
        statedGender = SelectView(
            "statedGender", label: "Gender (optional)", selected: form.statedGender,
            options: [("", "Not recorded")] + StatedGender.allCases.map { ($0.rawValue, $0.label) }, errors: errors,
            hint: selfReferral ? "As you describe it" : "As they describe it: ask, never assume")
        ethnicCategory = SelectView(
            "ethnicCategory", label: "Ethnic group (optional)", selected: form.ethnicCategory,
            options: [("", "Not recorded")] + EthnicCategory.allCases.map { ($0.rawValue, $0.label) }, errors: errors,
            hint: "Asked so that the service can see who it reaches and who it misses")
        registeredPractice =
            practices.isEmpty
            ? nil
            : SelectView(
                "registeredPractice",
                label: selfReferral
                    ? "The GP practice you are registered with (optional)"
                    : "The practice they are registered with (optional)", selected: form.registeredPractice,
                options: [("", "Not recorded, or another practice")]
                    + practices.map { ($0.odsCode.value, $0.name) },
                errors: errors)
        flags =
            withFlags
            ? Flags(
                risk: TextAreaView(
                    "riskFlag", label: "Risk (optional)", value: form.riskFlag, errors: errors,
                    hint:
                        "Anything staff must know first, such as lone-working risks. Shown at the top of \(their) record.",
                    rows: 2),
                safeguarding: TextAreaView(
                    "safeguardingFlag", label: "Safeguarding (optional)", value: form.safeguardingFlag, errors: errors,
                    hint: "Safeguarding concerns and who is involved. Shown at the top of \(their) record.", rows: 2))
            : nil
    }
}

/// Everything on the referral form beyond the person.
struct ReferralFieldsView: Sendable {
    let person: PersonFieldsView
    let reasons: CheckboxGroupView
    let details: TextAreaView
    let urgency: RadioGroupView
    let referrer: Referrer?
    let consentGivenBy: RadioGroupView
    let consentRepresentative: TextFieldView
    let consentDate: DateFieldView?

    struct Referrer: Sendable {
        let practice: SelectView?
        let organisation: TextFieldView
        let name: TextFieldView
        let role: TextFieldView
    }

    init(_ form: ReferralForm, needs: [Need], practices: [Practice], errors: [FieldError], selfReferral: Bool = false) {
        person = PersonFieldsView(form.person, errors: errors, practices: practices, selfReferral: selfReferral)
        reasons = CheckboxGroupView(
            "reasons", legend: selfReferral ? "What would you like help with?" : "Reasons for the referral",
            selected: form.reasons,
            options: needs.filter(\.isActive).map { ($0.code, $0.label) }, errors: errors,
            hint: "Select all that apply",
            columns: true)
        details = TextAreaView(
            "details",
            label: selfReferral
                ? "Tell us a little about what is going on (optional)" : "What would help, in your words (optional)",
            value: form.details, errors: errors, rows: 5)
        urgency = RadioGroupView(
            "urgency", legend: "How soon should a link worker make contact?", selected: form.urgency,
            options: Urgency.allCases.map { ($0.rawValue, $0.label, nil) }, errors: errors)
        referrer =
            selfReferral
            ? nil
            : Referrer(
                practice: practices.isEmpty
                    ? nil
                    : SelectView(
                        "referrerPracticeID", label: "GP practice (optional)", selected: form.referrerPracticeID,
                        options: [("", "Not from one of these practices")]
                            + practices.map { ($0.id.description, $0.name) },
                        errors: errors),
                organisation: TextFieldView(
                    "referrerOrganisation", label: "Referring organisation", value: form.referrerOrganisation,
                    errors: errors,
                    hint: "The practice, council team or agency the referral is from"),
                name: TextFieldView("referrerName", label: "Referrer's name", value: form.referrerName, errors: errors),
                role: TextFieldView(
                    "referrerRole", label: "Referrer's role", value: form.referrerRole, errors: errors,
                    hint: "For example, GP, practice nurse, housing officer", widthClass: "input--width-20"))
        consentGivenBy = RadioGroupView(
            "consentGivenBy",
            legend: selfReferral ? "Are you filling this in for yourself?" : "Who agreed to this referral?",
            selected: form.consentGivenBy,
            options: selfReferral
                ? [
                    ("person", "Yes, for myself", nil),
                    ("representative", "No, for someone else, with their agreement", nil),
                ]
                : Consent.GivenBy.allCases.map { ($0.rawValue, $0.label, nil) },
            errors: errors,
            hint: selfReferral ? nil : "A referral needs the person's agreement, or someone's who can give it for them."
        )
        consentRepresentative = TextFieldView(
            "consentRepresentative",
            label: selfReferral
                ? "Your name and how you know them (if for someone else)"
                : "If someone else: their name and relationship",
            value: form.consentRepresentative, errors: errors)
        consentDate =
            selfReferral
            ? nil
            : DateFieldView(
                legend: "When was agreement given? (optional)", names: ("consentDay", "consentMonth", "consentYear"),
                values: (form.consentDay, form.consentMonth, form.consentYear), errors: errors,
                hint: "Leave empty for today")
    }
}

/// The contact fields.
struct ContactFieldsView: Sendable {
    let date: DateFieldView
    let duration: TextFieldView
    let mode: RadioGroupView
    let note: TextAreaView

    init(_ form: ContactForm, errors: [FieldError]) {
        date = DateFieldView(
            legend: "Date of the contact", names: ("day", "month", "year"), values: (form.day, form.month, form.year),
            errors: errors, hint: "Leave empty for today")
        duration = TextFieldView(
            "durationMinutes", label: "How long, in minutes", value: form.durationMinutes, errors: errors,
            widthClass: "input--width-4", spellcheck: false)
        mode = RadioGroupView(
            "mode", legend: "How was the contact?", selected: form.mode,
            options: ContactMode.allCases.map { ($0.rawValue, $0.label, nil) },
            errors: errors)
        note = TextAreaView(
            "note", label: "Note (optional)", value: form.note, errors: errors,
            hint: "What was talked about and agreed", rows: 5)
    }
}

/// "What matters to me" as a form: one row per need, then strengths,
/// interests and practical constraints.
struct WhatMattersFieldsView: Sendable {
    struct NeedRow: Sendable {
        let code: String
        let label: String
        let importance: RadioGroupView
        let ownWords: TextAreaView
        let isRaised: Bool
    }

    /// The needs the referral was about, and any already raised: shown first.
    let primaryNeeds: [NeedRow]
    /// The rest of the list, folded away (a <details> element, no script needed).
    let otherNeeds: [NeedRow]
    let hasOtherNeeds: Bool
    let othersOpen: Bool
    let strengths: TextAreaView
    let interests: CheckboxGroupView
    let otherInterests: TextFieldView
    let mobility: TextFieldView
    let transport: RadioGroupView
    let money: CheckboxGroupView
    let caringDuties: TextFieldView
    let days: CheckboxGroupView
    let times: CheckboxGroupView

    init(_ form: WhatMattersForm, needs: [Need], errors: [FieldError], highlight: [String] = []) {
        let rows = needs.filter { $0.isActive || !(form.importance[$0.code] ?? "").isEmpty }.map { need in
            let chosen = form.importance[need.code] ?? ""
            return NeedRow(
                code: need.code, label: need.label,
                importance: RadioGroupView(
                    "importance-\(need.code)", legend: need.label, selected: chosen,
                    options: [("", "Not raised", nil)]
                        + WhatMatters.Importance.allCases.map { (String($0.rawValue), $0.label, nil) },
                    errors: errors),
                ownWords: TextAreaView(
                    "ownWords-\(need.code)", label: "In their words (\(need.label.lowercased()))",
                    value: form.ownWords[need.code] ?? "",
                    errors: errors, rows: 2),
                isRaised: !chosen.isEmpty)
        }
        primaryNeeds = rows.filter { $0.isRaised || highlight.contains($0.code) }
        otherNeeds = rows.filter { !($0.isRaised || highlight.contains($0.code)) }
        hasOtherNeeds = !otherNeeds.isEmpty
        othersOpen =
            primaryNeeds.isEmpty
            || otherNeeds.contains { row in errors.contains { $0.field.hasSuffix("-\(row.code)") } }
        strengths = TextAreaView(
            "strengths", label: "Strengths", value: form.strengths, errors: errors,
            hint: "What they are good at, who supports them, what has helped before", rows: 3)
        interests = CheckboxGroupView(
            "interests", legend: "Interests", selected: form.interests,
            options: WhatMatters.suggestedInterests.map { ($0, $0.prefix(1).uppercased() + $0.dropFirst()) },
            errors: errors,
            columns: true)
        otherInterests = TextFieldView(
            "otherInterests", label: "Other interests (optional)", value: form.otherInterests, errors: errors,
            hint: "Separate them with commas")
        mobility = TextFieldView(
            "mobility", label: "Mobility and access (optional)", value: form.mobility, errors: errors,
            hint: "For example, needs step-free access, uses a walking frame")
        transport = RadioGroupView(
            "transport", legend: "Getting about", selected: form.transport,
            options: [("", "Not discussed", nil)] + WhatMatters.Transport.allCases.map { ($0.rawValue, $0.label, nil) },
            errors: errors)
        money = CheckboxGroupView(
            "needsFreeOrLowCost", legend: "Money", selected: form.needsFreeOrLowCost ? ["yes"] : [],
            options: [("yes", "Can only take part in free or low-cost activities")], errors: errors)
        caringDuties = TextFieldView(
            "caringDuties", label: "Caring duties (optional)", value: form.caringDuties, errors: errors)
        days = CheckboxGroupView(
            "availableDays", legend: "Days they are free", selected: form.availableDays,
            options: WhatMatters.dayNames.enumerated().map { (String($0.offset + 1), $0.element) }, errors: errors,
            columns: true)
        times = CheckboxGroupView(
            "availableTimes", legend: "Times they are free", selected: form.availableTimes,
            options: WhatMatters.PartOfDay.allCases.map { ($0.rawValue, $0.label) }, errors: errors, columns: true)
    }
}

/// The plan editor: numbered goal slots with numbered step slots.
struct PlanFieldsView: Sendable {
    struct GoalSlot: Sendable {
        let number: Int
        let text: TextAreaView
        let attainment: SelectView
        let steps: [StepSlot]
        let stepCountName: String
        let stepCount: Int
        let isNew: Bool
    }

    struct StepSlot: Sendable {
        let number: Int
        let what: TextFieldView
        let who: TextFieldView
        let byWhen: DateFieldView
        let status: SelectView
    }

    let goals: [GoalSlot]
    let goalCount: Int
    let review: DateFieldView

    init(_ form: PlanForm, errors: [FieldError]) {
        goals = form.goals.enumerated().map { index, goal in
            let g = index + 1
            return GoalSlot(
                number: g,
                text: TextAreaView(
                    PlanForm.fieldName(goal: g, "text"), label: "Goal \(g), in their own words", value: goal.text,
                    errors: errors,
                    hint: g == 1 ? "For example: I want to get out of the house twice a week" : nil, rows: 2),
                attainment: SelectView(
                    PlanForm.fieldName(goal: g, "attainment"), label: "Progress towards goal \(g)",
                    selected: goal.attainment,
                    options: [
                        ("", "Not reviewed yet"), ("1", "1: not at all"), ("2", "2: a little"), ("3", "3: partly"),
                        ("4", "4: mostly"), ("5", "5: fully"),
                    ],
                    errors: errors),
                steps: goal.steps.enumerated().map { stepIndex, step in
                    let s = stepIndex + 1
                    return StepSlot(
                        number: s,
                        what: TextFieldView(
                            PlanForm.fieldName(goal: g, step: s, "what"), label: "Step \(s): what", value: step.what,
                            errors: errors),
                        who: TextFieldView(
                            PlanForm.fieldName(goal: g, step: s, "who"), label: "Who", value: step.who, errors: errors,
                            widthClass: "input--width-20"),
                        byWhen: DateFieldView(
                            legend: "By when (optional)",
                            names: (
                                PlanForm.fieldName(goal: g, step: s, "day"),
                                PlanForm.fieldName(goal: g, step: s, "month"),
                                PlanForm.fieldName(goal: g, step: s, "year")
                            ),
                            values: (step.day, step.month, step.year), errors: errors),
                        status: SelectView(
                            PlanForm.fieldName(goal: g, step: s, "status"), label: "Status", selected: step.status,
                            options: Plan.StepStatus.allCases.map { ($0.rawValue, $0.label) }, errors: errors))
                },
                stepCountName: "stepCount-\(g)", stepCount: goal.steps.count,
                isNew: goal.text.isEmpty && goal.steps.allSatisfy { $0.what.isEmpty })
        }
        goalCount = form.goals.count
        review = DateFieldView(
            legend: "Review the plan on", names: ("reviewDay", "reviewMonth", "reviewYear"),
            values: (form.reviewDay, form.reviewMonth, form.reviewYear), errors: errors, hint: "Usually in 4 to 6 weeks"
        )
    }
}
