package dev.edp.cli;

import picocli.CommandLine;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;

/** Runs a command in-process as a user would run {@code ./edp}, capturing what it prints and its exit code. */
public final class CliRun {

    /** What a command printed and returned. */
    public record Outcome(int exit, String out, String err) {
    }

    private CliRun() {
    }

    /** The command refused its input: exit 2, and stderr names the problem. */
    public static void assertRefused(Outcome outcome, String message) {
        assertThat(outcome.exit()).as(outcome.out() + outcome.err()).isEqualTo(2);
        assertThat(outcome.err()).contains(message);
    }

    /** {@code ./edp ARGS}. */
    public static Outcome edp(String... args) {
        return run(Edp::commandLine, args);
    }

    /**
     * Runs the command line {@code commandLine} makes; it is made after stdout and stderr are captured, so what
     * picocli itself writes (usage errors, stack traces) is captured too.
     */
    public static Outcome run(Supplier<CommandLine> commandLine, String... args) {
        PrintStream out = System.out;
        PrintStream err = System.err;
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        ByteArrayOutputStream e = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(o, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(e, true, StandardCharsets.UTF_8));
            int exit = commandLine.get().execute(args);
            return new Outcome(exit, o.toString(StandardCharsets.UTF_8), e.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(out);
            System.setErr(err);
        }
    }
}
