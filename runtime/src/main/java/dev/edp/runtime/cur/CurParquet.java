package dev.edp.runtime.cur;

import org.apache.parquet.ParquetReadOptions;
import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.column.ColumnReader;
import org.apache.parquet.column.impl.ColumnReadStoreImpl;
import org.apache.parquet.column.page.PageReadStore;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.io.LocalInputFile;
import org.apache.parquet.io.api.Converter;
import org.apache.parquet.io.api.GroupConverter;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.Type;

import java.io.BufferedInputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Reads a cost report in Parquet (CUR 2.0 from Data Exports, or a legacy CUR in Parquet) and sums it with the same
 * {@link CurAggregator} as a CSV report: same groups, same exactness, same bad-line rules ({@link ParquetText} says
 * how each Parquet type becomes the text the aggregator reads, and what "exact" means for doubles).
 *
 * <p>Parquet's index is at the end of the file, so the stream is first copied to a temporary file, bounded by the
 * free space of the temporary directory (Lambda's ephemeral storage: 512 MB unless the function is given more) and
 * deleted afterwards; then only the four needed columns are read, one row group at a time: memory grows with a row
 * group's four column chunks and the number of groups, never with the file.
 *
 * <p>Errors are {@link CurFormatException}s naming the file. Their line is the row's number in the file plus one,
 * the header counting as line 1 as in a CSV report: a Parquet report and its CSV twin (without line breaks inside
 * fields) fail at the same line for the same bad value. A file that is cut short, or is not Parquet though named
 * {@code .parquet}, fails at line 1 before any line item is summed.
 */
public final class CurParquet {

    /** The four bytes every Parquet file starts and ends with. */
    static final byte[] MAGIC = "PAR1".getBytes(StandardCharsets.US_ASCII);
    /** What the temporary directory keeps free for everything else. */
    private static final long SPARE_BYTES = 16L << 20;

    private CurParquet() {
    }

    /**
     * Whether the stream is a Parquet file: it starts with {@code PAR1}. Reads ahead and resets; {@code in} must
     * support mark.
     */
    static boolean startsWithMagic(BufferedInputStream in) throws IOException {
        in.mark(MAGIC.length);
        byte[] start = in.readNBytes(MAGIC.length);
        in.reset();
        return Arrays.equals(start, MAGIC);
    }

    /** Whether {@code file} is named as a Parquet file ({@code .parquet}, as Data Exports names its objects). */
    static boolean isNamedParquet(String file) {
        return file.toLowerCase(Locale.ROOT).endsWith(".parquet");
    }

    /**
     * SnapStart priming: reads a two-row Parquet report shipped in the jar (SNAPPY, CUR 2.0 types) the way an S3
     * object is read, spool file included, so a restored snapshot's first Parquet report does not pay for loading
     * the reader's classes (about 0.4 s of CPU in a fresh JVM; docs/benchmarks.md, "Parquet").
     */
    public static CurAggregation prime(String file) throws IOException {
        try (InputStream in = CurParquet.class.getResourceAsStream("priming.parquet")) {
            if (in == null) {
                throw new IllegalStateException("priming.parquet is missing from the jar");
            }
            return CurReader.aggregate(file, in);
        }
    }

    /** Copies the stream to a bounded temporary file, reads and sums it, then deletes the file. */
    public static CurAggregation aggregate(String file, InputStream in) throws IOException {
        Path spool = Files.createTempFile("edp-cur-", ".parquet");
        try {
            copy(file, in, spool, Files.getFileStore(spool).getUsableSpace() - SPARE_BYTES);
            return aggregate(file, spool);
        } finally {
            Files.deleteIfExists(spool);
        }
    }

    /** Reads and sums the Parquet file at {@code path}; {@code file} names it in errors. */
    public static CurAggregation aggregate(String file, Path path) throws IOException {
        Rows rows = new Rows(file);
        ParquetReadOptions options = ParquetReadOptions.builder(new PlainParquetConfiguration())
                .withCodecFactory(new ParquetCodecs())
                .build();
        ParquetFileReader reader;
        try {
            reader = ParquetFileReader.open(new LocalInputFile(path), options);
        } catch (IOException | RuntimeException e) {
            // The reader names the spool file; the message names the object instead.
            String why = String.valueOf(e.getMessage()).replace(path.toString(), "the file");
            throw new CurFormatException(file, 1, "not a readable Parquet file (cut short, or not Parquet): " + why, e);
        }
        try (reader) {
            rows.read(reader);
        }
        return rows.result();
    }

    /** Copies at most {@code limit} bytes; a longer stream fails naming the limit. */
    private static void copy(String file, InputStream in, Path spool, long limit) throws IOException {
        byte[] buffer = new byte[1 << 16];
        long copied = 0;
        try (OutputStream out = Files.newOutputStream(spool)) {
            for (int n; (n = in.read(buffer)) > 0; ) {
                copied += n;
                if (copied > limit) {
                    throw new CurFormatException(file, 1, "the Parquet file is larger than the " + Math.max(limit, 0)
                            + " bytes free in " + new File(System.getProperty("java.io.tmpdir")).getAbsolutePath()
                            + ", where it is copied to be read (Parquet's index is at its end): give the function more "
                            + "ephemeral storage");
                }
                out.write(buffer, 0, n);
            }
        }
    }

    /** The needed columns of each row group, row by row, into the aggregator. */
    private static final class Rows {
        private final String file;
        private CurColumns columns;
        private CurAggregator aggregator;
        /** The CSV line of the row being read: the header is line 1. */
        private long line = 1;

        Rows(String file) {
            this.file = file;
        }

        void read(ParquetFileReader reader) {
            MessageType schema = reader.getFooter().getFileMetaData().getSchema();
            MessageType needed = needed(schema);
            reader.setRequestedSchema(needed);
            List<ColumnDescriptor> descriptors = needed.getColumns();
            ParquetText[] texts = new ParquetText[4];
            ParquetText.Role[] roles = {ParquetText.Role.AMOUNT, ParquetText.Role.USAGE_START, ParquetText.Role.NAME,
                    ParquetText.Role.NAME};
            for (int i = 0; i < 4; i++) {
                try {
                    texts[i] = ParquetText.of(needed.getType(i).asPrimitiveType(), roles[i]);
                } catch (IllegalArgumentException e) {
                    throw new CurFormatException(file, 1, e.getMessage());
                }
            }
            aggregator = new CurAggregator(file, columns.layout());
            String createdBy = reader.getFooter().getFileMetaData().getCreatedBy();
            try {
                for (PageReadStore group; (group = reader.readNextRowGroup()) != null; ) {
                    ColumnReadStoreImpl store = new ColumnReadStoreImpl(group, new Needed(texts), needed, createdBy);
                    ColumnReader[] readers = new ColumnReader[4];
                    int[] maxLevels = new int[4];
                    for (int i = 0; i < 4; i++) {
                        readers[i] = store.getColumnReader(descriptors.get(i));
                        maxLevels[i] = descriptors.get(i).getMaxDefinitionLevel();
                    }
                    for (long row = group.getRowCount(); row > 0; row--) {
                        line++;
                        aggregator.add(next(readers[0], texts[0], maxLevels[0]), next(readers[1], texts[1], maxLevels[1]),
                                next(readers[2], texts[2], maxLevels[2]), next(readers[3], texts[3], maxLevels[3]), line);
                    }
                }
            } catch (CurFormatException e) {
                throw e;
            } catch (ParquetText.BadValue e) {
                throw new CurFormatException(file, line, e.getMessage());
            } catch (ParquetCodecs.UnsupportedCodecException e) {
                throw new CurFormatException(file, line, e.getMessage(), e);
            } catch (IOException | RuntimeException e) {
                throw new CurFormatException(file, line, "corrupt Parquet data at or after this row: " + e.getMessage(), e);
            }
        }

        /** The value of the row at hand ({@code ""} for a null, as an empty CSV field), and moves to the next. */
        private static String next(ColumnReader reader, ParquetText text, int maxLevel) {
            String value;
            if (reader.getCurrentDefinitionLevel() < maxLevel) {
                value = "";
            } else {
                reader.writeCurrentValueToConverter();
                value = text.value;
            }
            reader.consume();
            return value;
        }

        /** The four needed top-level columns, cost first (the order of {@link CurAggregator#add}'s arguments). */
        private MessageType needed(MessageType schema) {
            List<String> names = schema.getFields().stream().map(Type::getName).toList();
            columns = CurColumns.of(file, names);
            List<Type> needed = new ArrayList<>();
            for (int index : new int[]{columns.cost(), columns.start(), columns.account(), columns.product()}) {
                Type column = schema.getType(index);
                if (!column.isPrimitive() || column.isRepetition(Type.Repetition.REPEATED)) {
                    throw new CurFormatException(file, 1, "column " + column.getName() + " is "
                            + (column.isPrimitive() ? "repeated" : "nested") + ", not one value per line item");
                }
                needed.add(column);
            }
            return new MessageType(schema.getName(), needed);
        }

        CurAggregation result() {
            return aggregator.result();
        }
    }

    /** The record converter parquet-column asks for each needed column's converter. */
    private static final class Needed extends GroupConverter {
        private final ParquetText[] texts;

        Needed(ParquetText[] texts) {
            this.texts = texts;
        }

        @Override
        public Converter getConverter(int field) {
            return texts[field];
        }

        @Override
        public void start() {
            // rows are read column by column, never assembled
        }

        @Override
        public void end() {
            // rows are read column by column, never assembled
        }
    }
}
