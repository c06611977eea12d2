package dev.deskbridge.host.admin;

/** Which way a message went. */
public enum MessageDirection {
    /** From the customer, over WhatsApp, to the CRM. */
    INBOUND,
    /** From the business (an agent or DeskBridge itself) to the customer. */
    OUTBOUND
}
