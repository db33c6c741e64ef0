package dev.edp.cli.cur;

import dev.edp.cli.Edp;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code edp cur aggregate FILE}, run through the real command line. */
class AggregateCommandTest {

    private static final String HEADER = "identity/LineItemId,lineItem/UsageStartDate,lineItem/UsageAccountId,lineItem/ProductCode,lineItem/UnblendedCost\n";

    @TempDir
    Path dir;

    @Test
    void printsSortedTotalsAsPlainDecimals() throws IOException {
        Path file = write("report.csv", HEADER
                + "1,2024-01-02T00:00:00Z,222222222222,AmazonS3,1.5E+2\n"
                + "2,2024-01-01T05:00:00Z,222222222222,AmazonEC2,0.10\n"
                + "3,2024-01-01T00:00:00Z,111111111111,\"Amazon, \"\"RDS\"\"\",2.000\n"
                + "4,2024-01-01T06:00:00Z,222222222222,AmazonEC2,-0.10\n"
                + "5,2024-01-01T00:00:00Z,111111111111,AmazonEC2,1e-7\n");

        Run run = run(file);

        assertThat(run.exit).isZero();
        assertThat(run.err).isEmpty();
        assertThat(run.out).isEqualTo("usage_date,account_id,service,unblended_cost,line_items\n"
                + "2024-01-01,111111111111,\"Amazon, \"\"RDS\"\"\",2,1\n" // "Amazon, ..." sorts before "AmazonEC2": ',' < 'E'
                + "2024-01-01,111111111111,AmazonEC2,0.0000001,1\n"
                + "2024-01-01,222222222222,AmazonEC2,0,2\n"
                + "2024-01-02,222222222222,AmazonS3,150,1\n");
    }

    @Test
    void readsGzipToTheSameOutput() throws IOException {
        String csv = HEADER + "1,2024-01-01T00:00:00Z,111111111111,AmazonEC2,1.25\n2,2024-01-01T00:00:00Z,111111111111,AmazonEC2,1.25\n";
        Path plain = write("report.csv", csv);
        Path gzip = dir.resolve("report.csv.gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(gzip))) {
            out.write(csv.getBytes(StandardCharsets.UTF_8));
        }

        assertThat(run(gzip).out).isEqualTo(run(plain).out)
                .isEqualTo("usage_date,account_id,service,unblended_cost,line_items\n2024-01-01,111111111111,AmazonEC2,2.5,2\n");
    }

    @Test
    void aBadFilePrintsNothingOnStdoutAndNamesFileAndLineOnStderr() throws IOException {
        Path file = write("bad.csv", HEADER
                + "1,2024-01-01T00:00:00Z,111111111111,AmazonEC2,1\n"
                + "2,2024-01-01T00:00:00Z,111111111111,AmazonEC2,N/A\n");

        Run run = run(file);

        assertThat(run.exit).isEqualTo(2);
        assertThat(run.out).isEmpty();
        assertThat(run.err).isEqualTo("edp cur aggregate: " + file + ": line 3: lineItem/UnblendedCost 'N/A' is not a number\n");
    }

    @Test
    void aGzipCutOffInItsHeaderIsABadFileAtLineOne() throws IOException {
        Path file = Files.write(dir.resolve("cut.csv.gz"), new byte[]{0x1f, (byte) 0x8b});

        Run run = run(file);

        assertThat(run.exit).isEqualTo(2);
        assertThat(run.out).isEmpty();
        assertThat(run.err).isEqualTo("edp cur aggregate: " + file + ": line 1: corrupt gzip data: the file ends inside the gzip header\n");
    }

    @Test
    void aMissingFileIsBadInput() {
        Path file = dir.resolve("absent.csv");

        Run run = run(file);

        assertThat(run.exit).isEqualTo(2);
        assertThat(run.out).isEmpty();
        assertThat(run.err).contains(file + ": no such file");
    }

    @Test
    void aGeneratedReportPrintsOneRowPerGroupSummingToTheGeneratorsTotal() throws IOException {
        Path file = dir.resolve("generated.csv.gz");
        CurFileGenerator.Stats stats;
        try (OutputStream out = Files.newOutputStream(file)) {
            stats = CurFileGenerator.standard(dev.edp.runtime.cur.CurLayout.CUR2, 9).write(out, 500_000, true);
        }

        Run run = run(file);

        assertThat(run.exit).isZero();
        java.math.BigDecimal total = run.out.lines().skip(1)
                .map(line -> new java.math.BigDecimal(line.split(",")[3])).reduce(java.math.BigDecimal.ZERO, java.math.BigDecimal::add);
        long lineItems = run.out.lines().skip(1).mapToLong(line -> Long.parseLong(line.split(",")[4])).sum();
        assertThat(total).isEqualByComparingTo(stats.totalCost());
        assertThat(lineItems).isEqualTo(stats.rows());
        assertThat(run.out.lines().skip(1).toList()).isSorted();
    }

    @Test
    void generatedParquetPrintsTheTotalsOfTheCsvOfTheSameLineItems() {
        for (String layout : new String[]{"CUR2", "LEGACY"}) {
            Path csv = dir.resolve(layout + ".csv");
            Path parquet = dir.resolve(layout + ".snappy.parquet");
            for (String[] generate : new String[][]{{csv.toString()}, {"--format", "parquet", parquet.toString()}}) {
                String[] args = java.util.stream.Stream.concat(java.util.stream.Stream.of("cur", "generate", "--size", "400KB",
                        "--layout", layout, "--seed", "16"), java.util.Arrays.stream(generate)).toArray(String[]::new);
                assertThat(Edp.commandLine().setOut(new PrintWriter(new StringWriter())).execute(args)).isZero();
            }

            Run fromCsv = run(csv);
            Run fromParquet = run(parquet);

            assertThat(fromParquet.exit).as(layout).isZero();
            assertThat(fromParquet.err).as(layout).isEmpty();
            assertThat(fromParquet.out).as(layout).isEqualTo(fromCsv.out);
            assertThat(fromParquet.out.lines().count()).as(layout).isGreaterThan(500);
        }
    }

    @Test
    void aTruncatedParquetFileIsABadFileAtLineOne() throws IOException {
        Path parquet = dir.resolve("whole.parquet");
        assertThat(Edp.commandLine().setOut(new PrintWriter(new StringWriter()))
                .execute("cur", "generate", "--size", "50KB", "--format", "parquet", parquet.toString())).isZero();
        byte[] bytes = Files.readAllBytes(parquet);
        Path cut = Files.write(dir.resolve("cut.parquet"), java.util.Arrays.copyOf(bytes, bytes.length - 100));

        Run run = run(cut);

        assertThat(run.exit).isEqualTo(2);
        assertThat(run.out).isEmpty();
        assertThat(run.err).startsWith("edp cur aggregate: " + cut + ": line 1: not a readable Parquet file");
    }

    private Path write(String name, String text) throws IOException {
        return Files.writeString(dir.resolve(name), text);
    }

    private record Run(int exit, String out, String err) {
    }

    private static Run run(Path file) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = Edp.commandLine().setOut(new PrintWriter(out)).setErr(new PrintWriter(err));
        int exit = cli.execute("cur", "aggregate", file.toString());
        return new Run(exit, out.toString(), err.toString());
    }
}
