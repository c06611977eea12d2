package dev.deskbridge.connector.twilio.conversations;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.deskbridge.connector.api.model.AgentReply;
import dev.deskbridge.connector.api.model.MediaLink;
import dev.deskbridge.connector.api.model.TicketRef;
import dev.deskbridge.connector.twilio.rest.WebhookParams;
import dev.deskbridge.connector.twilio.whatsapp.WhatsAppAddress;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Turns a Conversations {@code onMessageAdded} webhook into an agent reply (or the template its
 * attributes ask for, {@link TemplateAttribute}), and everything that is not an agent's message into nothing: DeskBridge's own posts (marked attributes, the
 * customer's identity, the note author), messages from messaging bindings, other event types.
 */
final class AgentReplyParser {
    /** Where agents write from: a Conversations SDK client (Flex UI) or the REST API. */
    private static final Set<String> AGENT_SOURCES = Set.of("SDK", "API");

    private AgentReplyParser() {}

    static Optional<AgentReply> parse(WebhookParams p, Instant receivedAt, String noteAuthor) {
        if (!"onMessageAdded".equals(p.required("EventType"))) {
            return Optional.empty();
        }
        String messageSid = p.required("MessageSid");
        String conversationSid = p.required("ConversationSid");
        String author = p.optional("Author").or(() -> p.optional("ClientIdentity")).orElse("system");
        if (MessageMarks.isMarked(p.optional("Attributes").orElse(null))
                || WhatsAppAddress.isWhatsApp(author)
                || author.equalsIgnoreCase(noteAuthor)
                || author.equalsIgnoreCase("system")
                || p.optional("Source").map(s -> !AGENT_SOURCES.contains(s.toUpperCase(Locale.ROOT))).orElse(false)) {
            return Optional.empty();
        }
        Optional<TemplateAttribute.Asked> template = TemplateAttribute.read(p.optional("Attributes"));
        if (template.isPresent()) {
            // A template asked for in the attributes: the host checks, quotes and sends it, or says why
            // not; the message's own body and files never go to the customer.
            return Optional.of(new AgentReply("twilio-conversations:" + messageSid, TicketRef.of(conversationSid),
                    Optional.empty(), author, "", List.of(), writtenAt(p, receivedAt), template.get().request(),
                    template.get().error()));
        }
        String text = p.optional("Body").orElse("");
        List<MediaLink> attachments = media(p);
        if (text.isBlank() && attachments.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new AgentReply("twilio-conversations:" + messageSid, TicketRef.of(conversationSid),
                Optional.empty(), author, text, attachments, writtenAt(p, receivedAt)));
    }

    /**
     * The message's media, by their Media Content Service URL (which needs the account's
     * credentials to read).
     */
    private static List<MediaLink> media(WebhookParams p) {
        Optional<String> raw = p.optional("Media");
        if (raw.isEmpty()) {
            return List.of();
        }
        JsonNode items;
        try {
            items = Json.MAPPER.readTree(raw.get());
        } catch (JsonProcessingException e) {
            throw p.malformed("has a Media parameter that is not JSON");
        }
        String service = p.optional("ChatServiceSid").orElse("");
        List<MediaLink> links = new ArrayList<>();
        for (JsonNode item : items) {
            String sid = field(item, "Sid").orElseThrow(() -> p.malformed("has a Media item without Sid"));
            links.add(new MediaLink("https://mcs.us1.twilio.com/v1/Services/" + service + "/Media/" + sid,
                    field(item, "Filename").orElse(sid), field(item, "ContentType")));
        }
        return links;
    }

    /** A media item's field, whether named as in webhooks ({@code ContentType}) or in REST ({@code content_type}). */
    private static Optional<String> field(JsonNode item, String name) {
        String snake = name.replaceAll("([a-z])([A-Z])", "$1_$2").toLowerCase(Locale.ROOT);
        for (String key : List.of(name, snake)) {
            JsonNode v = item.get(key);
            if (v != null && !v.isNull() && !v.asText().isBlank()) {
                return Optional.of(v.asText());
            }
        }
        return Optional.empty();
    }

    private static Instant writtenAt(WebhookParams p, Instant receivedAt) {
        return p.optional("DateCreated").map(d -> {
            try {
                return OffsetDateTime.parse(d).toInstant();
            } catch (DateTimeParseException e) {
                throw p.malformed("has a DateCreated that is not an ISO 8601 date: '" + d + "'");
            }
        }).orElse(receivedAt);
    }
}
