package dev.deskbridge.connector.twilio.whatsapp;

import dev.deskbridge.connector.api.model.PhoneNumber;
import java.util.Locale;

/** Twilio's channel address of a WhatsApp number: {@code whatsapp:+14155550123}. */
public final class WhatsAppAddress {
    private static final String PREFIX = "whatsapp:";

    private WhatsAppAddress() {}

    /** The channel address of a number. */
    public static String of(PhoneNumber number) {
        return PREFIX + number.e164();
    }

    /** Whether a Twilio address or identity names a WhatsApp user. */
    public static boolean isWhatsApp(String address) {
        return address != null && address.trim().toLowerCase(Locale.ROOT).startsWith(PREFIX);
    }
}
