package dev.edp.runtime.cur;

import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The bytes of a stream, read on a thread of their own up to {@link #CHUNKS} chunks ahead of the reader: what
 * {@link CurReader} puts between gzip inflation and the parser when the JVM has more than one processor, so that a
 * compressed report takes about the longer of the two instead of their sum: two threads, not one
 * (docs/benchmarks.md, "Parser, fourth pass"). Bounded: at most {@code CHUNKS + 2} chunks of {@link #CHUNK} bytes
 * exist at any time, recycled, so the heap stays flat whatever the stream's length.
 *
 * <p>The reader sees what it would see reading the stream itself: the same bytes in the same order, then the end
 * or the exception the stream threw (the same object, rethrown), after every byte read before it. {@link #close}
 * stops the thread (within one read of the stream) without closing the stream, which stays its owner's.
 */
final class ReadAhead extends InputStream {

    static final int CHUNK = 1 << 18;
    static final int CHUNKS = 8;
    /** Whether this JVM inflates on a second thread: {@link #worthIt} of its processors, environment and property. */
    static final boolean WORTH_IT = worthIt(Runtime.getRuntime().availableProcessors(),
            System.getenv("AWS_LAMBDA_FUNCTION_MEMORY_SIZE"), System.getProperty("edp.cur.readAhead"));

    /** Two full vCPUs' worth of Lambda time: Lambda gives CPU in proportion to memory, one vCPU's at 1,769 MB. */
    static final int LAMBDA_TWO_VCPUS_MB = 3538;

    /**
     * Whether a second thread can pay: {@code -Dedp.cur.readAhead=true|false} decides when set; otherwise only with
     * two processors or more (one only interleaves the two, with a switch per chunk), and on Lambda
     * ({@code AWS_LAMBDA_FUNCTION_MEMORY_SIZE} set) only from {@value #LAMBDA_TWO_VCPUS_MB} MB: Lambda shows 2
     * vCPUs at every size but below that gives less than two vCPUs' time, where the second thread took more CPU
     * for no shorter wall time, as on a loaded machine (docs/benchmarks.md, "Parser, fourth pass").
     */
    static boolean worthIt(int processors, String lambdaMemoryMb, String property) {
        if (property != null) {
            return !"false".equals(property);
        }
        if (processors < 2) {
            return false;
        }
        if (lambdaMemoryMb == null) {
            return true;
        }
        try {
            return Integer.parseInt(lambdaMemoryMb.trim()) >= LAMBDA_TWO_VCPUS_MB;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    /** What the thread hands over: bytes, or how the stream ended. */
    private record Chunk(byte[] bytes, int length, Throwable failure) {
    }

    private static final Chunk END = new Chunk(new byte[0], 0, null);

    private final InputStream source;
    private final BlockingQueue<Chunk> filled = new ArrayBlockingQueue<>(CHUNKS);
    private final BlockingQueue<byte[]> free = new ArrayBlockingQueue<>(CHUNKS + 2);
    private final Thread thread;
    private volatile boolean closed;
    private Chunk current;
    private int position;

    ReadAhead(InputStream source) {
        this.source = source;
        this.thread = new Thread(this::fill, "cur-read-ahead");
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        if (length == 0) {
            return 0;
        }
        while (current == null || position == current.length) {
            if (current == END) {
                return -1;
            }
            if (current != null) {
                free.offer(current.bytes);
            }
            current = take();
            position = 0;
            if (current.failure != null) {
                Chunk failed = current;
                current = END;
                rethrow(failed.failure);
            }
        }
        int n = Math.min(length, current.length - position);
        System.arraycopy(current.bytes, position, buffer, offset, n);
        position += n;
        return n;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    /** Stops the thread and waits for it (it finishes the read it is in); the stream is not closed. */
    @Override
    public void close() {
        closed = true;
        filled.clear(); // a thread waiting to hand over a chunk sees the room, or the flag within its poll
        boolean interrupted = false;
        while (thread.isAlive()) {
            try {
                thread.join();
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private Chunk take() throws IOException {
        try {
            return filled.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new java.io.InterruptedIOException("interrupted while reading ahead");
        }
    }

    /** The thread: reads chunk after chunk until the stream ends or fails, or the reader closes. */
    private void fill() {
        while (!closed) {
            byte[] bytes = free.poll();
            if (bytes == null) {
                bytes = new byte[CHUNK];
            }
            int n = 0;
            Throwable failure = null;
            try {
                while (n < CHUNK) {
                    int read = source.read(bytes, n, CHUNK - n);
                    if (read < 0) {
                        break;
                    }
                    n += read;
                }
            } catch (Throwable e) { // every failure reaches the reader, after the bytes read before it
                failure = e;
            }
            if (n > 0 && !hand(new Chunk(bytes, n, null))) {
                return;
            }
            if (failure != null || n < CHUNK) {
                hand(failure != null ? new Chunk(bytes, 0, failure) : END);
                return;
            }
        }
    }

    /** Hands a chunk to the reader, waiting for room; false when the reader closed meanwhile. */
    private boolean hand(Chunk chunk) {
        try {
            while (!closed) {
                if (filled.offer(chunk, 10, TimeUnit.MILLISECONDS)) {
                    return true;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return false;
    }

    private static void rethrow(Throwable failure) throws IOException {
        if (failure instanceof IOException e) {
            throw e;
        }
        if (failure instanceof RuntimeException e) {
            throw e;
        }
        if (failure instanceof Error e) {
            throw e;
        }
        throw new IOException(failure);
    }
}
