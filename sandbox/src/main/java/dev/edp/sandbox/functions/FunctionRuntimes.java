package dev.edp.sandbox.functions;

import java.util.Optional;

/** Which Lambda runtimes the sandbox runs: Java in-process, Python and Node.js as subprocesses; the rest not. */
public final class FunctionRuntimes {

    private FunctionRuntimes() {
    }

    /** Why a function of this runtime cannot run here, or empty if it can. */
    public static Optional<String> notEmulated(String runtime) {
        if (runtime == null || runtime.startsWith("java")) {
            return Optional.empty();
        }
        Optional<String> interpreter = SubprocessHandler.interpreter(runtime);
        if (interpreter.isEmpty()) {
            return Optional.of("runtime " + runtime + " is not emulated (Java, Python and Node.js are)");
        }
        return SubprocessHandler.installed(interpreter.get()) ? Optional.empty()
                : Optional.of("runtime " + runtime + " needs " + interpreter.get() + " on the PATH");
    }
}
