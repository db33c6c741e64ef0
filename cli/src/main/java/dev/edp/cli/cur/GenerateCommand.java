package dev.edp.cli.cur;

import dev.edp.runtime.cur.CurLayout;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code edp cur generate}: writes a realistic cost report of a given size, for benchmarks and tests. */
@Command(name = "generate", mixinStandardHelpOptions = true,
        description = "Write a generated cost report of at least --size (uncompressed CSV); gzip-compressed when FILE ends"
                + " in .gz; with --format parquet, the same line items as a Snappy-compressed Parquet file typed as CUR 2.0.")
public final class GenerateCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "FILE", description = "Where to write (.csv, .csv.gz or .parquet).")
    Path file;

    /** What the report is written as. */
    enum Format { CSV, PARQUET }

    @Option(names = "--format", defaultValue = "csv", converter = FormatConverter.class,
            description = "csv or parquet (the same line items for a seed: costs DOUBLE, dates TIMESTAMP). Default: ${DEFAULT-VALUE}.")
    Format format;

    /** {@code csv} or {@code parquet}, in any case. */
    static final class FormatConverter implements picocli.CommandLine.ITypeConverter<Format> {
        @Override
        public Format convert(String value) {
            try {
                return Format.valueOf(value.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new picocli.CommandLine.TypeConversionException("expected csv or parquet, got '" + value + "'");
            }
        }
    }

    @Option(names = "--size", defaultValue = "100MB",
            description = "Uncompressed size: a number with an optional KB, MB or GB suffix (powers of 1000). Default: ${DEFAULT-VALUE}.")
    String size;

    @Option(names = "--layout", defaultValue = "LEGACY", description = "LEGACY or CUR2. Default: ${DEFAULT-VALUE}.")
    CurLayout layout;

    @Option(names = "--tags", defaultValue = "8", description = "Tag columns. Default: ${DEFAULT-VALUE}.")
    int tags;

    @Option(names = "--accounts", defaultValue = "20", description = "Usage accounts. Default: ${DEFAULT-VALUE}.")
    int accounts;

    @Option(names = "--services", defaultValue = "30", description = "Product codes. Default: ${DEFAULT-VALUE}.")
    int services;

    @Option(names = "--days", defaultValue = "31", description = "Usage days from 2024-01-01. Default: ${DEFAULT-VALUE}.")
    int days;

    @Option(names = "--seed", defaultValue = "1", description = "Random seed. Default: ${DEFAULT-VALUE}.")
    long seed;

    @Override
    public Integer call() throws IOException {
        CurFileGenerator generator = new CurFileGenerator(layout, tags, accounts, services, LocalDate.of(2024, 1, 1), days, seed);
        CurFileGenerator.Stats stats;
        Path csv = format == Format.PARQUET ? Files.createTempFile("edp-generate-", ".csv") : file;
        try {
            try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(csv), 1 << 16)) {
                stats = generator.write(out, parseSize(size), format == Format.CSV && file.toString().endsWith(".gz"));
            }
            if (format == Format.PARQUET) {
                CurParquetConversion.convert(csv, file);
            }
        } finally {
            if (format == Format.PARQUET) {
                Files.deleteIfExists(csv);
            }
        }
        System.out.printf(Locale.ROOT, "%s: %d rows, %d bytes uncompressed, %d bytes on disk, total unblended cost %s%n",
                file, stats.rows(), stats.uncompressedBytes(), Files.size(file), stats.totalCost().toPlainString());
        return 0;
    }

    static long parseSize(String text) {
        String upper = text.trim().toUpperCase(Locale.ROOT);
        long unit = 1;
        for (String[] suffix : new String[][]{{"GB", "1000000000"}, {"MB", "1000000"}, {"KB", "1000"}}) {
            if (upper.endsWith(suffix[0])) {
                unit = Long.parseLong(suffix[1]);
                upper = upper.substring(0, upper.length() - 2).trim();
                break;
            }
        }
        return (long) (Double.parseDouble(upper) * unit);
    }
}
