package dev.deskbridge.connector.twilio.rest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.twilio.exception.ApiException;
import dev.deskbridge.connector.api.error.AnswerLostException;
import dev.deskbridge.connector.api.error.ConfigurationException;
import dev.deskbridge.connector.api.error.ConnectorException;
import dev.deskbridge.connector.api.error.PermanentException;
import dev.deskbridge.connector.api.error.RetryableException;
import dev.deskbridge.connector.api.error.ThrottledException;
import dev.deskbridge.connector.api.error.WindowClosedException;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Classifies Twilio's errors into the SPI's failures. The host owns the policy; this only says
 * which kind a failure is. Codes: https://www.twilio.com/docs/api/errors.
 */
public final class TwilioErrors {
    /** Free-form message outside the 24-hour customer service window. */
    static final int OUTSIDE_WINDOW = 63016;
    /** Twilio's API rate limit, and WhatsApp's per-channel rate limit. */
    static final Set<Integer> THROTTLED = Set.of(20429, 63018);
    /** Wrong account SID, auth token or API key, or a key without the permission. */
    static final Set<Integer> AUTHENTICATION = Set.of(20003, 20403);
    /** The recipient cannot be reached at that address: the reason goes to the operator. */
    static final Set<Integer> INVALID_RECIPIENT = Set.of(21211, 21214, 21408, 21610, 21612, 21614, 63003, 63024);
    /** The sender is not a WhatsApp sender of this account. */
    static final Set<Integer> INVALID_SENDER = Set.of(21212, 21606, 21660, 63007);

    /** Titles of the delivery errors WhatsApp senders meet most, for callbacks that carry only a code. */
    private static final Map<String, String> TITLES = Map.ofEntries(
            Map.entry("30003", "Unreachable destination handset"),
            Map.entry("30005", "Unknown destination handset"),
            Map.entry("30006", "Landline or unreachable carrier"),
            Map.entry("30007", "Message filtered"),
            Map.entry("30008", "Unknown error"),
            Map.entry("63003", "Channel could not find To address"),
            Map.entry("63016", "Free-form message outside the allowed window; use a template"),
            Map.entry("63018", "Rate limit exceeded for channel"),
            Map.entry("63024", "Invalid message recipient"),
            Map.entry("63049", "Meta chose not to deliver this WhatsApp marketing message"));

    private TwilioErrors() {}

    /** A short title for a Twilio error code. */
    public static String title(String code) {
        return TITLES.getOrDefault(code, "Twilio error " + code);
    }

    /**
     * Classifies a failed SDK call by what happened: no answer, or the answer's HTTP status, and
     * for a 4xx Twilio's error code. Whether the body could be read does not decide: a proxy or
     * load balancer in front of Twilio answers 502/503 with an HTML page, which the SDK reports
     * without a status.
     *
     * @param action what was being done, for the message ("send a WhatsApp message")
     * @param e the SDK's exception
     * @param answered the HTTP status of the answer, when one came (the SDK may have dropped it)
     * @param retryAfter the response's Retry-After, when it had one
     * @param credentialSetting the setting to blame for refused credentials
     * @param senderSetting the setting to blame for a refused sender
     * @param sends whether the call sends a message (POST Messages): a gateway's 502 or 504 page then
     *     leaves open whether Twilio took it
     */
    public static ConnectorException classify(String action, ApiException e, Optional<Integer> answered,
            Optional<Duration> retryAfter, String credentialSetting, String senderSetting, boolean sends) {
        Integer code = e.getCode();
        // A JSON body that is not Twilio's error (a gateway's {"error": ...}) gives the SDK a status of 0.
        Integer status = e.getStatusCode() != null && e.getStatusCode() > 0 ? e.getStatusCode() : answered.orElse(null);
        String codeText = code == null ? null : String.valueOf(code);
        if (status == null && code == null) {
            // No HTTP answer at all: the connection failed or broke off.
            return new RetryableException("could not " + action + ": Twilio not reachable: " + e.getMessage(), e);
        }
        String reason = describe(e, status);
        if (code == null && status >= 200 && status < 300) {
            // Twilio took the call; only its answer is lost: a send is not refused (the host keeps it as
            // handed over), and a write that carries its event's id is found again when retried.
            return new AnswerLostException("could not " + action + ": Twilio took it (HTTP " + status
                    + ") but its answer is unreadable", e);
        }
        if (sends && code == null && (status == 502 || status == 504)) {
            // A gateway's page, not Twilio's answer: the send may have reached Twilio before the gateway gave
            // up on it. Like a connection lost after the request went out, so the I/O failure among the causes
            // keeps the host from taking it for refused: it waits for a status naming the send before it
            // would send again (as the built-in Meta channel does for Meta's gateways).
            return new RetryableException("could not " + action + " for now: " + reason, retryAfter.orElse(null),
                    new IOException("a gateway answered HTTP " + status + "; whether Twilio took the message is "
                            + "unknown"));
        }
        // An answer came. The body the SDK could not read (a proxy's HTML page) is not a transport failure:
        // the host reads an I/O exception among a send's causes as "the provider may have taken it".
        Throwable cause = e.getCause() instanceof IOException
                ? new ApiException(e.getMessage(), code, e.getMoreInfo(), status, null) : e;
        if (code != null && code == OUTSIDE_WINDOW) {
            return new WindowClosedException("could not " + action + ": " + reason, codeText, cause);
        }
        if ((code != null && THROTTLED.contains(code)) || (status != null && status == 429)) {
            return new ThrottledException("could not " + action + " for now (Twilio's rate limit): " + reason,
                    retryAfter.orElse(null), cause);
        }
        if (status != null && (status == 408 || status >= 500)) {
            return new RetryableException("could not " + action + " for now: " + reason, retryAfter.orElse(null), cause);
        }
        if ((code != null && AUTHENTICATION.contains(code)) || (status != null && (status == 401 || status == 403))) {
            return new ConfigurationException("could not " + action
                    + ": Twilio refused the credentials; check the account_sid and " + credentialSetting
                    + " settings (" + reason + ")", codeText, credentialSetting, cause);
        }
        if (code != null && INVALID_SENDER.contains(code) && senderSetting != null) {
            return new ConfigurationException("could not " + action
                    + ": Twilio refused the sender; check the " + senderSetting + " setting (" + reason + ")", codeText, senderSetting, cause);
        }
        if (code != null && INVALID_RECIPIENT.contains(code)) {
            return new PermanentException("could not " + action + ": invalid recipient: " + reason, codeText, cause);
        }
        return new PermanentException("could not " + action
                + ": " + reason, codeText != null ? codeText : String.valueOf(status), cause);
    }

    /** Whether Twilio answered that the resource does not exist. */
    public static boolean isNotFound(ApiException e) {
        return Integer.valueOf(404).equals(e.getStatusCode()) || Integer.valueOf(20404).equals(e.getCode());
    }

    /** Whether Twilio answered that the resource exists already (unique name, participant). */
    public static boolean isConflict(ApiException e) {
        return Integer.valueOf(409).equals(e.getStatusCode()) || Integer.valueOf(50353).equals(e.getCode())
                || Integer.valueOf(50433).equals(e.getCode());
    }

    private static String describe(ApiException e, Integer status) {
        StringBuilder sb = new StringBuilder("Twilio");
        if (e.getCode() != null) {
            sb.append(" error ").append(e.getCode());
        }
        if (status != null) {
            sb.append(" (HTTP ").append(status).append(')');
        }
        if (e.getCode() == null && e.getCause() instanceof JsonProcessingException) {
            // The SDK's message quotes the body; an HTML page says nothing an operator needs.
            return sb.append(": the answer is not Twilio's JSON error (a proxy or load balancer answered?)").toString();
        }
        return sb.append(": ").append(e.getMessage()).toString();
    }
}
