#!/usr/bin/env python3
"""SciPy side of the comparison harness: the problems of cvode_problems.c with
scipy.integrate's LSODA, BDF, Radau and DOP853 (the classes solve_ivp drives, stepped here
directly so that the accepted steps can be counted; samples come from each step's dense output,
exactly as solve_ivp's t_eval does). Doses restart the solver at the dose time.

  python3 scipy_problems.py <robertson|vdp|pk|diazepam> <LSODA|BDF|Radau|DOP853> <rtol> <repeats> [trajectory-file] [--budget SECONDS]

Prints: solver,problem,rtol,median_seconds,steps,rhs_evals,jac_evals and writes the sampled
trajectory of the last repeat ("t y1 ... yn" per line; the last line is the end time).
Repeats stop early once the time budget (default 20 s) is spent (at least one run).
"""
import math
import sys
import time

import numpy as np
from scipy.integrate import BDF, DOP853, LSODA, Radau

METHODS = {"LSODA": LSODA, "BDF": BDF, "Radau": Radau, "DOP853": DOP853}

# ---------------- Robertson ----------------
def rob_f(t, y):
    return np.array([-0.04 * y[0] + 1e4 * y[1] * y[2],
                     0.04 * y[0] - 1e4 * y[1] * y[2] - 3e7 * y[1] * y[1],
                     3e7 * y[1] * y[1]])

def rob_j(t, y):
    return np.array([[-0.04, 1e4 * y[2], 1e4 * y[1]],
                     [0.04, -1e4 * y[2] - 6e7 * y[1], -1e4 * y[1]],
                     [0.0, 6e7 * y[1], 0.0]])

# ---------------- Van der Pol mu = 1000 ----------------
MU = 1000.0
def vdp_f(t, y):
    return np.array([y[1], MU * (1 - y[0] * y[0]) * y[1] - y[0]])

def vdp_j(t, y):
    return np.array([[0.0, 1.0], [-2 * MU * y[0] * y[1] - 1, MU * (1 - y[0] * y[0])]])

# ---------------- 60-dose linear PK ----------------
KA, K10, K12, K21 = 1.2, 0.1, 0.3, 0.15
def pk_f(t, y):
    return np.array([-KA * y[0], KA * y[0] - (K10 + K12) * y[1] + K21 * y[2], K12 * y[1] - K21 * y[2]])

PK_J = np.array([[-KA, 0, 0], [KA, -(K10 + K12), K21], [0, K12, -K21]], dtype=float)
def pk_j(t, y):
    return PK_J

# ---------------- Diazepam reference model, reference subject ----------------
# Resolved as DiazepamModel.init does for the default human parameters and the reference
# covariates (70 kg, 30 y, male, CYP2C19 normal; every covariate factor is 1).
mwDz, mwNdz, mwTmz, mwOxz = 284.74, 270.71, 300.74, 286.71
v1, v2, cl, q, vNdz, vTmz, vOxz = 16.0, 55.0, 1.6, 8.0, 87.0, 67.0, 41.0
clNdz, clTmz, clOxz = 1.0, 4.9, 4.5
ka = 2.2; k10 = cl / v1; k12 = q / v1; k21 = q / v2
kNdz = clNdz / vNdz; kTmz = clTmz / vTmz; kOxz = clOxz / vOxz
formNdz = 0.6 * k10 * mwNdz / mwDz
formTmz = 0.3 * k10 * mwTmz / mwDz
formOxzFromNdz = 0.8 * kNdz * mwOxz / mwNdz
formOxzFromTmz = 0.05 * kTmz * mwOxz / mwTmz
fuDz = min(0.5, 0.02 * 1.0)
uDz = fuDz * 1e6 / (mwDz * v1); uNdz = 0.03 * 1e6 / (mwNdz * vNdz)
uTmz = 0.03 * 1e6 / (mwTmz * vTmz); uOxz = 0.045 * 1e6 / (mwOxz * vOxz)
gDz, gNdz, gTmz, gOxz = uDz / 60, uNdz / 60, uTmz / 120, uOxz / 120
tDz, tNdz, tTmz, tOxz = uDz / 10, uNdz / 10, 0.0, uOxz / 30000   # Ki_tspo_tmz = inf
kTspo, tspoMaxUp, kMgOn, kMgOff, kEngulf, kSyn = 0.02, 0.2, 0.05, 0.02, 0.002, 0.004
emax, kCoupRec, kCoupLoss, homeostasis, kAmpa, kNmda = 1.0, 0.011, 0.012, 0.7, 0.02, 0.006

def dz_f(t, y):
    depot, central, peripheral, ndz, tmz, oxz, tspo, mg, syn, coup, ampa, nmda = y
    sg = gDz * central + gNdz * ndz + gTmz * tmz + gOxz * oxz
    st = tDz * central + tNdz * ndz + tTmz * tmz + tOxz * oxz
    occG = sg / (1 + sg); occT = st / (1 + st)
    target = 1 + homeostasis * emax * coup * occG
    return np.array([
        -ka * depot,
        ka * depot - (k10 + k12) * central + k21 * peripheral,
        k12 * central - k21 * peripheral,
        formNdz * central - kNdz * ndz,
        formTmz * central - kTmz * tmz,
        formOxzFromNdz * ndz + formOxzFromTmz * tmz - kOxz * oxz,
        kTspo * (1 + tspoMaxUp * occT - tspo),
        kMgOn * occT * tspo * (1 - mg) - kMgOff * mg,
        kSyn * (1 - syn) - kEngulf * mg * syn,
        kCoupRec * (1 - coup) - kCoupLoss * occG * coup,
        kAmpa * (target - ampa),
        kNmda * (target - nmda)])

def dz_j(t, y):
    J = np.zeros((12, 12))
    tspo, mg, syn, coup = y[6], y[7], y[8], y[9]
    J[0, 0] = -ka
    J[1, 0] = ka; J[1, 1] = -(k10 + k12); J[1, 2] = k21
    J[2, 1] = k12; J[2, 2] = -k21
    J[3, 1] = formNdz; J[3, 3] = -kNdz
    J[4, 1] = formTmz; J[4, 4] = -kTmz
    J[5, 3] = formOxzFromNdz; J[5, 4] = formOxzFromTmz; J[5, 5] = -kOxz
    sg = gDz * y[1] + gNdz * y[3] + gTmz * y[4] + gOxz * y[5]
    st = tDz * y[1] + tNdz * y[3] + tTmz * y[4] + tOxz * y[5]
    occG = sg / (1 + sg); occT = st / (1 + st)
    dg = 1 / ((1 + sg) * (1 + sg)); dt = 1 / ((1 + st) * (1 + st))
    for c, g, tw in ((1, gDz, tDz), (3, gNdz, tNdz), (4, gTmz, tTmz), (5, gOxz, tOxz)):
        dG, dT = g * dg, tw * dt
        J[6, c] = kTspo * tspoMaxUp * dT
        J[7, c] = kMgOn * tspo * (1 - mg) * dT
        J[9, c] = -kCoupLoss * coup * dG
        J[10, c] = kAmpa * homeostasis * emax * coup * dG
        J[11, c] = kNmda * homeostasis * emax * coup * dG
    J[6, 6] = -kTspo
    J[7, 6] = kMgOn * occT * (1 - mg)
    J[7, 7] = -kMgOn * occT * tspo - kMgOff
    J[8, 7] = -kEngulf * syn
    J[8, 8] = -kSyn - kEngulf * mg
    J[9, 9] = -kCoupRec - kCoupLoss * occG
    J[10, 9] = kAmpa * homeostasis * emax * occG
    J[10, 10] = -kAmpa
    J[11, 9] = kNmda * homeostasis * emax * occG
    J[11, 11] = -kNmda
    return J


def problem(name):
    """(f, jac, y0, t0, tend, atol scale, dose times, dose amount, dose component, sample times)"""
    if name == "robertson":
        return (rob_f, rob_j, [1.0, 0.0, 0.0], 0.0, 1e5, np.array([1e-2, 1e-8, 1e-2]), [], 0, 0,
                [10.0 ** k for k in range(-5, 6)])
    if name == "vdp":
        return (vdp_f, vdp_j, [2.0, 0.0], 0.0, 3000.0, np.array([1e-2, 1e-2]), [], 0, 0,
                [100.0 * k for k in range(1, 31)])
    if name == "pk":
        return (pk_f, pk_j, [10.0, 0.0, 0.0], 0.0, 1440.0, np.full(3, 1e-2), [24.0 * k for k in range(1, 60)],
                10.0, 0, [k + 0.5 for k in range(1440)] + [1440.0])
    if name == "diazepam":
        y0 = [0.0] * 12
        for i in (6, 8, 9, 10, 11):
            y0[i] = 1.0
        return (dz_f, dz_j, y0, 0.0, 450 * 24.0, np.full(12, 1e-2), [24.0 * k + 0.2 for k in range(365)],
                0.95 * 10, 0, [24.0 * k for k in range(451)])
    raise SystemExit(f"unknown problem {name}")


def solve(spec, cls, rtol):
    f, jac, y0, t0, tend, ascale, doses, amount, comp, samples = spec
    atol = rtol * ascale
    y = np.array(y0, dtype=float)
    out = np.empty((len(samples), len(y)))
    steps = nfev = njev = 0
    si = 0
    t = t0
    bounds = list(doses) + [tend]
    for seg, b in enumerate(bounds):
        while si < len(samples) and samples[si] <= t:   # samples at the current time
            out[si] = y; si += 1
        if b > t:
            kw = {} if cls is DOP853 else {"jac": jac}
            s = cls(f, t, y, b, rtol=rtol, atol=atol, **kw)
            while s.status == "running":
                told = s.t
                msg = s.step()
                if s.status == "failed":
                    raise RuntimeError(f"{cls.__name__} failed at t={s.t}: {msg}")
                steps += 1
                if si < len(samples) and samples[si] <= s.t:
                    sol = s.dense_output()
                    while si < len(samples) and samples[si] <= s.t:
                        out[si] = s.y if samples[si] == s.t else sol(samples[si]); si += 1
            nfev += s.nfev; njev += s.njev
            y = s.y.copy(); t = b
        if seg < len(doses):
            y[comp] += amount
    return out, steps, nfev, njev


def main():
    args = [a for a in sys.argv[1:]]
    budget = 20.0
    if "--budget" in args:
        i = args.index("--budget"); budget = float(args[i + 1]); del args[i:i + 2]
    name, method, rtol, repeats = args[0], args[1], float(args[2]), int(args[3])
    spec = problem(name)
    times = []
    start = time.perf_counter()
    for r in range(max(1, repeats)):
        t0 = time.perf_counter()
        out, steps, nfev, njev = solve(spec, METHODS[method], rtol)
        times.append(time.perf_counter() - t0)
        if time.perf_counter() - start > budget:
            break
    times.sort()
    n = len(times)
    median = times[n // 2] if n % 2 else 0.5 * (times[n // 2 - 1] + times[n // 2])
    print(f"scipy-{method},{name},{rtol:g},{median:.9g},{steps},{nfev},{njev}", flush=True)
    if len(args) > 4:
        with open(args[4], "w") as fp:
            for t, row in zip(spec[9], out):
                fp.write("%.17g" % t + "".join(" %.17g" % v for v in row) + "\n")


if __name__ == "__main__":
    main()
