package dev.deskbridge.host.http.admin;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The bodies of {@code POST /api/links} and {@code PATCH /api/links/{code}}, read strictly: an
 * unknown field is refused listing the expected ones, a value of another type names its field, and
 * a change of what a link keeps says it cannot be changed. Before, {@code "qr": "yes"} made a link
 * without a QR code and a PATCH of {@code channel} answered 200 changing nothing. What the values
 * must be is {@link dev.deskbridge.host.links.LinkFields}' to check.
 */
final class LinkRequest {
    private static final Set<String> CREATE = Set.of("channel", "name", "source", "message", "qr");
    private static final Set<String> CHANGE = Set.of("name", "source", "message");
    private static final String DESKBRIDGE_SETS_IT = "DeskBridge sets it";
    /** What a link keeps once made, and why; the rest of these are the answer's own fields, sent back. */
    private static final Map<String, String> KEPT = Map.of(
            "channel", "a link opens its channel's number for good; create a new link for another channel",
            "qr", "Meta's QR code is made with the link; create a new link with \"qr\": true for one",
            "code", DESKBRIDGE_SETS_IT, "prefilledMessage", "it is the message and the code; change message",
            "waMeUrl", DESKBRIDGE_SETS_IT, "qrCode", DESKBRIDGE_SETS_IT, "shortLink", DESKBRIDGE_SETS_IT,
            "createdAt", DESKBRIDGE_SETS_IT, "deletedAt", "DELETE /api/links/{code} deletes a link",
            "widgetSnippet", DESKBRIDGE_SETS_IT);

    private LinkRequest() {}

    /** A new link: all four texts given, and whether Meta makes its QR code. */
    record Create(String channel, String name, String source, String message, boolean qr) {
        Create {
            Objects.requireNonNull(channel, "channel");
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(source, "source");
            Objects.requireNonNull(message, "message");
        }
    }

    /** A change: what is given is changed, the rest stays. */
    record Change(Optional<String> name, Optional<String> source, Optional<String> message) {
        Change {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(source, "source");
            Objects.requireNonNull(message, "message");
        }
    }

    /** @throws IllegalArgumentException naming the field at fault */
    static Create create(JsonNode body) {
        JsonFields.known(body, CREATE, "");
        return new Create(required(body, "channel"), required(body, "name"), required(body, "source"),
                required(body, "message"), JsonFields.flag(body, "qr", ""));
    }

    /** @throws IllegalArgumentException naming the field at fault */
    static Change change(JsonNode body) {
        body.fieldNames().forEachRemaining(f -> {
            if (KEPT.containsKey(f)) {
                throw new IllegalArgumentException(f + ": cannot be changed (" + KEPT.get(f) + "); a change takes "
                        + String.join(", ", CHANGE.stream().sorted().toList()));
            }
        });
        JsonFields.known(body, CHANGE, "");
        return new Change(JsonFields.string(body, "name", ""), JsonFields.string(body, "source", ""),
                JsonFields.string(body, "message", ""));
    }

    private static String required(JsonNode body, String field) {
        return JsonFields.string(body, field, "").orElseThrow(() -> new IllegalArgumentException(field + ": required"));
    }
}
