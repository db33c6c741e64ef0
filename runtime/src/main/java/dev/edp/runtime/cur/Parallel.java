package dev.edp.runtime.cur;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Independent single-item calls of one ingest (running-total writes, curated objects), {@link #WIDTH} at a time, on a
 * small pool of daemon threads shared by the function's ingests. Sequential calls would make an ingest wait for
 * every round trip in turn (a report of thousands of groups: seconds; measured on moto: 383 updates, 19 s under load).
 * Calls given to {@link #run} must not themselves wait on it: with every thread of the pool waiting for calls queued
 * behind them, none would run.
 */
final class Parallel {

    /**
     * Calls in flight at once. The URL-connection HTTP client keeps 5 connections per host alive (the JDK's
     * {@code http.maxConnections}); more would open new TLS connections.
     */
    static final int WIDTH = 4;

    private static final ExecutorService POOL = Executors.newFixedThreadPool(WIDTH, run -> {
        Thread thread = new Thread(run, "edp-cur-io");
        thread.setDaemon(true);
        return thread;
    });

    private Parallel() {
    }

    /**
     * Runs the calls, whose order must not matter, and waits for all; the first failure is rethrown once every call
     * has finished or failed, so what follows never overlaps them. A single call runs on the caller's thread.
     */
    static void run(List<Runnable> calls) {
        if (calls.size() <= 1) {
            calls.forEach(Runnable::run);
            return;
        }
        List<Future<?>> futures = new ArrayList<>(calls.size());
        calls.forEach(call -> futures.add(POOL.submit(call)));
        RuntimeException failed = null;
        for (Future<?> future : futures) {
            try {
                future.get();
            } catch (ExecutionException e) {
                if (failed == null) {
                    failed = e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for the ingest's calls", e);
            }
        }
        if (failed != null) {
            throw failed;
        }
    }
}
