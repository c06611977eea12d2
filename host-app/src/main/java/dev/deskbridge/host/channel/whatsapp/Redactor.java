package dev.deskbridge.host.channel.whatsapp;

import dev.deskbridge.connector.api.config.Secret;
import java.util.List;
import java.util.Objects;

/**
 * Masks credentials in text that came from outside (an error body), in case a peer echoes one.
 * Meta does not, but a proxy in between might, and an operator reads these messages.
 */
final class Redactor {
    private static final int MIN_LENGTH = 4;
    private final List<Secret> secrets;

    Redactor(List<Secret> secrets) {
        this.secrets = List.copyOf(Objects.requireNonNull(secrets, "secrets"));
    }

    String mask(String text) {
        String out = text;
        for (Secret s : secrets) {
            String v = s.reveal();
            if (v.length() >= MIN_LENGTH) {
                out = out.replace(v, "****");
            }
        }
        return out;
    }
}
