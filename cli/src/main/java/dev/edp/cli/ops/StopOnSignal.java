package dev.edp.cli.ops;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Ctrl-C and SIGTERM as a request to stop at the next safe point rather than a kill: while open, a signal sets
 * {@link #requested()} and the JVM waits (up to {@link #GRACE_SECONDS} s) until the work closes this, so a command
 * finishes the step in hand (the message being moved, the replay being cancelled) before the process ends.
 */
public final class StopOnSignal implements AutoCloseable {

    static final int GRACE_SECONDS = 30;

    private final AtomicBoolean requested = new AtomicBoolean();
    private final CountDownLatch finished = new CountDownLatch(1);
    private final Thread hook;

    private StopOnSignal(String name) {
        hook = new Thread(() -> {
            requested.set(true);
            try {
                finished.await(GRACE_SECONDS, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, name);
    }

    public static StopOnSignal install(String name) {
        StopOnSignal stop = new StopOnSignal(name);
        Runtime.getRuntime().addShutdownHook(stop.hook);
        return stop;
    }

    /** Whether a stop was asked for. */
    public boolean requested() {
        return requested.get();
    }

    @Override
    public void close() {
        finished.countDown();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // the JVM is already stopping: the hook has seen the work finish
        }
    }
}
