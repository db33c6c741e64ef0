package dev.edp.sandbox.functions;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Where each function's output goes. In Lambda, a function's standard output is its log; in the sandbox all
 * functions share one JVM, so {@link #install()} replaces {@code System.out} and {@code System.err} with streams that
 * send what a thread writes to the log of the function that thread is running ({@link #within}): one file per
 * function ({@code <dir>/<function>.log}) and, once {@link #shipTo} is called, the function's log group on the
 * emulator. Everything else goes to the real console.
 *
 * <p>Handlers that capture {@code System.out} when built (JSON loggers do) must be built inside {@link #within}.
 */
public final class FunctionLogs implements AutoCloseable {

    private static final ThreadLocal<String> CURRENT = new ThreadLocal<>();

    private final Path directory;
    private final Map<String, OutputStream> files = new ConcurrentHashMap<>();
    private final PrintStream console;
    private final PrintStream consoleErr;
    private boolean installed;
    private volatile LogShipper shipper;

    public FunctionLogs(Path directory) {
        this.directory = directory;
        this.console = System.out;
        this.consoleErr = System.err;
    }

    /** The real standard output, for the sandbox's own report. */
    public PrintStream console() {
        return console;
    }

    /** Routes {@code System.out} and {@code System.err}; undone by {@link #close()}. */
    public synchronized void install() {
        try {
            Files.createDirectories(directory);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the function log directory " + directory, e);
        }
        System.setOut(new PrintStream(new Router(console), true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(new Router(consoleErr), true, StandardCharsets.UTF_8));
        installed = true;
    }

    /** Also sends each function's output to its log group on the emulator ({@code groupsByFunction}: by function). */
    public void shipTo(software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient logs,
                       Map<String, String> groupsByFunction) {
        this.shipper = new LogShipper(logs, groupsByFunction);
    }

    /** Runs {@code work} with this thread's output going to {@code function}'s log. */
    public <T> T within(String function, Callable<T> work) throws Exception {
        String previous = CURRENT.get();
        CURRENT.set(function);
        try {
            return work.call();
        } finally {
            System.out.flush();
            System.err.flush();
            if (previous == null) {
                CURRENT.remove();
            } else {
                CURRENT.set(previous);
            }
        }
    }

    /** The log file of a function. */
    public Path file(String function) {
        return directory.resolve(function + ".log");
    }

    private OutputStream sink(String function) {
        return files.computeIfAbsent(function, f -> {
            try {
                return Files.newOutputStream(file(f), StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot open the log of " + f, e);
            }
        });
    }

    @Override
    public synchronized void close() {
        if (shipper != null) {
            shipper.close();
        }
        if (installed) {
            System.out.flush();
            System.err.flush();
            System.setOut(console);
            System.setErr(consoleErr);
            installed = false;
        }
        files.values().forEach(out -> {
            try {
                out.close();
            } catch (IOException e) {
                // a log file that cannot be closed loses nothing already written
            }
        });
    }

    /** Writes to the current thread's function log, or to the fallback stream outside any function. */
    private final class Router extends OutputStream {
        private final OutputStream fallback;

        Router(OutputStream fallback) {
            this.fallback = fallback;
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[]{(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            OutputStream target = target();
            synchronized (target) {
                target.write(b, off, len);
            }
            String function = CURRENT.get();
            LogShipper logShipper = shipper;
            if (function != null && logShipper != null) {
                logShipper.append(function, b, off, len);
            }
        }

        @Override
        public void flush() throws IOException {
            target().flush();
        }

        private OutputStream target() {
            String function = CURRENT.get();
            return function == null ? fallback : sink(function);
        }
    }
}
