package dev.deskbridge.connector.api.model;

import java.util.Objects;
import java.util.Optional;

/**
 * The entry point a customer message came from (a Click-to-WhatsApp ad or a Page call-to-action).
 *
 * @param sourceType {@code ad}, {@code post}, ... as the provider says
 * @param sourceId the ad or post id
 * @param sourceUrl the ad or post URL
 * @param clickId the click id ({@code ctwa_clid})
 * @param headline the ad's headline
 * @param body the ad's body text
 */
public record Referral(
        String sourceType,
        Optional<String> sourceId,
        Optional<String> sourceUrl,
        Optional<String> clickId,
        Optional<String> headline,
        Optional<String> body) {
    public Referral {
        Objects.requireNonNull(sourceType, "sourceType");
        Objects.requireNonNull(sourceId, "sourceId");
        Objects.requireNonNull(sourceUrl, "sourceUrl");
        Objects.requireNonNull(clickId, "clickId");
        Objects.requireNonNull(headline, "headline");
        Objects.requireNonNull(body, "body");
    }
}
