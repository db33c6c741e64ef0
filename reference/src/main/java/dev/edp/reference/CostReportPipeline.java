package dev.edp.reference;

import dev.edp.events.FunctionEnvironment;
import dev.edp.pattern.config.Problems;
import dev.edp.pattern.inputs.AlarmArgs;
import dev.edp.pattern.inputs.BucketArgs;
import dev.edp.pattern.inputs.ConsumerArgs;
import dev.edp.pattern.inputs.FileSourceArgs;
import dev.edp.pattern.inputs.FunctionArgs;
import dev.edp.pattern.inputs.QueueDefaultsArgs;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/**
 * Seed 000's cost-report pipeline on the pattern: a file source (the ingest bucket, new or existing; CUR files by
 * suffix) → the {@code cur-ingest} queue consumer, which reads the file, writes daily totals to the table and a
 * curated copy under {@code curated/} in a data bucket, and reports anomalies (its rule in its environment).
 */
public final class CostReportPipeline {

    /** The file source (and its bucket's name in grants and outputs). */
    public static final String INGEST = "cur-ingest";
    /** The data bucket of curated copies. */
    public static final String CURATED = "cur-curated";
    /** Where the consumer writes curated copies (runtime/README.md). */
    public static final String CURATED_PREFIX = "curated/";
    /**
     * Legacy CUR and CUR 2.0 as CSV ({@code .csv}, {@code .csv.gz}) and as Parquet ({@code .parquet}: Data Exports
     * writes e.g. {@code <export-name>-00001.snappy.parquet} under {@code <prefix>/<export-name>/data/BILLING_PERIOD=YYYY-MM/}).
     */
    public static final List<String> SUFFIXES = List.of(".csv", ".csv.gz", ".parquet");
    static final BigDecimal DEFAULT_ANOMALY_FACTOR = BigDecimal.valueOf(3);
    static final int DEFAULT_ANOMALY_WINDOW_DAYS = 7;

    private CostReportPipeline() {
    }

    /** What the pipeline adds to the pattern; problems in {@code args} are added to {@code problems} (path {@code curIngest.*}). */
    public static SeedApplication.Parts parts(CostReportArgs args, Problems problems) {
        BigDecimal factor = DEFAULT_ANOMALY_FACTOR;
        if (args.anomalyFactor().isPresent()) {
            try {
                factor = new BigDecimal(args.anomalyFactor().get().trim());
                problems.check(factor.compareTo(BigDecimal.ONE) >= 0, "curIngest.anomalyFactor",
                        "must be at least 1 (got " + factor.toPlainString() + ")");
            } catch (NumberFormatException e) {
                problems.add("curIngest.anomalyFactor", "must be a decimal number (got '" + args.anomalyFactor().get() + "')");
            }
        }
        int window = args.anomalyWindowDays().orElse(DEFAULT_ANOMALY_WINDOW_DAYS);
        problems.range(window, 1, 90, "curIngest.anomalyWindowDays");
        List<String> suffixes = args.suffixes().orElse(SUFFIXES);
        problems.check(!suffixes.isEmpty(), "curIngest.suffixes", "must name at least one key suffix");

        var source = FileSourceArgs.builder().name(INGEST).suffixes(suffixes);
        args.existingBucketName().ifPresent(source::existingBucketName);
        ConsumerArgs consumer = ConsumerArgs.builder()
                .name(INGEST)
                .description("Aggregates cost-report files into daily totals (seed 000)")
                .fileSource(INGEST)
                // One file per invocation, up to 15 minutes per file, and 1769 MB (one full vCPU) in every
                // environment: CUR files can be gigabytes and parsing is CPU-bound (docs/benchmarks.md).
                .function(FunctionArgs.builder().handler(RuntimeHandlers.CUR_INGEST).timeoutSeconds(900)
                        .memoryMb(1769).build())
                .queue(QueueDefaultsArgs.builder().batchSize(1).build())
                // A multi-gigabyte report takes tens of seconds (docs/benchmarks.md), never the pattern-wide 10 s:
                // alarm when p99 reaches 5 minutes, well before the 15-minute timeout.
                .alarms(AlarmArgs.builder().lambdaDurationP99Ms(300_000.0).build())
                .grants("bucket:" + INGEST + ":read", "bucket:" + CURATED + ":write:" + CURATED_PREFIX,
                        "table:read", "table:write", "notifications:publish")
                .environment(Map.of(
                        FunctionEnvironment.CURATED_BUCKET, "${bucket:" + CURATED + "}",
                        FunctionEnvironment.ANOMALY_FACTOR, factor.toPlainString(),
                        FunctionEnvironment.ANOMALY_WINDOW_DAYS, String.valueOf(window),
                        // Lambda's java21 runtime stops the JIT at C1 by default (fast cold starts); this long,
                        // CPU-bound parse runs 2.7x faster with C2 (docs/benchmarks.md, CUR experiment).
                        "JAVA_TOOL_OPTIONS", "-XX:+TieredCompilation -XX:TieredStopAtLevel=4"))
                .build();
        return new SeedApplication.Parts(List.of(consumer), List.of(source.build()),
                List.of(BucketArgs.builder().name(CURATED).build()), List.of());
    }
}
