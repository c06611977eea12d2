package dev.deskbridge.host.engine;

import dev.deskbridge.connector.api.model.PhoneNumber;
import dev.deskbridge.connector.api.model.TemplateRequest;
import java.util.Objects;
import java.util.Optional;

/**
 * A template the business sends to a customer (the notifications API, the command line).
 *
 * @param customer the recipient
 * @param template the template and its parameters, checked against the channel's catalogue when sent
 * @param route the route, named by its CRM, its channel or both; neither when the host has one route
 * @param ticket where the message goes in the CRM
 * @param idempotencyKey the client's key: the same key sends once and is answered with the first answer
 * @param orderReference the client's order this message is about, kept with it
 */
public record BusinessSend(PhoneNumber customer, TemplateRequest template, RouteName route,
        TicketMode ticket, Optional<String> idempotencyKey, Optional<String> orderReference) {
    public BusinessSend {
        Objects.requireNonNull(customer, "customer");
        Objects.requireNonNull(template, "template");
        Objects.requireNonNull(route, "route");
        Objects.requireNonNull(ticket, "ticket");
        Objects.requireNonNull(idempotencyKey, "idempotencyKey");
        Objects.requireNonNull(orderReference, "orderReference");
    }
}
