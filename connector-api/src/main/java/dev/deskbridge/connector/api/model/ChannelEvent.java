package dev.deskbridge.connector.api.model;

/** Something a messaging channel's webhook reported: a customer message or a delivery update. */
public sealed interface ChannelEvent permits InboundMessage, DeliveryUpdate {

    /**
     * A stable id for de-duplication: the same provider event delivered twice has the same id,
     * two different events never share one.
     */
    String eventId();
}
