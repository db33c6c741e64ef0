package dev.edp.cli.ops;

import dev.edp.pattern.inputs.ConsumerArgs;
import dev.edp.reference.SeedConsumers;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

/**
 * A test class of the operations commands ({@code ./edp dlq}, {@code ./edp replay}) on EventDrivenPattern's real
 * graph with two of seed 003's consumers, {@value #ORDERS} and {@value #INVENTORY}: deployed once for the class onto
 * a sandbox of its own ({@link OpsSandbox#deploy}), emptied before each test ({@link OpsSandbox#reset()}), stopped
 * after the class.
 */
public abstract class OnOpsSandbox {

    protected static final String ORDERS = SeedConsumers.ORDER_PROCESSOR;
    protected static final String INVENTORY = SeedConsumers.INVENTORY_PROCESSOR;

    /** The project directory the commands get ({@code --project-dir}): where the sandbox file is. */
    @TempDir
    protected static Path project;
    protected static OpsSandbox sandbox;

    @BeforeAll
    static void deploySandbox() {
        List<ConsumerArgs> consumers = SeedConsumers.domain().stream()
                .filter(c -> List.of(ORDERS, INVENTORY).contains(c.name())).toList();
        sandbox = OpsSandbox.deploy("edp", consumers, project);
    }

    @BeforeEach
    void emptySandbox() {
        sandbox.reset();
    }

    @AfterAll
    static void stopSandbox() {
        if (sandbox != null) {
            sandbox.close();
        }
    }
}
