package dev.deskbridge.host.demo.whatsapp;

import com.fasterxml.jackson.databind.JsonNode;
import dev.deskbridge.connector.api.model.PhoneNumber;
import java.time.Instant;
import java.util.Objects;

/**
 * A message the host sent through the WhatsApp stand-in's Graph API.
 *
 * @param wamid the id the stand-in answered with
 * @param to the recipient
 * @param type the message type ({@code text}, {@code template}, {@code image}...)
 * @param summary the text's body, or the template's name, or the media's link
 * @param request the request body exactly as received
 * @param at when it was sent, on the demo's clock
 */
public record SentMessage(String wamid, PhoneNumber to, String type, String summary, JsonNode request, Instant at) {
    public SentMessage {
        Objects.requireNonNull(wamid, "wamid");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(summary, "summary");
        request = Objects.requireNonNull(request, "request").deepCopy();
        Objects.requireNonNull(at, "at");
    }

    public boolean isTemplate() {
        return "template".equals(type);
    }
}
