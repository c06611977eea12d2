package dev.deskbridge.host.templates;

import dev.deskbridge.connector.api.pricing.TemplateCategory;
import dev.deskbridge.connector.api.template.TemplateDefinition;
import dev.deskbridge.connector.api.template.TemplateStatus;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One template of a channel's catalogue, as last synced and then changed by the provider's webhooks.
 *
 * @param channelId the channel whose provider lists it
 * @param definition what the provider said at the last sync, with status and category as changed since
 * @param quality the provider's quality score, when it gave one
 * @param statusReason the provider's reason for the status (a rejection's, a pause's), when given
 * @param syncedAt when it was last read from the provider's list
 * @param updatedAt when anything of it last changed
 */
public record CatalogueTemplate(String channelId, TemplateDefinition definition, Optional<String> quality,
        Optional<String> statusReason, Instant syncedAt, Instant updatedAt) {
    public CatalogueTemplate {
        Objects.requireNonNull(channelId, "channelId");
        Objects.requireNonNull(definition, "definition");
        Objects.requireNonNull(quality, "quality");
        Objects.requireNonNull(statusReason, "statusReason");
        Objects.requireNonNull(syncedAt, "syncedAt");
        Objects.requireNonNull(updatedAt, "updatedAt");
    }

    public String name() {
        return definition.name();
    }

    public String language() {
        return definition.language();
    }

    public TemplateStatus status() {
        return definition.status();
    }

    /** The category the template is priced in now (Meta may have recategorised it since approval). */
    public Optional<TemplateCategory> category() {
        return definition.category();
    }
}
