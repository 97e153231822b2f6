import Foundation
import Testing
@testable import Sweep

/// The event-table size limit: refused before parsing, from the file's size or (for a pipe or a
/// device) once that much has been read, with a message naming the limit and how to raise it.
@Suite struct EventTableFileLimitsTests {
    static let table = "ID,TIME,AMT,EVID\n1,0,10,1\n1,24,0,0\n"     // 35 bytes

    func temporaryFile(_ text: String) throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("events-\(UUID().uuidString).csv").path
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    @Test func aTableOverTheLimitIsADataErrorNamingTheLimit() throws {
        let path = try temporaryFile(Self.table)
        defer { unlink(path) }
        #expect(Self.table.utf8.count == 35)
        #expect(try EventTableFile.load(path: path, maxBytes: 35).subjects.count == 1)
        do {
            _ = try EventTableFile.load(path: path, maxBytes: 34)
            Issue.record("expected an error")
        } catch {
            #expect(error.kind == .data)
            #expect(error.problems[0].file == path)
            #expect(error.problems[0].message == "the event table is 35 bytes, larger than 34 bytes (34 B), the limit for event tables (a table is parsed whole, at about 20 bytes of memory per byte): set BENZOSIM_EVENTS_MAX_BYTES=BYTES to raise it, or split the table by ID and run the parts")
        }
    }

    /// A device has no size to check first: it is read up to the limit and refused there.
    @Test func aDeviceIsReadOnlyUpToTheLimit() throws {
        do {
            _ = try EventTableFile.load(path: "/dev/zero", maxBytes: 1 << 20)
            Issue.record("expected an error")
        } catch {
            #expect(error.kind == .data)
            #expect(error.problems[0].message.hasPrefix("the event table is larger than 1,048,576 bytes (1 MiB), the limit"))
        }
    }

    @Test func theLimitComesFromTheEnvironment() throws {
        #expect(try EventTableFile.maxBytes(environment: [:]) == 256 * 1024 * 1024)
        #expect(try EventTableFile.maxBytes(environment: ["BENZOSIM_EVENTS_MAX_BYTES": "2000000000"]) == 2_000_000_000)
        #expect(throws: InputError(.usage, field: "BENZOSIM_EVENTS_MAX_BYTES", "\"1GB\" is not a whole number ≥ 1 (bytes)")) {
            try EventTableFile.maxBytes(environment: ["BENZOSIM_EVENTS_MAX_BYTES": "1GB"])
        }
        #expect(throws: InputError.self) { try EventTableFile.maxBytes(environment: ["BENZOSIM_EVENTS_MAX_BYTES": "0"]) }
    }
}
