import Foundation
import Testing
@testable import Sweep

/// A fresh empty directory under the system temporary directory.
func outputScratchDirectory() throws -> String {
    let path = NSTemporaryDirectory() + "benzosim-output-tests-" + UUID().uuidString
    try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    return path
}

func outputDirectoryListing(_ directory: String) -> [String] {
    ((try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []).sorted()
}

@Suite struct OutputAtomicTests {
    @Test func commitRenamesTheTemporaryOntoTheFinalName() throws {
        let dir = try outputScratchDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let path = dir + "/runs.csv"
        let output = try AtomicOutput(path: path, bufferSize: 8)   // small buffer: flushes early
        #expect(output.temporaryPath == dir + "/.runs.csv.partial-\(getpid())")
        try output.write("id,x\n")
        try output.write("1,2.5\n")
        #expect(outputDirectoryListing(dir) == [".runs.csv.partial-\(getpid())"])
        #expect(!FileManager.default.fileExists(atPath: path))
        try output.commit()
        #expect(outputDirectoryListing(dir) == ["runs.csv"])
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "id,x\n1,2.5\n")
    }

    @Test func discardLeavesNothing() throws {
        let dir = try outputScratchDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let output = try AtomicOutput(path: dir + "/runs.csv", bufferSize: 4)
        try output.write("id,x\n1,2\n")
        output.discard()
        output.discard()   // idempotent
        #expect(outputDirectoryListing(dir) == [])
    }

    @Test func droppingWithoutCommitLeavesNothing() throws {
        let dir = try outputScratchDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        do {
            let output = try AtomicOutput(path: dir + "/runs.csv", bufferSize: 4)
            try output.write("partial row")
        }
        #expect(outputDirectoryListing(dir) == [])
    }

    struct SolverBlewUp: Error {}

    func failingRun(into path: String) throws {
        let output = try AtomicOutput(path: path, bufferSize: 16)
        try output.write("id,x\n")
        for i in 1...100 {
            if i == 50 { throw SolverBlewUp() }
            try output.write("\(i),\(i)\n")
        }
        try output.commit()
    }

    @Test func aThrownErrorLeavesNothingAndKeepsAnOlderFileIntact() throws {
        let dir = try outputScratchDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let path = dir + "/runs.csv"
        #expect(throws: SolverBlewUp.self) { try failingRun(into: path) }
        #expect(outputDirectoryListing(dir) == [])
        try "previous\n".write(toFile: path, atomically: false, encoding: .utf8)
        #expect(throws: SolverBlewUp.self) { try failingRun(into: path) }
        #expect(outputDirectoryListing(dir) == ["runs.csv"])
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "previous\n")
        // A committed run replaces it.
        let output = try AtomicOutput(path: path)
        try output.write("new\n")
        try output.commit()
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "new\n")
    }

    @Test func relativePathsKeepTheTemporaryBesideTheOutput() {
        #expect(AtomicOutput.temporaryPath(for: "out.csv") == ".out.csv.partial-\(getpid())")
        #expect(AtomicOutput.temporaryPath(for: "/a/b/out.csv") == "/a/b/.out.csv.partial-\(getpid())")
    }

    @Test func aMissingDirectoryIsACreateErrorThatNamesIt() throws {
        let dir = try outputScratchDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        do {
            _ = try AtomicOutput(path: dir + "/missing/runs.csv")
            Issue.record("expected an error")
        } catch {
            #expect(error.operation == .create)
            #expect(error.exitCode == 73)
            #expect(error.description == "cannot create \(dir)/missing/runs.csv: No such file or directory (the directory \(dir)/missing does not exist: create it first)")
        }
        #expect(outputDirectoryListing(dir) == [])
    }

    @Test func dashIsStandardOutput() throws {
        let output = try AtomicOutput(path: "-")
        #expect(output.isStandardOutput && output.temporaryPath == nil)
        try output.write("")
        try output.commit()
        #expect(!FileManager.default.fileExists(atPath: "-"))
        #expect(!FileManager.default.fileExists(atPath: AtomicOutput.temporaryPath(for: "-")))
    }

    @Test func standardOutputStreamsThroughTheBuffer() throws {
        var fds: [Int32] = [0, 0]
        #expect(pipe(&fds) == 0)
        let output = AtomicOutput(descriptor: fds[1], bufferSize: 4)
        try output.write("id,x\n")
        try output.write("1,2\n")
        try output.commit()
        close(fds[1])
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 64)
        while true {
            let n = read(fds[0], &chunk, chunk.count)
            if n <= 0 { break }
            bytes += chunk[0..<n]
        }
        close(fds[0])
        #expect(String(decoding: bytes, as: UTF8.self) == "id,x\n1,2\n")
    }
}
