package dev.edp.cli.local;

import dev.edp.sandbox.emulator.LambdaGateway;
import dev.edp.sandbox.emulator.EmulatedAccount;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The errors {@code ./edp local} gives before anything runs: each says what is wrong and what to do. */
class SandboxStartTest {

    @Test
    void aTakenPortIsNamedWithWhatToDo() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            int port = taken.getLocalPort();
            assertThatThrownBy(() -> EmulatedAccount.start(port, "us-east-1", Optional.of(Path.of("/unused"))))
                    .isInstanceOf(LambdaGateway.PortInUseException.class)
                    .hasMessageContaining("port " + port + " on 127.0.0.1 is in use")
                    .hasMessageContaining("--port");
        }
    }

    @Test
    void aMissingEmulatorNamesTheInstallStep() {
        assertThatThrownBy(() -> EmulatedAccount.start(0, "us-east-1", Optional.empty()))
                .isInstanceOf(EmulatedAccount.EmulatorUnavailableException.class)
                .hasMessageContaining("not installed")
                .hasMessageContaining("./edp setup");
    }

    @Test
    void anEmulatorThatDiesAtStartIsReportedWithItsLog(@TempDir Path dir) throws Exception {
        Path broken = dir.resolve("moto_server");
        Files.writeString(broken, "#!/bin/sh\necho 'ModuleNotFoundError: No module named flask' >&2\nexit 3\n");
        Files.setPosixFilePermissions(broken, PosixFilePermissions.fromString("rwx------"));

        assertThatThrownBy(() -> EmulatedAccount.start(0, "us-east-1", Optional.of(broken)))
                .isInstanceOf(EmulatedAccount.EmulatorUnavailableException.class)
                .hasMessageContaining("failed to start")
                .hasMessageContaining("exited with 3")
                .hasMessageContaining("No module named flask");
    }

    @Test
    void theCommandExitsWith2AndTheMessageWhenThePortIsTaken() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            var err = new java.io.ByteArrayOutputStream();
            PrintStreamSwap swap = new PrintStreamSwap(err);
            int code;
            try {
                code = dev.edp.cli.Edp.commandLine().execute("local", "--once", "--port",
                        Integer.toString(taken.getLocalPort()), "--project-dir",
                        dev.edp.cli.synth.Stacks.projectDir().toString());
            } finally {
                swap.restore();
            }
            assertThat(code).isEqualTo(2);
            assertThat(err.toString()).contains("edp local: port " + taken.getLocalPort() + " on 127.0.0.1 is in use");
        }
    }

    /** Captures standard error for one command. */
    private static final class PrintStreamSwap {
        private final java.io.PrintStream original = System.err;

        PrintStreamSwap(java.io.OutputStream target) {
            System.setErr(new java.io.PrintStream(target, true, java.nio.charset.StandardCharsets.UTF_8));
        }

        void restore() {
            System.setErr(original);
        }
    }
}
