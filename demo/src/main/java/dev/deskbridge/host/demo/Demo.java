package dev.deskbridge.host.demo;

import dev.deskbridge.connector.api.CrmSetup;
import dev.deskbridge.connector.api.model.PhoneNumber;
import dev.deskbridge.host.demo.whatsapp.WhatsAppStandIn;
import dev.deskbridge.host.demo.zendesk.ZendeskStandIn;
import dev.deskbridge.host.pricing.Amounts;
import dev.deskbridge.host.reports.CostGrouping;
import dev.deskbridge.host.reports.CostLine;
import dev.deskbridge.host.reports.CostReport;
import dev.deskbridge.host.reports.CostReportWriter;
import dev.deskbridge.host.reports.CostReports;
import dev.deskbridge.host.reports.ReportFormat;
import java.nio.file.Path;
import java.time.Duration;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * {@code deskbridge demo}: the real host against local stand-ins of the WhatsApp Cloud API and
 * Zendesk, playing one scripted support day on a simulated clock, then a cost report. Nothing
 * leaves the machine and nothing of the user's is needed: the demo makes up its own secrets.
 *
 * <p>{@link #start} brings everything up; {@link #playDay()} plays the day; {@link #report()}
 * prints the costs; the host serves the dashboard at {@link #dashboardUrl()} until {@link #close()}
 * stops everything, in reverse order.
 */
public final class Demo implements AutoCloseable {
    /** The business number customers write to. */
    public static final PhoneNumber BUSINESS = PhoneNumber.of("+15550100001");
    /** Meta's id of that number at the stand-in. */
    static final String PHONE_NUMBER_ID = "106540352242922";
    static final String WABA_ID = "102290129340398";
    static final String ZENDESK_EMAIL = "deskbridge@acme-demo.example";
    static final String AGENT = "Maria Lopez";
    /** Service messages a month the demo's configuration leaves free (Meta bills them from 2026-10-01). */
    static final long FREE_SERVICE_ALLOWANCE = 1000;

    private final Narrator narrator;
    private final DemoSecrets secrets;
    private final SimulatedClock clock;
    private final WhatsAppStandIn whatsApp;
    private final ZendeskStandIn zendesk;
    private final DemoHost host;
    private final Path configFile;
    private final Settings settings;
    private final long agentId;

    /**
     * Where the demo takes things from and puts them.
     *
     * @param home the DeskBridge home
     * @param pluginsDir the plugin files to load
     * @param dataDir a fresh folder for this run's configuration and database
     * @param port the host's HTTP port, 0 for any free one
     * @param builtIns the class loader of the host's built-in connectors
     * @param stepTimeout how long one step may take before the demo gives up
     */
    public record Settings(Path home, Path pluginsDir, Path dataDir, int port, ClassLoader builtIns,
            Duration stepTimeout) {
        public Settings {
            Objects.requireNonNull(home, "home");
            Objects.requireNonNull(pluginsDir, "pluginsDir");
            Objects.requireNonNull(dataDir, "dataDir");
            Objects.requireNonNull(builtIns, "builtIns");
            Objects.requireNonNull(stepTimeout, "stepTimeout");
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("port must be 0..65535, got " + port);
            }
        }
    }

    private Demo(Settings settings, Narrator narrator, DemoSecrets secrets, SimulatedClock clock,
            WhatsAppStandIn whatsApp, ZendeskStandIn zendesk, long agentId, Path configFile, DemoHost host) {
        this.settings = settings;
        this.narrator = narrator;
        this.secrets = secrets;
        this.clock = clock;
        this.whatsApp = whatsApp;
        this.zendesk = zendesk;
        this.agentId = agentId;
        this.configFile = configFile;
        this.host = host;
    }

    /**
     * Starts the stand-ins, writes the configuration, starts the host and runs the Zendesk setup
     * against the Zendesk stand-in.
     *
     * @throws DemoException when something cannot start; what did start is stopped again
     */
    public static Demo start(Settings settings, Narrator narrator) {
        narrator.title("DeskBridge demo: one support day on a simulated clock, against local stand-ins of the "
                + "WhatsApp Cloud API and Zendesk.");
        narrator.line("No account and no credential of yours is used, and nothing leaves this machine.");
        narrator.section("Starting");
        DemoSecrets secrets = DemoSecrets.generate();
        SimulatedClock clock = new SimulatedClock(SupportDay.START);
        WhatsAppStandIn whatsApp = null;
        ZendeskStandIn zendesk = null;
        try {
            whatsApp = WhatsAppStandIn.start(clock, new WhatsAppStandIn.Account("v23.0", PHONE_NUMBER_ID, BUSINESS,
                    WABA_ID, secrets.whatsAppAccessToken(), secrets.whatsAppAppSecret()));
            narrator.progress("WhatsApp Cloud API stand-in on " + whatsApp.baseUrl() + " (business number "
                    + BUSINESS.e164() + ", phone number id " + PHONE_NUMBER_ID + ")");
            zendesk = ZendeskStandIn.start(clock, new ZendeskStandIn.Credentials(ZENDESK_EMAIL,
                    secrets.zendeskApiToken(), secrets.zendeskWebhookSecret()));
            long agentId = zendesk.addAgent(AGENT, "maria@acme-demo.example");
            narrator.progress("Zendesk stand-in on " + zendesk.baseUrl() + " (agent " + AGENT + ")");
            DemoConfig config = new DemoConfig(settings.dataDir(), settings.pluginsDir(), settings.port(),
                    whatsApp.baseUrl(), PHONE_NUMBER_ID, BUSINESS, zendesk.baseUrl(), ZENDESK_EMAIL,
                    FREE_SERVICE_ALLOWANCE);
            Path file = config.write();
            narrator.progress("configuration written to " + file + " (secrets only in this process's environment)");
            narrator.progress("starting the DeskBridge host (database migrations, plugins, sessions, engine, HTTP)");
            DemoHost host = DemoHost.start(file, secrets.environment(), settings.home(), settings.builtIns(), clock,
                    narrator::progress);
            Demo demo = new Demo(settings, narrator, secrets, clock, whatsApp, zendesk, agentId, file, host);
            try {
                demo.connect();
            } catch (RuntimeException e) {
                demo.close();
                throw e;
            }
            return demo;
        } catch (RuntimeException e) {
            if (zendesk != null) {
                zendesk.close();
            }
            if (whatsApp != null) {
                whatsApp.close();
            }
            throw e instanceof DemoException ? e : new DemoException("the demo could not start: " + e.getMessage(), e);
        }
    }

    /** Points Meta's webhooks at the host and runs the Zendesk setup (fields, webhook, trigger). */
    private void connect() {
        String local = host.host().localUrl();
        narrator.progress("DeskBridge host listening on " + local + " (database "
                + host.config().database().displayUrl() + ")");
        whatsApp.deliverWebhooksTo(local + "/webhooks/channels/" + DemoConfig.CHANNEL);
        String crmWebhook = local + "/webhooks/crms/" + DemoConfig.CRM;
        CrmSetup setup = host.host().sessions().crm(DemoConfig.CRM).setup()
                .orElseThrow(() -> new DemoException("the Zendesk plugin offers no setup"));
        narrator.progress("Zendesk setup (as `deskbridge zendesk setup` does it) for webhook " + crmWebhook + ":");
        for (CrmSetup.Step step : setup.setUp(crmWebhook, false)) {
            narrator.progress("  " + step.action() + " " + step.what() + ": " + step.detail());
        }
        narrator.line("");
        narrator.line("November 2026: Meta bills service replies per message since 2026-10-01; this configuration leaves "
                + FREE_SERVICE_ALLOWANCE + " a month free");
        narrator.line("(pricing.free_service_allowance). Templates are billed at each market's rate "
                + "(the rate card shipped with DeskBridge).");
    }

    /** Plays the support day. */
    public SupportDay.Result playDay() {
        return new SupportDay(new DemoStage(host.host(), BUSINESS, whatsApp, zendesk, clock, agentId, AGENT, narrator,
                settings.stepTimeout())).play();
    }

    /**
     * Prints the month's cost report by market, as the admin API and {@code deskbridge costs} compute
     * it, and checks that its totals are the ledger's sums.
     *
     * @throws DemoException when they are not
     */
    public CostReport report() {
        YearMonth month = YearMonth.from(clock.instant().atOffset(ZoneOffset.UTC));
        CostReport report = CostReports.compute(month, host.adminQueries(),
                Optional.of(CostGrouping.MARKET));
        HostFacts.LedgerSums sums = new HostFacts(host.host(), BUSINESS).ledgerSums(month.toString());
        if (report.totals().size() != 1) {
            throw new DemoException("the cost report of " + month + " has " + report.totals().size()
                    + " currencies; the demo's ledger is in one");
        }
        CostLine total = report.totals().get(0);
        if (total.messages() != sums.rows() || total.failed() != sums.failed()
                || total.quoted().amount().compareTo(sums.quoted()) != 0
                || total.settled().amount().compareTo(sums.settled()) != 0
                || total.cost().amount().compareTo(sums.cost()) != 0) {
            throw new DemoException("the cost report does not add up to the ledger: report " + total + ", ledger " + sums);
        }
        narrator.section(CostReportWriter.write(report, ReportFormat.TABLE).stripTrailing());
        String currency = total.currency().getCurrencyCode();
        narrator.line("Totals checked against the ledger: " + sums.rows() + " messages, quoted "
                + Amounts.format(sums.quoted(), currency) + ", spent " + Amounts.format(sums.cost(), currency) + " ("
                + sums.failed() + " failed, costing nothing).");
        return report;
    }

    /** The dashboard's address with the admin token in the fragment (the page takes it from there). */
    public String dashboardUrl() {
        return host.host().localUrl() + "/#token=" + secrets.adminToken().reveal();
    }

    /** The configuration this run wrote. */
    public Path configFile() {
        return configFile;
    }

    public WhatsAppStandIn whatsApp() {
        return whatsApp;
    }

    public ZendeskStandIn zendesk() {
        return zendesk;
    }

    public DemoHost host() {
        return host;
    }

    public SimulatedClock clock() {
        return clock;
    }

    @Override
    public void close() {
        try {
            host.close();
        } finally {
            zendesk.close();
            whatsApp.close();
        }
    }

    /** The lines narrated so far. */
    public List<String> narration() {
        return narrator.lines();
    }
}
