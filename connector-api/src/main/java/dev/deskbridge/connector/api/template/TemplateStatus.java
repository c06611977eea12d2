package dev.deskbridge.connector.api.template;

import java.util.Locale;

/** A template's review state at the provider, in Meta's terms (Twilio's approval states map onto them). */
public enum TemplateStatus {
    APPROVED,
    PENDING,
    REJECTED,
    PAUSED,
    DISABLED,
    IN_APPEAL,
    PENDING_DELETION,
    DELETED,
    LIMIT_EXCEEDED,
    ARCHIVED,
    /** Not yet submitted for review (Twilio's {@code unsubmitted}). */
    UNSUBMITTED,
    /** A state this version does not know; never sendable. */
    UNKNOWN;

    /** Reads a provider's status word; an unknown word is {@link #UNKNOWN}, never an error. */
    public static TemplateStatus fromWire(String word) {
        if (word == null || word.isBlank()) {
            return UNKNOWN;
        }
        String w = word.trim().toUpperCase(Locale.ROOT).replace(' ', '_').replace('-', '_');
        if (w.equals("RECEIVED")) {
            return PENDING;
        }
        for (TemplateStatus s : values()) {
            if (s.name().equals(w)) {
                return s;
            }
        }
        return UNKNOWN;
    }
}
