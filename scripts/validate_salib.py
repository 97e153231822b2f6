#!/usr/bin/env python3
"""Check BenzoSim's Sobol' indices against SALib's on BenzoSim's own runs (not run in CI).

BenzoSim writes every run of a Sobol' analysis to a samples CSV (id, group, role, varied, the
inputs, the outputs, status, message), in Saltelli order per base row: A, A_B^(1..d), B, which is
the layout SALib's `sobol.analyze(..., calc_second_order=False)` reads. This script hands each
output column to SALib and compares S1 and ST with BenzoSim's indices CSV: the estimators are the
same (Saltelli 2010 first order, Jansen total), so the point estimates must agree to rounding.
The intervals differ by construction (BenzoSim: percentile bootstrap; SALib: normal approximation
of its bootstrap), so only their half-widths are shown side by side.

Usage:
  pip install SALib
  python3 scripts/validate_salib.py                       # runs a small design with .build/release/benzosim
  python3 scripts/validate_salib.py --samples s.samples.csv --indices s.csv   # files of an earlier run

Exit status 0 when every |S1 − S1_SALib| and |ST − ST_SALib| is below --tolerance (default 1e-9).
"""
import argparse
import csv
import math
import os
import subprocess
import sys
import tempfile

from importlib.metadata import version

import numpy as np
from SALib.analyze import sobol

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

# A small design on the abrupt-stop scenario: TSPO affinity, glutamatergic rates, h_homeo.
DEFAULT_ARGS = [
    os.path.join(ROOT, "Examples", "scenarios", "abrupt_stop.yaml"), "--method", "sobol", "--count", "256",
    "--params", "Ki_tspo_dz,Ki_tspo_ndz,k_ampa,k_nmda,w_ampa,h_homeo",
    "--range", "Ki_tspo_dz=1:1000:log", "--range", "Ki_tspo_ndz=1:1000:log",
    "--outputs", "withdrawal_peak,synapses_min,synapse_recovery_h", "--quiet",
]


def read_samples(path):
    with open(path, newline="") as f:
        rows = list(csv.reader(f))
    header, body = rows[0], rows[1:]
    first_input = header.index("varied") + 1
    status = header.index("status")
    return header, body, first_input, status


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--benzosim", default=os.path.join(ROOT, ".build", "release", "benzosim"))
    parser.add_argument("--samples", help="samples CSV of an earlier run (with --indices)")
    parser.add_argument("--indices", help="indices CSV of the same run")
    parser.add_argument("--tolerance", type=float, default=1e-9)
    args = parser.parse_args()

    if args.samples is None:
        work = tempfile.mkdtemp(prefix="benzosim-salib-")
        args.indices = os.path.join(work, "sobol.csv")
        args.samples = os.path.join(work, "sobol.samples.csv")
        command = [args.benzosim, "sensitivity"] + DEFAULT_ARGS + ["-o", args.indices]
        print("$", " ".join(command[:1] + ["sensitivity"] + [os.path.relpath(a, ROOT) if a.startswith(ROOT) else a for a in command[2:]]))
        subprocess.run(command, check=True)

    header, body, first_input, status = read_samples(args.samples)
    # Inputs are the columns named in the `varied` column of AB rows; the rest up to status are outputs.
    varied = []
    for row in body:
        if row[2] == "AB" and row[3] not in varied:
            varied.append(row[3])
    d = len(varied)
    names = header[first_input:first_input + d]
    assert names == varied, f"input columns {names} are not the varied inputs {varied}"
    outputs = header[first_input + d:status]
    if any(row[status] != "ok" for row in body):
        sys.exit("some runs failed: SALib needs every run")

    benzosim = {}
    with open(args.indices, newline="") as f:
        for row in csv.DictReader(f):
            benzosim[(row["parameter"], row["output"], row["index"])] = row

    problem = {"num_vars": d, "names": names, "bounds": [[0.0, 1.0]] * d}  # bounds are not used by analyze
    worst = 0.0
    print(f"{len(body)} runs, {d} inputs, N = {len(body) // (d + 2)} base samples (SALib {version('SALib')})")
    print(f"{'output':<22} {'parameter':<12} {'S1 BenzoSim':>13} {'S1 SALib':>13} {'ST BenzoSim':>13} {'ST SALib':>13}"
          f" {'S1 ±, B/S':>15} {'ST ±, B/S':>15}")
    for k, output in enumerate(outputs):
        y = np.array([float(row[first_input + d + k]) for row in body])
        if not np.all(np.isfinite(y)):
            print(f"{output:<22} not finite in every run: skipped (BenzoSim writes nan)")
            continue
        s = sobol.analyze(problem, y, calc_second_order=False, num_resamples=1000, seed=1)
        for i, name in enumerate(names):
            s1 = float(benzosim[(name, output, "S1")]["value"])
            st = float(benzosim[(name, output, "ST")]["value"])
            h1 = (float(benzosim[(name, output, "S1")]["ci_high"]) - float(benzosim[(name, output, "S1")]["ci_low"])) / 2
            ht = (float(benzosim[(name, output, "ST")]["ci_high"]) - float(benzosim[(name, output, "ST")]["ci_low"])) / 2
            worst = max(worst, abs(s1 - s["S1"][i]), abs(st - s["ST"][i]))
            print(f"{output:<22} {name:<12} {s1:13.6f} {s['S1'][i]:13.6f} {st:13.6f} {s['ST'][i]:13.6f}"
                  f" {h1:7.4f}/{s['S1_conf'][i]:<7.4f} {ht:7.4f}/{s['ST_conf'][i]:<7.4f}")
    print(f"largest |BenzoSim − SALib| over S1 and ST: {worst:.3g} (tolerance {args.tolerance:g})")
    sys.exit(0 if worst < args.tolerance and not math.isnan(worst) else 1)


if __name__ == "__main__":
    main()
