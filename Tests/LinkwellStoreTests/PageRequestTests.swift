import LinkwellDomain
import LinkwellStore
import Testing

@Suite("Pages asked for in an address")
struct PageRequestTests {
    @Test(
        "A page number or size out of range, or not a plain whole number, names its parameter",
        arguments: [
            ("0", nil), ("-1", nil), ("9223372036854775807", nil), ("1000001", nil), ("1e3", nil), ("abc", nil),
            ("nan", nil),
            ("1", "0"), ("1", "501"), ("1", "9223372036854775807"), (nil, "-5"),
        ] as [(String?, String?)])
    func refused(number: String?, size: String?) {
        #expect(throws: ValidationFailure.self) { _ = try PageRequest.parse(number: number, size: size) }
    }

    @Test("Absent or blank means the first page of the default size; the largest page still has an offset")
    func defaults() throws {
        #expect(try PageRequest.parse(number: nil, size: nil, defaultSize: 20) == PageRequest(number: 1, size: 20))
        #expect(try PageRequest.parse(number: " ", size: "", defaultSize: 20) == PageRequest(number: 1, size: 20))
        let last = try PageRequest.parse(number: "1000000", size: "500")
        #expect(last.offset == 999_999 * 500)
        #expect(PageRequest(number: .max, size: .max).offset == 999_999 * 500, "clamped, never overflowing")
    }

    @Test("The message names the parameter and the range")
    func message() {
        #expect(throws: ValidationFailure(field: "page", message: "page must be a whole number from 1 to 1,000,000")) {
            _ = try PageRequest.parse(number: "9223372036854775807")
        }
    }
}
