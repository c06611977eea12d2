package dev.deskbridge.host.demo.zendesk;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Objects;

/** A refusal of the Zendesk stand-in, answered with Zendesk's status and error body. */
final class ZendeskError extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final int status;
    private final transient ObjectNode body;

    ZendeskError(int status, ObjectNode body) {
        super(body.toString());
        this.status = status;
        this.body = Objects.requireNonNull(body, "body");
    }

    /** 404 {@code RecordNotFound}. */
    static ZendeskError notFound() {
        return new ZendeskError(404, JsonNodeFactory.instance.objectNode().put("error", "RecordNotFound")
                .put("description", "Not found"));
    }

    /** 422 {@code RecordInvalid} with one detail, as Zendesk reports validation errors. */
    static ZendeskError invalid(String field, String description) {
        ObjectNode body = JsonNodeFactory.instance.objectNode().put("error", "RecordInvalid")
                .put("description", "Record validation errors");
        body.putObject("details").putArray(field).addObject().put("description", description)
                .put("error", "InvalidValue");
        return new ZendeskError(422, body);
    }

    /** 401, as Zendesk answers bad credentials. */
    static ZendeskError unauthenticated() {
        return new ZendeskError(401, JsonNodeFactory.instance.objectNode().put("error", "Couldn't authenticate you"));
    }

    int status() {
        return status;
    }

    ObjectNode body() {
        return body.deepCopy();
    }
}
