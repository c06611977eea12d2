package dev.deskbridge.host.store;

import dev.deskbridge.connector.api.model.PhoneNumber;
import java.util.Objects;
import java.util.Optional;

/**
 * What makes a conversation one: its business number and its customer (the table's unique key).
 * The engine files a conversation's queue items under {@link #partition()}, and the admin read
 * model and the CLI find the conversation of an item from it, so all of them agree on which
 * conversation an item belongs to, also for a customer who writes to two business numbers of
 * one channel.
 */
public record ConversationKey(PhoneNumber business, PhoneNumber customer) {
    public ConversationKey {
        Objects.requireNonNull(business, "business");
        Objects.requireNonNull(customer, "customer");
    }

    /** The queue partition of this conversation's items: {@code +business|+customer}. */
    public String partition() {
        return business.e164() + "|" + customer.e164();
    }

    /** The conversation a queue partition belongs to, when it is a conversation's partition. */
    public static Optional<ConversationKey> ofPartition(String partition) {
        int bar = partition.indexOf('|');
        if (bar < 0 || !partition.startsWith("+") || partition.indexOf('|', bar + 1) >= 0) {
            return Optional.empty();
        }
        try {
            return Optional.of(new ConversationKey(PhoneNumber.of(partition.substring(0, bar)),
                    PhoneNumber.of(partition.substring(bar + 1))));
        } catch (IllegalArgumentException notNumbers) {
            return Optional.empty();
        }
    }
}
