/// LU factorisation with partial pivoting (Doolittle: unit lower `L`), written for the small
/// dense systems of stiff ODE steps (n ≲ 30), where the call and blocking overhead of LAPACK
/// dominates the arithmetic.
///
/// Storage is column-major with leading dimension `n`; the factors overwrite the matrix in the
/// LAPACK `dgetrf` layout (`L` strictly below the diagonal, `U` on and above), and `pivots[k]`
/// is the zero-based row swapped with row `k` at step `k`. All inner loops run down a column so
/// they touch contiguous memory and vectorise. Nothing here allocates.
@usableFromInline
enum HandWrittenLU {
    /// Factors the `n × n` matrix at `a` in place.
    ///
    /// Throws `.singular(column: k)` (zero-based) at the first step whose pivot is zero or not
    /// finite; a NaN or infinity anywhere in the matrix propagates into a later pivot, so it is
    /// reported too. After a throw the contents of `a` and `pivots` are unspecified.
    @inlinable
    static func factor(
        _ a: UnsafeMutablePointer<Double>,
        dimension n: Int,
        pivots: UnsafeMutablePointer<Int>
    ) throws(LinearAlgebraError) {
        var k = 0
        while k < n {
            let columnK = a + k &* n

            // Pivot search. Starting from the diagonal (not from 0) makes a NaN there the pivot,
            // which the finiteness check below then rejects.
            var pivotRow = k
            var largest = abs(columnK[k])
            var i = k &+ 1
            while i < n {
                let candidate = abs(columnK[i])
                if candidate > largest {
                    largest = candidate
                    pivotRow = i
                }
                i &+= 1
            }
            pivots[k] = pivotRow
            guard largest != 0, largest.isFinite else {
                throw .singular(column: k)
            }

            // Swap whole rows (L part included) so that applying the swaps in order to a
            // right-hand side reproduces the permutation, exactly as LAPACK's getrs expects.
            if pivotRow != k {
                var j = 0
                while j < n {
                    let column = a + j &* n
                    let saved = column[k]
                    column[k] = column[pivotRow]
                    column[pivotRow] = saved
                    j &+= 1
                }
            }

            // Multipliers: one division, then multiplications (as dgetf2 does).
            let inversePivot = 1 / columnK[k]
            i = k &+ 1
            while i < n {
                columnK[i] *= inversePivot
                i &+= 1
            }

            // Rank-1 update of the trailing block, column by column. Zero entries in the pivot
            // row are not skipped: the branch costs more than it saves on dense matrices, and
            // skipping would stop non-finite multipliers from reaching a later pivot.
            var j = k &+ 1
            while j < n {
                let column = a + j &* n
                let pivotRowEntry = column[k]
                i = k &+ 1
                while i < n {
                    column[i] -= columnK[i] * pivotRowEntry
                    i &+= 1
                }
                j &+= 1
            }
            k &+= 1
        }
    }

    /// Solves `A x = b` in place for one right-hand side, given the output of `factor`:
    /// row swaps, then forward substitution with unit `L`, then back substitution with `U`.
    @inlinable
    static func solve(
        _ a: UnsafePointer<Double>,
        dimension n: Int,
        pivots: UnsafePointer<Int>,
        _ b: UnsafeMutablePointer<Double>
    ) {
        var k = 0
        while k < n {
            let p = pivots[k]
            if p != k {
                let saved = b[k]
                b[k] = b[p]
                b[p] = saved
            }
            k &+= 1
        }

        // L y = P b, column-oriented: once y_k is known, eliminate it from the rows below.
        k = 0
        while k < n {
            let column = a + k &* n
            let yk = b[k]
            var i = k &+ 1
            while i < n {
                b[i] -= column[i] * yk
                i &+= 1
            }
            k &+= 1
        }

        // U x = y, column-oriented from the last unknown upwards.
        k = n &- 1
        while k >= 0 {
            let column = a + k &* n
            let xk = b[k] / column[k]
            b[k] = xk
            var i = 0
            while i < k {
                b[i] -= column[i] * xk
                i &+= 1
            }
            k &-= 1
        }
    }
}
