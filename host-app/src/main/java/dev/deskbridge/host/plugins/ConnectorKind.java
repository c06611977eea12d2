package dev.deskbridge.host.plugins;

/** The two extension points a connector can provide. */
public enum ConnectorKind {
    /** A {@link dev.deskbridge.connector.api.CrmConnector}: a ticket system. */
    CRM("crm"),
    /** A {@link dev.deskbridge.connector.api.MessagingChannel}: a WhatsApp sender. */
    CHANNEL("channel");

    private final String label;

    ConnectorKind(String label) {
        this.label = label;
    }

    /** The word used in messages and configuration paths ({@code crm}, {@code channel}). */
    public String label() {
        return label;
    }
}
