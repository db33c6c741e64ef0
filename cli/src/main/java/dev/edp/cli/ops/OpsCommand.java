package dev.edp.cli.ops;

import picocli.CommandLine.Mixin;
import software.amazon.awssdk.core.exception.SdkException;

import java.util.concurrent.Callable;

/**
 * What every operations command does around its work: find the stack, open the clients, and report failures as
 * one line: exit 2 for what the operator can fix ({@link OpsException}), exit 1 for AWS failures.
 */
public abstract class OpsCommand implements Callable<Integer> {

    @Mixin
    protected StackTargetOptions stackOptions;

    /** {@code "dlq list"}, for messages. */
    protected abstract String name();

    /** True when stdout is a JSON document: the header line then goes to stderr. */
    protected boolean machineOutput() {
        return false;
    }

    /** Validates the command's own flags before anything is contacted. */
    protected void validate() {
    }

    /** The work; returns the exit code. */
    protected abstract int run(StackTarget target, OpsClients aws) throws Exception;

    @Override
    public final Integer call() throws Exception {
        try {
            validate();
            StackTarget target = stackOptions.resolve();
            (machineOutput() ? System.err : System.out).println("edp " + name() + ": stack " + target.stack()
                    + " (" + target.description() + ")");
            try (OpsClients aws = new OpsClients(target)) {
                return run(target, aws);
            }
        } catch (OpsException e) {
            System.err.println("edp " + name() + ": " + e.getMessage());
            return 2;
        } catch (SdkException e) {
            System.err.println("edp " + name() + ": AWS: " + e.getMessage());
            return 1;
        }
    }
}
