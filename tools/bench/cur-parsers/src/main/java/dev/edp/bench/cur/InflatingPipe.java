package dev.edp.bench.cur;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPInputStream;

/**
 * A two-thread pipeline for gzip input: a daemon thread reads and inflates the stream into a few fixed chunks,
 * the caller's thread reads the inflated bytes (and decodes, parses and sums them). Memory is bounded: {@link #CHUNKS}
 * buffers of {@link #CHUNK_BYTES} circulate between the two threads. Input that is not gzip passes through the
 * same pipe unchanged (then the second thread only reads the file).
 */
final class InflatingPipe extends InputStream {

    static final int CHUNKS = 4;
    static final int CHUNK_BYTES = 1 << 18;

    /** A buffer and how much of it is filled; {@code length < 0} marks the end, {@code error} a failure. */
    private record Chunk(byte[] bytes, int length, IOException error) {
    }

    private final BlockingQueue<Chunk> filled = new ArrayBlockingQueue<>(CHUNKS + 1);
    private final BlockingQueue<byte[]> empty = new ArrayBlockingQueue<>(CHUNKS);
    private Chunk current;
    private int position;
    private final CountDownLatch produced = new CountDownLatch(1);
    private volatile long producerCpuNanos = -1;

    private InflatingPipe() {
        for (int i = 0; i < CHUNKS; i++) {
            empty.add(new byte[CHUNK_BYTES]);
        }
    }

    /** Starts inflating {@code raw} on a new thread; read the result from the returned stream. */
    static InflatingPipe start(InputStream raw) {
        InflatingPipe pipe = new InflatingPipe();
        Thread producer = new Thread(() -> pipe.produce(raw), "inflate");
        producer.setDaemon(true);
        producer.start();
        return pipe;
    }

    /** CPU time the reading and inflating thread used; waits (a few seconds at most) for it to finish. */
    long producerCpuNanos() throws InterruptedException {
        produced.await(10, TimeUnit.SECONDS);
        return producerCpuNanos;
    }

    private void produce(InputStream raw) {
        try {
            produceChunks(raw);
        } finally {
            producerCpuNanos = ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
            produced.countDown();
        }
    }

    /** The bytes of {@code raw}, inflated if they start with the gzip magic bytes. */
    static InputStream plain(InputStream raw) throws IOException {
        BufferedInputStream buffered = new BufferedInputStream(raw, 1 << 16);
        buffered.mark(2);
        boolean gzip = buffered.read() == 0x1f && buffered.read() == 0x8b;
        buffered.reset();
        return gzip ? new GZIPInputStream(buffered, 1 << 16) : buffered;
    }

    private void produceChunks(InputStream raw) {
        try {
            try (InputStream in = plain(raw)) {
                while (true) {
                    byte[] bytes = empty.take();
                    int length = in.readNBytes(bytes, 0, bytes.length);
                    if (length == 0) {
                        filled.put(new Chunk(bytes, -1, null));
                        return;
                    }
                    filled.put(new Chunk(bytes, length, null));
                }
            }
        } catch (IOException e) {
            filled.add(new Chunk(null, -1, e));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] target, int offset, int length) throws IOException {
        if (length == 0) {
            return 0;
        }
        if (current == null || position == current.length()) {
            if (current != null && current.length() >= 0) {
                empty.add(current.bytes());
            }
            current = next();
            position = 0;
        }
        if (current.length() < 0) {
            if (current.error() != null) {
                throw current.error();
            }
            return -1;
        }
        int n = Math.min(length, current.length() - position);
        System.arraycopy(current.bytes(), position, target, offset, n);
        position += n;
        return n;
    }

    private Chunk next() throws IOException {
        try {
            return filled.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }
}
