package dev.edp.cli.local.run.cur;

import dev.edp.cli.cur.CurFileGenerator;
import dev.edp.runtime.cur.CurAggregation;
import dev.edp.runtime.cur.CurLayout;
import dev.edp.runtime.cur.CurReader;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;

/**
 * The cost reports the sandbox uploads: realistic ones from {@link CurFileGenerator} (deterministic per seed) and
 * a bad one whose third line has too few fields. The expected totals of a good report are computed with the
 * runtime's own parser, so DynamoDB can be compared with them exactly.
 */
public final class CurReports {

    /** The line of {@link #bad()} that the parser must name. */
    public static final int BAD_LINE = 3;

    private CurReports() {
    }

    /** A report of about {@code bytes} bytes: 3 accounts, 4 services, {@code days} days from {@code start}. */
    public static byte[] good(long seed, LocalDate start, int days, long bytes) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            new CurFileGenerator(CurLayout.LEGACY, 2, 3, 4, start, days, seed).write(out, bytes, false);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** A header, one good row, and a row with too few fields on line {@link #BAD_LINE}. */
    public static byte[] bad() {
        String good = new String(good(7, LocalDate.of(2024, 1, 1), 1, 1), StandardCharsets.UTF_8);
        String[] lines = good.split("\n", 3);
        return (lines[0] + "\n" + lines[1] + "\n" + "truncated,row\n").getBytes(StandardCharsets.UTF_8);
    }

    /** The totals of a report, by the runtime's parser (what the CUR function computes from the same bytes). */
    public static CurAggregation aggregate(String name, byte[] report) {
        try {
            return CurReader.aggregate(name, new ByteArrayInputStream(report));
        } catch (IOException e) {
            throw new UncheckedIOException("the sandbox's own report " + name + " does not parse: " + e.getMessage(), e);
        }
    }
}
