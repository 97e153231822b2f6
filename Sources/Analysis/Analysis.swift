/// `Analysis`: questions asked of many runs (taper design in `Taper/`, sensitivity analysis in
/// `Sensitivity/`), built on `Sweep`'s plans and executor; results are tables.
public enum AnalysisModule {
    /// The module's version of its table formats, written into manifests.
    public static let formatVersion = 1
}
