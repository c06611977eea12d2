package dev.deskbridge.connector.zendesk.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.deskbridge.connector.api.error.WebhookRejectedException;
import dev.deskbridge.connector.api.error.WebhookRejectedException.Reason;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The trigger's body: the current one with the ticket's facts, an older one with ids only, and hostile ones. */
class WebhookPayloadTest {

    private static WebhookPayload parse(String json) {
        return WebhookPayload.parse(json.getBytes(StandardCharsets.UTF_8));
    }

    /** The template as Zendesk renders it: every placeholder a string, the tags joined by spaces. */
    private static String rendered(String ticket, String comment, String externalId, String requester, String tags) {
        return WebhookPayload.template().replace("{{ticket.id}}", ticket)
                .replace("{{ticket.latest_comment.id}}", comment).replace("{{ticket.external_id}}", externalId)
                .replace("{{ticket.requester.id}}", requester).replace("{{ticket.tags}}", tags)
                .replace("{{current_user.id}}", "7001");
    }

    private static void assertMalformed(String json, String... saying) {
        assertThatThrownBy(() -> parse(json)).isInstanceOf(WebhookRejectedException.class)
                .satisfies(e -> assertThat(((WebhookRejectedException) e).reason()).isEqualTo(Reason.MALFORMED_BODY))
                .satisfies(e -> assertThat(e.getMessage()).contains(saying));
    }

    @Test
    void theCurrentTemplateAsZendeskRendersItCarriesTheTicketsFacts() {
        WebhookPayload payload = parse(rendered("700", "8002", "conv-1", "9001", "whatsapp wa_window_open vip"));

        assertThat(payload.ticketId()).isEqualTo(700);
        assertThat(payload.commentId()).contains(8002L);
        assertThat(payload.ticket()).contains(new WebhookPayload.TicketFacts(
                Set.of("whatsapp", "wa_window_open", "vip"), 9001, Optional.of("conv-1")));
    }

    @Test
    void aTicketWithoutExternalIdOrTagsStillHasFacts() {
        WebhookPayload payload = parse(rendered("700", "8002", "", "9001", ""));

        assertThat(payload.ticket()).hasValueSatisfying(t -> {
            assertThat(t.tags()).isEmpty();
            assertThat(t.externalId()).isEmpty();
            assertThat(t.requesterId()).isEqualTo(9001);
        });
    }

    @Test
    void tagsAndIdsAreAlsoReadAsAListAndNumbers() {
        WebhookPayload payload = parse("{\"ticket_id\":700,\"comment_id\":8002,\"requester_id\":9001,"
                + "\"tags\":[\"whatsapp\",\" vip \",\"\"],\"external_id\":\"conv-1\"}");

        assertThat(payload.ticket()).contains(new WebhookPayload.TicketFacts(Set.of("whatsapp", "vip"), 9001,
                Optional.of("conv-1")));
    }

    @Test
    void anOlderTriggersBodyHasNoFactsSoTheTicketIsReadBack() {
        WebhookPayload payload = parse("{\"source\":\"deskbridge\",\"ticket_id\":\"700\",\"comment_id\":\"8002\","
                + "\"external_id\":\"conv-1\",\"updated_by\":\"7001\"}");

        assertThat(payload.ticketId()).isEqualTo(700);
        assertThat(payload.commentId()).contains(8002L);
        assertThat(payload.ticket()).isEmpty();
        // Half the facts is no facts: the ticket is read rather than guessed.
        assertThat(parse("{\"ticket_id\":\"700\",\"tags\":\"whatsapp\"}").ticket()).isEmpty();
        assertThat(parse("{\"ticket_id\":\"700\",\"requester_id\":\"9001\"}").ticket()).isEmpty();
        assertThat(parse("{\"ticket_id\":\"700\",\"requester_id\":\"\",\"tags\":\"whatsapp\"}").ticket()).isEmpty();
    }

    @Test
    void tagsThatAreNeitherAStringNorAListOfStringsAreRefused() {
        assertMalformed("{\"ticket_id\":\"700\",\"requester_id\":\"9001\",\"tags\":{\"a\":1}}", "tags",
                "neither");
        assertMalformed("{\"ticket_id\":\"700\",\"requester_id\":\"9001\",\"tags\":42}", "tags");
        assertMalformed("{\"ticket_id\":\"700\",\"requester_id\":\"9001\",\"tags\":true}", "tags");
        assertMalformed("{\"ticket_id\":\"700\",\"requester_id\":\"9001\",\"tags\":[\"whatsapp\",7]}",
                "tags holds a value that is not a string");
        assertMalformed("{\"ticket_id\":\"700\",\"requester_id\":\"9001\",\"tags\":[[\"whatsapp\"]]}",
                "not a string");
    }

    @Test
    void idsThatAreNotPositiveNumbersAreRefusedNamingTheField() {
        assertMalformed(rendered("700", "8002", "conv-1", "abc", "whatsapp"), "requester_id is not a positive id",
                "abc");
        assertMalformed(rendered("700", "8002", "conv-1", "-5", "whatsapp"), "requester_id");
        assertMalformed(rendered("700", "8002", "conv-1", "0", "whatsapp"), "requester_id");
        assertMalformed(rendered("700", "8002", "conv-1", "99999999999999999999999", "whatsapp"), "requester_id");
        assertMalformed("{\"ticket_id\":\"700\",\"requester_id\":1.5,\"tags\":\"whatsapp\"}", "requester_id");
        assertMalformed("{\"ticket_id\":\"700\",\"requester_id\":[9001],\"tags\":\"whatsapp\"}", "requester_id");
        assertMalformed(rendered("x700", "8002", "conv-1", "9001", "whatsapp"), "ticket_id");
        assertMalformed(rendered("700", "80.02", "conv-1", "9001", "whatsapp"), "comment_id");
        assertMalformed("{\"ticket_id\":\"700\",\"external_id\":{\"id\":1}}", "external_id is not a string");
    }

    @Test
    void hugeFieldsAreRefusedWithoutEchoingThem() {
        String manyTags = "whatsapp " + "t".repeat(WebhookPayload.MAX_TAGS_CHARS);
        assertMalformed(rendered("700", "8002", "conv-1", "9001", manyTags), "tags are over");
        StringBuilder list = new StringBuilder("[");
        for (int i = 0; i < 5000; i++) {
            list.append(i == 0 ? "" : ",").append("\"tag-number-").append(i).append('"');
        }
        assertMalformed("{\"ticket_id\":\"700\",\"requester_id\":\"9001\",\"tags\":" + list + "]}", "tags are over");
        String longId = "c".repeat(WebhookPayload.MAX_EXTERNAL_ID_CHARS + 1);
        assertMalformed(rendered("700", "8002", longId, "9001", "whatsapp"), "external_id is 256 characters long");
        String hugeNumber = "9".repeat(100_000);
        assertThatThrownBy(() -> parse(rendered("700", "8002", "conv-1", hugeNumber, "whatsapp")))
                .isInstanceOf(WebhookRejectedException.class)
                .satisfies(e -> assertThat(e.getMessage()).contains("requester_id").hasSizeLessThan(200));
    }

    @Test
    void theTemplateIsJsonOnceZendeskFillsItIn() {
        WebhookPayload payload = parse(rendered("1", "2", "conv-9", "3", "whatsapp"));
        assertThat(payload.ticket()).hasValueSatisfying(t -> assertThat(t.externalId()).contains("conv-9"));
        assertThat(WebhookPayload.template()).contains("\"requester_id\":\"{{ticket.requester.id}}\"")
                .contains("\"tags\":\"{{ticket.tags}}\"").contains("\"external_id\":\"{{ticket.external_id}}\"");
    }
}
