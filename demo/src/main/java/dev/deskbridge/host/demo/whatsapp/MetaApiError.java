package dev.deskbridge.host.demo.whatsapp;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Objects;

/** A Graph API refusal of the WhatsApp stand-in, answered with Meta's status and error object. */
final class MetaApiError extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final int status;
    private final transient ObjectNode body;

    private MetaApiError(int status, ObjectNode body) {
        super(body.toString());
        this.status = status;
        this.body = Objects.requireNonNull(body, "body");
    }

    /** An error without details. */
    static MetaApiError of(int status, int code, String type, String message) {
        return of(status, code, type, message, null);
    }

    /** An error with {@code error_data.details}, as Meta adds for WhatsApp errors. */
    static MetaApiError of(int status, int code, String type, String message, String details) {
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        ObjectNode error = body.putObject("error").put("message", message).put("type", type).put("code", code);
        if (details != null) {
            error.putObject("error_data").put("messaging_product", "whatsapp").put("details", details);
        }
        error.put("fbtrace_id", "AdemoTrace" + code);
        return new MetaApiError(status, body);
    }

    int status() {
        return status;
    }

    ObjectNode body() {
        return body.deepCopy();
    }
}
