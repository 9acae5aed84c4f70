#!/usr/bin/env bash
# Import speed, native side (issue 15): on one generated N-row × 10-column workbook
# (bench/import-workbook.mjs; default 100,000 rows), in one run, each timed as a whole
# process, the minimum wall time of 3 runs and its peak RSS (/usr/bin/time):
#   - `sheetkpi report F.xlsx --format csv` (release build: every KPI per row, group, total)
#   - calamine alone streaming every cell of F.xlsx (examples/calamine-read.rs)
#   - polars read_excel (fastexcel) + the group KPIs + CSV (bench/polars-report.py)
#   - the same two on the CSV form of the same rows (sheetkpi report F.csv, polars read_csv)
# then the ratios ours / calamine and ours / polars.
#
# Usage: bench/import-speed.sh [ROWS=100000]
#   Honours CARGO_TARGET_DIR. polars 2.1.0 and fastexcel 0.21.0 are installed once into
#   target/bench-venv (PyPI); without them the polars lines are skipped.
#   BASE=path/to/another/sheetkpi also times that binary on both files (a before/after
#   comparison in the same run).
#   Run it on a quiet machine (nice, nothing else building): the ratios come from one run.
set -euo pipefail
cd "$(dirname "$0")/.."
ROWS=${1:-100000}
T=${CARGO_TARGET_DIR:-target}
DIR=target/bench-import
XLSX=$DIR/campaigns-$ROWS.xlsx
CSV=$DIR/campaigns-$ROWS.csv
[ -f "$XLSX" ] || node --max-old-space-size=4096 bench/import-workbook.mjs "$ROWS" "$XLSX"
[ -f "$CSV" ] || node --max-old-space-size=4096 bench/import-workbook.mjs "$ROWS" "$CSV"
cargo build --release --quiet -p sheetkpi-cli
cargo build --release --quiet -p sheetkpi --features import --example calamine-read
SHEETKPI=$T/release/sheetkpi
CALAMINE=$T/release/examples/calamine-read

VENV=target/bench-venv
if [ ! -x "$VENV/bin/python" ] || ! "$VENV/bin/python" -c 'import polars, fastexcel' 2>/dev/null; then
  { python3 -m venv "$VENV" && "$VENV/bin/pip" install --quiet polars==2.1.0 fastexcel==0.21.0; } >&2 || true
fi
POLARS=
"$VENV/bin/python" -c 'import polars, fastexcel' 2>/dev/null && POLARS="$VENV/bin/python bench/polars-report.py"

# Every command runs 3 times, round by round (A B C, A B C, A B C), so that a burst of
# load on a shared machine slows all of them alike; each keeps its minimum wall time and
# that run's peak RSS.
NAMES=() CMDS=()
add() { NAMES+=("$1"); shift; CMDS+=("$(printf '%q ' "$@")"); }
add "sheetkpi report F.xlsx --format csv" "$SHEETKPI" report "$XLSX" --format csv
[ -n "${BASE:-}" ] && add "BASE report F.xlsx --format csv" "$BASE" report "$XLSX" --format csv
add "calamine 0.38 worksheet_cells_reader, every cell" "$CALAMINE" "$XLSX"
[ -n "$POLARS" ] && add "polars read_excel + group KPIs + CSV" $POLARS "$XLSX" "$DIR/polars-xlsx.csv"
add "sheetkpi report F.csv --format csv" "$SHEETKPI" report "$CSV" --format csv
[ -n "${BASE:-}" ] && add "BASE report F.csv --format csv" "$BASE" report "$CSV" --format csv
[ -n "$POLARS" ] && add "polars read_csv + group KPIs + CSV" $POLARS "$CSV" "$DIR/polars-csv.csv"

declare -A WALL RSS
for _ in 1 2 3; do
  for i in "${!NAMES[@]}"; do
    t=$(mktemp)
    eval "/usr/bin/time -f '%e %M' -o $t ${CMDS[$i]}" > /dev/null
    read -r secs kb < "$t"
    rm -f "$t"
    name=${NAMES[$i]}
    if [ -z "${WALL[$name]:-}" ] || awk -v a="$secs" -v b="${WALL[$name]}" 'BEGIN { exit !(a < b) }'; then
      WALL[$name]=$secs RSS[$name]=$((kb / 1024))
    fi
  done
done
ratio() { awk -v a="${WALL[$1]}" -v b="${WALL[$2]}" 'BEGIN { printf "%.2f", a / b }'; }

echo "$ROWS rows × 10 columns: $XLSX ($(stat -c %s "$XLSX") bytes), $CSV; minimum of 3 interleaved runs"
for name in "${NAMES[@]}"; do
  printf '%-58s %7.2f s  %6d MB\n' "$name" "${WALL[$name]}" "${RSS[$name]}"
done
echo "xlsx: ours / calamine $(ratio 'sheetkpi report F.xlsx --format csv' 'calamine 0.38 worksheet_cells_reader, every cell')×"
[ -n "${BASE:-}" ] && echo "xlsx: BASE / calamine $(ratio 'BASE report F.xlsx --format csv' 'calamine 0.38 worksheet_cells_reader, every cell')×"
if [ -n "$POLARS" ]; then
  echo "xlsx: ours / polars $(ratio 'sheetkpi report F.xlsx --format csv' 'polars read_excel + group KPIs + CSV')×"
  echo "csv:  ours / polars $(ratio 'sheetkpi report F.csv --format csv' 'polars read_csv + group KPIs + CSV')×"
fi
exit 0
