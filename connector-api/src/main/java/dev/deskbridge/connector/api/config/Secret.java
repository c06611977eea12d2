package dev.deskbridge.connector.api.config;

import java.util.Objects;

/**
 * A credential read from a secret setting. {@link #toString()} never reveals it; call
 * {@link #reveal()} only where the value is sent to its provider.
 */
public final class Secret {
    private final String value;

    public Secret(String value) {
        this.value = Objects.requireNonNull(value, "value");
    }

    /** The credential itself. Never log or return what this gives. */
    public String reveal() {
        return value;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Secret && java.security.MessageDigest.isEqual(
                value.getBytes(java.nio.charset.StandardCharsets.UTF_8),
                ((Secret) o).value.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    @Override
    public int hashCode() {
        return 0; // a hash would leak a little of the value
    }

    @Override
    public String toString() {
        return "****";
    }
}
