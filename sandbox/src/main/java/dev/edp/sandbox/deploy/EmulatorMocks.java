package dev.edp.sandbox.deploy;

import dev.edp.testing.AwsMocks;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Pulumi mocks that deploy: each resource the stack program registers is created on the emulator by the
 * {@link ResourceCreator} of its type, and the engine gets the emulator's ids, ARNs and URLs as outputs, so every
 * reference between resources (a queue's redrive policy naming its DLQ's ARN, a rule's target, a function's
 * environment) carries real values. {@link AwsMocks} names each resource first, exactly as {@code ./edp synth}
 * does; the creator then creates it under that name.
 *
 * <p>A type without a creator is recorded as not emulated, with that reason: nothing is skipped silently.
 */
public final class EmulatorMocks extends AwsMocks {

    private final Map<String, ResourceCreator> creatorsByType = new HashMap<>();
    private final Deployment deployment;

    public EmulatorMocks(String account, String region, List<ResourceCreator> creators, Deployment deployment) {
        super(account, region);
        this.deployment = deployment;
        for (ResourceCreator creator : creators) {
            for (String type : creator.types()) {
                ResourceCreator previous = creatorsByType.put(type, creator);
                if (previous != null) {
                    throw new IllegalArgumentException(type + " has two creators: " + previous.getClass().getSimpleName()
                            + " and " + creator.getClass().getSimpleName());
                }
            }
        }
    }

    @Override
    protected String computeOutputs(String type, String logicalName, Map<String, Object> state) {
        String mockId = super.computeOutputs(type, logicalName, state);
        if (isComponent(type)) {
            return mockId; // a component has no cloud resource of its own: its children are the resources
        }
        ResourceCreator creator = creatorsByType.get(type);
        Placed placed;
        if (creator == null) {
            placed = Placed.notEmulated(mockId, "the sandbox has no creator for " + type);
        } else {
            try {
                placed = creator.create(new PendingResource(type, logicalName, state, mockId));
            } catch (RuntimeException e) {
                // The engine reports this as the program's failure; the message names the resource.
                throw new DeployException(type + " " + logicalName + ": the emulator refused it: " + e.getMessage(), e);
            }
        }
        deployment.record(type, logicalName, placed);
        return placed.id();
    }

    /**
     * Component resources (EDP's {@code edp:index:EventDrivenPattern}, a user's {@code acme:index:Shop}) are typed
     * {@code package:module:Name}; a provider's cloud resources {@code package:module/resource:Name}
     * ({@code aws:sqs/queue:Queue}); providers and stacks are {@code pulumi:...}.
     */
    static boolean isComponent(String type) {
        return type.startsWith("pulumi:") || !type.contains("/");
    }

    /** A resource could not be created on the emulator. */
    public static final class DeployException extends RuntimeException {
        public DeployException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
