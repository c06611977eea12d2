package com.example.deskbridge.crm;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.deskbridge.connector.api.CrmSession;
import dev.deskbridge.connector.api.error.ConfigurationException;
import dev.deskbridge.connector.api.error.PermanentException;
import dev.deskbridge.connector.api.error.RetryableException;
import dev.deskbridge.connector.api.model.AgentNotice;
import dev.deskbridge.connector.api.model.DeliveryNotice;
import dev.deskbridge.connector.api.model.DeliveryStatus;
import dev.deskbridge.connector.api.model.TicketRef;
import dev.deskbridge.connector.testkit.FakeConnectorContext;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Each session call against a WireMock CRM, and how its failures are classified. */
class JsonCrmSessionTest {
    private final CrmStub crm = new CrmStub();
    private final FakeConnectorContext context = crm.context();
    private final CrmSession session = new JsonCrmConnector().open(context);
    private final Instant now = context.clock().instant();

    @AfterEach
    void stop() {
        session.close();
        crm.close();
    }

    @Test
    void customerMessageIsPostedWithBearerKeyAndReturnsTheTicket() {
        crm.server.stubFor(post("/api/messages").willReturn(okJson("{\"ticketId\":\"T-42\"}")));

        TicketRef ticket = session.appendCustomerMessage(CrmStub.text("conv-1", Optional.empty(), "Where is my order?", now));

        assertThat(ticket).isEqualTo(TicketRef.of("T-42"));
        crm.server.verify(postRequestedFor(urlPathEqualTo("/api/messages"))
                .withHeader("Authorization", equalTo("Bearer " + CrmStub.API_KEY))
                .withRequestBody(matchingJsonPath("$.conversationId", equalTo("conv-1")))
                .withRequestBody(matchingJsonPath("$.customer", equalTo("+12015550123")))
                .withRequestBody(matchingJsonPath("$.eventId", equalTo("ev-1")))
                .withRequestBody(matchingJsonPath("$.providerMessageId", equalTo("wamid.ev-1")))
                .withRequestBody(matchingJsonPath("$.text", equalTo("Where is my order?"))));
    }

    @Test
    void answerWithoutTicketIdIsPermanent() {
        crm.server.stubFor(post("/api/messages").willReturn(okJson("{}")));
        assertThatThrownBy(() -> session.appendCustomerMessage(CrmStub.text("conv-1", Optional.empty(), "hi", now)))
                .isInstanceOf(PermanentException.class).hasMessageContaining("ticketId");
    }

    @Test
    void statusDeliveryAndNoticeGoToTheTicket() {
        crm.server.stubFor(post(urlPathEqualTo("/api/tickets/T-42/status")).willReturn(aResponse().withStatus(204)));
        crm.server.stubFor(post(urlPathEqualTo("/api/tickets/T-42/deliveries")).willReturn(okJson("{}")));
        crm.server.stubFor(post(urlPathEqualTo("/api/tickets/T-42/notes")).willReturn(okJson("{}")));
        TicketRef ticket = TicketRef.of("T-42");

        session.updateStatus(ticket, CrmStub.openStatus(now));
        session.recordDelivery(ticket, new DeliveryNotice("wamid.out-1", DeliveryStatus.READ, now, Optional.empty(),
                Optional.empty()));
        session.notifyAgents(ticket, new AgentNotice("notice:WINDOW_CLOSING:1", AgentNotice.Kind.WINDOW_CLOSING,
                "The WhatsApp window closes soon.", Optional.empty()));

        crm.server.verify(postRequestedFor(urlPathEqualTo("/api/tickets/T-42/status"))
                .withRequestBody(matchingJsonPath("$.phase", equalTo("OPEN")))
                .withRequestBody(matchingJsonPath("$.costSoFar", equalTo("0.0040"))));
        crm.server.verify(postRequestedFor(urlPathEqualTo("/api/tickets/T-42/deliveries"))
                .withRequestBody(matchingJsonPath("$.providerMessageId", equalTo("wamid.out-1")))
                .withRequestBody(matchingJsonPath("$.status", equalTo("READ"))));
        crm.server.verify(postRequestedFor(urlPathEqualTo("/api/tickets/T-42/notes"))
                .withRequestBody(matchingJsonPath("$.noticeId", equalTo("notice:WINDOW_CLOSING:1")))
                .withRequestBody(matchingJsonPath("$.kind", equalTo("WINDOW_CLOSING")))
                .withRequestBody(matchingJsonPath("$.text", equalTo("The WhatsApp window closes soon."))));
    }

    @ParameterizedTest
    @ValueSource(ints = {429, 500, 503})
    void overloadAndServerErrorsAreRetryableWithRetryAfter(int status) {
        crm.server.stubFor(post("/api/messages").willReturn(aResponse().withStatus(status).withHeader("Retry-After", "17")));
        assertThatThrownBy(() -> session.appendCustomerMessage(CrmStub.text("conv-1", Optional.empty(), "hi", now)))
                .isInstanceOfSatisfying(RetryableException.class,
                        e -> assertThat(e.retryAfter()).contains(Duration.ofSeconds(17)));
    }

    @ParameterizedTest
    @ValueSource(ints = {401, 403})
    void refusedKeyIsAConfigurationProblemNamingApiKey(int status) {
        crm.server.stubFor(post("/api/messages").willReturn(aResponse().withStatus(status)));
        assertThatThrownBy(() -> session.appendCustomerMessage(CrmStub.text("conv-1", Optional.empty(), "hi", now)))
                .isInstanceOfSatisfying(ConfigurationException.class,
                        e -> assertThat(e.setting()).contains("api_key"))
                .hasMessageNotContaining(CrmStub.API_KEY);
    }

    @Test
    void otherClientErrorsArePermanent() {
        crm.server.stubFor(post("/api/messages").willReturn(aResponse().withStatus(422)
                .withBody("{\"error\":\"text too long\"}")));
        assertThatThrownBy(() -> session.appendCustomerMessage(CrmStub.text("conv-1", Optional.empty(), "hi", now)))
                .isInstanceOf(PermanentException.class).isNotInstanceOf(ConfigurationException.class)
                .hasMessageContaining("422").hasMessageContaining("text too long");
    }

    @Test
    void unreachableCrmIsRetryable() {
        int port = crm.server.port();
        crm.server.stop();
        assertThat(port).isPositive();
        assertThatThrownBy(() -> session.appendCustomerMessage(CrmStub.text("conv-1", Optional.empty(), "hi", now)))
                .isInstanceOf(RetryableException.class).hasMessageContaining("unreachable");
    }
}
