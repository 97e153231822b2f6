/// Index of the first NaN or infinite element among `v[0 ..< count]`, or -1 if all are finite.
/// Steppers use it to name the offending component in `StepFailure.nonFinite`.
@inlinable
public func firstNonFinite(_ v: UnsafePointer<Double>, count: Int) -> Int {
    for i in 0..<count where !v[i].isFinite { return i }
    return -1
}
