package dev.deskbridge.host.demo.whatsapp;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.deskbridge.connector.api.model.PhoneNumber;
import dev.deskbridge.host.demo.standin.Hmac;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Objects;
import java.util.Optional;

/**
 * Writes and signs Cloud API webhooks the way Meta sends them: a {@code whatsapp_business_account}
 * envelope with one change of field {@code messages}, holding either a customer's message (with the
 * profile name in {@code contacts}) or a status of a sent message, and the
 * {@code X-Hub-Signature-256} header over the exact bytes.
 */
final class MetaWebhooks {
    /** The header Meta signs webhooks in. */
    static final String SIGNATURE_HEADER = "X-Hub-Signature-256";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String wabaId;
    private final String phoneNumberId;
    private final PhoneNumber business;

    MetaWebhooks(String wabaId, String phoneNumberId, PhoneNumber business) {
        this.wabaId = Objects.requireNonNull(wabaId, "wabaId");
        this.phoneNumberId = Objects.requireNonNull(phoneNumberId, "phoneNumberId");
        this.business = Objects.requireNonNull(business, "business");
    }

    /** A customer's message; {@code message} is the message object without {@code from}, {@code id} and {@code timestamp}. */
    byte[] customerMessage(PhoneNumber from, String profileName, String wamid, Instant at, ObjectNode message) {
        ObjectNode value = value();
        ObjectNode contact = value.putArray("contacts").addObject();
        contact.putObject("profile").put("name", profileName);
        contact.put("wa_id", from.digits());
        ObjectNode m = JSON.createObjectNode().put("from", from.digits()).put("id", wamid)
                .put("timestamp", String.valueOf(at.getEpochSecond()));
        m.setAll(message);
        value.putArray("messages").add(m);
        return envelope(value);
    }

    /**
     * A status of a message the business sent.
     *
     * @param pricing Meta's pricing object, where Meta sends one
     * @param error the failure, for {@code failed}
     */
    byte[] status(String wamid, PhoneNumber recipient, String status, Instant at, Optional<MetaPricing> pricing,
            Optional<MetaError> error) {
        ObjectNode value = value();
        ObjectNode s = value.putArray("statuses").addObject().put("id", wamid).put("status", status)
                .put("timestamp", String.valueOf(at.getEpochSecond())).put("recipient_id", recipient.digits());
        pricing.ifPresent(p -> s.putObject("pricing").put("billable", p.billable()).put("pricing_model", "PMP")
                .put("category", p.category()).put("type", p.type()));
        error.ifPresent(e -> {
            ArrayNode errors = s.putArray("errors");
            ObjectNode err = errors.addObject().put("code", e.code()).put("title", e.title()).put("message", e.title());
            err.putObject("error_data").put("details", e.details());
            err.put("href", "https://developers.facebook.com/docs/whatsapp/cloud-api/support/error-codes/");
        });
        return envelope(value);
    }

    /** {@code sha256=} and the hex HMAC-SHA256 of the body with the app secret. */
    static String signature(String appSecret, byte[] body) {
        return "sha256=" + HexFormat.of().formatHex(Hmac.sha256(appSecret, body));
    }

    private ObjectNode value() {
        ObjectNode value = JSON.createObjectNode().put("messaging_product", "whatsapp");
        value.putObject("metadata").put("display_phone_number", business.digits()).put("phone_number_id", phoneNumberId);
        return value;
    }

    private byte[] envelope(ObjectNode value) {
        ObjectNode root = JSON.createObjectNode().put("object", "whatsapp_business_account");
        ObjectNode change = root.putArray("entry").addObject().put("id", wabaId).putArray("changes").addObject();
        change.set("value", value);
        change.put("field", "messages");
        return root.toString().getBytes(StandardCharsets.UTF_8);
    }
}
