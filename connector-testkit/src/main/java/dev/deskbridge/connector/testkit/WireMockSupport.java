package dev.deskbridge.connector.testkit;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.util.List;

/** Starts WireMock servers on a free loopback port, and reads what they received. */
public final class WireMockSupport {
    private WireMockSupport() {}

    /** A started server on a free port of 127.0.0.1; stop it after the test. */
    public static WireMockServer startLoopback() {
        WireMockServer server = new WireMockServer(WireMockConfiguration.options()
                .bindAddress("127.0.0.1")
                .dynamicPort());
        server.start();
        return server;
    }

    /** The base URL of a started server, without a trailing slash. */
    public static String baseUrl(WireMockServer server) {
        return "http://127.0.0.1:" + server.port();
    }

    /** Every request the server received, oldest first. */
    public static List<LoggedRequest> received(WireMockServer server) {
        return server.findAll(com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor(
                com.github.tomakehurst.wiremock.client.WireMock.anyUrl()));
    }
}
