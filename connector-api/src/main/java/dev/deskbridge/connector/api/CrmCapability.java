package dev.deskbridge.connector.api;

/** Optional abilities of a CRM session. */
public enum CrmCapability {
    /** Agent replies arrive by webhook through {@link CrmSession#receive}. */
    WEBHOOKS,
    /** Agent replies can be fetched with {@link CrmSession#poll}. */
    POLLING,
    /** Inbound media is attached to tickets. */
    ATTACHMENTS,
    /**
     * A message the business started (a notification) can open a ticket or be noted on the
     * customer's open one, through {@link CrmSession#openTicket}.
     */
    BUSINESS_TICKETS
}
