package dev.deskbridge.host.demo;

import dev.deskbridge.connector.api.model.PhoneNumber;
import dev.deskbridge.host.demo.whatsapp.MetaError;
import dev.deskbridge.host.demo.whatsapp.MetaPricing;
import dev.deskbridge.host.demo.whatsapp.SentMessage;
import dev.deskbridge.host.demo.whatsapp.WhatsAppStandIn;
import dev.deskbridge.host.demo.zendesk.ZendeskStandIn;
import dev.deskbridge.host.demo.zendesk.ZendeskTicketView;
import dev.deskbridge.host.store.Conversation;
import dev.deskbridge.host.store.LedgerEntry;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

// size: a script read top to bottom, one support day; splitting it would scatter the story.
/**
 * The scripted support day: four customers in four markets write to one WhatsApp number, one agent
 * answers in Zendesk, and the simulated clock jumps over the night. Every step is done the way the
 * real world does it (a customer's phone or Meta sends a signed webhook, an agent comments and
 * Zendesk's trigger calls DeskBridge), then the script waits until the host has done its part and
 * tells what it did, read back from the host's database and the stand-ins. When the host does not
 * do what DeskBridge promises, the day stops with a {@link DemoException}.
 */
public final class SupportDay {
    /** The simulated clock starts on a Tuesday in November 2026, under Meta's per-message pricing of 2026-10-01. */
    public static final Instant START = Instant.parse("2026-11-10T08:55:00Z");
    public static final DemoCustomer ANA = new DemoCustomer("Ana Souza", PhoneNumber.of("+5511987654321"), "Brazil");
    public static final DemoCustomer BERND = new DemoCustomer("Bernd Keller", PhoneNumber.of("+4915123456789"), "Germany");
    public static final DemoCustomer CHITRA = new DemoCustomer("Chitra Rao", PhoneNumber.of("+919876543210"), "India");
    public static final DemoCustomer DAVE = new DemoCustomer("Dave Murray", PhoneNumber.of("+447400123456"),
            "United Kingdom");
    static final WhatsAppStandIn.AdReferral AD = new WhatsAppStandIn.AdReferral("120211873645210042",
            "Winter jackets -30%", "Warm, waterproof, in five colours. Tap to ask us anything.");

    private final DemoStage stage;
    private final Narrator n;
    private final WhatsAppStandIn wa;
    private final ZendeskStandIn zd;
    private final HostFacts facts;
    private final DemoWaits waits;
    private final Map<String, Long> tickets = new LinkedHashMap<>();

    /** What the day left behind, for whoever looks afterwards. */
    public record Result(Map<String, Long> ticketsByCustomer) {
        public Result {
            ticketsByCustomer = Map.copyOf(ticketsByCustomer);
        }
    }

    public SupportDay(DemoStage stage) {
        this.stage = Objects.requireNonNull(stage, "stage");
        this.n = stage.narrator();
        this.wa = stage.whatsApp();
        this.zd = stage.zendesk();
        this.facts = new HostFacts(stage.host(), stage.business());
        this.waits = new DemoWaits(facts, stage.timeout());
    }

    /** Plays the day; the clock must stand at {@link #START}. */
    public Result play() {
        tuesday();
        wednesday();
        moveTo("2026-11-11T17:00:00Z");
        n.event("End of the support day.");
        return new Result(tickets);
    }

    private void tuesday() {
        moveTo("2026-11-10T09:00:00Z");
        customerWrites(ANA, "Hi! Can I still change the delivery address for order #4711?");
        moveTo("2026-11-10T09:04:00Z");
        SentMessage toAna = agentAnswers(ANA, "Of course, Ana! Send me the new address and I will update order #4711.");
        expect(!toAna.isTemplate(), "a reply inside Ana's window goes out as free-form text");
        expectLedger(toAna, e -> !e.billable(), "a reply inside the window is free");
        metaReports(ANA, toAna, MetaPricing.freeCustomerService("service"), "sent", "delivered", "read");

        moveTo("2026-11-10T09:10:00Z");
        customerSendsPhoto(BERND, "My parcel arrived like this. The jacket inside is torn.");

        moveTo("2026-11-10T09:20:00Z");
        customerWritesFromAd(CHITRA, "Hello! Is the blue jacket from your ad available in size M?");
        moveTo("2026-11-10T09:30:00Z");
        SentMessage toChitra = agentAnswers(CHITRA, "Hi Chitra! Yes, the blue jacket is in stock in M. Shall I reserve one?");
        expectLedger(toChitra, e -> e.pricingType().orElse("").equals("free_entry_point"),
                "the first answer to an ad's customer is free and opens the free entry point window");
        metaReports(CHITRA, toChitra, MetaPricing.freeEntryPoint(), "sent", "delivered");

        moveTo("2026-11-10T11:00:00Z");
        customerWrites(DAVE, "Do you ship to Scotland, and how long does it take?");
        n.line("       The team gets busy: nobody answers Bernd or Dave today.");
    }

    private void wednesday() {
        moveTo("2026-11-11T07:15:00Z");
        expectNote(BERND, "closes", "Bernd's ticket is warned 2 h before his window closes");

        moveTo("2026-11-11T10:15:00Z");
        expectNote(DAVE, "closes", "Dave's ticket is warned 2 h before his window closes");
        SentMessage reengage = agentAnswers(BERND,
                "So sorry about the jacket, Bernd! A replacement goes out today, and you can keep the torn one.");
        expect(reengage.isTemplate() && reengage.summary().equals(DemoConfig.TEMPLATE),
                "25 h after Bernd wrote, the re-engagement template goes out instead of the reply");
        expectLedger(reengage, e -> e.billable() && e.quotedMetaFee().signum() > 0 && e.market().orElse("").equals("DE"),
                "the template to Germany is quoted at the German utility rate");
        expect(facts.heldReplies(BERND.number()) == 1, "the agent's reply to Bernd is held");
        metaReports(BERND, reengage, MetaPricing.billed("utility"), "sent", "delivered");

        moveTo("2026-11-11T10:40:00Z");
        List<SentMessage> released = customerWrites(BERND, "Oh, thank you! That is very kind.");
        expect(released.size() == 1 && !released.get(0).isTemplate(), "Bernd's answer releases the held reply");
        expectLedger(released.get(0), e -> !e.billable(), "the held reply goes out free inside the new window");
        metaReports(BERND, released.get(0), MetaPricing.freeCustomerService("service"), "sent", "delivered", "read");

        moveTo("2026-11-11T12:30:00Z");
        SentMessage toDave = agentAnswers(DAVE, "Yes, we ship to Scotland: 2-3 working days, free over 50 GBP.");
        expect(toDave.isTemplate(), "Dave's window has closed, so the re-engagement template goes out");
        expectLedger(toDave, e -> e.billable() && e.market().orElse("").equals("GB"),
                "the template to the United Kingdom is quoted at the British utility rate");
        metaFails(DAVE, toDave, MetaError.undeliverable());

        moveTo("2026-11-11T14:00:00Z");
        SentMessage chitraTemplate = agentAnswers(CHITRA, "Good news, Chitra: your jacket has shipped and arrives on Friday!");
        expect(chitraTemplate.isTemplate(), "Chitra's 24-hour window has closed, so a template goes out");
        expectLedger(chitraTemplate, e -> !e.billable() && e.pricingType().orElse("").equals("free_entry_point"),
                "a template on day 2 inside the 72-hour free entry point window costs nothing");
        metaReports(CHITRA, chitraTemplate, MetaPricing.freeEntryPoint(), "sent", "delivered");
        moveTo("2026-11-11T14:10:00Z");
        List<SentMessage> toChitra = customerWrites(CHITRA, "Great, thanks!");
        expect(toChitra.size() == 1, "Chitra's answer releases the held reply");
        metaReports(CHITRA, toChitra.get(0), MetaPricing.freeEntryPoint(), "sent", "delivered", "read");
    }

    // ---- what customers do

    private List<SentMessage> customerWrites(DemoCustomer c, String text) {
        n.event(introduce(c) + " writes on WhatsApp: \"" + text + "\"");
        return afterCustomerMessage(c, () -> wa.customerWrites(c.number(), c.name(), text));
    }

    private List<SentMessage> customerWritesFromAd(DemoCustomer c, String text) {
        n.event(introduce(c) + " taps the Click-to-WhatsApp ad \"" + AD.headline() + "\" and writes: \"" + text + "\"");
        return afterCustomerMessage(c, () -> wa.customerWritesFromAd(c.number(), c.name(), text, AD));
    }

    private List<SentMessage> customerSendsPhoto(DemoCustomer c, String caption) {
        n.event(introduce(c) + " sends a photo: \"" + caption + "\"");
        return afterCustomerMessage(c, () -> wa.customerSendsImage(c.number(), c.name(), caption, "image/png",
                DemoPhoto.png()));
    }

    /** Sends the customer's message, waits until it is on the ticket, and tells what changed. */
    private List<SentMessage> afterCustomerMessage(DemoCustomer c, Runnable send) {
        Optional<ZendeskTicketView> before = ticketOf(c);
        long commentsBefore = before.map(t -> customerComments(t)).orElse(0L);
        int sentBefore = wa.sentTo(c.number()).size();
        send.run();
        waits.until(c.firstName() + "'s message on a Zendesk ticket",
                () -> ticketOf(c).map(t -> customerComments(t) > commentsBefore).orElse(false));
        waits.idle("the message of " + c.firstName());
        ZendeskTicketView t = ticketOf(c).orElseThrow();
        tickets.put(c.name(), t.id());
        ZendeskTicketView.Comment last = t.publicComments().get(t.publicComments().size() - 1);
        if (before.isEmpty() || before.get().id() != t.id()) {
            n.result("Zendesk ticket #" + t.id() + " \"" + t.subject() + "\" created, requester " + t.requester()
                    + " (" + t.requesterPhone().orElse("no phone") + "), tags " + String.join(", ", t.tags()));
        } else {
            n.result("added to Zendesk ticket #" + t.id() + " as " + c.firstName() + "'s comment"
                    + (before.get().status().equals(t.status()) ? "" : "; ticket " + before.get().status() + " -> "
                    + t.status()));
        }
        if (!last.attachments().isEmpty()) {
            n.result("attached to the comment: " + String.join(", ", last.attachments())
                    + " (downloaded from the Graph API, uploaded to Zendesk)");
        }
        n.result(window(c) + ticketFields(t));
        List<SentMessage> released = wa.sentTo(c.number()).subList(sentBefore, wa.sentTo(c.number()).size());
        for (SentMessage m : released) {
            LedgerEntry e = ledgerOf(m);
            n.result("the reply held for " + c.firstName() + " goes out now as free-form text: " + cost(e));
        }
        return List.copyOf(released);
    }

    // ---- what the agent does

    /** The agent comments on the customer's ticket; returns what DeskBridge sent to WhatsApp because of it. */
    private SentMessage agentAnswers(DemoCustomer c, String text) {
        long ticket = ticketId(c);
        int sentBefore = wa.sentTo(c.number()).size();
        int notesBefore = zd.ticket(ticket).orElseThrow().notes().size();
        n.event("Agent " + stage.agentName() + " answers on ticket #" + ticket + ": \"" + text + "\"");
        ZendeskStandIn.AgentComment comment = zd.agentReplies(ticket, stage.agentId(), text);
        expect(!comment.webhookCalls().isEmpty(), "Zendesk's trigger calls DeskBridge's webhook (set up at start)");
        comment.webhookCalls().forEach(call -> expect(call.status() == 200,
                "DeskBridge accepts the signed Zendesk webhook (got HTTP " + call.status() + ")"));
        n.result("Zendesk trigger \"" + comment.webhookCalls().get(0).trigger() + "\" called DeskBridge (signed webhook, "
                + "HTTP 200)");
        waits.until("DeskBridge to send something to " + c.firstName(), () -> wa.sentTo(c.number()).size() > sentBefore);
        waits.idle("the reply to " + c.firstName());
        SentMessage m = wa.sentTo(c.number()).get(sentBefore);
        LedgerEntry e = ledgerOf(m);
        if (m.isTemplate()) {
            Conversation conv = conversation(c);
            n.result("the window closed at " + conv.window().serviceWindowEndsAt().map(Narrator::when).orElse("?")
                    + ": free-form text is not allowed, so the reply is held (policy hold-and-reengage)");
            n.result("re-engagement template " + m.summary() + " sent instead (" + m.wamid().substring(0, 16)
                    + "...): " + cost(e));
        } else {
            n.result("sent to WhatsApp as free-form text (" + m.wamid().substring(0, 16) + "...): " + cost(e)
                    + "; " + window(c));
        }
        newNotes(ticket, notesBefore);
        return m;
    }

    // ---- what Meta reports

    private void metaReports(DemoCustomer c, SentMessage m, MetaPricing pricing, String... statuses) {
        for (String status : statuses) {
            wa.report(m.wamid(), status, Optional.of(pricing));
        }
        waits.until("the ledger row of the message to " + c.firstName() + " to settle",
                () -> facts.ledger(m.wamid()).map(e -> e.status().equals("SETTLED")).orElse(false));
        waits.idle("the status reports for " + c.firstName());
        LedgerEntry e = ledgerOf(m);
        ZendeskTicketView t = zd.ticket(ticketId(c)).orElseThrow();
        String tag = t.tags().stream().filter(x -> x.equals("wa_read") || x.equals("wa_delivered")).findFirst()
                .orElse("no delivery tag");
        n.result("Meta reports " + String.join(", ", Arrays.asList(statuses)) + " with pricing {billable: "
                + pricing.billable() + ", category: " + pricing.category() + ", type: " + pricing.type()
                + "}: ledger settled at " + money(e.settledMetaFee().orElseThrow().add(
                        e.settledChannelFee().orElse(java.math.BigDecimal.ZERO)), e) + "; ticket #" + t.id() + " tagged "
                + tag);
    }

    private void metaFails(DemoCustomer c, SentMessage m, MetaError error) {
        long ticket = ticketId(c);
        int notesBefore = zd.ticket(ticket).orElseThrow().notes().size();
        wa.reportFailure(m.wamid(), error);
        waits.until("the failure to reach the ledger", () -> facts.ledger(m.wamid())
                .map(e -> e.status().equals("FAILED")).orElse(false));
        waits.idle("the failure report for " + c.firstName());
        LedgerEntry e = ledgerOf(m);
        expect(e.settledMetaFee().map(f -> f.signum() == 0).orElse(false), "a failed message costs nothing");
        n.result("Meta reports failed (" + error.code() + " " + error.title() + "): quoted "
                + money(e.quotedMetaFee(), e) + ", settled at " + money(e.settledMetaFee().orElseThrow(), e)
                + ": an undelivered message costs nothing");
        newNotes(ticket, notesBefore);
        if (facts.heldReplies(c.number()) > 0) {
            n.result("the agent's reply stays held: the ticket says why, so the team can reach " + c.firstName()
                    + " another way");
        }
    }

    // ---- time

    /** Moves the clock; the window watcher then looks for warnings due, as it does every few seconds in production. */
    private void moveTo(String instant) {
        Instant to = Instant.parse(instant);
        stage.clock().advanceTo(to);
        n.at(to);
        Map<Long, Integer> notesBefore = new LinkedHashMap<>();
        zd.tickets().forEach(t -> notesBefore.put(t.id(), t.notes().size()));
        int queued = stage.host().engine().watcher().runOnce();
        if (queued == 0) {
            return;
        }
        waits.idle("the window-closing warnings");
        for (ZendeskTicketView t : zd.tickets()) {
            List<ZendeskTicketView.Comment> notes = t.notes();
            int before = notesBefore.getOrDefault(t.id(), 0);
            if (notes.size() > before) {
                n.event("Window-closing warning on ticket #" + t.id() + " (" + t.requester() + "), tags now "
                        + String.join(", ", t.tags()));
                newNotes(t.id(), before);
            }
        }
    }

    // ---- reading back

    private void newNotes(long ticket, int before) {
        List<ZendeskTicketView.Comment> notes = zd.ticket(ticket).orElseThrow().notes();
        for (ZendeskTicketView.Comment note : notes.subList(before, notes.size())) {
            n.result("internal note on #" + ticket + ": " + note.body().replace('\n', ' '));
        }
    }

    private void expectNote(DemoCustomer c, String containing, String promise) {
        ZendeskTicketView t = zd.ticket(ticketId(c)).orElseThrow();
        expect(t.notes().stream().anyMatch(x -> x.body().contains(containing)) && t.tags().contains("wa_window_closing"),
                promise);
    }

    private String window(DemoCustomer c) {
        Conversation conv = conversation(c);
        Instant now = stage.clock().instant();
        StringBuilder s = new StringBuilder();
        Optional<Instant> end = conv.window().serviceWindowEndsAt();
        if (end.isPresent() && end.get().isAfter(now)) {
            s.append("window open until ").append(Narrator.when(end.get())).append(" (")
                    .append(Narrator.duration(Duration.between(now, end.get()))).append(" left)");
        } else {
            s.append("window closed").append(end.map(x -> " since " + Narrator.when(x)).orElse(""));
        }
        conv.window().pendingEntryPointAt().ifPresent(x ->
                s.append("; came from an ad: answered within 24 h, the next 72 h are free"));
        if (conv.window().freeEntryPointOpenAt(now)) {
            s.append("; free entry point window open until ")
                    .append(Narrator.when(conv.window().freeEntryPointUntil().orElseThrow()));
        }
        return s.toString();
    }

    private static String ticketFields(ZendeskTicketView t) {
        return t.fields().isEmpty() ? "" : "; ticket fields: " + t.fields().entrySet().stream()
                .map(f -> f.getKey() + " = " + f.getValue()).reduce((a, b) -> a + ", " + b).orElse("");
    }

    private static String cost(LedgerEntry e) {
        String what = e.category().orElse("?") + ", " + e.pricingType().orElse("?") + ", market "
                + e.market().orElse("?");
        return e.billable() ? "quoted " + money(e.quotedMetaFee(), e) + " (" + what + ")"
                : "free, 0.00 " + e.currency().getCurrencyCode() + " (" + what + ")";
    }

    private static String money(java.math.BigDecimal amount, LedgerEntry e) {
        return dev.deskbridge.host.pricing.Amounts.format(amount, e.currency().getCurrencyCode());
    }

    private static long customerComments(ZendeskTicketView t) {
        return t.comments().stream().filter(x -> x.isPublic() && x.authorRole().equals("end-user")).count();
    }

    private String introduce(DemoCustomer c) {
        return tickets.containsKey(c.name()) ? c.firstName() : c.introduce();
    }

    private Conversation conversation(DemoCustomer c) {
        return facts.conversation(c.number()).orElseThrow(() -> new DemoException("DeskBridge has no conversation with "
                + c.name()));
    }

    private Optional<ZendeskTicketView> ticketOf(DemoCustomer c) {
        return facts.conversation(c.number()).flatMap(Conversation::ticket).flatMap(ref -> zd.ticket(Long.parseLong(ref.id())));
    }

    private long ticketId(DemoCustomer c) {
        return ticketOf(c).map(ZendeskTicketView::id)
                .orElseThrow(() -> new DemoException("DeskBridge has no ticket for " + c.name()));
    }

    private LedgerEntry ledgerOf(SentMessage m) {
        return facts.ledger(m.wamid()).orElseThrow(() -> new DemoException("no ledger row for " + m.wamid()));
    }

    private void expectLedger(SentMessage m, java.util.function.Predicate<LedgerEntry> test, String promise) {
        expect(test.test(ledgerOf(m)), promise + " (ledger: " + ledgerOf(m) + ")");
    }

    private static void expect(boolean holds, String promise) {
        if (!holds) {
            throw new DemoException("DeskBridge did not keep a promise of the demo: " + promise);
        }
    }
}
