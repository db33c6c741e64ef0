#!/usr/bin/env bash
# The CUR parser experiment (a measurement, not a test; docs/benchmarks.md, "CUR parser: experiment").
#   tools/bench/cur-parsers.sh [SIZE] [ROUNDS]      SIZE of the generated report (default 1GB), ROUNDS (default 3)
# On the same generated report (.csv and gzip -6 .csv.gz), ROUNDS interleaved rounds of:
#   - the product's parser (FastCSV + CurAggregator, i.e. CurReader.aggregate), and those it was chosen over:
#     commons-csv feeding the same CurAggregator (the first product parser), commons-csv alone (no aggregation:
#     its ceiling), commons-csv on every core (chunks cut at record boundaries), jackson-dataformat-csv;
#     gzip files also with --pipeline (inflate on a second thread); the product and commons-csv also under C1 only
#     (-XX:TieredStopAtLevel=1, the default of Lambda's java17/java21 runtimes);
#     every Java run in a fresh JVM with -Xmx64m -XX:+UseSerialGC;
#   - the Python peer (tools/bench/cur_aggregate.py) and gzip -dc.
# Then checks that every parser's totals equal the Python peer's byte for byte, and prints min/median/max of wall
# MB/s and CPU MB/s (10^6 bytes of uncompressed CSV per second of process CPU time) per configuration.
# The generated files are deleted at the end, whatever happens (the disk is shared).
set -euo pipefail
cd "$(dirname "$0")/../.."
SIZE="${1:-1GB}"
ROUNDS="${2:-3}"
DIR="$(mktemp -d "${TMPDIR:-/tmp}/edp-cur-parsers.XXXXXX")"
trap 'rm -rf "$DIR"' EXIT
BENCH=tools/bench/cur-parsers/target/cur-parsers-bench.jar

./edp build
mvn -q -B -Pbench -pl tools/bench/cur-parsers -am -DskipTests package
echo "## machine: $(nproc) CPUs, $(java -version 2>&1 | head -1), $(python3 --version), $(gzip --version | head -1)"
java -jar cli/target/edp-cli.jar cur generate --size "$SIZE" "$DIR/r.csv"
gzip -6 -c "$DIR/r.csv" > "$DIR/r.csv.gz"
BYTES=$(stat -c %s "$DIR/r.csv")
RESULTS="$DIR/results"
: > "$RESULTS"

# java LABEL [JVM flags...] -- PARSER ARGS...: one fresh JVM; appends "LABEL wall_mb_s cpu_mb_s peak_heap_mib".
java_run() {
  local label=$1; shift
  local flags=()
  while [[ $1 != -- ]]; do flags+=("$1"); shift; done; shift
  local line
  line=$(java -Xmx64m -XX:+UseSerialGC "${flags[@]}" -jar "$BENCH" "$@" --bytes "$BYTES")
  echo "$line"
  echo "$label $(grep -o ' mb_per_s=[0-9.]*' <<<"$line" | cut -d= -f2) $(grep -o 'mb_per_cpu_s=[0-9.]*' <<<"$line" | cut -d= -f2) \
$(grep -o 'peak_heap_mib=[0-9.]*' <<<"$line" | cut -d= -f2)" >> "$RESULTS"
}

# timed LABEL COMMAND...: wall and CPU (user + sys) of a command whose output is discarded.
timed() {
  local label=$1; shift
  /usr/bin/time -f "%e %U %S %M" -o "$DIR/time" "$@" > /dev/null
  read -r wall user sys rss < "$DIR/time"
  echo "$label wall=${wall}s cpu=$(echo "$user + $sys" | bc)s peak_rss_kib=$rss"
  echo "$label $(echo "scale=1; $BYTES / 1000000 / $wall" | bc) $(echo "scale=1; $BYTES / 1000000 / ($user + $sys)" | bc) -" >> "$RESULTS"
}

for round in $(seq "$ROUNDS"); do
  echo "## round $round: $(uptime)"
  for parser in fastcsv commons-csv jackson-csv; do
    java_run "$parser .csv" -- "$parser" "$DIR/r.csv"
    java_run "$parser .csv.gz" -- "$parser" "$DIR/r.csv.gz"
    java_run "$parser .csv.gz+pipeline" -- "$parser" --pipeline "$DIR/r.csv.gz"
  done
  java_run "commons-csv-parse-only .csv" -- commons-csv-parse-only "$DIR/r.csv"
  java_run "commons-csv-parallel .csv" -- commons-csv-parallel "$DIR/r.csv"
  java_run "commons-csv-parallel .csv.gz+pipeline" -- commons-csv-parallel --pipeline "$DIR/r.csv.gz"
  java_run "commons-csv .csv C1-only" -XX:TieredStopAtLevel=1 -- commons-csv "$DIR/r.csv"
  java_run "fastcsv .csv C1-only" -XX:TieredStopAtLevel=1 -- fastcsv "$DIR/r.csv"
  timed "gzip-dc .csv.gz" gzip -dc "$DIR/r.csv.gz"
  timed "python .csv" python3 tools/bench/cur_aggregate.py "$DIR/r.csv"
  timed "python .csv.gz" python3 tools/bench/cur_aggregate.py "$DIR/r.csv.gz"
done
echo "## after: $(uptime)"

echo "## outputs"
python3 tools/bench/cur_aggregate.py "$DIR/r.csv.gz" > "$DIR/python.csv"
for parser in fastcsv commons-csv commons-csv-parallel jackson-csv; do
  java -Xmx64m -XX:+UseSerialGC -jar "$BENCH" "$parser" --pipeline "$DIR/r.csv.gz" --bytes "$BYTES" --out "$DIR/$parser.csv" > /dev/null
  cmp -s "$DIR/$parser.csv" "$DIR/python.csv" && echo "$parser: totals identical to the Python peer's ($(($(wc -l < "$DIR/python.csv") - 1)) groups)" \
    || { echo "$parser: totals DIFFER from the Python peer's"; exit 1; }
done

echo "## MB/s over $ROUNDS rounds: wall min/median/max | CPU min/median/max | peak heap MiB (Java, max)"
python3 - "$RESULTS" <<'PY'
import statistics, sys
rows = {}
for line in open(sys.argv[1]):
    *label, wall, cpu, heap = line.split()
    rows.setdefault(" ".join(label), []).append((float(wall), float(cpu), heap))
for label, runs in rows.items():
    wall = sorted(r[0] for r in runs); cpu = sorted(r[1] for r in runs)
    heaps = [float(r[2]) for r in runs if r[2] != "-"]
    print(f"{label:34} {wall[0]:7.1f} {statistics.median(wall):7.1f} {wall[-1]:7.1f} | "
          f"{cpu[0]:7.1f} {statistics.median(cpu):7.1f} {cpu[-1]:7.1f} | {max(heaps) if heaps else '-'}")
PY
