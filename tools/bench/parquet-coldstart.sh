#!/usr/bin/env bash
# A fresh JVM's first CUR report, CSV against Parquet, on the Lambda jar (a measurement, not a test; docs/benchmarks.md,
# "Parquet"). Lambda's JVM flags (-XX:TieredStopAtLevel=1, serial GC); the same 100 kB of line items as .csv and as
# CUR 2.0 Parquet (edp cur generate), read by FirstReport (a stream through CurReader, as from S3), ROUNDS interleaved
# rounds; prints the JVM start → report summed milliseconds and the process's CPU seconds, median of the rounds;
# parquet-primed: priming (CurParquet.prime) first, then the milliseconds of the report's read alone.
#   tools/bench/parquet-coldstart.sh [ROUNDS]                    default 7
#   BEFORE_JAR=/tmp/edp-runtime-lambda-before.jar ...            also times that Lambda jar on the CSV
#   EDP_LAMBDA_JAR=... EDP_CLI_JAR=...                           other jars than runtime/target and cli/target
set -euo pipefail
cd "$(dirname "$0")/../.."
ROUNDS="${1:-7}"
LAMBDA="${EDP_LAMBDA_JAR:-runtime/target/edp-runtime-lambda.jar}"
CLI="${EDP_CLI_JAR:-cli/target/edp-cli.jar}"
[[ -f "$LAMBDA" && -f "$CLI" ]] || ./edp build
DIR="$(mktemp -d "${TMPDIR:-/tmp}/edp-parquet-cold.XXXXXX")"
trap 'rm -rf "$DIR"' EXIT
java -jar "$CLI" cur generate --size 100KB --layout CUR2 "$DIR/r.csv" > /dev/null
java -jar "$CLI" cur generate --size 100KB --layout CUR2 --format parquet "$DIR/r.parquet" > /dev/null
javac -d "$DIR/probe" -cp "$LAMBDA" tools/bench/parquet-coldstart/FirstReport.java
echo "## $(nproc) CPUs, $(java -version 2>&1 | head -1), Lambda jar $(stat -c %s "$LAMBDA") bytes${BEFORE_JAR:+, before $(stat -c %s "$BEFORE_JAR") bytes}"
time_one() { # name jar file [primed]
  /usr/bin/time -f "%U %S" -o "$DIR/time" java -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -cp "$2:$DIR/probe" FirstReport "$3" ${4:-} > "$DIR/out"
  echo "$1 $(cut -d' ' -f1 "$DIR/out") $(cat "$DIR/time")" >> "$DIR/results"
}
for round in $(seq 1 "$ROUNDS"); do
  echo "## round $round, load average $(cut -d' ' -f1-3 /proc/loadavg)"
  [[ -n "${BEFORE_JAR:-}" ]] && time_one before-csv "$BEFORE_JAR" "$DIR/r.csv"
  time_one csv "$LAMBDA" "$DIR/r.csv"
  time_one parquet "$LAMBDA" "$DIR/r.parquet"
  time_one parquet-primed "$LAMBDA" "$DIR/r.parquet" primed # ms: the read after priming; CPU: the whole process
done
python3 - "$DIR/results" <<'PY'
import statistics, sys
runs = {}
for line in open(sys.argv[1]):
    name, millis, user, system = line.split()
    runs.setdefault(name, []).append((int(millis), float(user) + float(system)))
print(f"{'first report':<12} {'runs':>4} {'ms min / median / max':>22} {'CPU s median':>13}")
for name, values in runs.items():
    millis = sorted(v[0] for v in values)
    print(f"{name:<12} {len(values):>4} {millis[0]:>8} {statistics.median(millis):>6.0f} {millis[-1]:>6} "
          f"{statistics.median(v[1] for v in values):>13.2f}")
PY
