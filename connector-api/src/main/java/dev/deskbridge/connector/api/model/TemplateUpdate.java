package dev.deskbridge.connector.api.model;

import dev.deskbridge.connector.api.template.TemplateStatus;
import dev.deskbridge.connector.api.pricing.TemplateCategory;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * The provider changed a template: its status (Meta's {@code message_template_status_update}), its
 * category ({@code template_category_update}) or its quality ({@code message_template_quality_update}).
 *
 * @param eventId de-duplication id (see {@link ChannelEvent#eventId()})
 * @param providerId the provider's template id
 * @param name the template's name
 * @param language its language code
 * @param status the new status, when it changed
 * @param category the new category, when it changed
 * @param quality the new quality score ({@code GREEN}, {@code YELLOW}, {@code RED}), when it changed
 * @param reason the provider's reason, when it gave one
 * @param at when the host received it (the provider's template webhooks carry no time)
 */
public record TemplateUpdate(String eventId, String providerId, String name, String language,
        Optional<TemplateStatus> status, Optional<TemplateCategory> category, Optional<String> quality,
        Optional<String> reason, Instant at) implements ChannelEvent {
    public TemplateUpdate {
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(providerId, "providerId");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(language, "language");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(category, "category");
        Objects.requireNonNull(quality, "quality");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(at, "at");
    }
}
