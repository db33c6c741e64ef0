package dev.edp.runtime.common;

import org.crac.Context;
import org.crac.Core;
import org.crac.Resource;

/**
 * SnapStart priming: runs a handler's warm-up before Lambda takes the snapshot of its initialised execution
 * environment, so that restored environments start with the classes loaded and the SDK clients' first-call work
 * (marshallers, signers, HTTP connections' classes) done, as AWS recommends for Java ("Maximize Lambda SnapStart
 * performance": prime with the code paths of a request, never with side effects on real resources).
 *
 * <p>Through the {@code org.crac} facade: Lambda calls {@link Resource#beforeCheckpoint} when it snapshots a
 * published version with SnapStart; elsewhere (no SnapStart, a JVM without CRaC, the local sandbox) nothing happens.
 * A warm-up that fails is logged and ignored: priming may make a snapshot faster, never break it.
 */
public final class Priming implements Resource {

    private final String handler;
    private final Runnable warmUp;

    private Priming(String handler, Runnable warmUp) {
        this.handler = handler;
        this.warmUp = warmUp;
    }

    /**
     * How often a warm-up hands its twin the priming input ({@link #rehearse}). Once loads the classes; the JIT (C1
     * only, Lambda's default) compiles a method after about 200 calls, so a hundred rehearsals leave the handler's
     * and the SDK's per-call code compiled in the snapshot instead of interpreted in the first invocations
     * (docs/benchmarks.md, "SnapStart priming: rehearsals"). The twin's clients send nothing, so repeating it has no
     * effect outside the JVM; it lengthens only the snapshot's init, which Lambda does once per published version.
     * {@code -Dedp.priming.rehearsals=N} overrides it (what the benchmark varies).
     */
    public static final int REHEARSALS = Integer.getInteger("edp.priming.rehearsals", 100);

    /** Runs one rehearsal of a twin (a handler on {@code AwsClients.forPriming} clients) {@link #REHEARSALS} times. */
    public static void rehearse(Runnable rehearsal) {
        for (int i = 0; i < REHEARSALS; i++) {
            rehearsal.run();
        }
    }

    /** Set while a warm-up runs: what a warm-up constructs (a handler on priming clients) registers nothing. */
    private static final ThreadLocal<Boolean> WARMING = ThreadLocal.withInitial(() -> false);

    /** Registers the warm-up; keep the returned object (the global context holds it weakly). */
    public static Priming register(String handler, Runnable warmUp) {
        Priming priming = new Priming(handler, warmUp);
        if (!WARMING.get()) {
            Core.getGlobalContext().register(priming);
        }
        return priming;
    }

    /**
     * Runs the warm-up now, catching everything: what the checkpoint does, and what benchmarks and tests call.
     *
     * @return whether it ran to the end (a failure is logged as a warning)
     */
    public boolean prime() {
        WARMING.set(true);
        try {
            warmUp.run();
            return true;
        } catch (RuntimeException | LinkageError e) {
            System.err.println("{\"level\":\"WARN\",\"service\":\"" + handler + "\",\"message\":\"priming failed: "
                    + String.valueOf(e).replace("\\", "\\\\").replace("\"", "'") + "\"}");
            return false;
        } finally {
            WARMING.set(false);
        }
    }

    @Override
    public void beforeCheckpoint(Context<? extends Resource> context) {
        prime();
    }

    @Override
    public void afterRestore(Context<? extends Resource> context) {
        // Nothing to refresh here. Credentials: on SnapStart, Lambda hands the role's credentials through the container
        // credentials endpoint instead of environment keys (AWS, "SnapStart security"), so AwsClients falls back to
        // the SDK's default chain, which fetches fresh ones after a restore. Connections are re-opened as needed.
    }
}
