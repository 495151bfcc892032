import LinkwellDomain
import LinkwellServices

/// Reading domain forms out of posted fields. Field names are the ones the
/// domain's validation reports errors under, so messages land beside the
/// right boxes.
extension PersonForm {
    init(form: FormData) {
        self.init()
        name = form["name"]
        preferredName = form["preferredName"]
        birthDay = form["birthDay"]
        birthMonth = form["birthMonth"]
        birthYear = form["birthYear"]
        nhsNumber = form["nhsNumber"]
        address = form["address"]
        postcode = form["postcode"]
        phone = form["phone"]
        email = form["email"]
        preferredContact = form["preferredContact"]
        contactTimes = form["contactTimes"]
        language = form["language"]
        interpreterNeeded = form.has("interpreterNeeded")
        riskFlag = form["riskFlag"]
        safeguardingFlag = form["safeguardingFlag"]
        statedGender = form["statedGender"]
        ethnicCategory = form["ethnicCategory"]
        registeredPractice = form["registeredPractice"]
    }
}

extension ReferralForm {
    init(form: FormData) {
        self.init()
        person = PersonForm(form: form)
        referrerPracticeID = form["referrerPracticeID"]
        referrerOrganisation = form["referrerOrganisation"]
        referrerName = form["referrerName"]
        referrerRole = form["referrerRole"]
        reasons = form.all("reasons")
        details = form["details"]
        urgency = form["urgency"]
        consentGivenBy = form["consentGivenBy"]
        consentRepresentative = form["consentRepresentative"]
        consentDay = form["consentDay"]
        consentMonth = form["consentMonth"]
        consentYear = form["consentYear"]
    }
}

extension ContactForm {
    init(form: FormData) {
        self.init()
        day = form["day"]
        month = form["month"]
        year = form["year"]
        durationMinutes = form["durationMinutes"]
        mode = form["mode"]
        note = form["note"]
    }
}

extension WhatMattersForm {
    init(form: FormData, needs: [Need]) {
        self.init()
        for need in needs {
            importance[need.code] = form["importance-\(need.code)"]
            ownWords[need.code] = form["ownWords-\(need.code)"]
        }
        strengths = form["strengths"]
        interests = form.all("interests")
        otherInterests = form["otherInterests"]
        mobility = form["mobility"]
        transport = form["transport"]
        needsFreeOrLowCost = form.has("needsFreeOrLowCost")
        caringDuties = form["caringDuties"]
        availableDays = form.all("availableDays")
        availableTimes = form.all("availableTimes")
    }
}

extension PlanForm {
    /// Slots are counted by the hidden `goalCount` and `stepCount-G` fields
    /// the form carries (capped, so a forged form cannot ask for millions).
    init(form: FormData) {
        self.init()
        let goalCount = NumberText.whole(form["goalCount"], in: 0...30) ?? 0
        goals = (1...max(goalCount, 1)).map { g in
            let stepCount = NumberText.whole(form["stepCount-\(g)"], in: 0...30) ?? 0
            return GoalSlot(
                text: form[Self.fieldName(goal: g, "text")], attainment: form[Self.fieldName(goal: g, "attainment")],
                steps: stepCount == 0
                    ? []
                    : (1...stepCount).map { s in
                        StepSlot(
                            what: form[Self.fieldName(goal: g, step: s, "what")],
                            who: form[Self.fieldName(goal: g, step: s, "who")],
                            day: form[Self.fieldName(goal: g, step: s, "day")],
                            month: form[Self.fieldName(goal: g, step: s, "month")],
                            year: form[Self.fieldName(goal: g, step: s, "year")],
                            status: form[Self.fieldName(goal: g, step: s, "status")])
                    })
        }
        reviewDay = form["reviewDay"]
        reviewMonth = form["reviewMonth"]
        reviewYear = form["reviewYear"]
    }
}
