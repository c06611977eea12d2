package dev.deskbridge.connector.twilio.whatsapp;

import dev.deskbridge.connector.api.model.InboundMessage;
import dev.deskbridge.connector.api.model.MediaKind;
import dev.deskbridge.connector.api.model.MessageContent;
import dev.deskbridge.connector.api.model.PhoneNumber;
import dev.deskbridge.connector.api.model.Referral;
import dev.deskbridge.connector.twilio.rest.WebhookParams;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Reads Twilio's incoming-message webhook for WhatsApp (From, To, ProfileName, WaId, Body,
 * NumMedia/MediaUrlN/MediaContentTypeN, location, button replies, Click-to-WhatsApp referral
 * fields). A message with several media files yields one event per file, each with its own
 * provider id, so none is lost.
 */
final class InboundMessageParser {
    private InboundMessageParser() {}

    /**
     * @param receivedAt when the host received the webhook: Twilio's inbound webhook carries no
     *     timestamp, and it arrives within seconds of the customer's message
     */
    static List<InboundMessage> parse(WebhookParams p, Instant receivedAt) {
        String sid = p.required("MessageSid");
        PhoneNumber customer = p.has("From") ? p.phone("From") : p.phone("WaId");
        PhoneNumber business = p.phone("To");
        Optional<String> name = p.optional("ProfileName");
        Optional<String> inReplyTo = p.optional("OriginalRepliedMessageSid");
        Optional<Referral> referral = referral(p);
        List<MessageContent> contents = contents(p);
        List<InboundMessage> events = new ArrayList<>();
        for (int i = 0; i < contents.size(); i++) {
            String eventId = contents.size() == 1 ? "twilio:" + sid : "twilio:" + sid + "#" + i;
            events.add(new InboundMessage(eventId, providerMessageId(sid, i), business, customer, name, receivedAt,
                    contents.get(i), inReplyTo, referral));
        }
        return events;
    }

    /**
     * The provider id of the message for file {@code file}: the host keeps one message per provider
     * id, so each file needs its own, or all but the first are dropped as repeats. The first keeps
     * the MessageSid, which Twilio's status callbacks (a received message's price) and a customer's
     * reply context name; the others are {@code <sid>#<n>}, the same on every delivery of the webhook.
     */
    private static String providerMessageId(String sid, int file) {
        return file == 0 ? sid : sid + "#" + file;
    }

    private static List<MessageContent> contents(WebhookParams p) {
        Optional<String> body = p.optional("Body");
        int numMedia = p.integer("NumMedia", 0);
        if (numMedia > 0) {
            List<MessageContent> media = new ArrayList<>();
            for (int i = 0; i < numMedia; i++) {
                Optional<String> type = p.optional("MediaContentType" + i);
                media.add(new MessageContent.Media(kind(type), p.required("MediaUrl" + i), type, Optional.empty(),
                        i == 0 ? body : Optional.empty(), Optional.empty()));
            }
            return media;
        }
        Optional<Double> latitude = p.decimal("Latitude");
        Optional<Double> longitude = p.decimal("Longitude");
        if (latitude.isPresent() && longitude.isPresent()) {
            return List.of(new MessageContent.Location(latitude.get(), longitude.get(), p.optional("Label"),
                    p.optional("Address")));
        }
        Optional<String> payload = p.optional("ButtonPayload");
        if (payload.isPresent()) {
            return List.of(new MessageContent.TemplateButtonReply(payload.get(),
                    p.optional("ButtonText").or(() -> body).orElse(payload.get())));
        }
        Optional<String> listId = p.optional("ListId");
        if (listId.isPresent()) {
            return List.of(new MessageContent.InteractiveReply(MessageContent.InteractiveReply.Interaction.LIST,
                    listId.get(), p.optional("ListTitle").or(() -> body).orElse(listId.get()), Optional.empty()));
        }
        if (body.isPresent()) {
            return List.of(new MessageContent.Text(body.get()));
        }
        return List.of(new MessageContent.Unsupported(p.optional("MessageType").orElse("unknown")));
    }

    /** WhatsApp stickers are WebP images; everything else goes by the MIME type's family. */
    static MediaKind kind(Optional<String> contentType) {
        String type = contentType.orElse("").toLowerCase(Locale.ROOT);
        if (type.equals("image/webp")) {
            return MediaKind.STICKER;
        }
        if (type.startsWith("image/")) {
            return MediaKind.IMAGE;
        }
        if (type.startsWith("video/")) {
            return MediaKind.VIDEO;
        }
        if (type.startsWith("audio/")) {
            return MediaKind.AUDIO;
        }
        return MediaKind.DOCUMENT;
    }

    private static Optional<Referral> referral(WebhookParams p) {
        List<String> fields = List.of("ReferralSourceType", "ReferralSourceId", "ReferralSourceUrl",
                "ReferralCtwaClid", "ReferralHeadline", "ReferralBody");
        if (fields.stream().noneMatch(f -> p.optional(f).isPresent())) {
            return Optional.empty();
        }
        return Optional.of(new Referral(p.optional("ReferralSourceType").orElse("unknown"),
                p.optional("ReferralSourceId"), p.optional("ReferralSourceUrl"), p.optional("ReferralCtwaClid"),
                p.optional("ReferralHeadline"), p.optional("ReferralBody")));
    }
}
