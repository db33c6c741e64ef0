#!/usr/bin/env bash
# The CUR benchmark (a measurement, not a test): docs/benchmarks.md, "CUR parser", records its figures.
#   tools/bench/cur-bench.sh [SIZE]        SIZE of the generated report, default 1GB (uncompressed)
# Generates a report of SIZE, gzips it, then measures on the same bytes:
#   - the Java parser (edp cur bench) on .csv and .csv.gz, each in a fresh JVM with -Xmx64m (the heap goal);
#   - the Python peer (tools/bench/cur_aggregate.py: csv.DictReader + Decimal) on both, and that both agree;
#   - gzip -dc of the .csv.gz, the decompression baseline;
#   - the Lambda jar's size and a fresh JVM's time to its first handled batch (edp cur coldstart, on moto).
# The generated files are deleted at the end, whatever happens (the disk is shared).
set -euo pipefail
cd "$(dirname "$0")/../.."
SIZE="${1:-1GB}"
DIR="$(mktemp -d "${TMPDIR:-/tmp}/edp-cur-bench.XXXXXX")"
trap 'rm -rf "$DIR"' EXIT
JAR=cli/target/edp-cli.jar
LAMBDA_JAR=runtime/target/edp-runtime-lambda.jar

./edp build
echo "## machine: $(nproc) CPUs, $(java -version 2>&1 | head -1), $(python3 --version), $(gzip --version | head -1)"
java -jar "$JAR" cur generate --size "$SIZE" "$DIR/report.csv"
gzip -6 -c "$DIR/report.csv" > "$DIR/report.csv.gz"
BYTES=$(stat -c %s "$DIR/report.csv")

seconds() { local start=$1 end; end=$(date +%s.%N); echo "$end - $start" | bc -l; }
rate() { echo "scale=1; $1 / 1000000 / $2" | bc -l; }

echo "## Java (edp cur bench, fresh JVM, -Xmx64m)"
for f in report.csv report.csv.gz; do
  java -Xmx64m -XX:+UseSerialGC -jar "$JAR" cur bench "$DIR/$f"
done

echo "## gzip -dc (decompression only)"
start=$(date +%s.%N); gzip -dc "$DIR/report.csv.gz" > /dev/null; s=$(seconds "$start")
echo "gzip -dc seconds=$(printf %.2f "$s") mb_per_s=$(rate "$BYTES" "$s")"

echo "## Python peer (csv.DictReader + Decimal)"
for f in report.csv report.csv.gz; do
  start=$(date +%s.%N)
  /usr/bin/time -f "%M" -o "$DIR/rss" python3 tools/bench/cur_aggregate.py "$DIR/$f" > "$DIR/python.csv"
  s=$(seconds "$start")
  echo "python file=$f seconds=$(printf %.2f "$s") mb_per_s=$(rate "$BYTES" "$s") peak_rss_mib=$(( $(cat "$DIR/rss") / 1024 ))"
done
java -jar "$JAR" cur aggregate "$DIR/report.csv.gz" > "$DIR/java.csv"
cmp -s "$DIR/java.csv" "$DIR/python.csv" && echo "outputs: Java and Python totals identical ($(($(wc -l < "$DIR/java.csv") - 1)) groups)" \
  || { echo "outputs DIFFER"; exit 1; }

echo "## Lambda jar and cold start"
echo "lambda_jar_bytes=$(stat -c %s "$LAMBDA_JAR")"
java -jar "$JAR" cur coldstart --runs 5 --runtime-jar "$LAMBDA_JAR"
