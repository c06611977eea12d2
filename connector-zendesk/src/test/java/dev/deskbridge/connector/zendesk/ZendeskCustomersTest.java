package dev.deskbridge.connector.zendesk;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static dev.deskbridge.connector.zendesk.ZendeskStub.CUSTOMER;
import static dev.deskbridge.connector.zendesk.ZendeskStub.created;
import static dev.deskbridge.connector.zendesk.ZendeskStub.ticket;
import static dev.deskbridge.connector.zendesk.ZendeskStub.ticketEnvelope;
import static dev.deskbridge.connector.zendesk.ZendeskStub.ticketList;
import static dev.deskbridge.connector.zendesk.ZendeskStub.user;
import static dev.deskbridge.connector.zendesk.ZendeskStub.users;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The customer is one Zendesk end user per WhatsApp number: found, or created once. */
class ZendeskCustomersTest {
    private static final String SEARCH = "/api/v2/users/search.json";
    private static final String CREATE_OR_UPDATE = "/api/v2/users/create_or_update.json";
    private final ZendeskStub zendesk = new ZendeskStub();
    private final ZendeskSession session = zendesk.open();

    @BeforeEach
    void ticketSide() {
        zendesk.server.stubFor(get(urlPathEqualTo("/api/v2/tickets.json")).willReturn(okJson(ticketList())));
        zendesk.stubCreatedTicket(1001);
    }

    @AfterEach
    void stop() {
        session.close();
        zendesk.close();
    }

    /** Zendesk's refusal of a user whose phone identity another user (an agent's) already has. */
    private void phoneTakenByAnotherUser() {
        zendesk.server.stubFor(post(urlPathEqualTo(CREATE_OR_UPDATE)).willReturn(ZendeskStub.error(422,
                "{\"error\":\"RecordInvalid\",\"description\":\"Record validation errors\",\"details\":{\"value\":"
                        + "[{\"description\":\"Phone number: +12015550123 is already being used by another user\","
                        + "\"error\":\"DuplicateValue\"}]}}")));
    }

    private String requesterOfCreatedTicket() {
        return zendesk.server.findAll(postRequestedFor(urlPathEqualTo("/api/v2/tickets.json"))).get(0)
                .getBodyAsString().replaceAll(".*\"requester_id\":(\\d+).*", "$1");
    }

    @Test
    void unknownNumberCreatesOneEndUserWithPhoneIdentityExternalIdAndProfileName() {
        zendesk.server.stubFor(post(urlPathEqualTo(CREATE_OR_UPDATE)).willReturn(created(
                "{\"user\": " + user(5555, "Ana Lima", "end-user", CUSTOMER.e164(), CUSTOMER.e164()) + "}")));

        session.appendCustomerMessage(ZendeskStub.text("conv-1", Optional.empty(), "evt-1", "Hi"));
        session.appendCustomerMessage(ZendeskStub.text("conv-1", Optional.empty(), "evt-2", "Hi again"));

        zendesk.server.verify(1, postRequestedFor(urlPathEqualTo(CREATE_OR_UPDATE))
                .withRequestBody(matchingJsonPath("$.user.external_id", equalTo("+12015550123")))
                .withRequestBody(matchingJsonPath("$.user.name", equalTo("Ana Lima")))
                .withRequestBody(matchingJsonPath("$.user.role", equalTo("end-user")))
                .withRequestBody(matchingJsonPath("$.user.identities[0].type", equalTo("phone_number")))
                .withRequestBody(matchingJsonPath("$.user.identities[0].value", equalTo("+12015550123"))));
        zendesk.server.verify(0, getRequestedFor(urlPathEqualTo(SEARCH)));
        assertThat(requesterOfCreatedTicket()).isEqualTo("5555");
    }

    @Test
    void userDeskBridgeCreatedIsMatchedByCreateOrUpdateOnItsExternalIdWithoutASearch() {
        zendesk.stubKnownCustomer();

        session.appendCustomerMessage(ZendeskStub.text("conv-1", Optional.empty(), "evt-1", "Hi"));

        assertThat(requesterOfCreatedTicket()).isEqualTo(String.valueOf(ZendeskStub.REQUESTER));
        zendesk.server.verify(1, postRequestedFor(urlPathEqualTo(CREATE_OR_UPDATE)));
        zendesk.server.verify(0, getRequestedFor(urlPathEqualTo(SEARCH)));
    }

    @Test
    void userAnAgentCreatedIsFoundByPrimaryPhoneWhenZendeskRefusesTheNumberToANewUser() {
        phoneTakenByAnotherUser();
        zendesk.server.stubFor(get(urlPathEqualTo(SEARCH)).withQueryParam("query", equalTo(CUSTOMER.e164()))
                .willReturn(okJson(users(user(6001, "Someone Else", "end-user", "+12015550999", null),
                        user(6002, "Ana L.", "end-user", "+1 (201) 555-0123", null)))));

        session.appendCustomerMessage(ZendeskStub.text("conv-1", Optional.empty(), "evt-1", "Hi"));

        assertThat(requesterOfCreatedTicket()).isEqualTo("6002");
    }

    @Test
    void userAnAgentCreatedIsFoundBySecondaryPhoneIdentity() {
        phoneTakenByAnotherUser();
        zendesk.server.stubFor(get(urlPathEqualTo(SEARCH)).withQueryParam("query", equalTo(CUSTOMER.e164()))
                .willReturn(okJson(users(user(6003, "Ana Lima", "end-user", "+351910000000", null)))));
        zendesk.server.stubFor(get(urlPathEqualTo("/api/v2/users/6003/identities.json")).willReturn(okJson("""
            {"identities": [
              {"url": "https://acme.zendesk.com/api/v2/users/6003/identities/71.json", "id": 71, "user_id": 6003,
               "type": "email", "value": "ana@example.com", "verified": true, "primary": true,
               "created_at": "2026-01-01T00:00:00Z", "updated_at": "2026-01-01T00:00:00Z"},
              {"url": "https://acme.zendesk.com/api/v2/users/6003/identities/72.json", "id": 72, "user_id": 6003,
               "type": "phone_number", "value": "+12015550123", "verified": true, "primary": false,
               "created_at": "2026-01-01T00:00:00Z", "updated_at": "2026-01-01T00:00:00Z"}],
             "next_page": null, "previous_page": null, "count": 2}""")));

        session.appendCustomerMessage(ZendeskStub.text("conv-1", Optional.empty(), "evt-1", "Hi"));

        assertThat(requesterOfCreatedTicket()).isEqualTo("6003");
    }

    @Test
    void aRefusalNoAgentUserExplainsIsNotHidden() {
        phoneTakenByAnotherUser();
        zendesk.server.stubFor(get(urlPathEqualTo(SEARCH)).willReturn(okJson(users())));

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> session.appendCustomerMessage(
                ZendeskStub.text("conv-1", Optional.empty(), "evt-1", "Hi")))
                .isInstanceOf(dev.deskbridge.connector.zendesk.client.ZendeskRejectedException.class)
                .hasMessageContaining("422");
        zendesk.server.verify(0, postRequestedFor(urlPathEqualTo("/api/v2/tickets.json")));
    }

    @Test
    void nameFallsBackToTheNumberWithoutAProfileName() {
        zendesk.server.stubFor(post(urlPathEqualTo(CREATE_OR_UPDATE)).willReturn(created(
                "{\"user\": " + user(5556, "+12015550123", "end-user", CUSTOMER.e164(), CUSTOMER.e164()) + "}")));
        var withName = ZendeskStub.text("conv-1", Optional.empty(), "evt-1", "Hi");
        var in = withName.message();
        var anonymous = new dev.deskbridge.connector.api.model.CustomerMessage(
                new dev.deskbridge.connector.api.model.ConversationRef(withName.conversation().id(),
                        withName.conversation().business(), CUSTOMER, Optional.empty(), Optional.empty()),
                new dev.deskbridge.connector.api.model.InboundMessage(in.eventId(), in.providerMessageId(),
                        in.business(), in.customer(), Optional.empty(), in.sentAt(), in.content(), Optional.empty(),
                        Optional.empty()),
                java.util.List.of(), withName.status());

        session.appendCustomerMessage(anonymous);

        zendesk.server.verify(postRequestedFor(urlPathEqualTo(CREATE_OR_UPDATE))
                .withRequestBody(matchingJsonPath("$.user.name", equalTo("+12015550123"))));
    }
}
