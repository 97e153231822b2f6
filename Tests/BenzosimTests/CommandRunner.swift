import Foundation
import Testing

/// Runs the built `benzosim` executable in a fresh temporary directory and captures what it does.
struct CommandRunner {
    struct Result {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    /// The temporary working directory (deleted by `cleanUp`).
    let directory: URL

    init() throws {
        directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("benzosim-e2e-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    }

    func cleanUp() { try? FileManager.default.removeItem(at: directory) }

    /// The `benzosim` binary next to the test bundle (SwiftPM builds it because the test target depends on it).
    static let executable: URL = {
        let bundleDirectory = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        for candidate in [bundleDirectory, bundleDirectory.deletingLastPathComponent()] {
            let url = candidate.appendingPathComponent("benzosim")
            if FileManager.default.isExecutableFile(atPath: url.path) { return url }
        }
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        return root.appendingPathComponent(".build/debug/benzosim")
    }()

    /// Writes a file into the working directory.
    func write(_ name: String, _ text: String) throws {
        try text.write(to: directory.appendingPathComponent(name), atomically: true, encoding: .utf8)
    }

    /// Reads a file from the working directory.
    func read(_ name: String) throws -> String {
        try String(contentsOf: directory.appendingPathComponent(name), encoding: .utf8)
    }

    /// Names of the files in the working directory, sorted.
    func files() throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: directory.path).sorted()
    }

    /// Runs `benzosim arguments…` with no standard input.
    func run(_ arguments: String...) throws -> Result { try run(arguments) }

    /// Runs `benzosim arguments…` with `environment` added to this process's environment.
    func run(_ arguments: [String], environment: [String: String] = [:]) throws -> Result {
        let process = Process()
        process.executableURL = Self.executable
        process.arguments = arguments
        if !environment.isEmpty {
            process.environment = ProcessInfo.processInfo.environment.merging(environment) { _, added in added }
        }
        process.currentDirectoryURL = directory
        process.standardInput = FileHandle.nullDevice
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        // Read both pipes before waiting, so a large output cannot block the child.
        let stdout = out.fileHandleForReading.readDataToEndOfFile()
        let stderr = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Result(status: process.terminationStatus,
                      stdout: String(decoding: stdout, as: UTF8.self),
                      stderr: String(decoding: stderr, as: UTF8.self))
    }
}

extension CommandRunner {
    /// Runs `arguments` (a population or sweep writing with `-o`) with 1 thread, with 2, and as 3
    /// shards with 2 threads, and checks that all give the same bytes (the shards concatenated,
    /// header once) and `rows` lines with the header.
    func expectSameOutputForThreadsAndShards(_ arguments: [String], rows: Int) throws {
        #expect(try run(arguments + ["--threads", "1", "-o", "one.csv"]).status == 0)
        #expect(try run(arguments + ["--threads", "2", "-o", "two.csv"]).status == 0)
        var concatenated = ""
        for k in 1...3 {
            let r = try run(arguments + ["--threads", "2", "--shard", "\(k)/3", "-o", "part\(k).csv"])
            #expect(r.status == 0, "\(r.stderr)")
            let text = try read("part\(k).csv")
            concatenated += k == 1 ? text : String(text.drop { $0 != "\n" }.dropFirst())
        }
        let whole = try read("one.csv")
        #expect(whole == (try read("two.csv")))
        #expect(whole == concatenated)
        #expect(whole.split(separator: "\n").count == rows)
    }
}
