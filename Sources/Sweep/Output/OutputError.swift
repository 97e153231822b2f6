/// An output file that could not be created, written or renamed into place. `description` names
/// the path and the system's reason.
public struct OutputError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What failed.
    public enum Operation: String, Sendable, Equatable {
        /// Creating the temporary file (exit code 73, EX_CANTCREAT).
        case create
        /// Writing or flushing (exit code 74, EX_IOERR).
        case write
        /// Renaming the finished file onto its final name (exit code 73, EX_CANTCREAT).
        case commit
    }

    /// What failed.
    public var operation: Operation
    /// The final path the user asked for (`-` for standard output).
    public var path: String
    /// The reason (from `strerror`), with what to check.
    public var reason: String

    /// Creates an error.
    public init(_ operation: Operation, path: String, reason: String) {
        self.operation = operation
        self.path = path
        self.reason = reason
    }

    /// The process exit code (sysexits.h): 73 for create and commit, 74 for write.
    public var exitCode: Int32 { operation == .write ? 74 : 73 }

    /// E.g. `cannot create out/run.csv: No such file or directory`.
    public var description: String {
        switch operation {
        case .create: return "cannot create \(path): \(reason)"
        case .write: return "cannot write \(path): \(reason)"
        case .commit: return "cannot finish \(path): \(reason)"
        }
    }
}
