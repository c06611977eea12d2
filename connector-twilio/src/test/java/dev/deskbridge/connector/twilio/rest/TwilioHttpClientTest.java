package dev.deskbridge.connector.twilio.rest;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.twilio.rest.content.v1.Content;
import com.twilio.rest.conversations.v1.Conversation;
import dev.deskbridge.connector.api.config.Secret;
import dev.deskbridge.connector.api.error.RetryableException;
import dev.deskbridge.connector.twilio.stub.SpecExamples;
import dev.deskbridge.connector.twilio.stub.TwilioSamples;
import dev.deskbridge.connector.twilio.stub.TwilioStub;
import dev.deskbridge.connector.twilio.stub.TwilioStubExtension;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Every Twilio host is routed to the base URL, path and query kept, the meant host named. */
class TwilioHttpClientTest {
    @RegisterExtension
    final TwilioStubExtension twilio = new TwilioStubExtension();
    private TwilioStub stub;
    private TwilioApi api;

    @BeforeEach
    void start() {
        stub = twilio.stub();
        api = api(stub.baseUrl() + "/", Clock.systemUTC());
    }

    private TwilioApi api(String baseUrl, Clock clock) {
        return api(twilio, baseUrl, clock);
    }

    /** The sample account's client on {@code baseUrl}, closed after the test. */
    static TwilioApi api(TwilioStubExtension twilio, String baseUrl, Clock clock) {
        Secret token = new Secret(TwilioSamples.AUTH_TOKEN);
        return twilio.closeAfter(new TwilioApi(new TwilioAccount(TwilioSamples.ACCOUNT_SID, TwilioSamples.ACCOUNT_SID,
                token, token, "auth_token", Optional.of(URI.create(baseUrl))), clock, null));
    }

    @Test
    void conversationsAndContentHostsReachTheStubWithTheirOwnHostNamed() {
        ObjectNode conversation = SpecExamples.example(SpecExamples.CONVERSATIONS, "/v1/Conversations/{Sid}", "get",
                "200", "fetch");
        stub.server().stubFor(get(urlPathEqualTo("/v1/Conversations/support-42")).willReturn(aResponse()
                .withStatus(200).withHeader("Content-Type", "application/json").withBody(conversation.toString())));
        ObjectNode content = SpecExamples.example(SpecExamples.CONTENT, "/v1/Content/{Sid}", "get", "200", "fetch");
        stub.server().stubFor(get(urlPathEqualTo("/v1/Content/HXaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa")).willReturn(
                aResponse().withStatus(200).withHeader("Content-Type", "application/json").withBody(content.toString())));

        Conversation c = api.call("read", cl -> Conversation.fetcher("support-42").fetch(cl));
        Content t = api.call("read", cl -> Content.fetcher("HXaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa").fetch(cl));

        assertThat(c.getSid()).isEqualTo("CHaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa");
        assertThat(t.getSid()).isEqualTo("HXaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa");
        assertThat(stub.server().getAllServeEvents()).extracting(e -> e.getRequest().getHeader("X-Forwarded-Host"))
                .containsExactlyInAnyOrder("conversations.twilio.com", "content.twilio.com");
    }

    @Test
    void queryParametersSurviveTheRouting() {
        ObjectNode page = SpecExamples.example(SpecExamples.CONVERSATIONS, "/v1/Conversations", "get", "200", "readFull");
        stub.server().stubFor(get(urlPathEqualTo("/v1/Conversations")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody(page.toString())));

        api.call("list", cl -> Conversation.reader().setPageSize(5L).firstPage(cl));

        assertThat(stub.server().getAllServeEvents().get(0).getRequest().queryParameter("PageSize").firstValue())
                .isEqualTo("5");
    }

    @Test
    void retryAfterMayBeAnHttpDateMeasuredOnTheHostsClock() {
        api = api(stub.baseUrl(), Clock.fixed(Instant.parse("2026-10-05T08:00:00Z"), ZoneOffset.UTC));
        stub.server().stubFor(get(urlPathEqualTo("/v1/Conversations/support-42")).willReturn(aResponse()
                .withStatus(429).withHeader("Content-Type", "application/json")
                .withHeader("Retry-After", "Mon, 05 Oct 2026 08:00:30 GMT")
                .withBody(SpecExamples.error(20429, "Too Many Requests", 429))));

        assertThatThrownBy(() -> api.call("read", cl -> Conversation.fetcher("support-42").fetch(cl)))
                .isInstanceOf(RetryableException.class)
                .satisfies(e -> assertThat(((RetryableException) e).retryAfter()).contains(Duration.ofSeconds(30)));
    }
}
