import Foundation
import Testing

@testable import LinkwellWeb

@Suite("Dates and times as people read them")
struct DisplayFormatTests {
    let format = DisplayFormat(timeZone: TimeZone(identifier: "Europe/London")!)

    @Test("Times use the 24-hour clock with two digits, in UK time (BST in summer)")
    func dateTime() {
        #expect(format.dateTime(Date(timeIntervalSince1970: 1_772_442_300)) == "2 March 2026 at 09:05")
        #expect(format.dateTime(Date(timeIntervalSince1970: 1_782_889_500)) == "1 July 2026 at 08:05")
    }

    @Test("Tables use a compact form")
    func compact() {
        #expect(format.compactDateTime(Date(timeIntervalSince1970: 1_772_442_300)) == "2 Mar 2026, 09:05")
    }

    @Test("Dates are day, month in full, year")
    func date() {
        #expect(format.date(Date(timeIntervalSince1970: 1_772_442_300)) == "2 March 2026")
    }
}
