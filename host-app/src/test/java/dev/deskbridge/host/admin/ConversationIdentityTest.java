package dev.deskbridge.host.admin;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import dev.deskbridge.connector.api.model.ConversationId;
import dev.deskbridge.connector.api.model.PhoneNumber;
import dev.deskbridge.host.store.Conversation;
import dev.deskbridge.host.testing.HostFixture;
import dev.deskbridge.host.testing.HostTest;
import dev.deskbridge.host.testing.TestChannel;
import java.time.Clock;
import java.time.Duration;
import java.util.Currency;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * One customer writing to two business numbers of one channel (two phone number ids of one Meta
 * app) has two conversations; the engine, the admin read model and the CLI (which reads through
 * it) agree on which conversation each queue item belongs to.
 */
class ConversationIdentityTest extends HostTest {
    private static final String SECOND_BUSINESS = "+15550002222";

    @Test
    void deadLettersOfACustomerOnTwoBusinessNumbersNameEachConversation() {
        // The CRM refuses every new ticket: both customer messages become dead letters.
        f.crmServer.stubFor(post(urlEqualTo("/api/messages")).atPriority(1).willReturn(aResponse().withStatus(400)
                .withBody("{\"error\":\"no\"}")));
        assertThat(f.postChannel(TestChannel.messageWebhook("msg:1", "wamid.1", HostFixture.BUSINESS,
                HostFixture.CUSTOMER, "Hello", HostFixture.START)).statusCode()).isEqualTo(200);
        assertThat(f.postChannel(TestChannel.messageWebhook("msg:2", "wamid.2", SECOND_BUSINESS,
                HostFixture.CUSTOMER, "Hello again", HostFixture.START.plusSeconds(5))).statusCode()).isEqualTo(200);
        dev.deskbridge.host.testing.Await.until("two dead letters", () -> f.count("SELECT COUNT(*) FROM dead_letters") == 2);

        ConversationId first = conversation(HostFixture.BUSINESS);
        ConversationId second = conversation(SECOND_BUSINESS);
        assertThat(first).isNotEqualTo(second);
        try (StoreAdminQueries queries = StoreAdminQueries.over(f.host.database(), HostFixture.goldenPricing(),
                Duration.ofHours(2), Currency.getInstance("USD"), List::of, Clock.systemUTC())) {
            List<DeadLetterView> dead = queries.deadLetters();
            assertThat(dead).hasSize(2);
            assertThat(dead).extracting(d -> d.conversation().orElseThrow()).containsExactlyInAnyOrder(first, second);
            assertThat(queries.conversation(first, HostFixture.START)).isPresent();
            assertThat(queries.messages(second).orElseThrow()).hasSize(1);
        }
    }

    private ConversationId conversation(String business) {
        return f.sql(c -> new dev.deskbridge.host.store.ConversationStore().findByParties(c, PhoneNumber.of(business),
                PhoneNumber.of(HostFixture.CUSTOMER), false)).map(Conversation::id).orElseThrow();
    }
}
