/// An owning, column-major `rows × columns` matrix of `Double`.
///
/// The storage is allocated once in `init` and freed in `deinit`; it never grows, so a
/// `MatrixView` obtained from `view` stays valid for as long as the matrix is alive.
/// A class rather than a struct because the view aliases the storage: copy-on-write would
/// silently detach a view from the matrix it was taken from.
public final class DenseMatrix {
    /// Number of rows (the leading dimension of the column-major storage).
    public let rows: Int
    /// Number of columns.
    public let columns: Int
    /// First element of column 0; element `(i, j)` is at `storage[i + j * rows]`.
    @usableFromInline
    let storage: UnsafeMutablePointer<Double>

    /// Creates a zero-filled `rows × columns` matrix. Both dimensions must be non-negative.
    public init(rows: Int, columns: Int) {
        precondition(rows >= 0 && columns >= 0, "DenseMatrix dimensions must be non-negative")
        self.rows = rows
        self.columns = columns
        storage = .allocate(capacity: rows * columns)
        storage.initialize(repeating: 0, count: rows * columns)
    }

    /// Creates a matrix from rows written the way they read, e.g. `DenseMatrix([[1, 2], [3, 4]])`
    /// has first row `(1, 2)`. Every row must have the same length. Meant for tests and examples.
    public convenience init(_ rowMajor: [[Double]]) {
        let columns = rowMajor.first?.count ?? 0
        self.init(rows: rowMajor.count, columns: columns)
        for (i, row) in rowMajor.enumerated() {
            precondition(row.count == columns, "DenseMatrix rows must all have the same length")
            for (j, value) in row.enumerated() {
                storage[i + j * rows] = value
            }
        }
    }

    /// The `n × n` identity matrix.
    public static func identity(_ n: Int) -> DenseMatrix {
        let matrix = DenseMatrix(rows: n, columns: n)
        for i in 0..<n {
            matrix.storage[i + i * n] = 1
        }
        return matrix
    }

    deinit {
        storage.deallocate()
    }

    /// Element in row `i`, column `j` (zero-based). Bounds are checked only in debug builds.
    @inlinable
    public subscript(i: Int, j: Int) -> Double {
        get { view[i, j] }
        set { view[i, j] = newValue }
    }

    /// A non-owning view of the same storage; valid only while this matrix is alive.
    @inlinable
    public var view: MatrixView {
        MatrixView(base: storage, rows: rows, columns: columns)
    }
}
