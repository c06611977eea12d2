package dev.deskbridge.connector.api;

/** Optional abilities of a CRM session. */
public enum CrmCapability {
    /**
     * Agent replies arrive by webhook: the host checks each with {@link CrmSession#verify}, stores it,
     * answers, and reads it with {@link CrmSession#read} in a worker.
     */
    WEBHOOKS,
    /**
     * Agent replies are fetched with {@link CrmSession#poll}: the host polls every
     * {@link CrmSession#pollInterval()} from a cursor kept in its database.
     */
    POLLING,
    /**
     * Inbound media is attached to tickets: when the channel can download media, the host downloads
     * a customer's file before appending the message and passes it in
     * {@link dev.deskbridge.connector.api.model.CustomerMessage#attachments()}; without this
     * capability that list is always empty.
     */
    ATTACHMENTS,
    /**
     * A message the business started (a notification) can open a ticket or be noted on the
     * customer's open one, through {@link CrmSession#openTicket}.
     */
    BUSINESS_TICKETS
}
