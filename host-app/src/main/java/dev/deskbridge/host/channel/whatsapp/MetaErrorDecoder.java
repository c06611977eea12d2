package dev.deskbridge.host.channel.whatsapp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.deskbridge.connector.api.error.ConfigurationException;
import dev.deskbridge.connector.api.error.PermanentException;
import dev.deskbridge.connector.api.error.RetryAfter;
import dev.deskbridge.connector.api.error.RetryableException;
import dev.deskbridge.connector.api.error.ThrottledException;
import dev.deskbridge.connector.api.error.WindowClosedException;
import feign.Response;
import feign.codec.ErrorDecoder;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The one place where Meta's error answers become the SPI's failure classes. Any 5xx, JSON or not,
 * is retryable (honouring {@code Retry-After}); a 4xx goes by {@code error.code} of Meta's JSON
 * body, and by the HTTP status only where there is no code (a 429 without one is throttling).
 *
 * <p>Messages keep Meta's code and reason and never a credential: the decoder is given the secrets
 * and masks any of them that a body might echo.
 */
final class MetaErrorDecoder implements ErrorDecoder {
    /** More than 24 hours since the customer's last message: only a template may go out. */
    static final int WINDOW_CLOSED = 131047;
    /** Cloud API throughput reached. */
    static final int THROUGHPUT = 130429;
    /** Too many messages from this number to this customer in a short time. */
    static final int PAIR_RATE = 131056;
    /** The message could not be delivered (not a WhatsApp user, old app, terms not accepted). */
    static final int UNDELIVERABLE = 131026;
    /** The message type is not supported. */
    static final int UNSUPPORTED_TYPE = 131051;
    /** The access token expired or is invalid. */
    static final int TOKEN = 190;
    /** Application-level and business-account-level call limits, documented as throttling. */
    private static final Set<Integer> OTHER_THROTTLING = Set.of(4, 80007);

    private static final int MAX_BODY = 64 * 1024;
    /** How much of a body that is not Meta's JSON an exception's message shows. */
    private static final int SHOWN = 300;
    private final ObjectMapper json;
    private final Clock clock;
    private final Redactor redactor;

    MetaErrorDecoder(ObjectMapper json, Clock clock, Redactor redactor) {
        this.json = Objects.requireNonNull(json, "json");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.redactor = Objects.requireNonNull(redactor, "redactor");
    }

    @Override
    public Exception decode(String methodKey, Response response) {
        int status = response.status();
        Optional<Duration> retryAfter = retryAfter(response.headers());
        String body = readBody(response);
        Optional<MetaError> error = MetaError.parse(json, body);
        if (error.isPresent()) {
            return classify(status, error.get(), retryAfter.orElse(null));
        }
        // Masked whole, then cut: a cut first could split an echoed secret and leave its prefix unmasked.
        String masked = redactor.mask(body);
        String shown = (masked.length() > SHOWN ? masked.substring(0, SHOWN) + "..." : masked).strip();
        String what = "Meta answered HTTP " + status + (shown.isEmpty() ? "" : ": " + shown);
        if (status == 429) {
            // A rate limit whatever the body (a proxy's HTML page too): not counted against the item's attempts.
            return new ThrottledException(what, retryAfter.orElse(null), null);
        }
        if (status == 502 || status == 504) {
            // A gateway's answer, not Meta's: the call may have reached Meta before the gateway gave up
            // on it. Like a connection lost after the request went out, so a send is not taken for
            // refused (OutboxSender waits for the message's status before it would send again).
            return new RetryableException(what, retryAfter.orElse(null),
                    new IOException("a gateway answered HTTP " + status + "; whether Meta took the call is unknown"));
        }
        if (status >= 500 || status == 408) {
            return new RetryableException(what, retryAfter.orElse(null), null);
        }
        if (status == 401) {
            return new ConfigurationException(
                    "Meta refused the access_token (HTTP 401); check the setting access_token", "401",
                    WhatsAppSettings.ACCESS_TOKEN, null);
        }
        return new PermanentException(what, String.valueOf(status), null);
    }

    private RuntimeException classify(int status, MetaError e, Duration retryAfter) {
        String code = String.valueOf(e.code());
        String reason = redactor.mask(e.describe());
        if (status >= 500) {
            // Meta's side failed, whatever code it names: the same call may succeed later.
            return new RetryableException("Meta could not take the call now (HTTP " + status + "): " + reason,
                    retryAfter, null);
        }
        switch (e.code()) {
            case WINDOW_CLOSED:
                return new WindowClosedException(
                        "the customer service window is closed (more than 24 hours since the customer's last "
                                + "message); only a template may be sent: " + reason,
                        code, null);
            case THROUGHPUT:
            case PAIR_RATE:
                return new ThrottledException("Meta throttled the send: " + reason, retryAfter, null);
            case UNDELIVERABLE:
            case UNSUPPORTED_TYPE:
                return new PermanentException("Meta refused the message: " + reason, code, null);
            case TOKEN:
                return new ConfigurationException(
                        "Meta refused the access_token (expired or invalid); give a valid token in the setting "
                                + "access_token: " + reason, code,
                        WhatsAppSettings.ACCESS_TOKEN, null);
            default:
                if (OTHER_THROTTLING.contains(e.code()) || status == 429) {
                    return new ThrottledException("Meta could not take the call now: " + reason, retryAfter, null);
                }
                return new PermanentException("Meta refused the call: " + reason, code, null);
        }
    }

    /** Reads {@code Retry-After} as seconds or as an HTTP date, relative to the injected clock. */
    Optional<Duration> retryAfter(Map<String, Collection<String>> headers) {
        return headers.entrySet().stream()
                .filter(h -> h.getKey() != null && h.getKey().equalsIgnoreCase("Retry-After"))
                .flatMap(h -> h.getValue().stream())
                .findFirst()
                .flatMap(v -> RetryAfter.parse(v, clock.instant()));
    }

    private static String readBody(Response response) {
        if (response.body() == null) {
            return "";
        }
        try (InputStream in = response.body().asInputStream()) {
            return new String(in.readNBytes(MAX_BODY), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }

    /**
     * The {@code error} object of a Graph API error answer.
     *
     * @param code Meta's error code
     * @param message Meta's message
     * @param details {@code error_data.details}, when given
     * @param subcode {@code error_subcode}, when given
     * @param traceId {@code fbtrace_id}, for Meta's support
     */
    record MetaError(int code, String message, Optional<String> details, Optional<Integer> subcode,
            Optional<String> traceId) {
        MetaError {
            Objects.requireNonNull(message, "message");
            Objects.requireNonNull(details, "details");
            Objects.requireNonNull(subcode, "subcode");
            Objects.requireNonNull(traceId, "traceId");
        }

        static Optional<MetaError> parse(ObjectMapper json, String body) {
            try {
                JsonNode error = json.readTree(body).path("error");
                if (!error.path("code").canConvertToInt()) {
                    return Optional.empty();
                }
                return Optional.of(new MetaError(
                        error.path("code").asInt(),
                        error.path("message").asText(""),
                        text(error.path("error_data").path("details")),
                        error.path("error_subcode").canConvertToInt()
                                ? Optional.of(error.path("error_subcode").asInt()) : Optional.empty(),
                        text(error.path("fbtrace_id"))));
            } catch (IOException | RuntimeException e) {
                return Optional.empty();
            }
        }

        private static Optional<String> text(JsonNode n) {
            return n.isTextual() && !n.asText().isBlank() ? Optional.of(n.asText()) : Optional.empty();
        }

        /** Code, message and details, as an operator reads them. */
        String describe() {
            // Meta's own message often starts with its code already: "(#100) Invalid parameter".
            String prefix = "(#" + code + ")";
            StringBuilder sb = new StringBuilder(message.startsWith(prefix) ? message : prefix + " " + message);
            details.filter(d -> !d.equals(message)).ifPresent(d -> sb.append(" - ").append(d));
            traceId.ifPresent(t -> sb.append(" [fbtrace_id ").append(t).append(']'));
            return sb.toString();
        }
    }
}
