package dev.edp.testing;

import org.junit.jupiter.api.Test;

import java.net.HttpURLConnection;
import java.net.URI;

import static org.assertj.core.api.Assertions.assertThat;

class MotoServerIT {

    @Test
    void startsOnLoopbackAnswersAndStopsOnClose() throws Exception {
        URI endpoint;
        try (MotoServer moto = MotoServer.start()) {
            endpoint = moto.endpoint();
            assertThat(endpoint.getHost()).isEqualTo("127.0.0.1");
            assertThat(status(endpoint.resolve("/moto-api/"))).isEqualTo(200);
            moto.reset();
        }
        assertThat(status(endpoint.resolve("/moto-api/"))).isEqualTo(-1);
    }

    @Test
    void twoServersGetTwoPorts() {
        try (MotoServer first = MotoServer.start(); MotoServer second = MotoServer.start()) {
            assertThat(first.endpoint().getPort()).isNotEqualTo(second.endpoint().getPort());
        }
    }

    @Test
    void theServerItStartsIsTheConfiguredOrTheProjectsVenv() {
        assertThat(MotoServer.locate())
                .as("moto must be installed for the test suite: run ./edp setup")
                .hasValueSatisfying(path -> assertThat(path.toString()).endsWith("moto_server"));
    }

    private static int status(URI uri) {
        try {
            HttpURLConnection connection = (HttpURLConnection) uri.toURL().openConnection();
            connection.setConnectTimeout(1000);
            return connection.getResponseCode();
        } catch (Exception e) {
            return -1;
        }
    }
}
