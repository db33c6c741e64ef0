import dev.edp.runtime.cur.CurAggregation;
import dev.edp.runtime.cur.CurReader;

import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A fresh JVM's first report: prints the milliseconds from the JVM's start until CurReader has summed FILE (CSV or
 * Parquet) from a stream, as the CUR function reads an S3 object. With a second argument {@code primed}, runs the
 * SnapStart priming read first (CurParquet.prime) and prints the milliseconds of the report's read alone: the proxy
 * for a restored snapshot's first report. Run with the Lambda jar on the class path (tools/bench/parquet-coldstart.sh).
 */
public final class FirstReport {
    public static void main(String[] args) throws Exception {
        boolean primed = args.length > 1 && args[1].equals("primed");
        if (primed) {
            dev.edp.runtime.cur.CurParquet.prime("s3://edp-priming/priming.parquet");
        }
        long start = primed ? System.currentTimeMillis() : ManagementFactory.getRuntimeMXBean().getStartTime();
        try (InputStream in = Files.newInputStream(Path.of(args[0]))) {
            CurAggregation report = CurReader.aggregate(args[0], in);
            long millis = System.currentTimeMillis() - start;
            System.out.println(millis + " " + report.lineItems());
        }
    }
}
