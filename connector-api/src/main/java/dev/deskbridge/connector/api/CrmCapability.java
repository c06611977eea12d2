package dev.deskbridge.connector.api;

/** Optional abilities of a CRM session. */
public enum CrmCapability {
    /** Agent replies arrive by webhook through {@link CrmSession#receive}. */
    WEBHOOKS,
    /** Agent replies can be fetched with {@link CrmSession#poll}. */
    POLLING,
    /** Inbound media is attached to tickets. */
    ATTACHMENTS
}
