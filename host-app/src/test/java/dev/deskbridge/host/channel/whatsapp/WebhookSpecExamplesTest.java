package dev.deskbridge.host.channel.whatsapp;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.deskbridge.connector.api.ChannelSession;
import dev.deskbridge.connector.api.model.ChannelEvent;
import dev.deskbridge.connector.api.model.DeliveryUpdate;
import dev.deskbridge.connector.api.model.InboundMessage;
import dev.deskbridge.connector.api.model.MessageContent;
import dev.deskbridge.connector.api.model.PhoneNumber;
import dev.deskbridge.connector.testkit.FakeConnectorContext;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Every webhook example in Meta's OpenAPI description, found by walking the whole document: complete
 * webhook bodies (the {@code /whatsapp/webhooks} request examples and any other), and the examples of
 * single incoming messages or statuses given with the schemas, wrapped in the envelope Meta sends
 * them in. Each is signed over its raw bytes and must come out without loss: one event per message
 * and status, with the key fields equal to the JSON's.
 */
class WebhookSpecExamplesTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<Example> WEBHOOKS = new ArrayList<>();
    private static final List<Example> MESSAGES = new ArrayList<>();
    private static final List<Example> STATUSES = new ArrayList<>();

    /** One example found in the description, with where it was found. */
    record Example(String pointer, JsonNode value) {}

    @BeforeAll
    static void walkTheDescription() {
        walk(MetaOpenApi.load().raw(), "", false);
    }

    /** Collects every {@code example} and {@code examples/<name>/value}, classified by shape. */
    private static void walk(JsonNode node, String pointer, boolean isExample) {
        if (isExample) {
            classify(node, pointer);
        }
        if (node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                String child = pointer + "/" + e.getKey().replace("~", "~0").replace("/", "~1");
                if (e.getKey().equals("example")) {
                    walk(e.getValue(), child, true);
                } else if (e.getKey().equals("examples") && e.getValue().isObject()) {
                    for (Iterator<Map.Entry<String, JsonNode>> ex = e.getValue().fields(); ex.hasNext(); ) {
                        Map.Entry<String, JsonNode> named = ex.next();
                        String at = child + "/" + named.getKey().replace("~", "~0").replace("/", "~1");
                        if (named.getValue().has("value")) {
                            walk(named.getValue().get("value"), at + "/value", true);
                        } else {
                            walk(named.getValue(), at, false);
                        }
                    }
                } else {
                    walk(e.getValue(), child, false);
                }
            }
        } else if (node.isArray() && !isExample) {
            for (int i = 0; i < node.size(); i++) {
                walk(node.get(i), pointer + "/" + i, false);
            }
        }
    }

    private static void classify(JsonNode example, String pointer) {
        if (!example.isObject()) {
            return;
        }
        if (WebhookParser.OBJECT.equals(example.path("object").asText()) && example.path("entry").isArray()) {
            WEBHOOKS.add(new Example(pointer, example));
        } else if (example.path("id").asText().startsWith("wamid.") && example.has("from")
                && example.has("timestamp") && example.has("type")) {
            MESSAGES.add(new Example(pointer, example));
        } else if (example.has("id") && example.has("recipient_id") && example.has("status")
                && example.has("timestamp")) {
            STATUSES.add(new Example(pointer, example));
        }
    }

    @Test
    void theWalkFindsTheDescribedWebhooks() {
        // v23.0 documents 16 bodies under /whatsapp/webhooks and 10 single messages with the schemas.
        assertThat(WEBHOOKS.size()).as("complete webhook bodies").isGreaterThanOrEqualTo(16);
        assertThat(WEBHOOKS).extracting(Example::pointer).anyMatch(p -> p.contains("~1whatsapp~1webhooks"));
        assertThat(MESSAGES.size()).as("single incoming messages").isGreaterThanOrEqualTo(10);
        assertThat(WEBHOOKS.stream().map(Example::value).flatMap(WebhookSpecExamplesTest::messagesOf)
                .map(m -> m.path("type").asText()).distinct())
                .contains("text", "image", "location", "contacts", "interactive", "button", "reaction", "unsupported");
    }

    @TestFactory
    Stream<DynamicTest> everyWebhookBodyParsesWithoutLoss() {
        return WEBHOOKS.stream().map(e -> DynamicTest.dynamicTest(e.pointer(), () -> parsesWithoutLoss(e.value())));
    }

    @TestFactory
    Stream<DynamicTest> everySingleMessageExampleParsesInItsEnvelope() {
        return MESSAGES.stream().map(e -> DynamicTest.dynamicTest(e.pointer(),
                () -> parsesWithoutLoss(envelope("messages", e.value()))));
    }

    @TestFactory
    Stream<DynamicTest> everySingleStatusExampleParsesInItsEnvelope() {
        return STATUSES.stream().map(e -> DynamicTest.dynamicTest(e.pointer(),
                () -> parsesWithoutLoss(envelope("statuses", e.value()))));
    }

    private static JsonNode envelope(String kind, JsonNode item) {
        ObjectNode root = JSON.createObjectNode().put("object", WebhookParser.OBJECT);
        ObjectNode change = root.putArray("entry").addObject().put("id", "419561257915477")
                .putArray("changes").addObject().put("field", "messages");
        ObjectNode value = change.putObject("value").put("messaging_product", "whatsapp");
        value.putObject("metadata").put("display_phone_number", "15550783881")
                .put("phone_number_id", MetaStub.PHONE_NUMBER_ID);
        if (kind.equals("messages")) {
            value.putArray("contacts").addObject().put("wa_id", item.path("from").asText())
                    .putObject("profile").put("name", "Sheena Nelson");
        }
        value.putArray(kind).add(item);
        return root;
    }

    private static Stream<JsonNode> messagesOf(JsonNode webhook) {
        return items(webhook, "messages").stream();
    }

    private static List<JsonNode> items(JsonNode webhook, String kind) {
        List<JsonNode> out = new ArrayList<>();
        for (JsonNode entry : webhook.path("entry")) {
            for (JsonNode change : entry.path("changes")) {
                if ("messages".equals(change.path("field").asText())) {
                    change.path("value").path(kind).forEach(out::add);
                }
            }
        }
        return out;
    }

    private static void parsesWithoutLoss(JsonNode webhook) throws Exception {
        // Pretty-printed, so the signed bytes differ from any compact re-serialisation.
        byte[] raw = JSON.copy().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsBytes(webhook);
        // Receiving needs no network: the session is never asked to call Meta here.
        FakeConnectorContext context = MetaStub.offlineContext();
        try (ChannelSession session = new WhatsAppCloudChannel().open(context)) {
                List<ChannelEvent> events = session.receive(SignedWebhooks.signed(raw));

                List<JsonNode> messages = items(webhook, "messages");
                List<JsonNode> statuses = items(webhook, "statuses");
                assertThat(events).as("one event per message and status").hasSize(messages.size() + statuses.size());
                assertThat(context.badRecords()).as("nothing in Meta's own example is unreadable").isEmpty();
                List<InboundMessage> inbound = events.stream().filter(InboundMessage.class::isInstance)
                        .map(InboundMessage.class::cast).toList();
                List<DeliveryUpdate> updates = events.stream().filter(DeliveryUpdate.class::isInstance)
                        .map(DeliveryUpdate.class::cast).toList();
                assertThat(inbound).hasSize(messages.size());
                assertThat(updates).hasSize(statuses.size());
                for (int i = 0; i < messages.size(); i++) {
                    assertMessage(messages.get(i), inbound.get(i), webhook);
                }
                for (int i = 0; i < statuses.size(); i++) {
                    assertStatus(statuses.get(i), updates.get(i));
                }
                assertThat(session.receive(SignedWebhooks.signed(raw))).as("a redelivery gives the same ids")
                        .extracting(ChannelEvent::eventId)
                        .containsExactlyElementsOf(events.stream().map(ChannelEvent::eventId).toList());
        }
        assertThat(new String(raw, StandardCharsets.UTF_8)).contains("\n");
    }

    private static void assertMessage(JsonNode m, InboundMessage e, JsonNode webhook) {
        String id = m.path("id").asText();
        assertThat(e.eventId()).isEqualTo("msg:" + id);
        assertThat(e.providerMessageId()).isEqualTo(id);
        assertThat(e.customer()).isEqualTo(PhoneNumber.of("+" + m.path("from").asText()));
        assertThat(e.business()).isEqualTo(PhoneNumber.of(MetaStub.BUSINESS));
        assertThat(e.sentAt()).isEqualTo(Instant.ofEpochSecond(Long.parseLong(m.path("timestamp").asText())));
        assertThat(e.inReplyTo()).isEqualTo(optional(m.path("context").path("id")));
        String name = profileName(webhook, m.path("from").asText());
        if (name != null) {
            assertThat(e.customerName()).contains(name);
        }
        JsonNode r = m.path("referral");
        if (r.isObject()) {
            assertThat(e.referral()).hasValueSatisfying(ref -> {
                assertThat(ref.sourceType()).isEqualTo(r.path("source_type").asText());
                assertThat(ref.sourceId()).isEqualTo(optional(r.path("source_id")));
                assertThat(ref.sourceUrl()).isEqualTo(optional(r.path("source_url")));
                assertThat(ref.clickId()).isEqualTo(optional(r.path("ctwa_clid")));
                assertThat(ref.headline()).isEqualTo(optional(r.path("headline")));
                assertThat(ref.body()).isEqualTo(optional(r.path("body")));
            });
        } else {
            assertThat(e.referral()).isEmpty();
        }
        assertContent(m, e.content());
    }

    private static void assertContent(JsonNode m, MessageContent content) {
        String type = m.path("type").asText();
        JsonNode c = m.path(type);
        switch (type) {
            case "text" -> assertThat(content).isEqualTo(new MessageContent.Text(c.path("body").asText()));
            case "image", "document", "audio", "video", "sticker" -> {
                assertThat(content).isInstanceOf(MessageContent.Media.class);
                MessageContent.Media media = (MessageContent.Media) content;
                assertThat(media.kind().name()).isEqualTo(type.toUpperCase(Locale.ROOT));
                assertThat(media.mediaId()).isEqualTo(c.path("id").asText());
                assertThat(media.mimeType()).isEqualTo(optional(c.path("mime_type")));
                assertThat(media.sha256()).isEqualTo(optional(c.path("sha256")));
                assertThat(media.caption()).isEqualTo(optional(c.path("caption")));
                assertThat(media.filename()).isEqualTo(optional(c.path("filename")));
            }
            case "location" -> {
                assertThat(content).isInstanceOf(MessageContent.Location.class);
                MessageContent.Location l = (MessageContent.Location) content;
                assertThat(l.latitude()).isEqualTo(c.path("latitude").asDouble());
                assertThat(l.longitude()).isEqualTo(c.path("longitude").asDouble());
                assertThat(l.name()).isEqualTo(optional(c.path("name")));
                assertThat(l.address()).isEqualTo(optional(c.path("address")));
            }
            case "contacts" -> {
                assertThat(content).isInstanceOf(MessageContent.Contacts.class);
                List<MessageContent.Contact> contacts = ((MessageContent.Contacts) content).contacts();
                assertThat(contacts).hasSize(m.path("contacts").size());
                for (int i = 0; i < contacts.size(); i++) {
                    JsonNode given = m.path("contacts").get(i);
                    assertThat(contacts.get(i).formattedName()).isEqualTo(given.path("name").path("formatted_name").asText());
                    List<String> phones = new ArrayList<>();
                    given.path("phones").forEach(p -> phones.add(p.path("phone").asText()));
                    assertThat(contacts.get(i).phones()).isEqualTo(phones);
                }
            }
            case "interactive" -> {
                String kind = c.path("type").asText();
                JsonNode reply = c.path(kind);
                assertThat(content).isEqualTo(new MessageContent.InteractiveReply(
                        kind.equals("list_reply") ? MessageContent.InteractiveReply.Interaction.LIST
                                : MessageContent.InteractiveReply.Interaction.BUTTON,
                        reply.path("id").asText(), reply.path("title").asText(), optional(reply.path("description"))));
            }
            case "button" -> assertThat(content).isEqualTo(
                    new MessageContent.TemplateButtonReply(c.path("payload").asText(), c.path("text").asText()));
            case "reaction" -> assertThat(content).isEqualTo(
                    new MessageContent.Reaction(c.path("message_id").asText(), c.path("emoji").asText()));
            case "order" -> {
                assertThat(content).isInstanceOf(MessageContent.Text.class);
                String shown = content.summary();
                c.path("product_items").forEach(item -> assertThat(shown).contains("- " + item.path("quantity").asText()
                        + " × " + item.path("product_retailer_id").asText() + " at "));
                assertThat(shown).contains("catalog " + c.path("catalog_id").asText());
            }
            case "system" -> assertThat(content).isInstanceOf(MessageContent.Text.class)
                    .extracting(MessageContent::summary).asString().contains(c.path("body").asText());
            default -> assertThat(content).isEqualTo(new MessageContent.Unsupported(type));
        }
    }

    private static void assertStatus(JsonNode s, DeliveryUpdate u) {
        String id = s.path("id").asText();
        String status = s.path("status").asText();
        assertThat(u.eventId()).isEqualTo("status:" + id + ":" + status);
        assertThat(u.providerMessageId()).isEqualTo(id);
        assertThat(u.status().name()).isEqualTo(status.toUpperCase(Locale.ROOT));
        assertThat(u.customer()).isEqualTo(PhoneNumber.of("+" + s.path("recipient_id").asText()));
        assertThat(u.at()).isEqualTo(Instant.ofEpochSecond(Long.parseLong(s.path("timestamp").asText())));
        assertThat(u.errors()).hasSize(s.path("errors").size());
        assertThat(u.providerConversationId()).isEqualTo(optional(s.path("conversation").path("id")));
        JsonNode p = s.path("pricing");
        if (p.isObject()) {
            assertThat(u.pricing()).hasValueSatisfying(pr -> {
                assertThat(pr.billable()).isEqualTo(p.path("billable").asBoolean());
                assertThat(pr.pricingModel()).isEqualTo(p.path("pricing_model").asText());
                assertThat(pr.category()).isEqualTo(p.path("category").asText());
                assertThat(pr.type()).isEqualTo(p.path("type").asText(""));
            });
        }
    }

    private static String profileName(JsonNode webhook, String waId) {
        for (JsonNode entry : webhook.path("entry")) {
            for (JsonNode change : entry.path("changes")) {
                JsonNode contacts = change.path("value").path("contacts");
                if (contacts instanceof ArrayNode list) {
                    for (JsonNode c : list) {
                        if (c.path("wa_id").asText().equals(waId)) {
                            return c.path("profile").path("name").asText();
                        }
                    }
                }
            }
        }
        return null;
    }

    private static java.util.Optional<String> optional(JsonNode n) {
        return n.isTextual() && !n.asText().isEmpty() ? java.util.Optional.of(n.asText()) : java.util.Optional.empty();
    }
}
