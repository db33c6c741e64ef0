package dev.edp.cli.ops;

import dev.edp.testing.MotoServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** A test class with a moto server of its own, started once for the class and stopped after it. */
public abstract class OnMoto {

    protected static MotoServer moto;

    @BeforeAll
    static void startMoto() {
        moto = MotoServer.start();
    }

    @AfterAll
    static void stopMoto() {
        moto.close();
    }
}
