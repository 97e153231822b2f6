#!/usr/bin/env bash
# Installs the system packages BenzoSim needs (Debian/Ubuntu) and builds it in release mode.
#   scripts/setup.sh            install what is missing, then build
#   scripts/setup.sh --deps     install only
#   scripts/setup.sh --bench    also install SUNDIALS (CVODE), which Benchmarks/Comparison/run.sh
#                               compares against (combine with --deps to skip the build)
set -euo pipefail
cd "$(dirname "$0")/.."

deps_only=0 bench=0
for arg in "$@"; do
    case "$arg" in
        --deps) deps_only=1 ;;
        --bench) bench=1 ;;
        *) echo "setup: unknown option $arg (expected --deps and/or --bench)" >&2; exit 64 ;;
    esac
done

# chromium, fonts and python3: the test that renders a report in a real browser (scripts/check_report_render.sh).
packages=(libopenblas-dev liblapacke-dev pkg-config chromium fonts-dejavu-core python3)
if ((bench)); then packages+=(libsundials-dev); fi
missing=()
for p in "${packages[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
    sudo=""
    if [ "$(id -u)" -ne 0 ]; then sudo="sudo"; fi
    echo "setup: installing ${missing[*]}" >&2
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" >/dev/null
fi
command -v swift >/dev/null || { echo "setup: swift is not on PATH; install Swift 6.1 or later (swift.org)" >&2; exit 1; }

if ((!deps_only)); then
    swift build -c release
fi
