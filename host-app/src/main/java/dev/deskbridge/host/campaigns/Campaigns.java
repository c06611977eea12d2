package dev.deskbridge.host.campaigns;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.deskbridge.connector.api.model.OutboundMessage;
import dev.deskbridge.connector.api.model.PhoneNumber;
import dev.deskbridge.connector.api.pricing.Money;
import dev.deskbridge.connector.api.pricing.Quote;
import dev.deskbridge.host.config.RouteConfig;
import dev.deskbridge.host.engine.BusinessMessages;
import dev.deskbridge.host.engine.CampaignRunner;
import dev.deskbridge.host.engine.Engine;
import dev.deskbridge.host.engine.RouteName;
import dev.deskbridge.host.engine.SendRefusedException;
import dev.deskbridge.host.engine.TemplateParameters;
import dev.deskbridge.host.engine.TicketMode;
import dev.deskbridge.host.logging.LogSafe;
import dev.deskbridge.host.store.CampaignStore;
import dev.deskbridge.host.store.Database;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Currency;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;

/**
 * Campaigns: a recipients file checked in full before anything is sent (every bad row listed with
 * its line; nothing is stored until the file is fixed or the bad rows are explicitly skipped), its
 * total quoted, then sent by the engine's {@link CampaignRunner} once started, and reported from the
 * recipients' rows, their messages and the ledger.
 */
public final class Campaigns {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Database db;
    private final BusinessMessages messages;
    private final CampaignRunner runner;
    private final Currency currency;
    private final int defaultRate;
    private final CampaignStore store = new CampaignStore();
    private final java.time.Clock clock;
    /** The clock of the leases: always real time, as the hosts write them. */
    private final java.time.Clock timer;

    public Campaigns(Engine engine, Currency currency, int defaultRate) {
        Objects.requireNonNull(engine, "engine");
        this.db = engine.context().db();
        this.clock = engine.context().clock();
        this.timer = engine.context().timer();
        this.messages = engine.businessMessages();
        this.runner = engine.campaigns();
        this.currency = Objects.requireNonNull(currency, "currency");
        this.defaultRate = defaultRate;
    }

    /**
     * What a campaign is to send.
     *
     * @param route its route: a CRM several channels are routed to needs the channel named too
     * @param rate messages per second; empty takes the configured {@code messaging.campaign_rate}
     * @param skipInvalid store the valid rows even when some are bad (the bad ones are skipped)
     */
    public record Draft(String template, Optional<String> language, RouteName route, TicketMode ticket,
            Optional<Integer> rate, boolean skipInvalid) {
        public Draft {
            Objects.requireNonNull(template, "template");
            Objects.requireNonNull(language, "language");
            Objects.requireNonNull(route, "route");
            Objects.requireNonNull(ticket, "ticket");
            Objects.requireNonNull(rate, "rate");
        }
    }

    /**
     * A checked file: the campaign's id when it was stored (empty when bad rows keep it from being
     * stored), the recipients it will send to, the bad rows and the total quote.
     */
    public record Prepared(Optional<String> id, int recipients, List<RecipientsFile.Problem> badRows, Money total,
            Map<String, Integer> byMarketAndCategory, int free, Optional<BusinessMessages.Budget> budget) {
        public Prepared {
            Objects.requireNonNull(id, "id");
            badRows = List.copyOf(badRows);
            Objects.requireNonNull(total, "total");
            byMarketAndCategory = Map.copyOf(byMarketAndCategory);
            Objects.requireNonNull(budget, "budget");
        }
    }

    /**
     * Where a campaign stands, from its rows, their messages and the ledger.
     *
     * @param sending whether a host sends it now: this one, or one whose lease on it is live
     */
    public record Report(CampaignStore.Campaign campaign, boolean sending, long pending, long queued,
            Map<String, Long> refused, Map<String, Long> messages, Map<String, Long> failures, Money quoted,
            Money settled, Money plannedTotal) {
        public Report {
            Objects.requireNonNull(campaign, "campaign");
            refused = Map.copyOf(refused);
            messages = Map.copyOf(messages);
            failures = Map.copyOf(failures);
        }

        /** Queued messages that have left the outbox (accepted, or failed). */
        public long settledOrFailed() {
            return messages.getOrDefault("SENT", 0L) + messages.getOrDefault("DELIVERED", 0L)
                    + messages.getOrDefault("READ", 0L) + messages.getOrDefault("FAILED", 0L);
        }
    }

    /**
     * Checks every row (number, template and parameters against the catalogue, consent, the quote)
     * and stores the campaign when the file is clean or bad rows are to be skipped.
     *
     * @throws SendRefusedException when the route or the template itself cannot be used at all
     */
    public Prepared prepare(Draft draft, byte[] csv) {
        RouteConfig route = messages.routes().of(draft.route());
        RecipientsFile.Content content = RecipientsFile.read(csv);
        List<RecipientsFile.Problem> bad = new ArrayList<>(content.problems());
        List<CampaignStore.Recipient> good = new ArrayList<>();
        Map<String, Integer> byMarket = new TreeMap<>();
        int[] free = {0};
        BigDecimal[] total = {BigDecimal.ZERO};
        Instant now = clock.instant();
        PhoneNumber business = messages.businessNumber(route);
        Map<String, Integer> seen = new HashMap<>();
        db.inTransactionDo(c -> {
            for (RecipientsFile.Row row : content.rows()) {
                PhoneNumber customer;
                try {
                    customer = PhoneNumber.of(row.to());
                } catch (IllegalArgumentException e) {
                    bad.add(new RecipientsFile.Problem(row.line(), "to: '" + LogSafe.text(row.to(), 20)
                            + "' is not a number in E.164 form (+ and up to 15 digits)"));
                    continue;
                }
                // Only rows that will be sent count: a refused row for a number must not refuse its corrected one.
                Integer earlier = seen.get(customer.e164());
                if (earlier != null) {
                    bad.add(new RecipientsFile.Problem(row.line(), "to: the same number as line " + earlier
                            + "; a campaign sends once per customer"));
                    continue;
                }
                try {
                    OutboundMessage.Template template = messages.resolve(c, route.channel(), customer,
                            TemplateParameters.request(draft.template(), draft.language(), row.parameters()));
                    Quote quote = messages.preview(c, business, customer, template, now);
                    Money fee = messages.channelFee(route.channel(), quote);
                    Money each = quote.price().plus(fee);
                    total[0] = total[0].add(each.amount());
                    if (each.isZero()) {
                        free[0]++;
                    }
                    byMarket.merge(quote.market().orElse("?") + " " + template.category().wireName(), 1, Integer::sum);
                    good.add(new CampaignStore.Recipient(row.line(), customer.e164(), JSON.writeValueAsString(
                            row.parameters())));
                    seen.put(customer.e164(), row.line());
                } catch (SendRefusedException e) {
                    bad.add(new RecipientsFile.Problem(row.line(), e.code() + ": " + e.getMessage()));
                } catch (IllegalArgumentException e) {
                    bad.add(new RecipientsFile.Problem(row.line(), e.getMessage()));
                } catch (JsonProcessingException e) {
                    throw new IllegalStateException("parameters always serialise", e);
                }
            }
        });
        bad.sort(java.util.Comparator.comparingInt(RecipientsFile.Problem::line));
        Money sum = new Money(total[0], currency);
        Optional<BusinessMessages.Budget> budget = messages.budget(route);
        if (good.isEmpty() || (!bad.isEmpty() && !draft.skipInvalid())) {
            return new Prepared(Optional.empty(), good.size(), bad, sum, byMarket, free[0], budget);
        }
        String id = UUID.randomUUID().toString();
        int rate = draft.rate().orElse(defaultRate);
        db.inTransactionDo(c -> {
            store.create(c, new CampaignStore.Campaign(id, route.channel(), route.crm(), draft.template(),
                    draft.language(), draft.ticket().wireName(), rate, good.size(), bad.size(),
                    currency.getCurrencyCode(), sum.amount(), "READY", now, Optional.empty(), Optional.empty(),
                    Optional.empty()));
            store.addRecipients(c, id, good);
        });
        return new Prepared(Optional.of(id), good.size(), bad, sum, byMarket, free[0], budget);
    }

    /**
     * Starts sending a prepared campaign, or resumes one no host is sending; one another host sends
     * (its lease on it is live) is left to that host. Empty when unknown.
     */
    public Optional<Report> start(String id) {
        Optional<CampaignStore.Campaign> campaign = db.inTransaction(c -> store.find(c, id));
        if (campaign.isEmpty()) {
            return Optional.empty();
        }
        db.inTransactionDo(c -> store.move(c, id, "READY", "RUNNING", clock.instant()));
        if (db.inTransaction(c -> store.find(c, id)).orElseThrow().status().equals("RUNNING")) {
            runner.run(id);
        }
        return report(id);
    }

    /** The campaign's progress and outcome so far; empty when unknown. */
    public Optional<Report> report(String id) {
        return db.inTransaction(c -> {
            Optional<CampaignStore.Campaign> found = store.find(c, id);
            if (found.isEmpty()) {
                return Optional.empty();
            }
            CampaignStore.Campaign campaign = found.get();
            CampaignStore.Progress p = store.progress(c, id);
            Currency cur = Currency.getInstance(campaign.currency());
            boolean sending = runner.isRunning(id) || campaign.leasedAt(timer.instant());
            return Optional.of(new Report(campaign, sending, p.recipients().getOrDefault("PENDING", 0L),
                    p.recipients().getOrDefault("QUEUED", 0L), store.refusedByReason(c, id), p.messages(), p.failures(),
                    new Money(p.quoted(), cur), new Money(p.settled(), cur), new Money(campaign.quotedTotal(), cur)));
        });
    }
}
