package dev.edp.sandbox.deploy.services;

import dev.edp.sandbox.deploy.PendingResource;
import dev.edp.sandbox.deploy.Placed;
import dev.edp.sandbox.deploy.ResourceCreator;
import dev.edp.sandbox.functions.FunctionCode;
import dev.edp.sandbox.functions.FunctionRuntimes;
import dev.edp.sandbox.functions.HandlerReference;

import java.util.Set;

/**
 * Functions and how events reach them. moto runs Lambda functions only in Docker, so the sandbox runs them itself:
 * each function's handler class in this JVM (loaded from the function's code archive, see {@link FunctionCode}), with
 * the function's environment variables; each event source mapping as a local poller; the Lambda Invoke API on the
 * sandbox endpoint. Nothing is created on moto.
 */
public final class LambdaResources implements ResourceCreator {

    static final String FUNCTION = "aws:lambda/function:Function";
    static final String MAPPING = "aws:lambda/eventSourceMapping:EventSourceMapping";
    static final String ALIAS = "aws:lambda/alias:Alias";
    static final String PROVISIONED = "aws:lambda/provisionedConcurrencyConfig:ProvisionedConcurrencyConfig";
    static final String PERMISSION = "aws:lambda/permission:Permission";
    static final String ASYNC_CONFIG = "aws:lambda/functionEventInvokeConfig:FunctionEventInvokeConfig";

    private final FunctionCode code;

    public LambdaResources(FunctionCode code) {
        this.code = code;
    }

    @Override
    public Set<String> types() {
        return Set.of(FUNCTION, MAPPING, ALIAS, PROVISIONED, PERMISSION, ASYNC_CONFIG);
    }

    @Override
    public Placed create(PendingResource r) {
        return switch (r.type()) {
            case FUNCTION -> {
                HandlerReference handler = HandlerReference.parse(r.required("handler"));
                FunctionCode.Loaded loaded = code.load(r.logicalName(), r.raw("code"));
                if (loaded.loader().isEmpty()) {
                    yield Placed.notEmulated(r.mockId(), "not run: " + loaded.source());
                }
                String runtime = r.string("runtime");
                if (runtime != null && !runtime.startsWith("java")) {
                    java.util.Optional<String> why = FunctionRuntimes.notEmulated(runtime);
                    yield why.isPresent() ? Placed.notEmulated(r.mockId(), "not run: " + why.get())
                            : Placed.local(r.mockId(), "runs as a " + runtime + " subprocess with Lambda's handler"
                            + " contract (event in, result or error out, partial batch responses honoured)");
                }
                ClassLoader loader = loaded.loader().get();
                if (!handler.loadableFrom(loader)) {
                    yield Placed.notEmulated(r.mockId(), "not run: its handler class " + handler.className()
                            + " is not in its code " + loaded.source());
                }
                yield handler.takesEnvironment(loader)
                        ? Placed.local(r.mockId(), "runs in-process with its environment variables (moto runs"
                        + " functions only in Docker)")
                        : Placed.local(r.mockId(), "runs in-process, but with the sandbox's process environment: "
                        + handler.className() + " has no constructor taking its variables (Map<String, String>)");
            }
            case MAPPING -> Placed.local(r.mockId(), "a local poller: batch size, batching window, visibility timeout,"
                    + " ReportBatchItemFailures");
            case ALIAS -> Placed.local(r.mockId(), "invocations go to its function");
            case ASYNC_CONFIG -> Placed.local(r.mockId(), "the sandbox's asynchronous invocation: retries, then the"
                    + " on-failure destination (attempts follow each other at once; the maximum event age is not"
                    + " reached locally)");
            case PROVISIONED -> Placed.notEmulated(r.mockId(), "pre-warmed environments have no local meaning");
            default -> Placed.notEmulated(r.mockId(), "resource policies are not enforced locally");
        };
    }
}
