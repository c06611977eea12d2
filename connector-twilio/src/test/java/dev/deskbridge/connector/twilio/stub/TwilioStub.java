package dev.deskbridge.connector.twilio.stub;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import dev.deskbridge.connector.testkit.WireMockSupport;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * A WireMock stand-in for every Twilio API, on 127.0.0.1. Whatever reaches it is checked against
 * Twilio's official descriptions: {@link #assertEveryRequestMatchesTwilioDescriptions()} fails a
 * test for any request (or stubbed success answer) the description rejects.
 */
public final class TwilioStub implements AutoCloseable {
    private final WireMockServer server = WireMockSupport.startLoopback();

    public WireMockServer server() {
        return server;
    }

    /** The value for the {@code base_url} setting. */
    public String baseUrl() {
        return WireMockSupport.baseUrl(server);
    }

    /** What the descriptions say about every exchange so far, oldest first. */
    public List<String> violations() {
        List<ServeEvent> events = new ArrayList<>(server.getAllServeEvents());
        events.sort(Comparator.comparing(e -> e.getRequest().getLoggedDate()));
        List<String> out = new ArrayList<>();
        for (ServeEvent e : events) {
            out.addAll(TwilioDescriptions.violations(e));
        }
        return out;
    }

    public void assertEveryRequestMatchesTwilioDescriptions() {
        assertThat(violations()).as("requests the official Twilio descriptions reject").isEmpty();
    }

    @Override
    public void close() {
        server.stop();
    }
}
