package dev.deskbridge.host.e2e;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import dev.deskbridge.host.e2e.FailurePlan.Call;
import java.util.Optional;

/**
 * A provider stand-in that remembers: a WireMock server on loopback whose every answer comes from
 * the subclass's state, unless the {@link #failures} plan picks the request. One request at a time
 * (the subclass's synchronized methods share this lock), so a test reads a consistent state.
 */
abstract class StandIn implements AutoCloseable {
    /** Which requests fail; a predicate may read the stand-in's state. */
    final FailurePlan failures = new FailurePlan();
    final WireMockServer server;
    /** How long every answer takes, before the stand-in looks at the request (0: at once). */
    volatile long latencyMillis;
    private final String contentType;
    private final String throttledBody;
    private final String unavailableBody;
    private final java.util.List<Call> calls = new java.util.ArrayList<>();

    /** Starts listening; the bodies are the provider's own for a 429 and a 503. */
    StandIn(String contentType, String throttledBody, String unavailableBody) {
        this.contentType = contentType;
        this.throttledBody = throttledBody;
        this.unavailableBody = unavailableBody;
        server = new WireMockServer(WireMockConfiguration.options().bindAddress("127.0.0.1").dynamicPort()
                .extensions(new Behaviour()));
        server.start();
        server.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(500)));
    }

    String baseUrl() {
        return "http://127.0.0.1:" + server.port();
    }

    /** The answer from the stand-in's state (which it may change). */
    abstract ResponseDefinition handle(Call call, Request request);

    private synchronized ResponseDefinition answer(Request request) {
        Call call = new Call(request.getMethod().getName(), request.getUrl().replaceFirst("\\?.*", ""),
                request.getBodyAsString());
        calls.add(call);
        Optional<FailurePlan.Failure> failure = failures.pick(call);
        if (failure.isEmpty()) {
            return handle(call, request);
        }
        if (failure.get() == FailurePlan.Failure.APPLIED_THEN_UNAVAILABLE) {
            handle(call, request);
        }
        return FailurePlan.answer(failure.get(), contentType, throttledBody, unavailableBody);
    }

    /** How many requests arrived so far (a mark for {@link #callsSince}). */
    synchronized int callCount() {
        return calls.size();
    }

    /** The requests that arrived after {@code mark}, as "METHOD /path", in order. */
    synchronized java.util.List<String> callsSince(int mark) {
        return calls.subList(mark, calls.size()).stream().map(c -> c.method() + " " + c.path()).toList();
    }

    @Override
    public void close() {
        server.stop();
    }

    /** Answers every request through {@link #answer}. */
    private final class Behaviour implements ResponseDefinitionTransformerV2 {
        @Override
        public ResponseDefinition transform(ServeEvent event) {
            long latency = latencyMillis;
            if (latency > 0) {
                try {
                    Thread.sleep(latency);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            return answer(event.getRequest());
        }

        @Override
        public String getName() {
            return "stand-in";
        }
    }
}
