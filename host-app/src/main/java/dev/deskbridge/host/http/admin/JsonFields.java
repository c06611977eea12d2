package dev.deskbridge.host.http.admin;

import com.fasterxml.jackson.databind.JsonNode;
import dev.deskbridge.host.logging.LogSafe;
import java.util.Iterator;
import java.util.Optional;
import java.util.Set;

/**
 * Reading a request body's JSON object strictly, each problem naming its field ({@code at} is the
 * path to the object, {@code ""} at the top or {@code "order.payment."} inside): a field the API does
 * not take is refused rather than ignored, so a misspelt option never silently does nothing.
 */
final class JsonFields {
    private JsonFields() {}

    /** Refuses the first field not in {@code fields}, listing the ones expected. */
    static void known(JsonNode o, Set<String> fields, String at) {
        for (Iterator<String> it = o.fieldNames(); it.hasNext(); ) {
            String f = it.next();
            if (!fields.contains(f)) {
                throw new IllegalArgumentException(at + LogSafe.text(f, 40) + ": unknown field; expected "
                        + String.join(", ", fields.stream().sorted().toList()));
            }
        }
    }

    /** A string as given; absent or {@code null} is empty, any other type refused. */
    static Optional<String> string(JsonNode o, String field, String at) {
        JsonNode n = o.get(field);
        if (n == null || n.isNull()) {
            return Optional.empty();
        }
        if (!n.isTextual()) {
            throw new IllegalArgumentException(at + field + ": must be a string");
        }
        return Optional.of(n.asText());
    }

    /** A string stripped, not blank and at most {@code max} characters; absent or {@code null} is empty. */
    static Optional<String> text(JsonNode o, String field, String at, int max) {
        Optional<String> v = string(o, field, at).map(String::strip);
        if (v.isPresent() && v.get().isEmpty()) {
            throw new IllegalArgumentException(at + field + ": must not be blank");
        }
        if (v.isPresent() && v.get().length() > max) {
            throw new IllegalArgumentException(at + field + ": at most " + max + " characters");
        }
        return v;
    }

    /** A boolean; absent or {@code null} is false, a string such as {@code "yes"} refused. */
    static boolean flag(JsonNode o, String field, String at) {
        JsonNode n = o.get(field);
        if (n != null && !n.isNull() && !n.isBoolean()) {
            throw new IllegalArgumentException(at + field + ": must be true or false");
        }
        return n != null && n.asBoolean();
    }
}
