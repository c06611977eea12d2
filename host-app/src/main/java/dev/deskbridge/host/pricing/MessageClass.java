package dev.deskbridge.host.pricing;

import dev.deskbridge.connector.api.pricing.OutboundKind;
import dev.deskbridge.connector.api.pricing.TemplateCategory;
import java.util.Optional;

/** A row of a schedule's decision table: what kind of outbound message is being priced. */
public enum MessageClass {
    FREEFORM,
    UTILITY_TEMPLATE,
    MARKETING_TEMPLATE,
    AUTHENTICATION_TEMPLATE;

    /** The row for a message of that kind; templates need their category. */
    public static MessageClass of(OutboundKind kind, Optional<TemplateCategory> category) {
        if (kind == OutboundKind.FREEFORM) {
            return FREEFORM;
        }
        TemplateCategory c = category.orElseThrow(() -> new IllegalArgumentException("a template needs its category"));
        switch (c) {
            case UTILITY:
                return UTILITY_TEMPLATE;
            case MARKETING:
                return MARKETING_TEMPLATE;
            case AUTHENTICATION:
                return AUTHENTICATION_TEMPLATE;
            default:
                throw new IllegalArgumentException("unknown template category " + c);
        }
    }
}
