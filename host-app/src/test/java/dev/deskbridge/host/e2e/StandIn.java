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
    private final java.util.List<Long> arrivals = new java.util.ArrayList<>();
    private final java.util.List<Integer> throttled = new java.util.ArrayList<>();
    /** The provider's stated request allowance, when the test gives it one. */
    private Allowance allowance;

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
        arrivals.add(System.nanoTime());
        Optional<ResponseDefinition> refused = allowance == null ? Optional.empty()
                : allowance.take(contentType, throttledBody);
        if (refused.isPresent()) {
            throttled.add(calls.size() - 1);
            return refused.get();
        }
        Optional<FailurePlan.Failure> failure = failures.pick(call);
        ResponseDefinition answer;
        if (failure.isEmpty()) {
            answer = handle(call, request);
        } else {
            if (failure.get() == FailurePlan.Failure.APPLIED_THEN_UNAVAILABLE) {
                handle(call, request);
            }
            if (failure.get().throttles()) {
                throttled.add(calls.size() - 1);
            }
            answer = FailurePlan.answer(failure.get(), contentType, throttledBody, unavailableBody);
        }
        return allowance == null ? answer : allowance.tell(answer);
    }

    /** From now on, answers state this allowance and refuse what goes beyond it. */
    synchronized void limitTo(Allowance limit) {
        this.allowance = limit;
    }

    /**
     * For every request answered 429: how many milliseconds later the same request (method, path,
     * body) came again; -1 when it never did.
     */
    synchronized java.util.List<Long> resentAfterThrottling() {
        java.util.List<Long> gaps = new java.util.ArrayList<>();
        for (int i : throttled) {
            long gap = -1;
            for (int j = i + 1; j < calls.size(); j++) {
                if (calls.get(j).equals(calls.get(i))) {
                    gap = (arrivals.get(j) - arrivals.get(i)) / 1_000_000;
                    break;
                }
            }
            gaps.add(gap);
        }
        return gaps;
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
