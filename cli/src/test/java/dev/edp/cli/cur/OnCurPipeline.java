package dev.edp.cli.cur;

import dev.edp.cli.moto.MotoClients;
import dev.edp.cli.moto.PatternOnMoto;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;

/**
 * A test class on the CUR pipeline's real graph ({@link CurPipeline#deploy()}), deployed once for the class onto a
 * sandbox of its own and stopped after it, with SDK clients signed as the sandbox's administrator; before each test
 * a fresh {@link #pipeline} (the data of earlier tests emptied, the default bus's forwarding rule as deployed).
 */
abstract class OnCurPipeline {

    protected static PatternOnMoto deployed;
    protected static MotoClients aws;
    protected CurPipeline pipeline;

    @BeforeAll
    static void deployPipeline() {
        deployed = CurPipeline.deploy();
        aws = deployed.aws();
    }

    @BeforeEach
    void freshPipeline() throws Exception {
        pipeline = new CurPipeline(deployed);
    }

    @AfterAll
    static void stopSandbox() {
        if (deployed != null) {
            deployed.close();
        }
    }
}
