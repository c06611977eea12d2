package dev.deskbridge.connector.zendesk;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static dev.deskbridge.connector.zendesk.ZendeskStub.AGENT;
import static dev.deskbridge.connector.zendesk.ZendeskStub.API_TOKEN;
import static dev.deskbridge.connector.zendesk.ZendeskStub.NOW;
import static dev.deskbridge.connector.zendesk.ZendeskStub.REQUESTER;
import static dev.deskbridge.connector.zendesk.ZendeskStub.comment;
import static dev.deskbridge.connector.zendesk.ZendeskStub.commentsWithUsers;
import static dev.deskbridge.connector.zendesk.ZendeskStub.currentWebhookBody;
import static dev.deskbridge.connector.zendesk.ZendeskStub.signedWebhook;
import static dev.deskbridge.connector.zendesk.ZendeskStub.user;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.deskbridge.connector.api.error.RetryableException;
import dev.deskbridge.connector.api.error.ThrottledException;
import dev.deskbridge.connector.api.model.AgentReply;
import dev.deskbridge.connector.api.webhook.StoredWebhook;
import dev.deskbridge.connector.api.webhook.WebhookRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Zendesk's answers are read up to a ceiling (max_response_bytes, 8 MiB by default): a larger one
 * fails the call as Zendesk's fault (retryable), naming the request, instead of filling the heap.
 */
class ZendeskAnswerSizeTest {
    private static final long CEILING = 8L * 1024 * 1024;
    private static final String COMMENTS = "/api/v2/tickets/710/comments.json";
    private final ZendeskStub zendesk = new ZendeskStub();
    private ZendeskSession session = zendesk.open();

    @AfterEach
    void stop() {
        session.close();
        zendesk.close();
    }

    private List<AgentReply> readReply(long ticket, long comment) {
        WebhookRequest webhook = signedWebhook(currentWebhookBody(ticket, comment, "whatsapp"), NOW);
        session.verify(webhook);
        return session.read(new StoredWebhook("stored-1", webhook));
    }

    /** A page of 100 comments (the agent's reply first), each of {@code chars} in each rendering. */
    private static String page(int chars) {
        String[] comments = new String[100];
        comments[0] = comment(8702, AGENT, true, "Your parcel ships today.");
        for (int i = 1; i < comments.length; i++) {
            comments[i] = comment(8702 - i, REQUESTER, true, "w".repeat(chars));
        }
        return commentsWithUsers(user(AGENT, "Bea Agent", "agent", null, null), comments);
    }

    @Test
    void aCommentsPageOverTheCeilingFailsRetryableNamingItsPathAndTheCeiling() {
        String page = page(30_000);
        assertThat((long) page.length()).isGreaterThan(CEILING);
        zendesk.server.stubFor(get(urlPathEqualTo(COMMENTS)).willReturn(okJson(page)
                .withHeader("Content-Length", String.valueOf(page.length()))));

        // Before: read whole, however large (the probe's 200 MB page ran the host's heap out).
        assertThatThrownBy(() -> readReply(710, 8702)).isInstanceOf(RetryableException.class)
                .isNotInstanceOf(ThrottledException.class)
                .hasMessageContaining("read comments of ticket 710")
                .hasMessageContaining("GET " + COMMENTS)
                .hasMessageContaining("larger than " + CEILING + " bytes (Content-Length " + page.length() + ")")
                .hasMessageContaining("max_response_bytes")
                .hasMessageNotContaining("sort_order").hasMessageNotContaining(API_TOKEN);
    }

    @Test
    void aChunkedAnswerIsStoppedAtTheCeilingInsteadOfReadToItsEnd() {
        // 63 MiB of valid comments, sent chunked over 25 s: read to its end, the call took that long.
        String page = commentsWithUsers("", comment(8702, AGENT, true, "x".repeat(21 * 1024 * 1024)));
        zendesk.server.stubFor(get(urlPathEqualTo(COMMENTS)).willReturn(okJson(page)
                .withChunkedDribbleDelay(250, 25_000)));

        long start = System.nanoTime();
        assertThatThrownBy(() -> readReply(710, 8702)).isInstanceOf(RetryableException.class)
                .hasMessageContaining("GET " + COMMENTS)
                .hasMessageContaining("larger than " + CEILING + " bytes (no Content-Length");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).as("stopped about an eighth of the way")
                .isLessThan(Duration.ofSeconds(15));
    }

    @Test
    void aLegitimatePageJustUnderTheCeilingIsRead() {
        // 100 comments of 27,000 characters in each of their three renderings: just under 8 MiB.
        String page = page(27_000);
        assertThat((long) page.getBytes(StandardCharsets.UTF_8).length).isBetween(CEILING - 512 * 1024, CEILING);
        zendesk.server.stubFor(get(urlPathEqualTo(COMMENTS)).willReturn(okJson(page)));

        assertThat(readReply(710, 8702)).extracting(AgentReply::text).containsExactly("Your parcel ships today.");
    }

    @Test
    void aLibraryCallIsHeldToTheCeilingToo() {
        // The older webhook body has the ticket read first, through the client library.
        zendesk.server.stubFor(get(urlPathEqualTo("/api/v2/tickets/716.json")).willReturn(okJson(
                ZendeskStub.ticketEnvelope(ZendeskStub.ticket(716, "open", "conv-1", "y".repeat(3 * 1024 * 1024),
                        "whatsapp")))));
        WebhookRequest webhook = signedWebhook(ZendeskStub.webhookBody(716, 9101), NOW);
        session.verify(webhook);

        assertThatThrownBy(() -> session.read(new StoredWebhook("stored-1", webhook)))
                .isInstanceOf(RetryableException.class)
                .hasMessageContaining("read ticket 716").hasMessageContaining("GET /api/v2/tickets/716.json")
                .hasMessageContaining("max_response_bytes");
    }

    @Test
    void theCeilingIsTheSettingMaxResponseBytes() {
        session.close();
        Map<String, String> settings = new HashMap<>(zendesk.settings());
        settings.put("max_response_bytes", "65536");
        session = zendesk.open(zendesk.context(settings));
        zendesk.server.stubFor(get(urlPathEqualTo(COMMENTS)).willReturn(okJson(page(300))));

        assertThatThrownBy(() -> readReply(710, 8702)).isInstanceOf(RetryableException.class)
                .hasMessageContaining("larger than 65536 bytes");
        settings.put("max_response_bytes", "1000");
        assertThat(ZendeskSettings.SPEC.validate(settings)).extracting(Object::toString)
                .containsExactly("max_response_bytes: must be from 65536 to 67108864, got '1000'");
    }
}
