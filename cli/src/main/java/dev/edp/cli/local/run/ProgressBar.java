package dev.edp.cli.local.run;

import java.io.PrintStream;

/**
 * A one-line progress bar ({@code load [██████░░░░] 12/25 files 4.1 s}), redrawn in place on a terminal and printed
 * at every tenth of the way otherwise (so logs of CI runs stay short).
 */
public final class ProgressBar {

    private static final int WIDTH = 30;

    private final PrintStream out;
    private final String label;
    private final int total;
    private final long started = System.nanoTime();
    private final boolean terminal = System.console() != null;
    private int lastPrinted = -1;

    public ProgressBar(PrintStream out, String label, int total) {
        this.out = out;
        this.label = label;
        this.total = Math.max(1, total);
    }

    public synchronized void update(int done) {
        if (terminal) {
            out.print("\r" + line(done));
            out.flush();
        } else if (done * 10 / total > lastPrinted) {
            lastPrinted = done * 10 / total;
            out.println(line(done));
        }
    }

    public synchronized void finish(int done) {
        if (terminal) {
            out.println("\r" + line(done));
        } else if (lastPrinted < 10) {
            out.println(line(done));
        }
    }

    private String line(int done) {
        int filled = (int) ((long) done * WIDTH / total);
        double seconds = (System.nanoTime() - started) / 1e9;
        return String.format("  %s [%s%s] %d/%d files %.1f s", label, "█".repeat(filled), "░".repeat(WIDTH - filled),
                done, total, seconds);
    }
}
