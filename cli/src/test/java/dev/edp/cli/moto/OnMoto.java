package dev.edp.cli.moto;

import dev.edp.testing.MotoServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * A test class with a moto server of its own, started once for the class (before the class's own
 * {@code @BeforeAll}) and stopped after it, with SDK clients pointed at it.
 */
public abstract class OnMoto {

    protected static MotoServer moto;
    protected static MotoClients aws;

    @BeforeAll
    static void startMoto() {
        moto = MotoServer.start();
        aws = new MotoClients(moto);
    }

    @AfterAll
    static void stopMoto() {
        moto.close();
    }
}
