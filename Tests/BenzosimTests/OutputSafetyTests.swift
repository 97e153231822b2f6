import Foundation
import Testing

/// Outputs that cannot hurt, end to end: devices, FIFOs and symlinks are written through and stay
/// what they are; every output of a run is committed together or not at all; an interrupted run
/// leaves no temporary file.
@Suite struct OutputSafetyTests {
    static let scenario = "species: human\nregimen: \"10mg po q24h for 7d\"\nsampling: {every: 1h, until: 14d}\n"

    /// The file type bits of `path` (not following a final symlink with `lstat`).
    static func type(_ path: String, follow: Bool = true) -> mode_t {
        var info = stat()
        guard (follow ? stat(path, &info) : lstat(path, &info)) == 0 else { return 0 }
        return info.st_mode & S_IFMT
    }

    /// A character device (the null device, 1:3) made with `mknod` in the test's own directory
    /// stays a device, and nothing (no manifest, no temporary file) appears beside it.
    @Test func aCharacterDeviceStaysADevice() throws {
        let runner = try CommandRunner()
        defer { runner.cleanUp() }
        try runner.write("ok.yaml", Self.scenario)
        let device = runner.directory.appendingPathComponent("sink").path
        guard mknod(device, S_IFCHR | 0o666, dev_t(1 << 8 | 3)) == 0 else {   // makedev(1, 3) on Linux
            // Without CAP_MKNOD (an unprivileged CI runner) fall back to the system's null device.
            let result = try runner.run("simulate", "ok.yaml", "-o", "/dev/null", "--summary", "/dev/null")
            #expect(result.status == 0, "\(result.stderr)")
            #expect(Self.type("/dev/null") == S_IFCHR)
            #expect(!FileManager.default.fileExists(atPath: "/dev/null.manifest.json"))
            return
        }
        let result = try runner.run("simulate", "ok.yaml", "-o", "sink", "--summary", "sink")
        #expect(result.status == 0, "\(result.stderr)")
        #expect(Self.type(device) == S_IFCHR)
        #expect(try runner.files() == ["ok.yaml", "sink"])
        #expect(result.stderr.contains("benzosim: wrote sink and sink ("))
        // A symlink to the device: the link and the device stay.
        try FileManager.default.createSymbolicLink(atPath: runner.directory.appendingPathComponent("link").path, withDestinationPath: "sink")
        let linked = try runner.run("population", "ok.yaml", "--count", "2", "-o", "link", "--trajectories", "link")
        #expect(linked.status == 0, "\(linked.stderr)")
        #expect(Self.type(runner.directory.appendingPathComponent("link").path, follow: false) == S_IFLNK)
        #expect(Self.type(device) == S_IFCHR)
        #expect(try runner.files() == ["link", "ok.yaml", "sink"])
    }

    /// A FIFO (what a shell's `>(gzip > x.gz)` passes) receives exactly what a regular file would,
    /// and stays a FIFO; no manifest is written beside it.
    @Test func aFIFOIsWrittenThrough() throws {
        let runner = try CommandRunner()
        defer { runner.cleanUp() }
        try runner.write("ok.yaml", Self.scenario)
        let fifo = runner.directory.appendingPathComponent("pipe").path
        #expect(mkfifo(fifo, 0o600) == 0)
        let reader = FIFOReader(path: fifo)
        let result = try runner.run("simulate", "ok.yaml", "-o", "pipe")
        let received = reader.wait()
        #expect(result.status == 0, "\(result.stderr)")
        let regular = try runner.run("simulate", "ok.yaml", "-o", "regular.csv", "--no-manifest")
        #expect(regular.status == 0)
        #expect(received == (try runner.read("regular.csv")))
        #expect(received.hasPrefix("id,time_h,") && received.split(separator: "\n").count == 14 * 24 + 2)
        #expect(Self.type(fifo) == S_IFIFO)
        #expect(try runner.files() == ["ok.yaml", "pipe", "regular.csv"])
    }

    /// A symlink to a regular file stays a symlink; the file it points to gets the output.
    @Test func aSymlinkToAFileKeepsTheLink() throws {
        let runner = try CommandRunner()
        defer { runner.cleanUp() }
        try runner.write("ok.yaml", Self.scenario)
        try runner.write("target.csv", "old\n")
        let link = runner.directory.appendingPathComponent("link.csv").path
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: "target.csv")
        let result = try runner.run("simulate", "ok.yaml", "-o", "link.csv", "--no-manifest")
        #expect(result.status == 0, "\(result.stderr)")
        #expect(Self.type(link, follow: false) == S_IFLNK)
        #expect(try runner.read("target.csv").hasPrefix("id,time_h,"))
    }

    /// The manifest cannot be written (its name is a directory): the trajectory and summary are
    /// not written either (exit 73), and no temporary file is left.
    @Test func allOutputsOrNone() throws {
        let runner = try CommandRunner()
        defer { runner.cleanUp() }
        try runner.write("ok.yaml", Self.scenario)
        try FileManager.default.createDirectory(at: runner.directory.appendingPathComponent("out.csv.manifest.json"), withIntermediateDirectories: false)
        let result = try runner.run("simulate", "ok.yaml", "-o", "out.csv", "--summary", "summary.csv")
        #expect(result.status == 73, "\(result.stderr)")
        #expect(result.stderr.contains("benzosim: error: cannot create out.csv.manifest.json: it is a directory"))
        #expect(try runner.files() == ["ok.yaml", "out.csv.manifest.json"])
    }

    /// `population --subject-parameters` is one of the run's outputs: when another cannot be
    /// written (the manifest, opened after it, is a directory), it is not written either (exit 73),
    /// and when the run succeeds it is named with the others.
    @Test func subjectParametersAreCommittedWithTheOtherOutputs() throws {
        let runner = try CommandRunner()
        defer { runner.cleanUp() }
        try runner.write("ok.yaml", Self.scenario)
        let manifest = runner.directory.appendingPathComponent("pop.csv.manifest.json")
        try FileManager.default.createDirectory(at: manifest, withIntermediateDirectories: false)
        let failed = try runner.run("population", "ok.yaml", "--count", "3", "--bsv", "CL=0.3", "-o", "pop.csv",
                                    "--subject-parameters", "subjects.csv", "--trajectories", "traj.csv")
        #expect(failed.status == 73, "\(failed.stderr)")
        #expect(try runner.files() == ["ok.yaml", "pop.csv.manifest.json"])
        try FileManager.default.removeItem(at: manifest)
        let ok = try runner.run("population", "ok.yaml", "--count", "3", "--bsv", "CL=0.3", "-o", "pop.csv",
                                "--subject-parameters", "subjects.csv")
        #expect(ok.status == 0, "\(ok.stderr)")
        #expect(ok.stderr.contains("benzosim: wrote pop.csv, subjects.csv and pop.csv.manifest.json (3 runs"), "\(ok.stderr)")
        #expect(try runner.read("subjects.csv").split(separator: "\n").count == 4)
    }

    /// A signal while `--subject-parameters` is being written (it is written first, one subject at
    /// a time) leaves none of the run's temporary files.
    @Test func aSignalWhileWritingSubjectParametersLeavesNothing() throws {
        let runner = try CommandRunner()
        defer { runner.cleanUp() }
        try runner.write("ok.yaml", Self.scenario)
        let process = Process()
        process.executableURL = CommandRunner.executable
        process.arguments = ["population", "ok.yaml", "--count", "1000000", "--bsv", "CL=0.3", "--quiet",
                             "-o", "out.csv", "--subject-parameters", "subjects.csv"]
        process.currentDirectoryURL = runner.directory
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        let deadline = Date().addingTimeInterval(60)
        while !(try runner.files()).contains(where: { $0.hasPrefix(".subjects.csv.partial-") }) && Date() < deadline { usleep(20_000) }
        usleep(200_000)
        #expect((try runner.files()).filter { $0.contains(".partial-") }.count == 2, "the summary's and the subject parameters' temporary files")
        kill(process.processIdentifier, SIGTERM)
        process.waitUntilExit()
        #expect(process.terminationReason == .uncaughtSignal && process.terminationStatus == SIGTERM)
        #expect(try runner.files() == ["ok.yaml"])
    }

    /// stderr names every file written, summary and manifest included.
    @Test func everyFileWrittenIsNamed() throws {
        let runner = try CommandRunner()
        defer { runner.cleanUp() }
        try runner.write("ok.yaml", Self.scenario)
        let result = try runner.run("simulate", "ok.yaml", "-o", "out.csv", "--summary", "summary.csv")
        #expect(result.status == 0)
        #expect(result.stderr.hasPrefix("benzosim: wrote out.csv, summary.csv and out.csv.manifest.json (1 subject, 337 samples;"))
        #expect(try runner.files() == ["ok.yaml", "out.csv", "out.csv.manifest.json", "summary.csv"])
    }

    /// A dose whose result would overflow (1e308 mg) in a sweep is a failed row (exit 3), never an
    /// `inf` cell: it is refused by the dose limit before it is simulated (the check of the result
    /// for non-finite values stays behind it).
    @Test func nonFiniteResultsAreFailedRows() throws {
        let runner = try CommandRunner()
        defer { runner.cleanUp() }
        try runner.write("dose.yaml", "species: human\nregimen: \"{dose}mg po once\"\nsampling: {every: 1h, until: 2d}\n")
        let result = try runner.run("sweep", "dose.yaml", "--grid", "dose=10,1e308", "-o", "out.csv", "--trajectories", "t.csv")
        #expect(result.status == 3, "\(result.stderr)")
        let rows = try runner.read("out.csv").split(separator: "\n")
        #expect(rows.count == 3)
        #expect(rows[1].contains(",ok"))
        #expect(rows[2].contains("failed") && rows[2].contains("above 1,000,000 mg (1 kg), the largest dose accepted"))
        #expect(!(try runner.read("out.csv")).lowercased().contains(",inf"))
        #expect(!(try runner.read("t.csv")).lowercased().contains("inf"))
    }

    /// SIGINT, SIGTERM, SIGHUP and SIGPIPE in the middle of a run: the process dies of the signal
    /// and no temporary (or final) output is left.
    @Test(arguments: [SIGINT, SIGTERM, SIGHUP, SIGPIPE])
    func aSignalLeavesNoTemporaryFile(signal: Int32) throws {
        let runner = try CommandRunner()
        defer { runner.cleanUp() }
        try runner.write("ok.yaml", Self.scenario)
        let process = Process()
        process.executableURL = CommandRunner.executable
        process.arguments = ["population", "ok.yaml", "--count", "100000", "--threads", "1", "--quiet", "--every", "1d",
                             "-o", "out.csv", "--trajectories", "t.csv"]
        process.currentDirectoryURL = runner.directory
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        // Wait until its temporary files exist (it has started writing).
        let deadline = Date().addingTimeInterval(60)
        while (try runner.files()).filter({ $0.contains(".partial-") }).count < 3 && Date() < deadline { usleep(20_000) }
        #expect((try runner.files()).filter { $0.contains(".partial-") }.count == 3)
        usleep(300_000)   // into the runs, past the instant the last file is registered
        kill(process.processIdentifier, signal)
        let killDeadline = Date().addingTimeInterval(30)
        while process.isRunning && Date() < killDeadline { usleep(20_000) }
        if process.isRunning {
            Issue.record("signal \(signal) did not end the process")
            kill(process.processIdentifier, SIGKILL)
        }
        process.waitUntilExit()
        #expect(process.terminationReason == .uncaughtSignal && process.terminationStatus == signal)
        #expect(try runner.files() == ["ok.yaml"], "signal \(signal)")
    }
}

/// Reads a FIFO to its end on a background thread (opening it blocks until the writer opens it).
final class FIFOReader: @unchecked Sendable {
    private let done = DispatchSemaphore(value: 0)
    private var text = ""

    init(path: String) {
        Thread.detachNewThread { [self] in
            var bytes: [UInt8] = []
            let fd = open(path, O_RDONLY)
            var chunk = [UInt8](repeating: 0, count: 1 << 16)
            while fd >= 0 {
                let n = read(fd, &chunk, chunk.count)
                if n <= 0 { break }
                bytes += chunk[..<n]
            }
            if fd >= 0 { close(fd) }
            text = String(decoding: bytes, as: UTF8.self)
            done.signal()
        }
    }

    /// What was read, once the writer closed the FIFO.
    func wait() -> String {
        done.wait()
        return text
    }
}
