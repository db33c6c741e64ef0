package dev.edp.runtime.cur;

import dev.edp.runtime.cur.CurParquetWriter.Column;
import dev.edp.runtime.cur.CurParquetWriter.Kind;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.math.BigDecimal;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Lambda jar reads Parquet on its own: the shade filters keep only the Hadoop and JTS classes parquet-hadoop's
 * reader links, so this reads a report compressed with each codec through a class loader that sees nothing but
 * {@code target/edp-runtime-lambda.jar} (built by {@code package}, before failsafe runs).
 */
class LambdaJarParquetIT {

    @TempDir
    Path dir;

    @Test
    void theLambdaJarReadsEveryCodecAndRefusesACutFile() throws Exception {
        Path jar = Path.of("target", "edp-runtime-lambda.jar");
        assertThat(jar).exists();
        try (URLClassLoader lambda = new URLClassLoader(new URL[]{jar.toUri().toURL()}, ClassLoader.getPlatformClassLoader())) {
            Method aggregate = lambda.loadClass(CurReader.class.getName()).getMethod("aggregate", String.class, InputStream.class);
            Object primed = lambda.loadClass(CurParquet.class.getName()).getMethod("prime", String.class).invoke(null, "priming");
            assertThat(primed.getClass().getMethod("lineItems").invoke(primed)).isEqualTo(2L);
            for (CompressionCodecName codec : List.of(CompressionCodecName.SNAPPY, CompressionCodecName.GZIP,
                    CompressionCodecName.ZSTD, CompressionCodecName.LZ4_RAW, CompressionCodecName.UNCOMPRESSED)) {
                byte[] report = report(codec);
                Object result = aggregate.invoke(null, "s3://b/" + codec + ".parquet", new ByteArrayInputStream(report));
                assertThat(result.getClass().getMethod("grandTotal").invoke(result)).as(codec.name())
                        .isEqualTo(new BigDecimal("3.75"));

                byte[] cut = Arrays.copyOf(report, report.length - 10);
                try {
                    aggregate.invoke(null, "s3://b/cut.parquet", new ByteArrayInputStream(cut));
                    throw new AssertionError("a cut file was read");
                } catch (InvocationTargetException e) {
                    assertThat(e.getCause().getClass().getName()).isEqualTo(CurFormatException.class.getName());
                    assertThat(e.getCause().getMessage()).startsWith("s3://b/cut.parquet: line 1: not a readable Parquet file");
                }
            }
        }
    }

    private byte[] report(CompressionCodecName codec) throws Exception {
        Path file = dir.resolve(codec + ".parquet");
        try (CurParquetWriter writer = new CurParquetWriter(file, List.of(
                new Column("line_item_usage_start_date", Kind.TIMESTAMP),
                new Column("line_item_usage_account_id", Kind.STRING),
                new Column("line_item_product_code", Kind.STRING),
                new Column("line_item_unblended_cost", Kind.DOUBLE)), codec)) {
            writer.write(List.of(Instant.parse("2024-01-15T10:00:00Z"), "111111111111", "AmazonEC2", 1.25));
            writer.write(List.of(Instant.parse("2024-01-16T10:00:00Z"), "111111111111", "AmazonS3", 2.5));
        }
        return Files.readAllBytes(file);
    }
}
