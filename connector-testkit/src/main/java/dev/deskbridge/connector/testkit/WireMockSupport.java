package dev.deskbridge.connector.testkit;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.util.List;
import java.util.function.Function;

/** Starts WireMock servers on a free loopback port, and reads what they received. */
public final class WireMockSupport {
    private WireMockSupport() {}

    /** A started server on a free port of 127.0.0.1; stop it after the test. */
    public static WireMockServer startLoopback() {
        return startLoopback(0);
    }

    /**
     * A started server on the given port of 127.0.0.1 (0: a free one), for a peer whose URL is fixed
     * before the test starts (a configuration file, a recorded webhook); stop it after the test.
     */
    public static WireMockServer startLoopback(int port) {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be 0 (any free port) to 65535, was " + port);
        }
        WireMockConfiguration options = WireMockConfiguration.options().bindAddress("127.0.0.1");
        WireMockServer server = new WireMockServer(port == 0 ? options.dynamicPort() : options.port(port));
        server.start();
        return server;
    }

    /**
     * A started server on a free loopback port whose every answer comes from {@code handler}, one
     * request at a time: the base of a stand-in that remembers what it was sent (tickets, comments),
     * so a test can read back what landed. Stop it after the test.
     */
    public static WireMockServer startStateful(Function<Request, ResponseDefinition> handler) {
        Object lock = new Object();
        ResponseDefinitionTransformerV2 answer = new ResponseDefinitionTransformerV2() {
            @Override
            public ResponseDefinition transform(ServeEvent event) {
                synchronized (lock) {
                    return handler.apply(event.getRequest());
                }
            }

            @Override
            public String getName() {
                return "stateful-stand-in";
            }
        };
        WireMockServer server = new WireMockServer(WireMockConfiguration.options().bindAddress("127.0.0.1")
                .dynamicPort().extensions(answer));
        server.start();
        server.stubFor(WireMock.any(WireMock.anyUrl()).willReturn(WireMock.aResponse().withStatus(500)));
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
