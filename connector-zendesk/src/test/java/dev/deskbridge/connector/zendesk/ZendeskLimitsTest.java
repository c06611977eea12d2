package dev.deskbridge.connector.zendesk;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static dev.deskbridge.connector.zendesk.ZendeskStub.API_TOKEN;
import static dev.deskbridge.connector.zendesk.ZendeskStub.error;
import static dev.deskbridge.connector.zendesk.ZendeskStub.ticket;
import static dev.deskbridge.connector.zendesk.ZendeskStub.ticketEnvelope;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.http.Fault;
import dev.deskbridge.connector.api.error.ConfigurationException;
import dev.deskbridge.connector.api.error.PermanentException;
import dev.deskbridge.connector.api.error.RetryAfter;
import dev.deskbridge.connector.api.error.RetryableException;
import dev.deskbridge.connector.api.error.ThrottledException;
import dev.deskbridge.connector.api.model.TicketRef;
import dev.deskbridge.connector.api.pricing.ConversationStatus;
import dev.deskbridge.connector.zendesk.client.ClientRateLimit;
import dev.deskbridge.connector.zendesk.client.ZendeskRejectedException;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Zendesk's limits and failures, classified for the host's error policy. */
class ZendeskLimitsTest {
    private static final String TICKET = "/api/v2/tickets/900.json";
    private final ZendeskStub zendesk = new ZendeskStub();
    private ZendeskSession session = zendesk.open();

    @AfterEach
    void stop() {
        session.close();
        zendesk.close();
    }

    private void update() {
        ConversationStatus status = ZendeskStub.openStatus();
        session.updateStatus(TicketRef.of("900"), status);
    }

    @Test
    void throttledWithARetryAfterLongerThanTheClientWaitsIsRetryableWithThatDelay() {
        zendesk.server.stubFor(put(urlPathEqualTo(TICKET)).willReturn(aResponse().withStatus(429)
                .withHeader("Retry-After", "45").withHeader("Content-Type", "application/json")
                .withBody("{\"error\":\"APIRateLimitExceeded\",\"description\":\"Number of allowed API requests per"
                        + " minute exceeded\"}")));

        // Throttled: the host waits and tries again without counting it against the item's attempts.
        assertThatThrownBy(this::update).isInstanceOf(ThrottledException.class)
                .satisfies(e -> assertThat(((RetryableException) e).retryAfter()).contains(Duration.ofSeconds(45)))
                .hasMessageContaining("rate limit");
        assertThat(zendesk.received()).as("not sent again before Zendesk's 45 s").hasSize(1);
    }

    @Test
    void aLowAllowanceThenA429SlowTheRequestsDownAndNothingFails() {
        // Zendesk says one request is left this second, then throttles, then has plenty again.
        String any = "/api/v2/tickets/9[0-9]+\\.json";
        zendesk.server.stubFor(put(com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching(any))
                .inScenario("allowance").whenScenarioStateIs(com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED)
                .willReturn(okJson(ticketEnvelope(ticket(900, "open", "conv-1", "Hi", "whatsapp")))
                        .withHeader("X-Rate-Limit", "700").withHeader("X-Rate-Limit-Remaining", "1")
                        .withHeader("ratelimit-remaining", "1").withHeader("ratelimit-reset", "1"))
                .willSetStateTo("low"));
        zendesk.server.stubFor(put(com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching(any))
                .inScenario("allowance").whenScenarioStateIs("low")
                .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "1")
                        .withHeader("Content-Type", "application/json")
                        .withBody("{\"error\":\"APIRateLimitExceeded\"}"))
                .willSetStateTo("plenty"));
        zendesk.server.stubFor(put(com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching(any))
                .inScenario("allowance").whenScenarioStateIs("plenty")
                .willReturn(okJson(ticketEnvelope(ticket(900, "open", "conv-1", "Hi", "whatsapp")))
                        .withHeader("X-Rate-Limit", "700").withHeader("X-Rate-Limit-Remaining", "650")));

        for (String ticket : new String[] {"900", "901", "902"}) {
            session.updateStatus(TicketRef.of(ticket), ZendeskStub.openStatus());
        }

        var requests = zendesk.received();
        assertThat(requests).extracting(r -> r.getUrl()).containsExactly("/api/v2/tickets/900.json",
                "/api/v2/tickets/901.json", "/api/v2/tickets/901.json", "/api/v2/tickets/902.json");
        long spread = requests.get(1).getLoggedDate().getTime() - requests.get(0).getLoggedDate().getTime();
        long afterThrottle = requests.get(2).getLoggedDate().getTime() - requests.get(1).getLoggedDate().getTime();
        assertThat(spread).as("the last request of the allowance spread over its reset").isGreaterThanOrEqualTo(900);
        assertThat(afterThrottle).as("the throttled request sent again after its Retry-After")
                .isGreaterThanOrEqualTo(900);
    }

    @Test
    void serverErrorsAreRetryable() {
        for (int status : new int[] {500, 502, 503, 504}) {
            zendesk.server.stubFor(put(urlPathEqualTo(TICKET)).willReturn(aResponse().withStatus(status)
                    .withBody("<html>Service Unavailable</html>")));
            assertThatThrownBy(this::update).as("HTTP " + status).isInstanceOf(RetryableException.class)
                    .hasMessageContaining("HTTP " + status)
                    .satisfies(e -> assertThat(((RetryableException) e).retryAfter()).isEmpty());
        }
    }

    @Test
    void aProxysHtml503HonoursItsRetryAfter() {
        zendesk.server.stubFor(put(urlPathEqualTo(TICKET)).willReturn(aResponse().withStatus(503)
                .withHeader("Content-Type", "text/html").withHeader("Retry-After", "12")
                .withBody("<html><body>503 Service Temporarily Unavailable</body></html>")));

        assertThatThrownBy(this::update).isInstanceOf(RetryableException.class).hasMessageContaining("HTTP 503")
                .satisfies(e -> assertThat(((RetryableException) e).retryAfter()).contains(Duration.ofSeconds(12)));
    }

    @Test
    void connectionResetIsRetryable() {
        zendesk.server.stubFor(put(urlPathEqualTo(TICKET)).willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
        assertThatThrownBy(this::update).isInstanceOf(RetryableException.class).hasMessageContaining("did not answer");
    }

    @Test
    void timeoutIsRetryable() {
        session.close();
        Map<String, String> settings = new HashMap<>(zendesk.settings());
        settings.put("request_timeout", "1s");
        session = zendesk.open(zendesk.context(settings));
        zendesk.server.stubFor(put(urlPathEqualTo(TICKET)).willReturn(okJson(
                ticketEnvelope(ticket(900, "open", "conv-1", "Hi", "whatsapp"))).withFixedDelay(6000)));

        assertThatThrownBy(this::update).isInstanceOf(RetryableException.class).hasMessageContaining("did not answer")
                .hasMessageContaining("Timeout");
    }

    @Test
    void unauthorizedNamesTheTokenSetting() {
        zendesk.server.stubFor(put(urlPathEqualTo(TICKET)).willReturn(error(401,
                "{\"error\":\"Couldn't authenticate you\"}")));

        assertThatThrownBy(this::update).isInstanceOf(ConfigurationException.class)
                .satisfies(e -> assertThat(((ConfigurationException) e).setting()).contains("api_token"))
                .hasMessageContaining("api_token").hasMessageContaining("email").hasMessageContaining("401")
                .hasMessageNotContaining(API_TOKEN);
    }

    @Test
    void forbiddenNamesTheAgentSetting() {
        zendesk.server.stubFor(put(urlPathEqualTo(TICKET)).willReturn(error(403, "{\"error\":\"Forbidden\","
                + "\"description\":\"You do not have access to this page. Please contact the account owner of this"
                + " help desk for further help.\"}")));

        assertThatThrownBy(this::update).isInstanceOf(ConfigurationException.class)
                .satisfies(e -> assertThat(((ConfigurationException) e).setting()).contains("email"))
                .hasMessageContaining("403").hasMessageContaining("You do not have access")
                .hasMessageNotContaining(API_TOKEN);
    }

    @Test
    void unprocessableIsPermanentWithZendesksMessage() {
        zendesk.server.stubFor(put(urlPathEqualTo(TICKET)).willReturn(error(422, "{\"error\":\"RecordInvalid\","
                + "\"description\":\"Record validation errors\",\"details\":{\"requester\":[{\"description\":"
                + "\"Requester: Ana Lima is suspended.\",\"error\":\"InvalidValue\"}]}}")));

        assertThatThrownBy(this::update).isInstanceOf(PermanentException.class)
                .isNotInstanceOf(ConfigurationException.class)
                .hasMessageContaining("HTTP 422")
                .hasMessageContaining("Record validation errors")
                .hasMessageContaining("requester: Requester: Ana Lima is suspended.")
                .satisfies(e -> assertThat(((PermanentException) e).code()).contains("422"))
                .satisfies(e -> assertThat(((ZendeskRejectedException) e).ticketClosed()).isFalse());
    }

    @Test
    void rawApiCallsAreClassifiedTheSameWay() {
        zendesk.server.stubFor(get(urlPathEqualTo("/api/v2/ticket_fields.json")).willReturn(okJson(
                "{\"ticket_fields\": [], \"meta\": {\"has_more\": false}, \"links\": {\"next\": null}}")));
        zendesk.server.stubFor(get(urlPathEqualTo("/api/v2/webhooks")).willReturn(aResponse().withStatus(429)
                .withHeader("Retry-After", "42").withBody("{\"errors\":[{\"code\":\"TooManyRequests\","
                        + "\"title\":\"Too Many Requests\"}]}")));

        assertThatThrownBy(() -> session.setup().orElseThrow().setUp("https://bridge.example.com/w", true))
                .isInstanceOf(ThrottledException.class)
                .satisfies(e -> assertThat(((RetryableException) e).retryAfter()).contains(Duration.ofSeconds(42)));
    }

    @Test
    void clientSideLimitStopsBurstsBeforeTheyReachZendesk() {
        session.close();
        Map<String, String> settings = new HashMap<>(zendesk.settings());
        settings.put("requests_per_minute", "1");
        session = ZendeskSession.open(zendesk.context(settings), Duration.ZERO);
        zendesk.stubUpdatedTicket(900);
        zendesk.stubUpdatedTicket(901);

        update();
        assertThatThrownBy(() -> session.updateStatus(TicketRef.of("901"), ZendeskStub.openStatus()))
                .isInstanceOf(ThrottledException.class)
                .hasMessageContaining("requests_per_minute")
                .satisfies(e -> assertThat(((RetryableException) e).retryAfter()).isPresent());

        assertThat(zendesk.received()).hasSize(1);
    }

    @Test
    void burstsWaitForPermitsInsteadOfFailing() {
        ClientRateLimit limit = new ClientRateLimit(1200, Duration.ofSeconds(30));
        for (int i = 0; i < 5; i++) {
            limit.acquire();
        }
        ClientRateLimit strict = new ClientRateLimit(1, Duration.ZERO);
        strict.acquire();
        assertThatThrownBy(strict::acquire).isInstanceOf(ClientRateLimit.BudgetExhausted.class)
                .hasMessageContaining("1 requests per minute");
    }

    @Test
    void failuresDuringAListingAreClassified() {
        // A retried first message looks for a ticket an earlier attempt may have made: a listing.
        zendesk.stubKnownCustomer();
        zendesk.server.stubFor(get(urlPathEqualTo("/api/v2/tickets.json"))
                .willReturn(aResponse().withStatus(503).withHeader("Retry-After", "5")));
        var first = ZendeskStub.text("conv-1", Optional.empty(), "evt-x", "Hi");

        assertThatThrownBy(() -> session.appendCustomerMessage(new dev.deskbridge.connector.api.model.CustomerMessage(
                first.conversation(), first.message(), first.attachments(), first.status(), true)))
                .isInstanceOf(RetryableException.class).hasMessageContaining("HTTP 503")
                .satisfies(e -> assertThat(((RetryableException) e).retryAfter()).contains(Duration.ofSeconds(5)));
    }
    @Test
    void oneTicketsOwn429HoldsNoOtherTicket() {
        // Zendesk limits the updates of one ticket; its 429 says the account itself has 650 left.
        zendesk.server.stubFor(put(urlPathEqualTo(TICKET)).willReturn(aResponse().withStatus(429)
                .withHeader("Retry-After", "300").withHeader("X-Rate-Limit", "700")
                .withHeader("X-Rate-Limit-Remaining", "650").withHeader("Content-Type", "application/json")
                .withBody("{\"error\":\"TooManyRequests\",\"description\":\"You have exceeded the rate limit for"
                        + " updating a single ticket\"}")));
        zendesk.stubUpdatedTicket(901);

        assertThatThrownBy(this::update).as("that ticket waits its Retry-After, at the host")
                .isInstanceOf(ThrottledException.class)
                .satisfies(e -> assertThat(((RetryableException) e).retryAfter()).contains(Duration.ofSeconds(300)));
        session.updateStatus(TicketRef.of("901"), ZendeskStub.openStatus());

        assertThat(zendesk.received()).extracting(r -> r.getUrl()).as("sent once, not again at once; the other goes")
                .containsExactly(TICKET, "/api/v2/tickets/901.json");
    }

    @Test
    void aRetryAfterPastTheCeilingIsHeldToIt() {
        // Three 429s asking for no wait are sent again here; the fourth asks for a day.
        String state = com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
        for (int i = 1; i <= 3; i++) {
            zendesk.server.stubFor(put(urlPathEqualTo(TICKET)).inScenario("t").whenScenarioStateIs(state)
                    .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "0")
                            .withBody("{\"error\":\"APIRateLimitExceeded\"}"))
                    .willSetStateTo("s" + i));
            state = "s" + i;
        }
        zendesk.server.stubFor(put(urlPathEqualTo(TICKET)).inScenario("t").whenScenarioStateIs(state)
                .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "86400")
                        .withBody("{\"error\":\"APIRateLimitExceeded\"}")));

        assertThatThrownBy(this::update).isInstanceOf(ThrottledException.class)
                .satisfies(e -> assertThat(((RetryableException) e).retryAfter()).contains(RetryAfter.CEILING));
        assertThat(zendesk.received()).hasSize(4);
    }
}
