#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
@_exported import CLibFuzzer

/// Runs libFuzzer's loop with this process's command line (libFuzzer flags, corpus directories or
/// inputs to replay), calling `body` with each input as text, then exits with libFuzzer's status.
///
/// The input is decoded as UTF-8 with invalid bytes replaced, as the readers only ever see text
/// (`ScenarioFile.load` refuses files that are not UTF-8 before parsing).
public func runFuzzer(_ body: @convention(c) (UnsafePointer<UInt8>?, Int) -> Int32) -> Never {
    var argc = CommandLine.argc
    var argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = CommandLine.unsafeArgv
    exit(LLVMFuzzerRunDriver(&argc, &argv, body))
}

/// The bytes libFuzzer passes, as text.
public func fuzzText(_ data: UnsafePointer<UInt8>?, _ size: Int) -> String {
    String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
}
