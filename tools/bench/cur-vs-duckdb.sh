#!/usr/bin/env bash
# EDP against DuckDB on one core (a measurement, not a test; docs/benchmarks.md, "CUR parser against DuckDB").
#   tools/bench/cur-vs-duckdb.sh [ROUNDS] [SIZE]     ROUNDS interleaved rounds (default 5), SIZE of the report
#                                                    (default 528MB: 1,000,000 line items of the legacy layout)
#   BEFORE_JAR=/tmp/edp-cli-before.jar tools/bench/cur-vs-duckdb.sh   also measures that CLI jar, interleaved
#   EDP_CLI_JAR=/tmp/edp-cli.jar ...                                 measures that jar as edp (default cli/target)
#   JAVA25=/usr/lib/jvm/temurin-25-jdk-amd64/bin/java ...            also edp on that JDK with an AOT cache (JEP 483/515)
#   FILES=/tmp/cur-528MB ...                                         keeps the generated reports there, reuses them
# Generates one legacy-layout report (40 columns, no tag columns), gzips it (-6), then in each round, one after the
# other (A B C ... A B C ...), whole processes timed by /usr/bin/time (wall seconds; CPU seconds, user + sys, which a
# machine shared with other work disturbs less; peak RSS):
#   - edp: java -Xmx64m -XX:+UseSerialGC -XX:SharedArchiveFile (AppCDS) -jar cli/target/edp-cli.jar cur aggregate, .csv and
#     .csv.gz, with C2 (the JVM's default) and with C1 only (-XX:TieredStopAtLevel=1, Lambda's default and what
#     ./edp cur aggregate uses); .csv.gz inflated on a second thread (the default with 2+ processors) and on one
#     (-Dedp.cur.readAhead=false, the *-1t variants);
#   - unless EDP_CLI_JAR is set, what a user types: ./edp cur aggregate (launcher-*) and java -jar with no flags (jar-*);
#   - with JAVA25 set: the same jar on JDK 25 with an AOT cache (-XX:AOTCacheOutput on the training run below, then
#     -XX:AOTCache: classes loaded and linked, method profiles ahead of time), C2 and C1 only;
#   - DuckDB (tools/bench/.venv, duckdb pinned in tools/bench/requirements.txt) SET threads=1, DECIMAL(38,10) sums;
#   - gzip -dc of the .csv.gz; the Python peer (csv.DictReader + Decimal) on the .csv, first round only.
# The AppCDS archive is made first by a training run of the same jar on a small report (-XX:ArchiveClassesAtExit),
# as a deployment would ship it; CDS=0 measures without one. SKIP_PYTHON=1 leaves the Python peer out.
#   - Parquet: the same line items as a CUR 2.0 Parquet file (edp cur generate --format parquet: costs DOUBLE, dates
#     TIMESTAMP, Snappy), read by edp (C2 and C1) and by DuckDB (read_parquet, same DECIMAL(38,10) sums).
# Every output is compared with edp's (byte for byte); then the medians, and a table of issue 16's goals: each
# goal, its ratio (the other's median time / edp's: above 1 means edp is faster) and whether it is met.
# Files deleted at the end.
set -euo pipefail
cd "$(dirname "$0")/../.."
ROUNDS="${1:-5}"
SIZE="${2:-528MB}"
DIR="$(mktemp -d "${TMPDIR:-/tmp}/edp-cur-duckdb.XXXXXX")"
trap 'rm -rf "$DIR"' EXIT
# FILES=DIR keeps the generated reports there and reuses them on the next run (they take a minute to make).
if [[ -n "${FILES:-}" ]]; then
  mkdir -p "$FILES"
  ln -s "$(cd "$FILES" && pwd)"/r.csv "$(cd "$FILES" && pwd)"/r.csv.gz "$(cd "$FILES" && pwd)"/r.parquet "$DIR"/
fi
JAR="${EDP_CLI_JAR:-cli/target/edp-cli.jar}"
VENV=tools/bench/.venv
if [[ ! -x "$VENV/bin/python" ]]; then
  python3 -m venv "$VENV"
fi
"$VENV/bin/pip" install -q -r tools/bench/requirements.txt
[[ -f "$JAR" ]] || ./edp build
JAVA=(java -Xmx64m -XX:+UseSerialGC)

if [[ ! -s "$DIR/r.parquet" ]]; then
  java -jar "$JAR" cur generate --size "$SIZE" --tags 0 "$DIR/r.csv"
  gzip -6 -c "$DIR/r.csv" > "$DIR/r.csv.gz"
  # The same seed, so the same line items, under CUR 2.0's column names.
  java -jar "$JAR" cur generate --size "$SIZE" --tags 0 --layout CUR2 --format parquet "$DIR/r.parquet"
fi
if [[ "${CDS:-1}" != 0 ]]; then
  # The training run: the fast path's classes on a small report (gzip loads them all). The archive holds the jar's
  # path, size and time, so it is made anew each run; the JVM's warnings go to stderr, never into the outputs.
  ARCHIVE="$DIR/edp-cli.jsa"
  head -c 2000000 "$DIR/r.csv" | sed '$d' | gzip -c > "$DIR/train.csv.gz"
  JAVA+=(-Xlog:disable -Xlog:all=warning:stderr)
  "${JAVA[@]}" -XX:ArchiveClassesAtExit="$ARCHIVE" -jar "$JAR" cur aggregate "$DIR/train.csv.gz" > /dev/null
  JAVA+=(-XX:SharedArchiveFile="$ARCHIVE")
fi
if [[ -n "${JAVA25:-}" ]]; then
  J25=("$JAVA25" -Xmx64m -XX:+UseSerialGC -Xlog:disable -Xlog:all=warning:stderr)
  "${J25[@]}" -XX:AOTCacheOutput="$DIR/edp-cli.aot" -jar "$JAR" cur aggregate "$DIR/train.csv.gz" > /dev/null
  J25+=(-XX:AOTCache="$DIR/edp-cli.aot")
  echo "## edp on JDK 25: ${J25[*]} ($("$JAVA25" -version 2>&1 | head -1))"
fi
echo "## edp JVM: ${JAVA[*]}"
echo "## $(nproc) CPUs, $(java -version 2>&1 | head -1), $("$VENV/bin/python" -c 'import duckdb; print("duckdb", duckdb.__version__)'), $(gzip --version | head -1)"
echo "## file: $(($(wc -l < "$DIR/r.csv") - 1)) line items, $(head -1 "$DIR/r.csv" | tr ',' '\n' | wc -l) columns, $(stat -L -c %s "$DIR/r.csv") bytes; .gz $(stat -L -c %s "$DIR/r.csv.gz") bytes; .parquet $(stat -L -c %s "$DIR/r.parquet") bytes"

run() { # name out command...
  local name=$1 out=$2; shift 2
  /usr/bin/time -f "%e %U %S %M" -o "$DIR/time" "$@" > "$out"
  read -r wall user sys rss < "$DIR/time"
  echo "$name wall=$wall cpu=$(echo "$user + $sys" | bc -l) rss_kb=$rss" | tee -a "$DIR/results"
}
variants() {
  run edp-csv "$DIR/edp.csv" "${JAVA[@]}" -jar "$JAR" cur aggregate "$DIR/r.csv"
  run edp-gz "$DIR/edp.gz.csv" "${JAVA[@]}" -jar "$JAR" cur aggregate "$DIR/r.csv.gz"
  run edp-gz-1t "$DIR/edp-1t.gz.csv" "${JAVA[@]}" -Dedp.cur.readAhead=false -jar "$JAR" cur aggregate "$DIR/r.csv.gz"
  if [[ -z "${EDP_CLI_JAR:-}" ]]; then # what users type: the launcher, and java -jar with no flags at all
    run launcher-csv "$DIR/launcher.csv" ./edp cur aggregate "$DIR/r.csv"
    run launcher-gz "$DIR/launcher.gz.csv" ./edp cur aggregate "$DIR/r.csv.gz"
    run jar-csv "$DIR/jar.csv" java -jar "$JAR" cur aggregate "$DIR/r.csv"
    run jar-gz "$DIR/jar.gz.csv" java -jar "$JAR" cur aggregate "$DIR/r.csv.gz"
  fi
  run duckdb-csv "$DIR/duckdb.csv" "$VENV/bin/python" tools/bench/cur_duckdb.py "$DIR/r.csv"
  run duckdb-gz "$DIR/duckdb.gz.csv" "$VENV/bin/python" tools/bench/cur_duckdb.py "$DIR/r.csv.gz"
  run gzip-dc /dev/null gzip -dc "$DIR/r.csv.gz"
  run edp-parquet "$DIR/edp.parquet.csv" "${JAVA[@]}" -jar "$JAR" cur aggregate "$DIR/r.parquet"
  run duckdb-parquet "$DIR/duckdb.parquet.csv" "$VENV/bin/python" tools/bench/cur_duckdb.py "$DIR/r.parquet"
  run edp-c1-csv "$DIR/edp-c1.csv" "${JAVA[@]}" -XX:TieredStopAtLevel=1 -jar "$JAR" cur aggregate "$DIR/r.csv"
  run edp-c1-gz "$DIR/edp-c1.gz.csv" "${JAVA[@]}" -XX:TieredStopAtLevel=1 -jar "$JAR" cur aggregate "$DIR/r.csv.gz"
  run edp-c1-gz-1t "$DIR/edp-c1-1t.gz.csv" "${JAVA[@]}" -XX:TieredStopAtLevel=1 -Dedp.cur.readAhead=false -jar "$JAR" cur aggregate "$DIR/r.csv.gz"
  run edp-c1-parquet "$DIR/edp-c1.parquet.csv" "${JAVA[@]}" -XX:TieredStopAtLevel=1 -jar "$JAR" cur aggregate "$DIR/r.parquet"
  if [[ -n "${JAVA25:-}" ]]; then
    run aot25-csv "$DIR/aot25.csv" "${J25[@]}" -jar "$JAR" cur aggregate "$DIR/r.csv"
    run aot25-gz "$DIR/aot25.gz.csv" "${J25[@]}" -jar "$JAR" cur aggregate "$DIR/r.csv.gz"
    run aot25-c1-csv "$DIR/aot25-c1.csv" "${J25[@]}" -XX:TieredStopAtLevel=1 -jar "$JAR" cur aggregate "$DIR/r.csv"
    run aot25-c1-gz "$DIR/aot25-c1.gz.csv" "${J25[@]}" -XX:TieredStopAtLevel=1 -jar "$JAR" cur aggregate "$DIR/r.csv.gz"
  fi
  if [[ -n "${BEFORE_JAR:-}" ]]; then
    run before-csv "$DIR/before.csv" java -Xmx64m -XX:+UseSerialGC -jar "$BEFORE_JAR" cur aggregate "$DIR/r.csv"
    run before-gz "$DIR/before.gz.csv" java -Xmx64m -XX:+UseSerialGC -jar "$BEFORE_JAR" cur aggregate "$DIR/r.csv.gz"
  fi
  if [[ "${SKIP_PYTHON:-}" != 1 && ( "$1" == 1 || "${PYTHON_EVERY_ROUND:-}" == 1 ) ]]; then
    run python-csv "$DIR/python.csv" python3 tools/bench/cur_aggregate.py "$DIR/r.csv"
  fi
}
for round in $(seq 1 "$ROUNDS"); do
  echo "## round $round, load average $(cut -d' ' -f1-3 /proc/loadavg)"
  variants "$round"
done
echo "## after: load average $(cut -d' ' -f1-3 /proc/loadavg)"
OUTPUTS=(edp.gz.csv edp-1t.gz.csv edp-c1.csv edp-c1.gz.csv edp-c1-1t.gz.csv duckdb.csv duckdb.gz.csv edp.parquet.csv edp-c1.parquet.csv duckdb.parquet.csv)
[[ -n "${EDP_CLI_JAR:-}" ]] || OUTPUTS+=(launcher.csv launcher.gz.csv jar.csv jar.gz.csv)
[[ "${SKIP_PYTHON:-}" == 1 ]] || OUTPUTS+=(python.csv)
[[ -z "${BEFORE_JAR:-}" ]] || OUTPUTS+=(before.csv before.gz.csv)
[[ -z "${JAVA25:-}" ]] || OUTPUTS+=(aot25.csv aot25.gz.csv aot25-c1.csv aot25-c1.gz.csv)
for out in "${OUTPUTS[@]}"; do
  cmp -s "$DIR/edp.csv" "$DIR/$out" || { echo "outputs DIFFER: edp.csv and $out (last round's)"; diff "$DIR/edp.csv" "$DIR/$out" | head -20; exit 1; }
done
echo "outputs identical to edp.csv: ${OUTPUTS[*]} ($(($(wc -l < "$DIR/edp.csv") - 1)) groups)"
python3 - "$DIR/results" <<'PY'
import statistics, sys
runs = {}
for line in open(sys.argv[1]):
    name, *fields = line.split()
    values = dict(f.split("=") for f in fields)
    runs.setdefault(name, []).append((float(values["wall"]), float(values["cpu"]), int(values["rss_kb"])))
print(f"{'variant':<14} {'runs':>4} {'wall min / median / max':>24} {'CPU min / median / max':>24} {'peak RSS MiB':>13}")
for name, values in runs.items():
    walls = sorted(v[0] for v in values)
    cpus = sorted(v[1] for v in values)
    print(f"{name:<14} {len(values):>4} {walls[0]:>8.2f} {statistics.median(walls):>7.2f} {walls[-1]:>7.2f} "
          f"{cpus[0]:>8.2f} {statistics.median(cpus):>7.2f} {cpus[-1]:>7.2f} {max(v[2] for v in values) / 1024:>13.0f}")
wall = {n: statistics.median(v[0] for v in vs) for n, vs in runs.items()}
cpu = {n: statistics.median(v[1] for v in vs) for n, vs in runs.items()}
pairs = [("edp-csv", "duckdb-csv"), ("edp-gz", "duckdb-gz"), ("edp-gz", "gzip-dc"), ("edp-c1-csv", "duckdb-csv"), ("edp-c1-gz", "duckdb-gz"), ("edp-c1-gz", "gzip-dc"),
         ("edp-gz-1t", "duckdb-gz"), ("edp-gz-1t", "gzip-dc"), ("edp-c1-gz-1t", "duckdb-gz"), ("edp-c1-gz-1t", "gzip-dc"),
         ("launcher-csv", "duckdb-csv"), ("launcher-gz", "duckdb-gz"), ("launcher-gz", "gzip-dc"),
         ("jar-csv", "duckdb-csv"), ("jar-gz", "duckdb-gz"), ("jar-gz", "gzip-dc"),
         ("aot25-csv", "duckdb-csv"), ("aot25-gz", "duckdb-gz"), ("aot25-gz", "gzip-dc"),
         ("aot25-c1-csv", "duckdb-csv"), ("aot25-c1-gz", "duckdb-gz"), ("aot25-c1-gz", "gzip-dc"),
         ("before-csv", "duckdb-csv"), ("before-gz", "duckdb-gz"), ("before-gz", "gzip-dc"),
         ("edp-parquet", "duckdb-parquet"), ("edp-c1-parquet", "duckdb-parquet"), ("edp-parquet", "edp-gz")]
for a, b in pairs:
    if a in wall and b in wall:
        print(f"{a} against {b}: {wall[b] / wall[a]:.2f}x by median wall, {cpu[b] / cpu[a]:.2f}x by median CPU "
              f"(the other's time / edp's: above 1 means edp is faster)")

print()
print("## issue 16's goals, by median wall time of the whole process (CPU beside, for a loaded machine)")
print(f"{'goal':<62} {'wall':>6} {'CPU':>6}  met")
goals = [("`./edp cur aggregate` (C1, AppCDS): `.csv` >= 1.0x DuckDB", "launcher-csv", "duckdb-csv"),
         ("`./edp cur aggregate`: `.csv.gz` >= 1.0x DuckDB", "launcher-gz", "duckdb-gz"),
         ("`./edp cur aggregate`: `.csv.gz` >= `gzip -dc`", "launcher-gz", "gzip-dc"),
         ("`java -jar` (no flags): `.csv` >= 1.0x DuckDB", "jar-csv", "duckdb-csv"),
         ("`java -jar` (no flags): `.csv.gz` >= 1.0x DuckDB", "jar-gz", "duckdb-gz"),
         ("`java -jar` (no flags): `.csv.gz` >= `gzip -dc`", "jar-gz", "gzip-dc"),
         ("C2, -Xmx64m, AppCDS: `.csv` >= 1.0x DuckDB (one thread)", "edp-csv", "duckdb-csv"),
         ("C2: `.csv.gz` >= 1.0x DuckDB (inflating on a 2nd thread)", "edp-gz", "duckdb-gz"),
         ("C2: `.csv.gz` >= `gzip -dc` (inflating on a 2nd thread)", "edp-gz", "gzip-dc"),
         ("C2: `.csv.gz` >= 1.0x DuckDB (one thread)", "edp-gz-1t", "duckdb-gz"),
         ("C2: `.csv.gz` >= `gzip -dc` (one thread)", "edp-gz-1t", "gzip-dc"),
         ("C1 only: `.csv` >= 1.0x DuckDB", "edp-c1-csv", "duckdb-csv"),
         ("C1 only: `.csv.gz` >= 1.0x DuckDB (2nd thread)", "edp-c1-gz", "duckdb-gz"),
         ("C1 only: `.csv.gz` >= `gzip -dc` (2nd thread)", "edp-c1-gz", "gzip-dc"),
         ("C1 only: `.csv.gz` >= 1.0x DuckDB (one thread)", "edp-c1-gz-1t", "duckdb-gz"),
         ("C1 only: `.csv.gz` >= `gzip -dc` (one thread)", "edp-c1-gz-1t", "gzip-dc"),
         ("JDK 25 + AOT cache, C1 only: `.csv` >= 1.0x DuckDB", "aot25-c1-csv", "duckdb-csv"),
         ("JDK 25 + AOT cache, C1 only: `.csv.gz` >= 1.0x DuckDB", "aot25-c1-gz", "duckdb-gz"),
         ("JDK 25 + AOT cache, C1 only: `.csv.gz` >= `gzip -dc`", "aot25-c1-gz", "gzip-dc")]
for goal, a, b in goals:
    if a not in wall:
        continue
    ratio = wall[b] / wall[a]
    print(f"{goal:<62} {ratio:>5.2f}x {cpu[b] / cpu[a]:>5.2f}x  {'yes' if ratio >= 1.0 else 'NO'}")
edp_rss = max(v[2] for n, vs in runs.items() if n.startswith(("edp", "aot25")) for v in vs) / 1024
print(f"{'heap flat: every edp run in -Xmx64m (peak RSS, heap + JVM)':<62} {edp_rss:>5.0f} MiB  yes")
print(f"{'totals exact: every output identical to edp .csv (above)':<58} {'':>13}  yes")
PY
