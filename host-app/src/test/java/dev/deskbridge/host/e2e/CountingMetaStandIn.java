package dev.deskbridge.host.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.http.RequestMethod;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import dev.deskbridge.connector.testkit.WireMockSupport;
import dev.deskbridge.host.channel.whatsapp.MetaStub;
import dev.deskbridge.host.testing.HostFixture;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Meta's Graph API for a campaign: the template listing (one approved utility template,
 * {@code order_shipped}, two positional parameters) and sends, each answered with Meta's
 * documented success shape and a wamid of its own. Every send is remembered on arrival (recipient,
 * wamid, the stub's own monotonic time), so a test counts per recipient at the provider's side.
 */
final class CountingMetaStandIn implements AutoCloseable {
    static final String WABA = "102290129340398";
    static final String TEMPLATE = "order_shipped";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String MESSAGES = "/" + MetaStub.VERSION + "/" + HostFixture.META_PHONE_NUMBER_ID
            + "/messages";
    private static final String TEMPLATES = "/" + MetaStub.VERSION + "/" + WABA + "/message_templates";

    /** One send as the stub received it. */
    record Send(String to, String wamid, long nanos, String body) {}

    /** Statuses of sends not yet acknowledged by the host, in the order Meta would report them. */
    private final java.util.Deque<String> unreported = new java.util.ArrayDeque<>();
    private volatile boolean reporting = true;
    /** Sends past this count are answered late, and their statuses held back, until {@link #release()}. */
    private volatile int holdAfter = Integer.MAX_VALUE;
    private volatile boolean holding;
    private volatile long heldSince;
    private volatile int throttleAfter = Integer.MAX_VALUE;
    private volatile long throttleNanos;
    private volatile long throttleFrom;
    private volatile int throttled;
    private final java.util.Set<String> refused = ConcurrentHashMap.newKeySet();

    private final List<Send> sends = new ArrayList<>();
    private final Map<String, Integer> perRecipient = new ConcurrentHashMap<>();
    final WireMockServer server = WireMockSupport.startStateful(this::answer);

    String baseUrl() {
        return WireMockSupport.baseUrl(server);
    }

    /** Called one request at a time (the stand-in's lock). */
    private ResponseDefinition answer(Request request) {
        long now = System.nanoTime();
        String path = request.getUrl().split("\\?")[0];
        if (RequestMethod.GET.equals(request.getMethod()) && path.equals(TEMPLATES)) {
            return json(200, """
                    {"data": [{"name": "%s", "parameter_format": "POSITIONAL", "components": [
                      {"type": "BODY", "text": "Hi {{1}}, order {{2}} has shipped.",
                       "example": {"body_text": [["Ana", "A-1"]]}}],
                     "language": "en_US", "status": "APPROVED", "category": "UTILITY", "id": "1001"}],
                     "paging": {"cursors": {"before": "QVFIUm", "after": "QVFIUn"}}}""".formatted(TEMPLATE));
        }
        if (RequestMethod.POST.equals(request.getMethod()) && path.equals(MESSAGES)) {
            String to;
            try {
                to = JSON.readTree(request.getBodyAsString()).path("to").asText();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            if (throttling(now)) {
                throttled++;
                refused.add(to);
                return json(400, MetaStub.errorBody(130429, "Rate limit hit",
                        "Cloud API message throughput has been reached."));
            }
            int n = perRecipient.merge(to, 1, Integer::sum);
            String wamid = "wamid." + to + "." + n;
            JsonNode opaque = body(request.getBodyAsString()).path("biz_opaque_callback_data");
            synchronized (sends) {
                sends.add(new Send(to, wamid, now, request.getBodyAsString()));
                // Meta reports every message it took as sent, echoing what the send carried.
                unreported.add("{\"id\":\"" + wamid + "\",\"status\":\"sent\",\"timestamp\":\""
                        + (System.currentTimeMillis() / 1000) + "\",\"recipient_id\":\"" + to + "\""
                        + (opaque.isTextual() ? ",\"biz_opaque_callback_data\":\"" + opaque.asText() + "\"" : "")
                        + "}");
            }
            if (holding || sends().size() > holdAfter) {
                if (!holding) {
                    heldSince = now;
                    holding = true;
                }
                // Taken, but answered too late for a host killed meanwhile: its answer is lost.
                return ResponseDefinitionBuilder.like(json(200, accepted(to, wamid))).withFixedDelay(10_000).build();
            }
            return json(200, accepted(to, wamid));
        }
        return json(404, "{\"error\":{\"message\":\"Unknown path components: " + path
                + "\",\"type\":\"OAuthException\",\"code\":2500,\"fbtrace_id\":\"AbCdEf\"}}");
    }

    /** Whether this send is refused with 130429: within the throttle's stretch, which starts at its first send. */
    private boolean throttling(long now) {
        if (count() < throttleAfter) {
            return false;
        }
        if (throttleFrom == 0) {
            throttleFrom = now;
        }
        return now - throttleFrom < throttleNanos;
    }

    /**
     * Once {@code count} sends were taken, Meta refuses every send for {@code nanos} with its throughput
     * error 130429 (HTTP 400, no Retry-After), as the Cloud API does when a number sends beyond its tier.
     */
    void throttleAfter(int count, long nanos) {
        throttleNanos = nanos;
        throttleAfter = count;
    }

    /** When the throttled stretch began and ended (the stand-in's clock); 0 before it began. */
    long[] throttledStretch() {
        return new long[] {throttleFrom, throttleFrom == 0 ? 0 : throttleFrom + throttleNanos};
    }

    /** The recipients (digits) whose send was refused with 130429 at least once. */
    java.util.Set<String> refusedRecipients() {
        return java.util.Set.copyOf(refused);
    }

    /** How many sends were refused with 130429. */
    int throttled() {
        return throttled;
    }

    private static String accepted(String to, String wamid) {
        return "{\"messaging_product\":\"whatsapp\",\"contacts\":[{\"input\":\"" + to
                    + "\",\"wa_id\":\"" + to + "\"}],\"messages\":[{\"id\":\"" + wamid
                    + "\",\"message_status\":\"accepted\"}]}";
    }

    /**
     * From the send after {@code count} on, Meta takes each message but answers 10 s late and holds
     * its statuses back: a host killed then has sends that reached Meta with their answers lost.
     */
    void holdAnswersAfter(int count) {
        holdAfter = count;
    }

    /** Answers on time again, and reports the held statuses. */
    void release() {
        holdAfter = Integer.MAX_VALUE;
        holding = false;
    }

    /** When the first late answer began (the stand-in's clock); 0 when none has. */
    long heldSince() {
        return heldSince;
    }

    private static ResponseDefinition json(int status, String body) {
        return ResponseDefinitionBuilder.responseDefinition().withStatus(status)
                .withHeader("Content-Type", "application/json").withBody(body).build();
    }

    /** Every send so far, in the order they arrived. */
    List<Send> sends() {
        synchronized (sends) {
            return List.copyOf(sends);
        }
    }

    int count() {
        synchronized (sends) {
            return sends.size();
        }
    }

    /** How many sends each recipient (digits, as Meta is sent them) received. */
    Map<String, Integer> perRecipient() {
        return Map.copyOf(perRecipient);
    }

    /**
     * Reports the {@code sent} statuses of sends as Meta does, batched (up to 100 in one webhook, every
     * half second) to whatever {@code post} reaches; a batch not acknowledged with 200 (the host is
     * down) is reported again later, as Meta retries its webhooks.
     *
     * @param post posts a webhook body to the host, answering its status code (or -1 when unreachable)
     */
    Thread reportStatuses(java.util.function.ToIntFunction<String> post) {
        Thread t = new Thread(() -> {
            while (reporting) {
                if (holding) {
                    sleep(100);
                    continue;
                }
                List<String> batch = new ArrayList<>();
                synchronized (sends) {
                    while (batch.size() < 100 && !unreported.isEmpty()) {
                        batch.add(unreported.poll());
                    }
                }
                if (!batch.isEmpty() && post.applyAsInt(envelope(String.join(",", batch))) != 200) {
                    synchronized (sends) {
                        for (int i = batch.size() - 1; i >= 0; i--) {
                            unreported.addFirst(batch.get(i));
                        }
                    }
                }
                sleep(batch.size() == 100 ? 50 : 500);
            }
        }, "meta-status-reports");
        t.setDaemon(true);
        t.start();
        return t;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Statuses taken but not yet acknowledged by the host. */
    int unreported() {
        synchronized (sends) {
            return unreported.size();
        }
    }

    private static String envelope(String statuses) {
        return "{\"object\":\"whatsapp_business_account\",\"entry\":[{\"id\":\"" + WABA + "\",\"changes\":[{"
                + "\"field\":\"messages\",\"value\":{\"messaging_product\":\"whatsapp\",\"metadata\":{"
                + "\"display_phone_number\":\"" + HostFixture.BUSINESS.substring(1) + "\",\"phone_number_id\":\""
                + HostFixture.META_PHONE_NUMBER_ID + "\"},\"statuses\":[" + statuses + "]}}]}]}";
    }

    private static JsonNode body(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static JsonNode body(Send s) {
        try {
            return JSON.readTree(s.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        reporting = false;
        server.stop();
    }
}
