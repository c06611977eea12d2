package dev.deskbridge.connector.api.model;

import java.util.Objects;
import java.util.Optional;

/**
 * A provider's reason for a failed message.
 *
 * @param code the provider's error code
 * @param title the provider's short title
 * @param detail more detail, when given
 */
public record DeliveryError(String code, String title, Optional<String> detail) {
    public DeliveryError {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(detail, "detail");
    }

    @Override
    public String toString() {
        return code + " " + title + detail.map(d -> ": " + d).orElse("");
    }
}
