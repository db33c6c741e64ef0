package dev.edp.sandbox.deploy;

import java.util.Set;

/**
 * Creates the resources of one AWS service on the emulator, with the settings the stack gives them, and writes the
 * emulator's answers (ids, ARNs, URLs) into the resource's outputs, so resources that reference it get real values.
 * One implementation per service; {@link EmulatorMocks} picks it by type token.
 */
public interface ResourceCreator {

    /** The Pulumi type tokens this creator handles, e.g. {@code aws:sqs/queue:Queue}. */
    Set<String> types();

    /** Creates the resource (or decides where else it lives) and says what it did. */
    Placed create(PendingResource resource);
}
