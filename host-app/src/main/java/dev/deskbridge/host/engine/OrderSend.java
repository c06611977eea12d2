package dev.deskbridge.host.engine;

import dev.deskbridge.connector.api.model.OutboundMessage;
import dev.deskbridge.connector.api.model.PhoneNumber;
import java.util.Objects;
import java.util.Optional;

/**
 * An order message the business sends a customer through the notifications API: an
 * {@link OutboundMessage.OrderDetails} (a bill to pay) or an {@link OutboundMessage.OrderStatus}
 * for an order sent before.
 *
 * @param route the route, named by its CRM, its channel or both; neither when the host has one route
 * @param idempotencyKey the client's key: the same key sends once and is answered with the first answer
 */
public record OrderSend(PhoneNumber customer, OutboundMessage message, RouteName route,
        Optional<String> idempotencyKey) {
    public OrderSend {
        Objects.requireNonNull(customer, "customer");
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(route, "route");
        Objects.requireNonNull(idempotencyKey, "idempotencyKey");
        if (!(message instanceof OutboundMessage.OrderDetails || message instanceof OutboundMessage.OrderStatus)) {
            throw new IllegalArgumentException("an order send carries order details or an order status");
        }
    }

    /** The order's reference. */
    public String referenceId() {
        return message instanceof OutboundMessage.OrderDetails d ? d.order().referenceId()
                : ((OutboundMessage.OrderStatus) message).referenceId();
    }
}
