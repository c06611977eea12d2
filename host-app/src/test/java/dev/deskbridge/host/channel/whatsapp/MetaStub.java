package dev.deskbridge.host.channel.whatsapp;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.http.HttpHeader;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.deskbridge.connector.api.ChannelSession;
import dev.deskbridge.connector.testkit.FakeConnectorContext;
import dev.deskbridge.connector.testkit.WireMockSupport;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A WireMock stand-in for graph.facebook.com (and Meta's media CDN under {@value #CDN_PREFIX})
 * that checks every request it received against Meta's OpenAPI description.
 */
public final class MetaStub implements AutoCloseable {
    public static final String VERSION = "v23.0";
    static final String PHONE_NUMBER_ID = "106540352242922";
    static final String BUSINESS = "+15550783881";
    public static final String ACCESS_TOKEN = "EAAGm0PX4ZCpsBAtestTOKEN.value-123";
    static final String APP_SECRET = "test-app-secret-9f8e7d";
    public static final String VERIFY_TOKEN = "verify-me-4711";
    static final String MESSAGES_PATH = "/" + VERSION + "/" + PHONE_NUMBER_ID + "/messages";
    public static final String CDN_PREFIX = "/cdn/";

    private final WireMockServer server;
    private final WhatsAppCloudChannel channel = new WhatsAppCloudChannel();

    private MetaStub(WireMockServer server) {
        this.server = server;
    }

    public static MetaStub start() {
        return new MetaStub(WireMockSupport.startLoopback());
    }

    public WireMockServer server() {
        return server;
    }

    public String baseUrl() {
        return WireMockSupport.baseUrl(server);
    }

    /** Valid settings pointing at this stub; pairs of key, value override or add. */
    Map<String, String> settings(String... overrides) {
        Map<String, String> s = validSettings(baseUrl());
        for (int i = 0; i < overrides.length; i += 2) {
            s.put(overrides[i], overrides[i + 1]);
        }
        return s;
    }

    static Map<String, String> validSettings(String baseUrl) {
        Map<String, String> s = new LinkedHashMap<>();
        s.put(WhatsAppSettings.PHONE_NUMBER_ID, PHONE_NUMBER_ID);
        s.put(WhatsAppSettings.BUSINESS_NUMBER, BUSINESS);
        s.put(WhatsAppSettings.ACCESS_TOKEN, ACCESS_TOKEN);
        s.put(WhatsAppSettings.APP_SECRET, APP_SECRET);
        s.put(WhatsAppSettings.VERIFY_TOKEN, VERIFY_TOKEN);
        s.put(WhatsAppSettings.BASE_URL, baseUrl);
        return s;
    }

    /** A context for sessions that never call Meta (receiving webhooks): Meta's real address, untouched. */
    static FakeConnectorContext offlineContext() {
        return FakeConnectorContext.of(WhatsAppSettings.SPEC, validSettings("https://graph.facebook.com"));
    }

    /** The channel sessions are opened from; one per stub, as the host has one per type. */
    WhatsAppCloudChannel channel() {
        return channel;
    }

    FakeConnectorContext context(String... overrides) {
        return FakeConnectorContext.of(WhatsAppSettings.SPEC, settings(overrides));
    }

    ChannelSession open(FakeConnectorContext context) {
        return channel.open(context);
    }

    /** Answers sends from any phone number id with Meta's documented success shape. */
    public void acceptSends(String wamid) {
        server.stubFor(post(urlPathMatching("/" + VERSION + "/[0-9]+/messages")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"messaging_product\":\"whatsapp\",\"contacts\":[{\"input\":\"16505551234\","
                        + "\"wa_id\":\"16505551234\"}],\"messages\":[{\"id\":\"" + wamid + "\","
                        + "\"message_status\":\"accepted\"}]}")));
    }

    /**
     * Answers every send with a wamid of its own (the recipient and a random part), as Meta does:
     * for loads where each message must be told apart by its provider id.
     */
    public void acceptSendsWithUniqueIds() {
        server.stubFor(post(urlPathMatching("/" + VERSION + "/[0-9]+/messages")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"messaging_product\":\"whatsapp\",\"contacts\":[{\"input\":\"{{jsonPath request.body '$.to'}}\","
                        + "\"wa_id\":\"{{jsonPath request.body '$.to'}}\"}],\"messages\":[{\"id\":\"wamid.{{jsonPath "
                        + "request.body '$.to'}}.{{randomValue length=16 type='ALPHANUMERIC'}}\","
                        + "\"message_status\":\"accepted\"}]}").withTransformers("response-template")));
    }

    /** Meta's error answer ({@code ErrorResponse}) with a code and details. */
    public static String errorBody(int code, String message, String details) {
        return "{\"error\":{\"message\":\"(#" + code + ") " + message + "\",\"type\":\"OAuthException\",\"code\":"
                + code + ",\"error_data\":{\"messaging_product\":\"whatsapp\",\"details\":\"" + details + "\"},"
                + "\"error_subcode\":2494010,\"fbtrace_id\":\"Az8or2yhqkZfEZ-_4Qn_Bam\"}}";
    }

    List<LoggedRequest> requests() {
        return WireMockSupport.received(server);
    }

    /** What the description says about each received request; empty when all are accepted. */
    List<String> descriptionProblems() {
        MetaOpenApi api = MetaOpenApi.load();
        List<String> problems = new ArrayList<>();
        for (LoggedRequest r : requests()) {
            MetaOpenApi.Call call = call(r);
            List<String> p = call.path().startsWith(CDN_PREFIX)
                    ? api.checkAs("downloadMedia", call)
                    : api.problems(call);
            p.forEach(x -> problems.add(r.getMethod() + " " + r.getUrl() + " -> " + x));
        }
        return problems;
    }

    /** Fails when any received request is one Meta's description refuses. */
    public void assertEveryRequestMatchesDescription() {
        assertThat(descriptionProblems()).as("requests refused by Meta's OpenAPI description").isEmpty();
    }

    static MetaOpenApi.Call call(LoggedRequest r) {
        URI uri = URI.create(r.getUrl());
        Map<String, List<String>> query = new LinkedHashMap<>();
        r.getQueryParams().forEach((k, v) -> query.put(k, v.values()));
        Map<String, List<String>> headers = new LinkedHashMap<>();
        for (HttpHeader h : r.getHeaders().all()) {
            headers.put(h.key(), h.values());
        }
        return new MetaOpenApi.Call(r.getMethod().getName(), uri.getRawPath(), query, headers, r.getBody());
    }

    void reset() {
        server.resetAll();
    }

    @Override
    public void close() {
        server.stop();
    }
}
