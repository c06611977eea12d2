package dev.deskbridge.host.channel.whatsapp;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.deskbridge.connector.api.error.WebhookRejectedException;
import dev.deskbridge.connector.api.error.WebhookRejectedException.Reason;
import dev.deskbridge.connector.api.model.ChannelEvent;
import dev.deskbridge.connector.api.model.DeliveryError;
import dev.deskbridge.connector.api.model.DeliveryStatus;
import dev.deskbridge.connector.api.model.DeliveryUpdate;
import dev.deskbridge.connector.api.model.InboundMessage;
import dev.deskbridge.connector.api.model.MediaKind;
import dev.deskbridge.connector.api.model.MessageContent;
import dev.deskbridge.connector.api.model.PhoneNumber;
import dev.deskbridge.connector.api.model.ProviderPricing;
import dev.deskbridge.connector.api.model.Referral;
import dev.deskbridge.connector.api.pricing.Money;
import java.io.IOException;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

// size: one reader of Meta's webhook format; its parts share the problem collector and field helpers,
// and splitting would spread one wire format over several files.
/**
 * Reads a verified Cloud API webhook body ({@code whatsapp_business_account}, field
 * {@code messages}) into inbound messages and delivery updates. Call it only after
 * {@link WebhookSignature#verify}.
 *
 * <p>Every message and status in every change of every entry becomes an event, in body order.
 * Unknown fields are ignored. A broken envelope (not JSON, no {@code object}, no {@code entry} array)
 * rejects the whole webhook; a broken entry, change, message or status is skipped and named in
 * {@link Result#problems()} so the operator is told, and the rest still comes through: Meta sends the
 * same bytes again on a refusal, so refusing the whole for one broken part would lose the good ones.
 *
 * <p>Event ids are stable across redeliveries: {@code msg:<wamid>} and
 * {@code status:<wamid>:<status>}.
 */
final class WebhookParser {
    static final String OBJECT = "whatsapp_business_account";
    private static final Pattern DIGITS = Pattern.compile("\\d{1,20}");
    private static final Map<String, DeliveryStatus> STATUSES = Map.of(
            "sent", DeliveryStatus.SENT,
            "delivered", DeliveryStatus.DELIVERED,
            "read", DeliveryStatus.READ,
            "failed", DeliveryStatus.FAILED);

    /** What a webhook carried, and what in it could not be read. */
    record Result(List<ChannelEvent> events, List<String> problems, List<String> ignoredFields) {
        Result {
            events = List.copyOf(events);
            problems = List.copyOf(problems);
            ignoredFields = List.copyOf(ignoredFields);
        }
    }

    private final ObjectMapper json;
    private final String phoneNumberId;
    private final PhoneNumber business;

    /**
     * @param phoneNumberId this channel's phone number id
     * @param business this channel's number, used for changes addressed to {@code phoneNumberId}
     */
    WebhookParser(String phoneNumberId, PhoneNumber business) {
        this.json = new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
        this.phoneNumberId = Objects.requireNonNull(phoneNumberId, "phoneNumberId");
        this.business = Objects.requireNonNull(business, "business");
    }

    /**
     * Parses a verified body.
     *
     * @throws WebhookRejectedException ({@link Reason#MALFORMED_BODY} or
     *     {@link Reason#UNSUPPORTED_REQUEST}) when the envelope cannot be read; the message says where
     */
    Result parse(byte[] body) {
        return parse(body, Instant.EPOCH);
    }

    /** Parses a verified body received at {@code receivedAt} (the time of template updates without one). */
    Result parse(byte[] body, Instant receivedAt) {
        JsonNode root = readJson(body);
        if (!root.isObject()) {
            throw malformed("the body is a JSON " + root.getNodeType().name().toLowerCase(Locale.ROOT)
                    + ", not an object");
        }
        JsonNode object = root.get("object");
        if (object == null || !object.isTextual()) {
            throw malformed("'object' is missing; a Cloud API webhook says \"object\": \"" + OBJECT + "\"");
        }
        if (!OBJECT.equals(object.asText())) {
            throw new WebhookRejectedException("the webhook is about '" + object.asText() + "', not " + OBJECT,
                    Reason.UNSUPPORTED_REQUEST);
        }
        JsonNode entries = root.get("entry");
        if (entries == null || !entries.isArray()) {
            throw malformed("'entry' is missing or not an array");
        }
        Collector out = new Collector();
        for (int i = 0; i < entries.size(); i++) {
            JsonNode entry = entries.get(i);
            String at = "entry[" + i + "]";
            if (!entry.isObject()) {
                out.problems.add(at + " is not an object; the entry was skipped");
                continue;
            }
            JsonNode changes = entry.get("changes");
            if (changes == null || !changes.isArray()) {
                out.problems.add(at + ".changes is missing or not an array; the entry was skipped");
                continue;
            }
            for (int j = 0; j < changes.size(); j++) {
                String cAt = at + ".changes[" + j + "]";
                JsonNode c = changes.get(j);
                if (c.isObject() && MetaTemplates.WEBHOOK_FIELDS.contains(c.path("field").asText(""))) {
                    template(c, cAt, entry.path("time").asLong(0), receivedAt, out);
                } else {
                    change(c, cAt, out);
                }
            }
        }
        return new Result(out.events, out.problems, out.ignored);
    }

    private JsonNode readJson(byte[] body) {
        if (body.length == 0) {
            throw malformed("the body is empty");
        }
        try {
            JsonNode root = json.readTree(body);
            if (root == null || root.isMissingNode()) {
                throw malformed("the body holds no JSON value");
            }
            return root;
        } catch (JsonProcessingException e) {
            throw new WebhookRejectedException("the body is not JSON: "
                    + e.getOriginalMessage() + " (at " + location(e) + ")", Reason.MALFORMED_BODY, e);
        } catch (IOException e) {
            throw new WebhookRejectedException("the body could not be read as JSON", Reason.MALFORMED_BODY, e);
        }
    }

    private static String location(JsonProcessingException e) {
        return e.getLocation() == null ? "unknown position"
                : "line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr();
    }

    private void change(JsonNode change, String at, Collector out) {
        if (!change.isObject()) {
            out.problems.add(at + " is not an object; the change was skipped");
            return;
        }
        String field = change.path("field").asText("");
        if (!"messages".equals(field)) {
            // Group, template and account updates are other subscriptions; no message or status is in them.
            out.ignored.add(field.isEmpty() ? "(no field)" : field);
            return;
        }
        JsonNode value = change.get("value");
        if (value == null || !value.isObject()) {
            out.problems.add(at + ".value is missing or not an object; the change was skipped");
            return;
        }
        String v = at + ".value";
        JsonNode messages = optionalArray(value, "messages", v, out);
        JsonNode statuses = optionalArray(value, "statuses", v, out);
        PhoneNumber to = businessOf(value.path("metadata"), v, out);
        Map<String, String> names = profileNames(value.path("contacts"), v, out);
        for (int k = 0; k < messages.size(); k++) {
            String mAt = v + ".messages[" + k + "]";
            try {
                out.events.add(message(messages.get(k), to, names, mAt, out));
            } catch (ItemProblem p) {
                out.problems.add(mAt + ": " + p.getMessage() + "; the message was skipped");
            }
        }
        for (int k = 0; k < statuses.size(); k++) {
            String sAt = v + ".statuses[" + k + "]";
            try {
                JsonNode s = statuses.get(k);
                out.events.add(MetaPayments.isPayment(s) ? payment(s, to) : status(s, sAt, out));
            } catch (ItemProblem p) {
                out.problems.add(sAt + ": " + p.getMessage() + "; the status was skipped");
            }
        }
    }

    private static void template(JsonNode change, String at, long time, Instant receivedAt, Collector out) {
        JsonNode value = change.get("value");
        if (value == null || !value.isObject()) {
            out.problems.add(at + ".value is missing or not an object; the template update was skipped");
            return;
        }
        try {
            out.events.add(MetaTemplates.update(change.path("field").asText(), value, time, receivedAt));
        } catch (IllegalArgumentException e) {
            out.problems.add(at + ".value " + e.getMessage() + "; the template update was skipped");
        }
    }

    /** The named array, or an empty one when it is absent, or not an array (then named as a problem). */
    private static JsonNode optionalArray(JsonNode value, String name, String at, Collector out) {
        JsonNode n = value.get(name);
        if (n != null && !n.isNull() && !n.isArray()) {
            out.problems.add(at + "." + name + " is not an array; its " + name + " were skipped");
        }
        return n != null && n.isArray() ? n : com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.arrayNode();
    }

    /**
     * This channel's configured number when the change is addressed to its phone number id (the
     * usual case); for another number of the same app, that number as Meta displays it.
     */
    private PhoneNumber businessOf(JsonNode metadata, String at, Collector out) {
        String id = metadata.path("phone_number_id").asText("");
        if (id.isEmpty() || id.equals(phoneNumberId)) {
            return business;
        }
        String display = metadata.path("display_phone_number").asText("");
        try {
            return PhoneNumber.fromDigits(display);
        } catch (IllegalArgumentException e) {
            out.problems.add(at + ".metadata: phone number id " + id + " is not this channel's and its display "
                    + "number is unreadable; events are attributed to " + business);
            return business;
        }
    }

    private static Map<String, String> profileNames(JsonNode contacts, String at, Collector out) {
        Map<String, String> names = new java.util.HashMap<>();
        if (contacts.isMissingNode() || contacts.isNull()) {
            return names;
        }
        if (!contacts.isArray()) {
            out.problems.add(at + ".contacts is not an array; profile names are unknown");
            return names;
        }
        for (JsonNode c : contacts) {
            String waId = c.path("wa_id").asText("");
            String name = c.path("profile").path("name").asText("");
            if (!name.isBlank()) {
                names.put(waId, name);
            }
        }
        return names;
    }

    private InboundMessage message(JsonNode m, PhoneNumber to, Map<String, String> names, String at, Collector out) {
        if (!m.isObject()) {
            throw new ItemProblem("not an object");
        }
        String id = requiredText(m, "id");
        String from = requiredText(m, "from");
        PhoneNumber customer = phone(from, "from");
        Instant sentAt = timestamp(m);
        String type = m.path("type").asText("");
        MessageContent content = content(type.isEmpty() ? "unknown" : type, m, at, out);
        Optional<String> name = Optional.ofNullable(names.get(from))
                .or(() -> names.size() == 1 ? names.values().stream().findFirst() : Optional.empty());
        Optional<String> inReplyTo = text(m.path("context").path("id"));
        Optional<Referral> referral = referral(m.path("referral"));
        return new InboundMessage("msg:" + id, id, to, customer, name, sentAt, content, inReplyTo, referral);
    }

    private static MessageContent content(String type, JsonNode m, String at, Collector out) {
        JsonNode c = m.path(type);
        switch (type) {
            case "text":
                return text(c.path("body")).<MessageContent>map(MessageContent.Text::new)
                        .orElseGet(() -> unreadable(type, at + ".text.body is missing", out));
            case "image":
            case "document":
            case "audio":
            case "video":
            case "sticker":
                Optional<String> mediaId = text(c.path("id"));
                MediaKind kind = MediaKind.valueOf(type.toUpperCase(Locale.ROOT));
                if (mediaId.isEmpty()) {
                    // No file to fetch, but the caption and that a file was sent still reach the ticket.
                    out.problems.add(at + "." + type + ".id is missing; kept as text, without the file");
                    return new MessageContent.Text(MessageContent.Media.notAttached(kind, text(c.path("caption")),
                            text(c.path("filename")), "WhatsApp sent it without a media id"));
                }
                return new MessageContent.Media(kind, mediaId.get(), text(c.path("mime_type")), text(c.path("sha256")),
                        text(c.path("caption")), text(c.path("filename")));
            case "location":
                Optional<Double> lat = number(c.path("latitude"));
                Optional<Double> lon = number(c.path("longitude"));
                if (lat.isEmpty() || lon.isEmpty()) {
                    return unreadable(type, at + ".location has no readable latitude and longitude", out);
                }
                return new MessageContent.Location(lat.get(), lon.get(), text(c.path("name")), text(c.path("address")));
            case "contacts":
                return contacts(m.path("contacts"));
            case "interactive":
                return interactive(c, at, out);
            case "button":
                Optional<String> payload = text(c.path("payload"));
                Optional<String> label = text(c.path("text"));
                if (payload.isEmpty() && label.isEmpty()) {
                    return unreadable(type, at + ".button has neither payload nor text", out);
                }
                return new MessageContent.TemplateButtonReply(payload.orElseGet(label::get), label.orElseGet(payload::get));
            case "reaction":
                Optional<String> reactedTo = text(c.path("message_id"));
                if (reactedTo.isEmpty()) {
                    return unreadable(type, at + ".reaction.message_id is missing", out);
                }
                // An absent or empty emoji is how WhatsApp says the reaction was removed.
                return new MessageContent.Reaction(reactedTo.get(), c.path("emoji").asText(""));
            case "order":
                return MessagesAsText.order(c);
            case "system":
                return MessagesAsText.system(c);
            default:
                return new MessageContent.Unsupported(type);
        }
    }

    private static MessageContent interactive(JsonNode c, String at, Collector out) {
        String kind = c.path("type").asText("");
        JsonNode reply;
        MessageContent.InteractiveReply.Interaction interaction;
        if ("button_reply".equals(kind)) {
            reply = c.path("button_reply");
            interaction = MessageContent.InteractiveReply.Interaction.BUTTON;
        } else if ("list_reply".equals(kind)) {
            reply = c.path("list_reply");
            interaction = MessageContent.InteractiveReply.Interaction.LIST;
        } else {
            // Flow answers (nfm_reply), call permission replies and future kinds.
            return new MessageContent.Unsupported("interactive" + (kind.isEmpty() ? "" : "." + kind));
        }
        Optional<String> id = text(reply.path("id"));
        if (id.isEmpty()) {
            return unreadable("interactive." + kind, at + ".interactive." + kind + ".id is missing", out);
        }
        return new MessageContent.InteractiveReply(interaction, id.get(), reply.path("title").asText(""),
                text(reply.path("description")));
    }

    private static MessageContent contacts(JsonNode list) {
        List<MessageContent.Contact> contacts = new ArrayList<>();
        for (JsonNode c : list) {
            JsonNode name = c.path("name");
            String formatted = text(name.path("formatted_name")).orElseGet(() -> String.join(" ",
                    text(name.path("first_name")).orElse(""), text(name.path("last_name")).orElse("")).trim());
            List<String> phones = new ArrayList<>();
            for (JsonNode p : c.path("phones")) {
                text(p.path("phone")).or(() -> text(p.path("wa_id"))).ifPresent(phones::add);
            }
            contacts.add(new MessageContent.Contact(formatted, phones));
        }
        return new MessageContent.Contacts(contacts);
    }

    /** Content that is there but cannot be read: kept as unsupported (the customer did write), and reported. */
    private static MessageContent unreadable(String type, String problem, Collector out) {
        out.problems.add(problem + "; kept as unsupported " + type);
        return new MessageContent.Unsupported(type);
    }

    private static Optional<Referral> referral(JsonNode r) {
        if (!r.isObject()) {
            return Optional.empty();
        }
        return Optional.of(new Referral(
                text(r.path("source_type")).orElse("unknown"),
                text(r.path("source_id")),
                text(r.path("source_url")),
                text(r.path("ctwa_clid")),
                text(r.path("headline")),
                text(r.path("body"))));
    }

    private DeliveryUpdate status(JsonNode s, String at, Collector out) {
        if (!s.isObject()) {
            throw new ItemProblem("not an object");
        }
        String id = requiredText(s, "id");
        String statusName = requiredText(s, "status");
        DeliveryStatus status = STATUSES.get(statusName.toLowerCase(Locale.ROOT));
        if (status == null) {
            throw new ItemProblem("status '" + abbreviate(statusName) + "' is not one of sent, delivered, read, failed");
        }
        PhoneNumber customer = phone(requiredText(s, "recipient_id"), "recipient_id");
        Instant when = timestamp(s);
        List<DeliveryError> errors = new ArrayList<>();
        for (JsonNode e : s.path("errors")) {
            errors.add(new DeliveryError(e.path("code").asText("unknown"),
                    e.path("title").asText(e.path("message").asText("")),
                    text(e.path("error_data").path("details")).or(() -> text(e.path("message")))));
        }
        return new DeliveryUpdate("status:" + id + ":" + statusName.toLowerCase(Locale.ROOT), id, customer, status,
                when, errors, pricing(s.path("pricing"), at, out), Optional.<Money>empty(),
                text(s.path("conversation").path("id")), text(s.path("biz_opaque_callback_data")));
    }

    private static ChannelEvent payment(JsonNode s, PhoneNumber business) {
        String recipient = s.hasNonNull("recipient_id") ? requiredText(s, "recipient_id") : requiredText(s, "from");
        PhoneNumber customer = phone(recipient, "recipient_id");
        try {
            return MetaPayments.update(s, customer, business, timestamp(s));
        } catch (IllegalArgumentException e) {
            throw new ItemProblem(e.getMessage());
        }
    }

    private static Optional<ProviderPricing> pricing(JsonNode p, String at, Collector out) {
        if (!p.isObject()) {
            return Optional.empty();
        }
        JsonNode billable = p.get("billable");
        Optional<String> model = text(p.path("pricing_model"));
        Optional<String> category = text(p.path("category"));
        if (billable == null || !billable.isBoolean() || model.isEmpty() || category.isEmpty()) {
            out.problems.add(at + ".pricing lacks billable, pricing_model or category; pricing left out");
            return Optional.empty();
        }
        // Meta's older conversation-based pricing has no type; "" says Meta sent none.
        return Optional.of(new ProviderPricing(billable.booleanValue(), model.get(), category.get(),
                p.path("type").asText("")));
    }

    private static String requiredText(JsonNode n, String field) {
        JsonNode v = n.get(field);
        if (v == null || !(v.isTextual() || v.isNumber()) || v.asText().isBlank()) {
            throw new ItemProblem(field + " is missing");
        }
        return v.asText();
    }

    private static PhoneNumber phone(String digits, String field) {
        if (!DIGITS.matcher(digits).matches()) {
            throw new ItemProblem(field + " '" + abbreviate(digits) + "' is not a WhatsApp id (digits)");
        }
        try {
            return PhoneNumber.fromDigits(digits);
        } catch (IllegalArgumentException e) {
            throw new ItemProblem(field + " '" + digits + "' is not a phone number");
        }
    }

    private static Instant timestamp(JsonNode n) {
        String raw = requiredText(n, "timestamp");
        try {
            return Instant.ofEpochSecond(Long.parseLong(raw.trim()));
        } catch (NumberFormatException | DateTimeException e) {
            throw new ItemProblem("timestamp '" + abbreviate(raw) + "' is not seconds since the epoch");
        }
    }

    private static Optional<String> text(JsonNode n) {
        return n.isTextual() && !n.asText().isEmpty() ? Optional.of(n.asText()) : Optional.empty();
    }

    private static Optional<Double> number(JsonNode n) {
        if (n.isNumber()) {
            return Double.isFinite(n.asDouble()) ? Optional.of(n.asDouble()) : Optional.empty();
        }
        if (n.isTextual()) {
            try {
                double d = Double.parseDouble(n.asText().trim());
                return Double.isFinite(d) ? Optional.of(d) : Optional.empty();
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
        }
        return Optional.empty();
    }

    private static String abbreviate(String s) {
        return s.length() > 40 ? s.substring(0, 40) + "..." : s;
    }

    private static WebhookRejectedException malformed(String message) {
        return new WebhookRejectedException(message, Reason.MALFORMED_BODY);
    }

    /** One message or status that cannot become an event. */
    private static final class ItemProblem extends RuntimeException {
        private static final long serialVersionUID = 1L;

        ItemProblem(String message) {
            super(message, null, false, false);
        }
    }

    private static final class Collector {
        final List<ChannelEvent> events = new ArrayList<>();
        final List<String> problems = new ArrayList<>();
        final List<String> ignored = new ArrayList<>();
    }
}
