package dev.edp.testing;

import com.google.protobuf.ListValue;
import com.google.protobuf.Struct;
import com.google.protobuf.Value;
import com.pulumi.Context;
import com.pulumi.core.Output;
import com.pulumi.resources.Resource;
import com.pulumi.test.Mocks;
import com.pulumi.test.PulumiTest;
import com.pulumi.test.TestOptions;
import com.pulumi.test.TestResult;
import com.pulumi.test.internal.MockMonitor;
import com.pulumi.test.internal.PulumiTestInternal;
import pulumirpc.Resource.RegisterResourceRequest;
import pulumirpc.Resource.RegisterResourceResponse;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * Runs a Pulumi program under the in-process mock engine, with stack config, and captures the resource graph it
 * registers: every resource with its parent URN and its inputs under the provider's wire names.
 *
 * <p>Config is given as the engine passes it: {@code "edp:environment" -> "prod"}, structured values as JSON text.
 * Pulumi's public test API has no config hook, so this uses the SDK's own test builder (pinned SDK version).
 */
public final class MockedProgram {

    private final String project;
    private final String stack;
    private final Map<String, String> config;
    private final Mocks mocks;

    private MockedProgram(String project, String stack, Map<String, String> config, Mocks mocks) {
        this.project = project;
        this.stack = stack;
        this.config = Map.copyOf(config);
        this.mocks = mocks;
    }

    public static MockedProgram of(String project, String stack, Map<String, String> config, Mocks mocks) {
        return new MockedProgram(project, stack, config, mocks);
    }

    public static MockedProgram of(String project, String stack, Map<String, String> config) {
        return new MockedProgram(project, stack, config, new AwsMocks());
    }

    /** Runs the program and returns what it registered and exported. Never throws for program errors: see {@link Run}. */
    public Run run(Consumer<Context> program) {
        List<GraphResource> recorded = Collections.synchronizedList(new ArrayList<>());
        try {
            TestResult result = PulumiTestInternal.builder()
                    .options(TestOptions.builder().projectName(project).stackName(stack).preview(false).build())
                    .mocks(mocks)
                    .config(config)
                    .monitorDecorator(ignored -> new RecordingMonitor(mocks, recorded))
                    // Failures are returned (Run.failure), not logged: callers decide how to report them.
                    .standardLogger(PulumiTestInternal.logger(java.util.logging.Level.OFF))
                    .build()
                    .runTest(program);
            List<GraphResource> ordered;
            synchronized (recorded) {
                ordered = List.copyOf(recorded);
            }
            return new Run(result, new ResourceGraph(stack, ordered));
        } finally {
            PulumiTest.cleanup();
        }
    }

    /** What one mocked run produced. */
    public record Run(TestResult result, ResourceGraph graph) {

        /** The first exception the program raised, or null. */
        public Throwable failure() {
            if (!result.exceptions().isEmpty()) {
                return result.exceptions().get(0);
            }
            return result.errors().isEmpty() ? null : new IllegalStateException(String.join("\n", result.errors()));
        }

        public boolean succeeded() {
            return failure() == null;
        }

        /** The value of a stack export, waited for. */
        public Object export(String name) {
            Output<?> output = result.outputs().get(name);
            if (output == null) {
                throw new IllegalArgumentException("no stack export named " + name + "; have " + result.outputs().keySet());
            }
            return PulumiTest.extractValue(output);
        }

        public Map<String, Output<?>> exports() {
            return result.outputs();
        }

        public List<Resource> resources() {
            return result.resources();
        }
    }

    /** A mock monitor that also writes down each registration with its parent, as the real engine sees it. */
    private static final class RecordingMonitor extends MockMonitor {
        private final List<GraphResource> recorded;

        RecordingMonitor(Mocks mocks, List<GraphResource> recorded) {
            super(mocks, PulumiTestInternal.mockLog());
            this.recorded = recorded;
        }

        @Override
        public CompletableFuture<RegisterResourceResponse> registerResourceAsync(
                Resource resource, RegisterResourceRequest request) {
            return super.registerResourceAsync(resource, request).thenApply(response -> {
                String parent = request.getParent().isEmpty() ? null : request.getParent();
                Map<String, List<String>> propertyDependencies = new java.util.TreeMap<>();
                request.getPropertyDependenciesMap().forEach((input, urns) -> {
                    if (urns.getUrnsCount() > 0) {
                        propertyDependencies.put(input, List.copyOf(urns.getUrnsList()));
                    }
                });
                recorded.add(new GraphResource(response.getUrn(), request.getType(), request.getName(), parent,
                        toMap(request.getObject()), List.copyOf(request.getDependenciesList()), propertyDependencies));
                return response;
            });
        }
    }

    static Map<String, Object> toMap(Struct struct) {
        Map<String, Object> map = new LinkedHashMap<>();
        struct.getFieldsMap().forEach((k, v) -> map.put(k, toJava(v)));
        return map;
    }

    private static Object toJava(Value value) {
        return switch (value.getKindCase()) {
            case NULL_VALUE, KIND_NOT_SET -> null;
            case NUMBER_VALUE -> {
                double d = value.getNumberValue();
                yield d == Math.rint(d) && Math.abs(d) < 1e15 ? (Object) (long) d : (Object) d;
            }
            case STRING_VALUE -> value.getStringValue();
            case BOOL_VALUE -> value.getBoolValue();
            case STRUCT_VALUE -> toMap(value.getStructValue());
            case LIST_VALUE -> toList(value.getListValue());
        };
    }

    private static List<Object> toList(ListValue list) {
        List<Object> out = new ArrayList<>();
        list.getValuesList().forEach(v -> out.add(toJava(v)));
        return out;
    }
}
