#!/usr/bin/env bash
# Renders a BenzoSim report in a real browser (headless Chromium) and checks what it shows:
# the page's text as the browser parsed it holds the legend and the axis titles, and a
# screenshot is not blank and shows the runs' colours.
#   scripts/check_report_render.sh [BENZOSIM] [--screenshot OUT.png]
# BENZOSIM defaults to .build/debug/benzosim. Installs Debian's chromium if it is missing (root or
# sudo). With --screenshot, also writes the taper comparison figure (withdrawal and synapse
# density) as a PNG, e.g. for Docs/images/taper_comparison.png.
set -euo pipefail
cd "$(dirname "$0")/.."

benzosim=.build/debug/benzosim
screenshot=""
while (($#)); do
    case "$1" in
        --screenshot) screenshot="$2"; shift 2 ;;
        *) benzosim="$1"; shift ;;
    esac
done
[ -x "$benzosim" ] || { echo "check_report_render: $benzosim is not an executable (build first: swift build)" >&2; exit 2; }

browser=$(command -v chromium || command -v chromium-browser || true)
if [ -z "$browser" ]; then
    sudo=""
    if [ "$(id -u)" -ne 0 ]; then sudo="sudo"; fi
    echo "check_report_render: installing chromium" >&2
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq chromium fonts-dejavu-core >/dev/null
    browser=$(command -v chromium)
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
scenarios=(Examples/scenarios/abrupt_stop.yaml Examples/scenarios/taper_10pct_2wk.yaml Examples/scenarios/taper_25pct_2wk.yaml)
labels=(--label "abrupt stop" --label "taper 10% every 2 weeks" --label "taper 25% every 2 weeks")
"$benzosim" report "${scenarios[@]}" "${labels[@]}" --outputs withdrawal,synapses --every 6h \
    --title "Abrupt stop vs two tapers" -o "$work/report.html"
"$benzosim" plot "${scenarios[@]}" "${labels[@]}" --outputs withdrawal,synapses --every 6h \
    --title "Diazepam 10 mg/day for 26 weeks: abrupt stop vs two tapers" -o "$work/figure.svg"

chrome() {
    timeout 120 "$browser" --headless --no-sandbox --disable-gpu --hide-scrollbars --no-first-run \
        --user-data-dir="$work/profile" "$@" 2>>"$work/chromium.log"
}
fail() { echo "check_report_render: FAIL: $*" >&2; tail -5 "$work/chromium.log" >&2 || true; exit 1; }

# The DOM after the browser loaded the page: the figure's legend and axis titles are in it.
chrome --dump-dom "file://$work/report.html" >"$work/dom.html" || fail "chromium could not load the report"
for text in "abrupt stop" "taper 10% every 2 weeks" "taper 25% every 2 weeks" "time (days)" ">withdrawal<" ">synapse density<" "withdrawal_peak"; do
    grep -qF -- "$text" "$work/dom.html" || fail "the rendered page lacks '$text'"
done
grep -q "<svg" "$work/dom.html" || fail "no inline SVG in the rendered page"

# Pixels: not blank, and the three runs' colours (Okabe-Ito blue, vermillion, green) are drawn.
chrome --screenshot="$work/report.png" --window-size=1000,900 "file://$work/report.html" >/dev/null || fail "no screenshot"
python3 scripts/png_check.py "$work/report.png" "#0072B2" "#D55E00" "#009E73" || fail "the screenshot looks wrong"

if [ -n "$screenshot" ]; then
    size=$(grep -o -m1 'width="[0-9.]*" height="[0-9.]*"' "$work/figure.svg" | tr -dc '0-9 ' | tr ' ' ',')
    chrome --screenshot="$work/figure.png" --window-size="$size" "file://$work/figure.svg" >/dev/null || fail "no figure screenshot"
    python3 scripts/png_check.py "$work/figure.png" "#0072B2" "#D55E00" "#009E73" || fail "the figure screenshot looks wrong"
    cp "$work/figure.png" "$screenshot"
fi
echo "check_report_render: ok (legend, axis titles and runs' colours rendered by $("$browser" --version 2>/dev/null | head -1))"
