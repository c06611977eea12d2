package dev.deskbridge.host.runtime;

import dev.deskbridge.connector.api.config.Secret;
import dev.deskbridge.host.config.DatabaseConfig;
import dev.deskbridge.host.config.HostConfig;
import dev.deskbridge.host.config.HttpConfig;
import dev.deskbridge.host.config.ReengageTemplate;
import dev.deskbridge.host.config.ReplyPolicy;
import dev.deskbridge.host.config.RouteConfig;
import dev.deskbridge.host.engine.ConnectorSessions;
import dev.deskbridge.host.engine.EngineSettings;
import dev.deskbridge.host.store.journal.JournalSettings;
import dev.deskbridge.connector.api.pricing.TemplateCategory;
import dev.deskbridge.host.testing.HostFixture;
import dev.deskbridge.host.testing.HttpJsonCrm;
import dev.deskbridge.host.testing.TestChannel;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The host in a process of its own, for the crash tests:
 * {@code DB_URL CRM_URL PORT_FILE START_DELAY_MS [GRAPH_API_URL]}. With a Graph API URL the channel
 * is the built-in WhatsApp Cloud channel against it, else the test channel. The engine has the
 * default lease. Writes its port to the file once it listens, then runs until killed. With
 * {@code -Dcrashtest.moverPauseMs=N} the intake journal's mover pauses N ms before each batch, so
 * acknowledged webhooks wait in the journal when the host is killed.
 */
public final class CrashTestHostMain {
    private CrashTestHostMain() {}

    public static void main(String[] args) throws Exception {
        String dbUrl = args[0];
        String crmUrl = args[1];
        Path portFile = Path.of(args[2]);
        Duration startDelay = Duration.ofMillis(Long.parseLong(args[3]));
        Optional<String> graph = args.length > 4 ? Optional.of(args[4]) : Optional.empty();
        EngineSettings engine = HostFixture.fastEngine().withTimings(Duration.ofMillis(50),
                EngineSettings.DEFAULT_LEASE, startDelay, Duration.ofHours(1));
        BridgeHost host = BridgeHost.builder()
                .http(new HostConfig(URI.create("https://bridge.example.test"), new HttpConfig("127.0.0.1", 0, 1_048_576),
                        Optional.empty()))
                .database(new DatabaseConfig(dbUrl, "sa", new Secret("")))
                .engine(engine)
                .intakeJournal(JournalSettings.DEFAULTS.withMoverPause(
                        Duration.ofMillis(Long.getLong("crashtest.moverPauseMs", 0))))
                .routes(List.of(new RouteConfig(HostFixture.CHANNEL, HostFixture.CRM, ReplyPolicy.HOLD_AND_REENGAGE,
                        Optional.of(new ReengageTemplate("reengage_v1", "en_US", TemplateCategory.UTILITY, List.of())),
                        Optional.empty())))
                .pricing(HostFixture.goldenPricing())
                .clock(Clock.fixed(HostFixture.START.plusSeconds(60), java.time.ZoneOffset.UTC))
                .sessions(services -> new ConnectorSessions(
                        Map.of(HostFixture.CHANNEL, graph.isPresent() ? HostFixture.whatsApp(graph.get(), services)
                                : new TestChannel(HostFixture.CHANNEL_SECRET, Clock.systemUTC())),
                        Map.of(HostFixture.CRM, new HttpJsonCrm(crmUrl, HostFixture.CRM_SECRET))))
                .start();
        // As `deskbridge run` does: a signal closes the host in order, the hook covers any other exit.
        Runnable stop = Termination.once(host::close);
        Runtime.getRuntime().addShutdownHook(new Thread(stop));
        Termination.onSignal(() -> {
            stop.run();
            System.exit(0);
        });
        Path tmp = portFile.resolveSibling(portFile.getFileName() + ".tmp");
        Files.writeString(tmp, String.valueOf(host.port()));
        Files.move(tmp, portFile, StandardCopyOption.ATOMIC_MOVE);
        Thread.currentThread().join();
    }
}
