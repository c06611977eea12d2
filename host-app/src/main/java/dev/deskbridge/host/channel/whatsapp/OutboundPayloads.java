package dev.deskbridge.host.channel.whatsapp;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.deskbridge.connector.api.error.PermanentException;
import dev.deskbridge.connector.api.model.MediaKind;
import dev.deskbridge.connector.api.model.OutboundMessage;
import dev.deskbridge.connector.api.model.SendRequest;
import java.util.Locale;
import java.util.Set;

/**
 * Builds the JSON bodies of the Cloud API's {@code /messages} endpoint from SPI messages, in the
 * shape of Meta's OpenAPI description (the tests check every body against it).
 *
 * <p>What WhatsApp cannot carry (a caption on a sticker, a file name on an image) is refused with a
 * permanent failure naming the field, rather than silently dropped.
 */
final class OutboundPayloads {
    private static final JsonNodeFactory F = JsonNodeFactory.instance;
    private static final Set<MediaKind> CAPTIONED = Set.of(MediaKind.IMAGE, MediaKind.VIDEO, MediaKind.DOCUMENT);
    private static final int MAX_BUTTON_INDEX = 9;
    private static final int MAX_CALLBACK_DATA = 512;

    private OutboundPayloads() {}

    /** The body that sends {@code request}. */
    static ObjectNode message(SendRequest request) {
        ObjectNode body = F.objectNode();
        body.put("messaging_product", "whatsapp");
        body.put("recipient_type", "individual");
        body.put("to", request.to().digits());
        request.replyTo().ifPresent(id -> body.putObject("context").put("message_id", id));
        OutboundMessage m = request.message();
        if (m instanceof OutboundMessage.Text t) {
            body.put("type", "text");
            body.putObject("text").put("body", t.body()).put("preview_url", t.previewUrl());
        } else if (m instanceof OutboundMessage.Media media) {
            String type = wireName(media.mediaKind());
            body.put("type", type);
            body.set(type, media(media));
        } else if (m instanceof OutboundMessage.Template t) {
            body.put("type", "template");
            body.set("template", template(t));
        } else if (m instanceof OutboundMessage.OrderDetails o) {
            body.put("type", "interactive");
            body.set("interactive", OrderPayloads.details(o));
        } else if (m instanceof OutboundMessage.OrderStatus o) {
            body.put("type", "interactive");
            body.set("interactive", OrderPayloads.status(o));
        } else {
            throw new PermanentException("cannot send a " + m.getClass().getSimpleName() + " over WhatsApp");
        }
        // Meta echoes it in every status of the message: how a send whose answer was lost (a crash, a
        // timeout, a 2xx cut off) is recognised as taken, with its id (the host waits for it before
        // sending again). Meta takes at most 512 characters; the host's key is an outbox id.
        if (request.idempotencyKey().length() <= MAX_CALLBACK_DATA) {
            body.put("biz_opaque_callback_data", request.idempotencyKey());
        }
        return body;
    }

    /** The body that marks a customer's message as read. */
    static ObjectNode markRead(String messageId) {
        return F.objectNode()
                .put("messaging_product", "whatsapp")
                .put("status", "read")
                .put("message_id", messageId);
    }

    static String wireName(MediaKind kind) {
        return kind.name().toLowerCase(Locale.ROOT);
    }

    private static ObjectNode media(OutboundMessage.Media media) {
        ObjectNode o = F.objectNode();
        media.link().ifPresent(l -> o.put("link", l));
        media.mediaId().ifPresent(id -> o.put("id", id));
        String type = wireName(media.mediaKind());
        if (media.caption().isPresent()) {
            if (!CAPTIONED.contains(media.mediaKind())) {
                throw new PermanentException("WhatsApp does not carry a caption on " + type
                        + " messages; send the caption as a separate text");
            }
            o.put("caption", media.caption().get());
        }
        if (media.filename().isPresent()) {
            if (media.mediaKind() != MediaKind.DOCUMENT) {
                throw new PermanentException("WhatsApp carries a file name only on document messages, not on " + type);
            }
            o.put("filename", media.filename().get());
        }
        return o;
    }

    private static ObjectNode template(OutboundMessage.Template t) {
        ObjectNode template = F.objectNode();
        template.put("name", t.name());
        // "deterministic" is the only policy Meta knows: render in exactly this language.
        template.putObject("language").put("policy", "deterministic").put("code", t.language());
        ArrayNode components = F.arrayNode();
        t.header().ifPresent(h -> components.add(header(h)));
        if (!t.bodyParameters().isEmpty() || !t.namedBodyParameters().isEmpty()) {
            ObjectNode body = components.addObject().put("type", "body");
            ArrayNode params = body.putArray("parameters");
            t.bodyParameters().forEach(p -> params.addObject().put("type", "text").put("text", p));
            // A named template's parameters carry their names (Meta's parameter_name).
            new java.util.TreeMap<>(t.namedBodyParameters()).forEach((name, value) -> params.addObject()
                    .put("type", "text").put("parameter_name", name).put("text", value));
        }
        for (OutboundMessage.TemplateButton b : t.buttons()) {
            components.add(button(b));
        }
        if (!components.isEmpty()) {
            template.set("components", components);
        }
        return template;
    }

    private static ObjectNode header(OutboundMessage.TemplateHeader h) {
        ObjectNode header = F.objectNode().put("type", "header");
        ObjectNode param = header.putArray("parameters").addObject();
        switch (h.headerKind()) {
            case TEXT:
                param.put("type", "text").put("text", h.value());
                break;
            case IMAGE:
            case DOCUMENT:
            case VIDEO:
                String type = h.headerKind().name().toLowerCase(Locale.ROOT);
                param.put("type", type).putObject(type).put("link", h.value());
                break;
            default:
                throw new AssertionError(h.headerKind());
        }
        return header;
    }

    private static ObjectNode button(OutboundMessage.TemplateButton b) {
        if (b.index() > MAX_BUTTON_INDEX) {
            throw new PermanentException("template button index " + b.index() + " is out of WhatsApp's range 0-9");
        }
        ObjectNode button = F.objectNode().put("type", "button");
        ObjectNode param = F.objectNode();
        switch (b.buttonKind()) {
            case QUICK_REPLY:
                button.put("sub_type", "quick_reply");
                param.put("type", "payload").put("payload", b.parameter());
                break;
            case URL:
                button.put("sub_type", "url");
                param.put("type", "text").put("text", b.parameter());
                break;
            default:
                throw new AssertionError(b.buttonKind());
        }
        button.put("index", String.valueOf(b.index()));
        button.putArray("parameters").add(param);
        return button;
    }
}
