/// Gender as the person states it: the NHS Data Dictionary's PERSON STATED
/// GENDER CODE. Asked, never assumed; a record without one is "not stated".
/// The Social Prescribing Information Standard's demographics need it, and
/// the equity report counts it.
public enum StatedGender: String, Sendable, CaseIterable, Codable {
    case male = "1"
    case female = "2"
    /// Unable to be classified as either male or female.
    case indeterminate = "9"
    case notKnown = "X"

    public var label: String {
        switch self {
        case .male: "Male"
        case .female: "Female"
        case .indeterminate: "Indeterminate (unable to be classified as either male or female)"
        case .notKnown: "Not known"
        }
    }
}

/// Ethnicity as the person states it: the NHS Data Dictionary's ETHNIC
/// CATEGORY (the 2001 census groups), with "not stated" for someone who was
/// asked and chose not to say.
public enum EthnicCategory: String, Sendable, CaseIterable, Codable {
    case whiteBritish = "A"
    case whiteIrish = "B"
    case whiteOther = "C"
    case mixedWhiteBlackCaribbean = "D"
    case mixedWhiteBlackAfrican = "E"
    case mixedWhiteAsian = "F"
    case mixedOther = "G"
    case asianIndian = "H"
    case asianPakistani = "J"
    case asianBangladeshi = "K"
    case asianOther = "L"
    case blackCaribbean = "M"
    case blackAfrican = "N"
    case blackOther = "P"
    case chinese = "R"
    case other = "S"
    case notStated = "Z"

    public var label: String {
        switch self {
        case .whiteBritish: "White: British"
        case .whiteIrish: "White: Irish"
        case .whiteOther: "White: any other White background"
        case .mixedWhiteBlackCaribbean: "Mixed: White and Black Caribbean"
        case .mixedWhiteBlackAfrican: "Mixed: White and Black African"
        case .mixedWhiteAsian: "Mixed: White and Asian"
        case .mixedOther: "Mixed: any other mixed background"
        case .asianIndian: "Asian or Asian British: Indian"
        case .asianPakistani: "Asian or Asian British: Pakistani"
        case .asianBangladeshi: "Asian or Asian British: Bangladeshi"
        case .asianOther: "Asian or Asian British: any other Asian background"
        case .blackCaribbean: "Black or Black British: Caribbean"
        case .blackAfrican: "Black or Black British: African"
        case .blackOther: "Black or Black British: any other Black background"
        case .chinese: "Other ethnic groups: Chinese"
        case .other: "Other ethnic groups: any other ethnic group"
        case .notStated: "Not stated (asked, and chose not to say)"
        }
    }
}
