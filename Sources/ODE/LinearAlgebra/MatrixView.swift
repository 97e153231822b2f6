/// A non-owning, column-major view of a `rows × columns` matrix of `Double`.
///
/// This is the type a system's analytic Jacobian writes into: `J[i, j] = ∂f_i/∂y_j`.
/// It never allocates; the storage belongs to whoever created the view (a solver workspace or a
/// `DenseMatrix`) and must outlive it.
@frozen
public struct MatrixView {
    /// First element of column 0; element `(i, j)` is at `base[i + j * rows]`.
    public let base: UnsafeMutablePointer<Double>
    /// Number of rows (the leading dimension of the column-major storage).
    public let rows: Int
    /// Number of columns.
    public let columns: Int

    /// Wraps `rows * columns` doubles starting at `base`, column-major.
    @inlinable
    public init(base: UnsafeMutablePointer<Double>, rows: Int, columns: Int) {
        self.base = base
        self.rows = rows
        self.columns = columns
    }

    /// Element in row `i`, column `j` (zero-based). Bounds are checked only in debug builds.
    @inlinable
    public subscript(i: Int, j: Int) -> Double {
        get {
            assert(i >= 0 && i < rows && j >= 0 && j < columns, "MatrixView index out of range")
            return base[i &+ j &* rows]
        }
        nonmutating set {
            assert(i >= 0 && i < rows && j >= 0 && j < columns, "MatrixView index out of range")
            base[i &+ j &* rows] = newValue
        }
    }

    /// Sets every element to zero.
    @inlinable
    public func zero() {
        base.update(repeating: 0, count: rows &* columns)
    }
}
