package dev.deskbridge.connector.api.model;

/** Something a messaging channel's webhook reported: a customer message, a delivery update, a template change or a payment. */
public sealed interface ChannelEvent permits InboundMessage, DeliveryUpdate, TemplateUpdate,
        PaymentUpdate {

    /**
     * A stable id for de-duplication: the same provider event delivered twice has the same id,
     * two different events never share one.
     */
    String eventId();
}
