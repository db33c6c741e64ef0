package dev.edp.runtime.cur;

import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.SimpleGroupFactory;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.example.ExampleParquetWriter;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.LocalOutputFile;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Types;

import java.io.Closeable;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

/**
 * Writes cost reports in Parquet, typed as CUR 2.0 declares its columns (Data Exports' table dictionary: costs
 * {@code double}, dates {@code timestamp}, the rest {@code string}), or with costs as DECIMAL: for the generator
 * ({@code edp cur generate --format parquet}), the benchmarks and the tests, which compare a Parquet report with the
 * CSV of the same line items. Every column is optional (a null is an empty CSV field); dictionary encoding on, as
 * writers do. Not for the Lambda: its jar keeps only the Hadoop classes parquet-hadoop's <em>reader</em> links
 * (runtime/pom.xml), so the writer runs where the whole Hadoop jars are (the CLI, the tests).
 */
public final class CurParquetWriter implements Closeable {

    /** How a column is stored. */
    public enum Kind {
        /** UTF-8 string; values are {@link String}s. */
        STRING,
        /** DOUBLE, as CUR 2.0's cost columns; values are {@link BigDecimal}s (converted) or {@link Double}s. */
        DOUBLE,
        /** DECIMAL(18, 10) in an INT64; values are {@link BigDecimal}s with at most 10 decimals. */
        DECIMAL,
        /** TIMESTAMP(MILLIS, UTC) in an INT64, as CUR 2.0's dates; values are {@link Instant}s. */
        TIMESTAMP
    }

    /** One column: its name and how it is stored. */
    public record Column(String name, Kind kind) {
    }

    private static final int DECIMAL_SCALE = 10;

    private final List<Column> columns;
    private final SimpleGroupFactory rows;
    private final ParquetWriter<Group> writer;

    /** A new file at {@code file} (replaced if it exists) with these columns, pages compressed with {@code codec}. */
    public CurParquetWriter(Path file, List<Column> columns, CompressionCodecName codec) throws IOException {
        this(file, columns, codec, ParquetWriter.DEFAULT_BLOCK_SIZE);
    }

    /** The same, with row groups of about {@code rowGroupBytes} (Parquet's default: 128 MiB). */
    public CurParquetWriter(Path file, List<Column> columns, CompressionCodecName codec, long rowGroupBytes)
            throws IOException {
        this.columns = List.copyOf(columns);
        Types.MessageTypeBuilder schema = Types.buildMessage();
        for (Column column : columns) {
            switch (column.kind()) {
                case STRING -> schema.optional(PrimitiveTypeName.BINARY).as(LogicalTypeAnnotation.stringType()).named(column.name());
                case DOUBLE -> schema.optional(PrimitiveTypeName.DOUBLE).named(column.name());
                case DECIMAL -> schema.optional(PrimitiveTypeName.INT64)
                        .as(LogicalTypeAnnotation.decimalType(DECIMAL_SCALE, 18)).named(column.name());
                case TIMESTAMP -> schema.optional(PrimitiveTypeName.INT64)
                        .as(LogicalTypeAnnotation.timestampType(true, LogicalTypeAnnotation.TimeUnit.MILLIS))
                        .named(column.name());
            }
        }
        MessageType type = schema.named("cost_and_usage_report");
        this.rows = new SimpleGroupFactory(type);
        this.writer = ExampleParquetWriter.builder(new LocalOutputFile(file))
                .withConf(new PlainParquetConfiguration())
                .withCodecFactory(new ParquetCodecs())
                .withCompressionCodec(codec)
                .withType(type)
                .withWriteMode(ParquetFileWriter.Mode.OVERWRITE)
                .withDictionaryEncoding(true)
                .withRowGroupSize(rowGroupBytes)
                .build();
    }

    /** Writes one row: a value per column, in column order, null for none. */
    public void write(List<?> values) throws IOException {
        if (values.size() != columns.size()) {
            throw new IllegalArgumentException(values.size() + " values for " + columns.size() + " columns");
        }
        Group row = rows.newGroup();
        for (int i = 0; i < values.size(); i++) {
            Object value = values.get(i);
            if (value == null) {
                continue;
            }
            switch (columns.get(i).kind()) {
                case STRING -> row.add(i, Binary.fromString((String) value));
                case DOUBLE -> row.add(i, value instanceof BigDecimal amount ? amount.doubleValue() : (Double) value);
                case DECIMAL -> row.add(i, ((BigDecimal) value).setScale(DECIMAL_SCALE).unscaledValue().longValueExact());
                case TIMESTAMP -> row.add(i, ((Instant) value).toEpochMilli());
            }
        }
        writer.write(row);
    }

    @Override
    public void close() throws IOException {
        writer.close();
    }
}
