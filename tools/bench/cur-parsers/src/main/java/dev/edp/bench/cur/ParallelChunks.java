package dev.edp.bench.cur;

import dev.edp.runtime.cur.CostKey;
import dev.edp.runtime.cur.CostTotal;
import dev.edp.runtime.cur.CurAggregation;
import dev.edp.runtime.cur.CurAggregator;
import dev.edp.runtime.cur.CurColumns;
import dev.edp.runtime.cur.CurReader;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicReference;

/**
 * commons-csv on every core: this thread cuts the (inflated) bytes into chunks that end at a record boundary (a
 * line feed outside quotes; quote parity is carried from the start of the file, which is exact for RFC 4180, where a
 * quote inside a quoted field is doubled), one worker per core parses and sums chunks with its own
 * {@link CurAggregator}, and the workers' totals are added at the end (BigDecimal addition: the same value and
 * scale as one pass). An experiment: error lines are relative to a chunk; at most {@code workers + 1} chunks of
 * about {@link #CHUNK_BYTES} are queued or being parsed at once.
 */
final class ParallelChunks {

    static final int CHUNK_BYTES = 1 << 18;
    private static final CSVFormat FORMAT = CSVFormat.RFC4180.builder().setIgnoreEmptyLines(true).get();

    private ParallelChunks() {
    }

    static CurAggregation aggregate(String file, InputStream raw) throws IOException {
        int workers = Runtime.getRuntime().availableProcessors();
        ExecutorService pool = Executors.newFixedThreadPool(workers);
        Semaphore inFlight = new Semaphore(workers + 1);
        ThreadLocal<CurAggregator> aggregators = new ThreadLocal<>();
        List<CurAggregator> all = new ArrayList<>();
        AtomicReference<Exception> failure = new AtomicReference<>();
        CurAggregator first = null;
        try (InputStream in = InflatingPipe.plain(raw)) {
            byte[] buffer = new byte[CHUNK_BYTES];
            int filled = 0;
            int scanned = 0;
            boolean quoted = false;
            CurColumns columns = null;
            while (true) {
                int n = in.read(buffer, filled, buffer.length - filled);
                if (n > 0) {
                    filled += n;
                }
                int boundary = -1;
                for (int i = scanned; i < filled; i++) {
                    byte b = buffer[i];
                    if (b == '"') {
                        quoted = !quoted;
                    } else if (b == '\n' && !quoted) {
                        boundary = i + 1;
                    }
                }
                scanned = filled;
                if (n < 0) {
                    boundary = filled; // the rest, whether or not it ends with a line feed
                }
                if (boundary > 0) {
                    byte[] chunk = Arrays.copyOf(buffer, boundary);
                    if (columns == null) { // the first chunk: the header and the first records, on this thread
                        try (CSVParser parser = parser(file, chunk)) {
                            var records = parser.iterator();
                            if (!records.hasNext()) {
                                throw new IOException(file + ": empty file: no header row");
                            }
                            columns = CurColumns.of(file, records.next().toList());
                            first = new CurAggregator(file, columns.layout());
                            addAll(file, parser, columns, first);
                        }
                    } else {
                        CurColumns known = columns;
                        inFlight.acquireUninterruptibly();
                        if (failure.get() != null) {
                            inFlight.release();
                            break;
                        }
                        pool.execute(() -> {
                            try {
                                CurAggregator aggregator = aggregators.get();
                                if (aggregator == null) {
                                    aggregator = new CurAggregator(file, known.layout());
                                    aggregators.set(aggregator);
                                    synchronized (all) {
                                        all.add(aggregator);
                                    }
                                }
                                try (CSVParser parser = parser(file, chunk)) {
                                    addAll(file, parser, known, aggregator);
                                }
                            } catch (IOException | RuntimeException e) {
                                failure.compareAndSet(null, e);
                            } finally {
                                inFlight.release();
                            }
                        });
                    }
                    System.arraycopy(buffer, boundary, buffer, 0, filled - boundary);
                    filled -= boundary;
                    scanned -= boundary;
                } else if (filled == buffer.length) {
                    buffer = Arrays.copyOf(buffer, buffer.length * 2); // a record longer than a chunk
                }
                if (n < 0) {
                    break;
                }
            }
            inFlight.acquireUninterruptibly(workers + 1); // every chunk parsed
            if (failure.get() != null) {
                throw new IOException(failure.get());
            }
            if (columns == null) {
                throw new IOException(file + ": empty file: no header row");
            }
            all.add(first);
            return merge(file, columns, all);
        } finally {
            pool.shutdownNow();
        }
    }

    private static CSVParser parser(String file, byte[] chunk) throws IOException {
        return CSVParser.builder().setReader(CurReader.reader(file, new ByteArrayInputStream(chunk))).setFormat(FORMAT).get();
    }

    private static void addAll(String file, CSVParser parser, CurColumns columns, CurAggregator aggregator) {
        for (CSVRecord record : parser) {
            long line = parser.getCurrentLineNumber();
            columns.requireFields(file, record.size(), line);
            aggregator.add(record.get(columns.cost()), record.get(columns.start()), record.get(columns.account()),
                    record.get(columns.product()), line);
        }
    }

    private static CurAggregation merge(String file, CurColumns columns, List<CurAggregator> parts) {
        TreeMap<CostKey, CostTotal> totals = new TreeMap<>();
        long lineItems = 0;
        for (CurAggregator part : parts) {
            CurAggregation result = part.result();
            lineItems += result.lineItems();
            result.totals().forEach((key, total) -> totals.merge(key, total, CostTotal::plus));
        }
        return new CurAggregation(file, columns.layout(), lineItems, totals);
    }
}
