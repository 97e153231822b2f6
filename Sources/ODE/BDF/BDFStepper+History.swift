extension BDFStepper {
    /// Re-samples the order-`k` history polynomial on a grid of spacing `r·h` (Shampine & Reichelt
    /// 1997, §2.4; scipy's `change_D`): `D ← (R(r) U)ᵀ D` on `D_0 … D_k`, with
    /// `R(r)[i][j] = Π_{m=1}^{i} (m − 1 − r j)/m` (`R[0][j] = 1`, `R[i][0] = 0` for `i ≥ 1`) and
    /// `U = R(1)`. `D_0` is unchanged; `D_{k+1}`, `D_{k+2}` are not (they are re-established by
    /// `k + 1` equal steps before order selection reads them).
    @inlinable
    func rescaleHistory(by r: Double) {
        let k = currentOrder
        let stride = BDFTables.maxOrder + 1
        fillChangeMatrix(rMatrix, order: k, factor: r)
        fillChangeMatrix(uMatrix, order: k, factor: 1)
        for i in 0...k {
            for j in 0...k {
                var s = 0.0
                for m in 0...k { s += rMatrix[i &* stride &+ m] * uMatrix[m &* stride &+ j] }
                productMatrix[i &* stride &+ j] = s
            }
        }
        for j in 0...k {
            let out = rescaled + j &* n
            out.update(repeating: 0, count: n)
            for i in 0...k {
                let w = productMatrix[i &* stride &+ j]
                if w == 0 { continue }
                let di = differences + i &* n
                for e in 0..<n { out[e] += w * di[e] }
            }
        }
        differences.update(from: rescaled, count: (k &+ 1) &* n)
    }

    /// Writes `R(factor)` for `order` into `matrix` (row-major, stride `maxOrder + 1`).
    @inlinable
    func fillChangeMatrix(_ matrix: UnsafeMutablePointer<Double>, order k: Int, factor r: Double) {
        let stride = BDFTables.maxOrder + 1
        for j in 0...k { matrix[j] = 1 }
        for i in 1...k {
            matrix[i &* stride] = 0
            for j in 1...k {
                matrix[i &* stride &+ j] = matrix[(i &- 1) &* stride &+ j] * (Double(i - 1) - r * Double(j)) / Double(i)
            }
        }
    }

    /// The interpolant of the last attempted step: the polynomial of degree `k` through
    /// `y_{n+1}, y_n, …, y_{n+1−k}` (scipy's `BdfDenseOutput`),
    /// `y(t_n + θh) = Σ_{j=0}^{k} φ_j(θ) ∇^j y_{n+1}`, `φ_j(θ) = Π_{m=0}^{j−1} (θ − 1 + m)/(m + 1)`,
    /// converted to monomials in θ (coefficients of degree `k + 1 … maxOrder` are zero). The new
    /// differences are formed on the fly (`∇^j y_{n+1} = d + Σ_{i=j}^{k} D_i`), so this may be called
    /// any number of times before `acceptStep`. The constant term is `y` itself (exactly `p(0)`).
    @inlinable
    public func interpolant(t: Double, state y: UnsafePointer<Double>, step h: Double,
                            into coefficients: UnsafeMutablePointer<Double>) {
        let k = currentOrder
        let stride = BDFTables.maxOrder + 1
        coefficients.update(repeating: 0, count: (maxOrder &+ 1) &* n)
        let running = residual
        running.update(from: correction, count: n)
        var j = k
        while j >= 1 {
            let dj = differences + j &* n
            for i in 0..<n { running[i] += dj[i] }
            for p in 1...j {
                let b = basis[j &* stride &+ p]
                if b == 0 { continue }
                let cp = coefficients + p &* n
                for i in 0..<n { cp[i] += b * running[i] }
            }
            j -= 1
        }
        coefficients.update(from: y, count: n)
    }
}
