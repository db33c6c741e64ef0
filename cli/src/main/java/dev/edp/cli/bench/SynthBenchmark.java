package dev.edp.cli.bench;

import dev.edp.pattern.EventDrivenPattern;
import dev.edp.pattern.EventDrivenPatternArgs;
import dev.edp.pattern.inputs.ConsumerArgs;
import dev.edp.pattern.inputs.FunctionArgs;
import com.pulumi.asset.FileArchive;
import dev.edp.testing.MockedProgram;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code ./edp bench synth}: how long the whole component takes to build under Pulumi's mock engine, for a growing
 * number of consumers. Each size is run {@code --warmup} times untimed, then {@code --runs} times timed, in one JVM.
 */
@Command(name = "synth", mixinStandardHelpOptions = true,
        description = "Times a mock synth of the component with 1, 10 and 50 consumers (or --consumers).")
public final class SynthBenchmark implements Callable<Integer> {

    @Option(names = "--consumers", split = ",", defaultValue = "1,10,50", description = "consumer counts (default 1,10,50)")
    List<Integer> sizes;

    @Option(names = "--runs", defaultValue = "5", description = "timed runs per size (default 5)")
    int runs;

    @Option(names = "--warmup", defaultValue = "2", description = "untimed runs per size first (default 2)")
    int warmup;

    @Override
    public Integer call() {
        System.out.printf("mock synth of EventDrivenPattern, %d warm-up + %d timed runs per size, %s, %d CPUs%n",
                warmup, runs, Runtime.version(), Runtime.getRuntime().availableProcessors());
        System.out.printf("%10s %10s %10s %10s %10s %12s%n", "consumers", "resources", "min ms", "median ms", "max ms",
                "ms/resource");
        for (int size : sizes) {
            EventDrivenPatternArgs args = args(size);
            int resources = 0;
            for (int i = 0; i < warmup; i++) {
                resources = once(args);
            }
            long[] millis = new long[runs];
            for (int i = 0; i < runs; i++) {
                long start = System.nanoTime();
                resources = once(args);
                millis[i] = (System.nanoTime() - start) / 1_000_000;
            }
            Arrays.sort(millis);
            long median = millis[runs / 2];
            System.out.printf("%10d %10d %10d %10d %10d %12.2f%n", size, resources, millis[0], median,
                    millis[runs - 1], (double) median / resources);
        }
        return 0;
    }

    /** {@code n} queue consumers of their own on the bare pattern (audit trail, alarms, dashboard). */
    static EventDrivenPatternArgs args(int n) {
        List<ConsumerArgs> consumers = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            consumers.add(ConsumerArgs.builder()
                    .name("consumer-" + i)
                    .eventPattern("{\"source\":[\"bench\"],\"detail-type\":[\"Event " + i + "\"]}")
                    .function(FunctionArgs.builder()
                            .code(new FileArchive("handlers.jar"))
                            .handler("com.acme.Handler" + i + "::handleRequest")
                            .build())
                    .grants("table:read", "table:write", "notifications:publish")
                    .build());
        }
        return EventDrivenPatternArgs.builder().environment("prod").consumers(consumers).build();
    }

    private static int once(EventDrivenPatternArgs args) {
        MockedProgram.Run run = MockedProgram.of("edp", "bench", Map.of()).run(ctx -> new EventDrivenPattern("edp", args, null));
        if (run.failure() != null) {
            throw new IllegalStateException("synth failed", run.failure());
        }
        return run.graph().resources().size();
    }
}
