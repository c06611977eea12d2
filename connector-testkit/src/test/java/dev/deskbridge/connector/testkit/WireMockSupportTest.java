package dev.deskbridge.connector.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import java.io.IOException;
import java.net.ServerSocket;
import org.junit.jupiter.api.Test;

class WireMockSupportTest {

    @Test
    void startsOnTheGivenLoopbackPort() throws IOException {
        int port;
        try (ServerSocket free = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = free.getLocalPort();
        }
        WireMockServer server = WireMockSupport.startLoopback(port);
        try {
            assertThat(server.port()).isEqualTo(port);
            assertThat(WireMockSupport.baseUrl(server)).isEqualTo("http://127.0.0.1:" + port);
        } finally {
            server.stop();
        }
    }

    @Test
    void refusesAPortOutOfRange() {
        assertThatThrownBy(() -> WireMockSupport.startLoopback(70000)).hasMessageContaining("70000");
    }
}
