package dev.edp.cli.ops;

/**
 * A problem the operator can fix (a flag, a file, a missing sandbox, an unknown consumer): reported as one line
 * naming what is wrong, exit code 2. Failures of AWS itself are reported separately (exit code 1).
 */
public final class OpsException extends RuntimeException {

    public OpsException(String message) {
        super(message);
    }

    public OpsException(String message, Throwable cause) {
        super(message, cause);
    }
}
