package dev.deskbridge.host.engine;

import dev.deskbridge.connector.api.model.AgentNotice;
import dev.deskbridge.connector.api.model.ConversationId;
import dev.deskbridge.connector.api.model.PaymentUpdate;
import dev.deskbridge.connector.api.model.PhoneNumber;
import dev.deskbridge.host.store.Conversation;
import dev.deskbridge.host.store.OrderStore;
import dev.deskbridge.host.store.StoredOrder;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.SQLException;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.time.Instant;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies the payment statuses a channel reports to the orders the business sent: the order keeps
 * the newest by the provider's timestamp (a late or repeated webhook never moves it back), and the
 * ticket gets one note per transaction and status. A payment whose amount or currency is not the
 * order's is applied as reported, and its note and a warning say it does not match.
 */
final class PaymentUpdates {
    private static final Logger LOG = LoggerFactory.getLogger(PaymentUpdates.class);

    private final EngineContext ctx;
    private final OrderStore store = new OrderStore();

    PaymentUpdates(EngineContext ctx) {
        this.ctx = Objects.requireNonNull(ctx, "ctx");
    }

    /** The queue line of the order's conversation, so its payments follow its messages; empty for an unknown order. */
    Optional<String> partitionOf(Connection c, String channelId, PhoneNumber customer, String referenceId)
            throws SQLException {
        Optional<StoredOrder> order = ours(c, channelId, customer, referenceId);
        if (order.isEmpty()) {
            return Optional.empty();
        }
        return ctx.conversations().findById(c, ConversationId.of(order.get().conversationId()), false)
                .map(Conversation::partitionKey);
    }

    void apply(EngineEvent.PaymentReported event) {
        PaymentUpdate u = event.update();
        ctx.db().inTransactionDo(c -> {
            Optional<StoredOrder> found = ours(c, event.channelId(), u.customer(), u.referenceId());
            if (found.isEmpty()) {
                LOG.warn("payment status {} for an order DeskBridge did not send on channel {} ignored",
                        u.status(), event.channelId());
                return;
            }
            StoredOrder order = found.get();
            if (!newer(order, u)) {
                return;
            }
            Instant now = ctx.clock().instant();
            store.updatePayment(c, order.conversationId(), order.referenceId(), wire(u.status()), u.at(),
                    u.transactionId(), u.amount(), now);
            Conversation conversation = ctx.conversations().findById(c, ConversationId.of(order.conversationId()),
                    false).orElseThrow();
            // Without an amount Meta's status says nothing of how much was paid: the order's total is
            // shown as the order's, never as the payment's.
            String amount = u.amount().map(m -> amount(m.amount(), m.currency().getCurrencyCode()))
                    .orElseGet(() -> "(no amount stated; the order's total is " + amount(order.total(),
                            order.currency()) + ")");
            Optional<PaymentMismatch> mismatch = u.amount().flatMap(m -> PaymentMismatch.of(order.currency(),
                    order.total(), Optional.of(m.amount()), Optional.of(m.currency().getCurrencyCode())));
            mismatch.ifPresent(m -> LOG.warn("payment status {} for order {} in conversation {} does not match the "
                    + "order: its {} differs", wire(u.status()), order.referenceId(), order.conversationId(),
                    m.wireName()));
            String text = "Payment for order " + order.referenceId() + ": " + wire(u.status()) + " " + amount
                    + u.transactionId().map(t -> " (transaction " + t + ")").orElse("")
                    + mismatch.map(m -> " — " + differs(m, order, u)).orElse("") + ".";
            // One note per transaction and status: a repeated webhook finds the note it queued.
            Notices.enqueue(c, ctx, conversation, AgentNotice.Kind.PAYMENT_UPDATED, text, Optional.empty(),
                    order.conversationId() + ":" + order.referenceId() + ":" + u.transactionId().orElse("-") + ":"
                            + wire(u.status()), now);
        });
    }

    /**
     * Whether the update moves the order on: a later provider timestamp, or the same one with a
     * further status (pending, then failed or captured).
     */
    static boolean newer(StoredOrder order, PaymentUpdate u) {
        if (order.paymentAt().isEmpty()) {
            return true;
        }
        int byTime = u.at().compareTo(order.paymentAt().get());
        if (byTime != 0) {
            return byTime > 0;
        }
        return rank(wire(u.status())) > rank(order.paymentStatus().orElse(""));
    }

    private static int rank(String status) {
        return switch (status) {
            case "pending" -> 1;
            case "failed" -> 2;
            case "captured" -> 3;
            default -> 0;
        };
    }

    static String wire(PaymentUpdate.Status status) {
        return status.name().toLowerCase(Locale.ROOT);
    }

    /** {@code less than the order's total of 1,234.00 INR}, or {@code in BRL, not the order's INR (...)}. */
    private static String differs(PaymentMismatch mismatch, StoredOrder order, PaymentUpdate u) {
        String total = amount(order.total(), order.currency());
        if (mismatch == PaymentMismatch.CURRENCY) {
            return "in " + u.amount().orElseThrow().currency().getCurrencyCode() + ", not the order's "
                    + order.currency() + " (its total is " + total + ")";
        }
        boolean less = u.amount().orElseThrow().amount().compareTo(order.total()) < 0;
        return (less ? "less" : "more") + " than the order's total of " + total;
    }

    /** {@code 1,234.00 INR}. */
    static String amount(BigDecimal amount, String currency) {
        DecimalFormat f = new DecimalFormat("#,##0.00", DecimalFormatSymbols.getInstance(Locale.ROOT));
        return f.format(amount) + " " + currency;
    }

    private Optional<StoredOrder> ours(Connection c, String channelId, PhoneNumber customer, String referenceId)
            throws SQLException {
        return store.findByReference(c, channelId, referenceId).filter(o -> o.customer().equals(customer.e164()));
    }
}
