package dev.deskbridge.host.admin;

import dev.deskbridge.connector.api.model.ConversationId;
import dev.deskbridge.connector.api.model.PhoneNumber;
import dev.deskbridge.connector.api.model.TicketRef;
import dev.deskbridge.connector.api.pricing.Money;
import dev.deskbridge.connector.api.pricing.PricingCategory;
import dev.deskbridge.connector.api.pricing.PricingType;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A support day like the demo's, as of {@link #NOW} (2025-09-15 14:00 UTC, schedule PMP-2025-07):
 * a customer answered free inside the window, a re-engagement template and its held answer, a
 * customer from an ad in a free entry point window, a failed delivery, a window about to close,
 * and two weeks of earlier traffic for the charts.
 */
public final class DemoData {
    public static final Instant NOW = Instant.parse("2025-09-15T14:00:00Z");
    public static final String ROUTE = LedgerEntry.routeName("wa-main", "zendesk-main");
    public static final String TWILIO_ROUTE = LedgerEntry.routeName("twilio-wa", "twilio-desk");

    /** Utility (re-engagement) and marketing template prices by market, USD. */
    private static final Map<String, String[]> PRICES = Map.of(
            "US", new String[] {"0.0040", "0.0250"},
            "BR", new String[] {"0.0068", "0.0625"},
            "GB", new String[] {"0.0220", "0.0529"},
            "IN", new String[] {"0.0014", "0.0107"},
            "DE", new String[] {"0.0550", "0.1365"},
            "MX", new String[] {"0.0085", "0.0305"});

    private DemoData() {}

    public static InMemoryAdminQueries queries() {
        InMemoryAdminQueries q = new InMemoryAdminQueries(Duration.ofHours(2));
        int[] seq = {0};

        // Ana (US): wrote at 13:10, the agent answered free at 13:25.
        ConversationId ana = ConversationId.of("c-ana");
        q.add(conv(ana, "+14155550123", "1042", at("2025-09-15T13:10:00Z").plus(Duration.ofHours(24)),
                at("2025-09-15T13:25:00Z")), List.of(
                in("m-ana-1", "Hi! My order #5521 has not arrived yet. Can you check?", "2025-09-15T13:10:00Z"),
                out("m-ana-2", MessageKind.TEXT, "Sorry about that, Ana! It left our warehouse today; tracking: 1Z999AA1.",
                        "2025-09-15T13:25:00Z", "0", "0", "sent", "delivered", "read")));
        q.add(free(seq, "2025-09-15T13:25:00Z", ana, "1042", "US", PricingType.FREE_CUSTOMER_SERVICE));

        // Bruno (BR): his window closed before the answer; a re-engagement template went out, the
        // held answer followed free when he replied.
        ConversationId bruno = ConversationId.of("c-bruno");
        q.add(conv(bruno, "+5511987654321", "1043", at("2025-09-15T11:05:00Z").plus(Duration.ofHours(24)),
                at("2025-09-15T11:06:00Z")), List.of(
                in("m-bruno-1", "Olá, preciso trocar o tamanho do tênis.", "2025-09-14T09:00:00Z"),
                out("m-bruno-2", MessageKind.TEMPLATE, "template reengage_v1 (utility)", "2025-09-15T10:30:00Z",
                        "0.0068", "0.0068", "sent", "delivered"),
                held("m-bruno-3", "Claro! Envie o número do pedido e o novo tamanho.", "2025-09-15T10:30:00Z",
                        "2025-09-15T11:06:00Z"),
                in("m-bruno-4", "Pedido 8812, tamanho 42.", "2025-09-15T11:05:00Z")));
        q.add(billed(seq, "2025-09-15T10:30:00Z", bruno, "1043", "BR", PricingCategory.UTILITY, "0.0068", "0"));
        q.add(free(seq, "2025-09-15T11:06:00Z", bruno, "1043", "BR", PricingType.FREE_CUSTOMER_SERVICE));

        // Chloé (GB) came from an ad: 72 free hours from the first reply; her service window closes at 16:00.
        ConversationId chloe = ConversationId.of("c-chloe");
        q.add(conv(chloe, "+447700900123", "1044", at("2025-09-15T16:00:00Z"), at("2025-09-14T16:20:00Z")), List.of(
                in("m-chloe-1", "Saw your ad. Do you ship to Leeds?", "2025-09-14T16:00:00Z"),
                out("m-chloe-2", MessageKind.TEXT, "We do, next day for orders before 3 pm.", "2025-09-14T16:20:00Z",
                        "0", "0", "sent", "delivered", "read")));
        q.add(free(seq, "2025-09-14T16:20:00Z", chloe, "1044", "GB", PricingType.FREE_ENTRY_POINT));

        // Dev (IN): a marketing template failed to deliver and costs nothing.
        ConversationId dev = ConversationId.of("c-dev");
        q.add(conv(dev, "+919876543210", "1045", at("2025-09-13T08:00:00Z"), at("2025-09-15T09:00:00Z")), List.of(
                in("m-dev-1", "Please tell me when the blue kettle is back.", "2025-09-12T08:00:00Z"),
                new MessageView("m-dev-2", MessageDirection.OUTBOUND, MessageKind.TEMPLATE,
                        "template back_in_stock (marketing)", at("2025-09-15T09:00:00Z"),
                        List.of(StatusChange.of("sent", at("2025-09-15T09:00:01Z")),
                                new StatusChange("failed", at("2025-09-15T09:00:05Z"),
                                        Optional.of("131026: message undeliverable"))),
                        Optional.of(usd("0.0107")), Optional.of(usd("0")))));
        q.add(entry(seq, "2025-09-15T09:00:00Z", ROUTE, dev, "1045", "IN", PricingCategory.MARKETING,
                PricingType.REGULAR, true, "0.0107", Optional.of("0"), LedgerOutcome.FAILED, "0"));

        // Eva (DE): wrote yesterday 15:10, nobody answered; the window closes in 70 minutes and the
        // ticket got a warning.
        ConversationId eva = ConversationId.of("c-eva");
        q.add(conv(eva, "+4915123456789", "1046", at("2025-09-15T15:10:00Z"), at("2025-09-14T15:10:00Z")), List.of(
                in("m-eva-1", "Meine Rechnung ist doppelt abgebucht worden.", "2025-09-14T15:10:00Z")));

        // Gus (US) wrote while Zendesk was down: no ticket yet, the CRM delivery is a dead letter.
        ConversationId gus = ConversationId.of("c-gus");
        q.add(new InMemoryAdminQueries.StoredConversation(gus, "wa-main", "zendesk-main", PhoneNumber.of("+13125550147"),
                Optional.empty(), Optional.of(at("2025-09-16T12:40:00Z")), Optional.of(at("2025-09-15T12:40:00Z"))),
                List.of(in("m-gus-1", "Can I change the delivery address for order #5610?", "2025-09-15T12:40:00Z")));

        // Farid (MX) on the Twilio route, answered this morning.
        ConversationId farid = ConversationId.of("c-farid");
        q.add(new InMemoryAdminQueries.StoredConversation(farid, "twilio-wa", "twilio-desk",
                PhoneNumber.of("+525512345678"), Optional.of(new TicketRef("CH7f3a", Optional.empty())),
                Optional.of(at("2025-09-16T08:40:00Z")), Optional.of(at("2025-09-15T08:45:00Z"))), List.of(
                in("m-farid-1", "¿Tienen factura electrónica?", "2025-09-15T08:40:00Z"),
                out("m-farid-2", MessageKind.TEXT, "Sí, la enviamos con cada pedido.", "2025-09-15T08:45:00Z", "0",
                        "0.0050", "sent", "delivered")));
        q.add(withSaving(entry(seq, "2025-09-15T08:45:00Z", TWILIO_ROUTE, farid, "CH7f3a", "MX",
                PricingCategory.SERVICE, PricingType.FREE_CUSTOMER_SERVICE, false, "0", Optional.of("0.0050"),
                LedgerOutcome.DELIVERED, "0.0050"), PRICES.get("MX")[0]));

        // Two weeks of earlier traffic on closed conversations, for the charts.
        ConversationId past = ConversationId.of("c-past");
        q.add(conv(past, "+12125550199", "0990", at("2025-09-02T12:00:00Z"), at("2025-09-02T10:00:00Z")), List.of());
        String[] markets = {"US", "BR", "GB", "IN", "DE", "MX"};
        for (int day = 1; day <= 14; day++) {
            for (int i = 0; i < 2 + (day * 7) % 5; i++) {
                String market = markets[(day + i) % markets.length];
                String ts = String.format("2025-09-%02dT%02d:%02d:00Z", day, 8 + i, (day * 13 + i * 7) % 60);
                String ticket = "09" + (10 + day);
                if ((day + i) % 3 == 0) {
                    q.add(billed(seq, ts, past, ticket, market, PricingCategory.MARKETING, PRICES.get(market)[1], "0"));
                } else if ((day + i) % 3 == 1) {
                    q.add(billed(seq, ts, past, ticket, market, PricingCategory.UTILITY, PRICES.get(market)[0], "0"));
                } else {
                    q.add(free(seq, ts, past, ticket, market, PricingType.FREE_CUSTOMER_SERVICE));
                }
            }
        }

        q.add(new PluginView("builtin", "0.1.0", PluginStatus.STARTED, true, List.of("whatsapp-cloud"), List.of(),
                Optional.empty()));
        q.add(new PluginView("connector-zendesk", "0.1.0", PluginStatus.STARTED, false, List.of(), List.of("zendesk"),
                Optional.empty()));
        q.add(new PluginView("connector-twilio", "0.1.0", PluginStatus.STARTED, false, List.of("twilio-whatsapp"),
                List.of("twilio-conversations"), Optional.empty()));
        q.add(new PluginView("acme-crm", "2.3.1", PluginStatus.REFUSED, false, List.of(), List.of(),
                Optional.of("sha256 3f2a…9c1d is not in plugins.trusted")));

        q.add(new DeadLetterView("dl-7", "inbox", "channel:wa-main", "CUSTOMER_MESSAGE", Optional.of(gus),
                "Zendesk answered 503 Service Unavailable 8 times", 8, at("2025-09-15T12:40:02Z"),
                at("2025-09-15T13:40:00Z")));
        q.add(new DeadLetterView("dl-6", "inbox", "channel:wa-main", "DELIVERY_UPDATE", Optional.empty(),
                "status update for unknown message wamid.HBgL…", 8, at("2025-09-13T10:00:00Z"),
                at("2025-09-14T10:00:00Z")));
        return q;
    }

    private static InMemoryAdminQueries.StoredConversation conv(ConversationId id, String customer, String ticket,
            Instant closes, Instant last) {
        return new InMemoryAdminQueries.StoredConversation(id, "wa-main", "zendesk-main", PhoneNumber.of(customer),
                Optional.of(new TicketRef(ticket, Optional.of("https://acme.zendesk.com/agent/tickets/" + ticket))),
                Optional.of(closes), Optional.of(last));
    }

    private static MessageView in(String id, String text, String at) {
        return new MessageView(id, MessageDirection.INBOUND, MessageKind.TEXT, text, at(at), List.of(),
                Optional.empty(), Optional.empty());
    }

    private static MessageView out(String id, MessageKind kind, String text, String at, String quoted, String settled,
            String... statuses) {
        List<StatusChange> history = new ArrayList<>();
        for (int i = 0; i < statuses.length; i++) {
            history.add(StatusChange.of(statuses[i], at(at).plusSeconds(2L + 30L * i)));
        }
        return new MessageView(id, MessageDirection.OUTBOUND, kind, text, at(at), history, Optional.of(usd(quoted)),
                Optional.of(usd(settled)));
    }

    private static MessageView held(String id, String text, String heldAt, String sentAt) {
        return new MessageView(id, MessageDirection.OUTBOUND, MessageKind.TEXT, text, at(heldAt), List.of(
                new StatusChange("held", at(heldAt), Optional.of("window closed; re-engagement template sent")),
                StatusChange.of("sent", at(sentAt)), StatusChange.of("delivered", at(sentAt).plusSeconds(3))),
                Optional.of(usd("0")), Optional.of(usd("0")));
    }

    private static LedgerEntry free(int[] seq, String at, ConversationId c, String ticket, String market,
            PricingType type) {
        PricingCategory category = type == PricingType.FREE_ENTRY_POINT
                ? PricingCategory.REFERRAL_CONVERSION : PricingCategory.SERVICE;
        LedgerEntry e = entry(seq, at, ROUTE, c, ticket, market, category, type, false, "0", Optional.of("0"),
                LedgerOutcome.DELIVERED, "0");
        return withSaving(e, PRICES.get(market)[0]);
    }

    private static LedgerEntry billed(int[] seq, String at, ConversationId c, String ticket, String market,
            PricingCategory category, String price, String channelFee) {
        return entry(seq, at, ROUTE, c, ticket, market, category, PricingType.REGULAR, true, price,
                Optional.of(new BigDecimal(price).add(new BigDecimal(channelFee)).toPlainString()),
                LedgerOutcome.DELIVERED, channelFee);
    }

    static LedgerEntry entry(int[] seq, String at, String route, ConversationId c, String ticket, String market,
            PricingCategory category, PricingType type, boolean billable, String quoted, Optional<String> settled,
            LedgerOutcome outcome, String channelFee) {
        Money cost = usd(settled.orElse(quoted));
        Money fee = usd(channelFee);
        return new LedgerEntry("l-" + (++seq[0]), at(at), route, c, Optional.of(ticket), MessageDirection.OUTBOUND,
                Optional.of(market), Optional.of(category), Optional.of(type), billable, usd(quoted), settled.map(DemoData::usd), cost.minus(fee), fee, outcome, false,
                Optional.empty());
    }

    private static LedgerEntry withSaving(LedgerEntry e, String price) {
        return new LedgerEntry(e.id(), e.at(), e.route(), e.conversation(), e.ticket(), e.direction(), e.market(),
                e.category(), e.type(), e.billable(), e.quoted(), e.settled(), e.metaFee(), e.channelFee(), e.outcome(), true,
                Optional.of(usd(price)));
    }

    static Money usd(String amount) {
        return Money.of(amount, "USD");
    }

    static Instant at(String iso) {
        return Instant.parse(iso);
    }
}
