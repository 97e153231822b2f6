import Foundation
import Testing
@testable import Sweep

/// The outputs of a run: refused when they are inputs or each other (by resolved path and inode),
/// committed together or not at all.
@Suite struct OutputSetTests {
    func conflict(_ outputs: [(String, String)], _ inputs: [(String, String)] = []) -> String? {
        do {
            try OutputSet.checkDistinct(outputs: outputs.map { (option: $0.0, path: $0.1) }, inputs: inputs.map { (option: $0.0, path: $0.1) })
            return nil
        } catch {
            #expect(error.kind == .usage)
            return error.problems[0].field
        }
    }

    @Test func sameFileByAnyNameIsRefused() throws {
        let dir = try outputScratchDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try "x\n".write(toFile: dir + "/in.yaml", atomically: false, encoding: .utf8)
        #expect(link(dir + "/in.yaml", dir + "/hard.yaml") == 0)
        #expect(symlink(dir + "/in.yaml", dir + "/soft.yaml") == 0)
        let input = [("the scenario file", dir + "/in.yaml")]
        #expect(conflict([("-o", dir + "/hard.yaml")], input) == "-o")           // a hard link: same inode
        #expect(conflict([("-o", dir + "/soft.yaml")], input) == "-o")           // a symlink: same resolved path
        #expect(conflict([("-o", dir + "/./in.yaml")], input) == "-o")
        #expect(conflict([("-o", dir + "/a.csv"), ("--summary", dir + "/x/../a.csv")]) == "--summary")  // x/ does not exist: standardized
        #expect(conflict([("-o", dir + "/a.csv"), ("--summary", dir + "/./a.csv")]) == "--summary")  // absent, same resolved path
        #expect(conflict([("-o", dir + "/a.csv"), ("--summary", dir + "/b.csv")], input) == nil)
        #expect(conflict([("-o", "-"), ("--summary", "-")]) == nil)
        #expect(mkfifo(dir + "/fifo", 0o600) == 0)   // devices and FIFOs may be given twice
        #expect(conflict([("-o", dir + "/fifo"), ("--summary", dir + "/fifo")]) == nil)
        #expect(conflict([("-o", dir + "/fifo")], [("--events", dir + "/fifo")]) == "-o")
    }

    /// A member that cannot be synced or renamed takes the others with it: here the last output's
    /// final name is a directory, so its rename fails after the first was renamed, and the first
    /// is removed again.
    @Test func oneFailureLeavesNone() throws {
        let dir = try outputScratchDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let set = OutputSet()
        try set.open(dir + "/a.csv").write("a\n")
        let blocked = try set.open(dir + "/b.csv")
        try blocked.write("b\n")
        try FileManager.default.createDirectory(atPath: dir + "/b.csv", withIntermediateDirectories: false)
        try FileManager.default.createFile(atPath: dir + "/b.csv/keep", contents: Data())
        #expect(throws: OutputError.self) { try set.commit() }
        #expect(outputDirectoryListing(dir) == ["b.csv"])
        #expect(outputDirectoryListing(dir + "/b.csv") == ["keep"])
    }

    @Test func allAreRenamedTogether() throws {
        let dir = try outputScratchDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let set = OutputSet()
        try set.open(dir + "/a.csv").write("a\n")
        try set.open(dir + "/b.csv").write("b\n")
        #expect(outputDirectoryListing(dir).allSatisfy { $0.contains(".partial-") })
        #expect(try set.commit() == [dir + "/a.csv", dir + "/b.csv"])
        #expect(outputDirectoryListing(dir) == ["a.csv", "b.csv"])
        #expect(try String(contentsOfFile: dir + "/b.csv", encoding: .utf8) == "b\n")
    }
}
