package dev.deskbridge.host.admin;

import dev.deskbridge.connector.api.model.ConversationId;
import dev.deskbridge.connector.api.model.DeliveryStatus;
import dev.deskbridge.connector.api.model.OutboundMessage;
import dev.deskbridge.connector.api.model.PhoneNumber;
import dev.deskbridge.connector.api.model.ProviderPricing;
import dev.deskbridge.connector.api.model.TicketRef;
import dev.deskbridge.connector.api.pricing.Money;
import dev.deskbridge.connector.api.pricing.OutboundKind;
import dev.deskbridge.connector.api.pricing.PricingCategory;
import dev.deskbridge.connector.api.pricing.Quote;
import dev.deskbridge.connector.api.pricing.TemplateCategory;
import dev.deskbridge.connector.api.pricing.WindowState;
import dev.deskbridge.host.engine.EventCodec;
import dev.deskbridge.host.pricing.MonthlyUsage;
import dev.deskbridge.host.pricing.PricingRules;
import dev.deskbridge.host.pricing.QuoteRequest;
import dev.deskbridge.host.store.ConversationKey;
import dev.deskbridge.host.store.ConversationStore;
import dev.deskbridge.host.store.Database;
import dev.deskbridge.host.store.HeldReplyStore;
import dev.deskbridge.host.store.LedgerStore;
import dev.deskbridge.host.store.MessageStore;
import dev.deskbridge.host.store.NewLedgerEntry;
import dev.deskbridge.host.store.NewQueueItem;
import dev.deskbridge.host.store.Queue;
import dev.deskbridge.host.store.QueueItem;
import dev.deskbridge.host.store.QueueStore;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.util.Currency;
import java.util.List;
import java.util.Optional;

/**
 * A support day in the engine's tables, written through the engine's own stores (so the admin
 * read model is tested against what the engine really writes): Ana answered inside her window,
 * which closes in 30 minutes; Bruno re-engaged with a template and a held answer; Eva's marketing
 * template failed; Gus wrote while the CRM was down (two dead letters).
 */
public final class EngineTablesFixture {
    /** The host's clock during the day's questions. */
    public static final Instant NOW = Instant.parse("2026-10-06T08:30:00Z");
    static final PhoneNumber BUSINESS = PhoneNumber.of("+15550001111");
    private static final Currency USD = Currency.getInstance("USD");
    static final MonthlyUsage NO_USAGE = new MonthlyUsage() {
        @Override
        public long billedCount(String market, PricingCategory category, YearMonth month) {
            return 0;
        }

        @Override
        public long freeServiceCount(PhoneNumber business, YearMonth month) {
            return 0;
        }
    };

    /** The day's conversations. */
    public record Day(ConversationId ana, ConversationId bruno, ConversationId eva, ConversationId gus) {}

    private final PricingRules pricing;
    private final ConversationStore conversations = new ConversationStore();
    private final MessageStore messages = new MessageStore();
    private final LedgerStore ledger = new LedgerStore();
    private ConversationId ana;
    private ConversationId bruno;
    private ConversationId eva;
    private ConversationId gus;

    private EngineTablesFixture(PricingRules pricing) {
        this.pricing = pricing;
    }

    /** Writes the day; the host's clock reads {@link #NOW} (2026-10-06 08:30 UTC). */
    public static Day supportDay(Database db, PricingRules pricing) {
        return new EngineTablesFixture(pricing).write(db);
    }

    private Day write(Database db) {
        db.inTransactionDo(c -> {
            // Ana wrote yesterday 09:00 and was answered inside the window; it closes in 30 minutes.
            ana = customerWrote(c, "+12015550123", Instant.parse("2026-10-05T09:00:00Z"));
            conversations.setTicket(c, ana, new TicketRef("1042", Optional.of("https://acme.zendesk.com/agent/tickets/1042")),
                    NOW);
            long reply = send(c, ana, "+12015550123", new OutboundMessage.Text("It left our warehouse today.", false),
                    "REPLY", Instant.parse("2026-10-05T09:10:00Z"));
            delivered(c, reply, Instant.parse("2026-10-05T09:10:05Z"),
                    new ProviderPricing(true, "PMP", "service", "regular"));

            // Bruno's window closed; the re-engagement template went out and the answer is held.
            bruno = customerWrote(c, "+5511987654321", Instant.parse("2026-10-03T10:00:00Z"));
            conversations.setTicket(c, bruno, TicketRef.of("1043"), NOW);
            long template = send(c, bruno, "+5511987654321", new OutboundMessage.Template("reengage_v1", "pt_BR",
                    TemplateCategory.UTILITY, List.of(), Optional.empty(), List.of()), "REENGAGE", Instant.parse("2026-10-05T12:00:00Z"));
            delivered(c, template, Instant.parse("2026-10-05T12:00:09Z"),
                    new ProviderPricing(true, "PMP", "utility", "regular"));
            new HeldReplyStore().hold(c, bruno, "crm:zendesk-main|ev-9", "agent@acme.example",
                    new EventCodec().encodeMessages(List.of(new OutboundMessage.Text("Claro! Envie o número do pedido.",
                            false))), Instant.parse("2026-10-05T12:00:00Z"));

            // Eva's marketing template failed: it costs nothing.
            eva = customerWrote(c, "+4915123456789", Instant.parse("2026-10-06T07:00:00Z"));
            long promo = send(c, eva, "+4915123456789", new OutboundMessage.Template("back_in_stock", "de",
                    TemplateCategory.MARKETING, List.of(), Optional.empty(), List.of()), "REPLY", Instant.parse("2026-10-06T07:30:00Z"));
            messages.recordStatus(c, messages.findById(c, promo).orElseThrow(), DeliveryStatus.FAILED,
                    Instant.parse("2026-10-06T07:30:04Z"), Optional.of("131026 undeliverable"), NOW);
            ledger.fail(c, promo, NOW);

            // Gus wrote while Zendesk was down: no ticket.
            gus = customerWrote(c, "+447700900123", Instant.parse("2026-10-06T08:00:00Z"));
        });
        QueueStore inbox = new QueueStore(db, Queue.INBOX);
        QueueStore outbox = new QueueStore(db, Queue.OUTBOX);
        db.inTransactionDo(c -> {
            inbox.enqueue(c, new NewQueueItem("channel:wa-main", "wamid.gus-1", "CUSTOMER_MESSAGE",
                    new ConversationKey(BUSINESS, PhoneNumber.of("+447700900123")).partition(), "{}", Optional.empty()), Instant.parse("2026-10-06T08:00:01Z"));
            outbox.enqueue(c, new NewQueueItem("crm:zendesk-main", "ev-10", "SEND_REPLY",
                    new ConversationKey(BUSINESS, PhoneNumber.of("+5511987654321")).partition(), "{}",
                    Optional.of(bruno.value())), Instant.parse("2026-10-06T08:05:00Z"));
        });
        for (QueueStore q : List.of(inbox, outbox)) {
            for (QueueItem item : q.claim(10, NOW, Duration.ofMinutes(1), "test")) {
                q.deadLetter(item, "test", q == inbox ? "Zendesk answered 503 eight times" : "Graph API 131047", NOW);
            }
        }
        return new Day(ana, bruno, eva, gus);
    }

    private ConversationId customerWrote(Connection c, String customer, Instant at) throws SQLException {
        var conversation = conversations.findOrCreate(c, BUSINESS, PhoneNumber.of(customer), Optional.empty(),
                "wa-main", "zendesk-main", at);
        WindowState window = pricing.onCustomerMessage(conversation.window(), at, false);
        conversations.customerMessage(c, conversation, window, at, Optional.empty(), Optional.empty(), at);
        messages.insertInbound(c, conversation.id(), "text", "wamid." + customer + at.getEpochSecond(), "Hello", "OPEN",
                at, at);
        return conversation.id();
    }

    private long send(Connection c, ConversationId id, String customer, OutboundMessage message, String purpose,
            Instant at) throws SQLException {
        var conversation = conversations.findById(c, id, false).orElseThrow();
        Optional<TemplateCategory> category = message instanceof OutboundMessage.Template t
                ? Optional.of(t.category()) : Optional.empty();
        Quote quote = pricing.quote(new QuoteRequest(conversation.window(), message.kind(), category, at, BUSINESS,
                PhoneNumber.of(customer), NO_USAGE));
        String kind = message.kind() == OutboundKind.TEMPLATE ? "template" : "text";
        String summary = message instanceof OutboundMessage.Text t ? t.body() : "template "
                + ((OutboundMessage.Template) message).name();
        long messageId = messages.insertOutbound(c, id, kind, purpose, Optional.empty(), at.getEpochSecond(), summary,
                Optional.of("agent"), "OPEN", at);
        ledger.quote(c, new NewLedgerEntry(messageId, id, "OUT", "wa-main", "zendesk-main", BUSINESS,
                PhoneNumber.of(customer), quote, Money.zero(USD), at));
        conversations.businessMessage(c, id, pricing.onBusinessMessage(conversation.window(), at), at, true, at);
        return messageId;
    }

    private void delivered(Connection c, long messageId, Instant at, ProviderPricing providerPricing)
            throws SQLException {
        messages.recordStatus(c, messages.findById(c, messageId).orElseThrow(), DeliveryStatus.SENT, at,
                Optional.empty(), at);
        messages.recordStatus(c, messages.findById(c, messageId).orElseThrow(), DeliveryStatus.DELIVERED,
                at.plusSeconds(2), Optional.empty(), at);
        var entry = ledger.findByMessage(c, messageId).orElseThrow();
        ledger.settle(c, entry, entry.quotedMetaFee(), BigDecimal.ZERO, Optional.of(providerPricing), at);
    }
}
