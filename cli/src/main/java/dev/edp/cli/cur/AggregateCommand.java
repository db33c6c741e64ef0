package dev.edp.cli.cur;

import dev.edp.runtime.cur.CostCsv;
import dev.edp.runtime.cur.CurAggregation;
import dev.edp.runtime.cur.CurFormatException;
import dev.edp.runtime.cur.CurReader;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/**
 * {@code edp cur aggregate FILE}: the Lambda's parser and aggregation on a local file, for debugging and backfills.
 * Prints {@code usage_date,account_id,service,unblended_cost,line_items} sorted by the first three columns. The
 * whole file is read before anything is printed, so a bad file prints nothing on standard output.
 */
@Command(name = "aggregate", mixinStandardHelpOptions = true,
        description = "Sum a cost report (.csv, .csv.gz or .parquet) per usage day, account and service, exactly as the CUR Lambda does.",
        exitCodeListHeading = "Exit codes:%n",
        exitCodeList = {"0:aggregated", "2:bad usage, a file that cannot be read, or a bad report (file and line on stderr)"})
public final class AggregateCommand implements Callable<Integer> {

    static final int BAD_INPUT = 2;

    @Parameters(index = "0", paramLabel = "FILE", description = "The report: CSV, plain or gzip-compressed, or Parquet (recognised by their first bytes).")
    Path file;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        return aggregate(file, spec.commandLine().getOut(), spec.commandLine().getErr());
    }

    /** The command itself: sums {@code file}, prints the totals to {@code out}; returns the exit code. */
    public static int aggregate(Path file, PrintWriter out, PrintWriter err) {
        CurAggregation report;
        try (InputStream in = Files.newInputStream(file)) {
            report = CurReader.aggregate(file.toString(), in);
        } catch (CurFormatException e) {
            err.println("edp cur aggregate: " + e.getMessage());
            return BAD_INPUT;
        } catch (NoSuchFileException e) {
            err.println("edp cur aggregate: " + file + ": no such file");
            return BAD_INPUT;
        } catch (IOException e) {
            err.println("edp cur aggregate: " + file + ": " + e.getMessage());
            return BAD_INPUT;
        }
        try {
            CostCsv.write(report.totals(), out);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        out.flush();
        return 0;
    }
}
