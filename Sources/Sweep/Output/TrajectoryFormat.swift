import Pharmacology

/// The two trajectory layouts: wide (one column per output, units in the names) and long
/// (`id,time_h,name,value,unit`, one row per output and time).
public enum TrajectoryFormat: String, Sendable, CaseIterable {
    /// One row per sample time.
    case wide
    /// One row per sample time and output.
    case long

    /// The CSV header line (with newline).
    public var header: String {
        switch self {
        case .wide: return WideTrajectoryWriter().header
        case .long: return LongTrajectoryWriter().header
        }
    }

    /// The rows of one subject.
    public func rows(id: String, trajectory: Trajectory, model: DiazepamModel) -> String {
        switch self {
        case .wide: return WideTrajectoryWriter().rows(id: id, trajectory: trajectory, model: model)
        case .long: return LongTrajectoryWriter().rows(id: id, trajectory: trajectory, model: model)
        }
    }
}
