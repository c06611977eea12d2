package dev.deskbridge.host.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.deskbridge.connector.api.CrmCapability;
import dev.deskbridge.connector.api.CrmSession;
import dev.deskbridge.connector.api.model.AgentNotice;
import dev.deskbridge.connector.api.model.AgentReply;
import dev.deskbridge.connector.api.model.ChannelEvent;
import dev.deskbridge.connector.api.model.CustomerMessage;
import dev.deskbridge.connector.api.model.DeliveryNotice;
import dev.deskbridge.connector.api.model.InboundMessage;
import dev.deskbridge.connector.api.model.MessageContent;
import dev.deskbridge.connector.api.model.PhoneNumber;
import dev.deskbridge.connector.api.model.TicketRef;
import dev.deskbridge.connector.api.pricing.ConversationStatus;
import dev.deskbridge.connector.api.webhook.WebhookRequest;
import dev.deskbridge.connector.testkit.ManualClock;
import dev.deskbridge.host.config.DatabaseConfig;
import dev.deskbridge.host.config.ReengageTemplate;
import dev.deskbridge.host.config.ReplyPolicy;
import dev.deskbridge.host.config.RouteConfig;
import dev.deskbridge.host.store.Database;
import dev.deskbridge.host.store.Jdbc;
import dev.deskbridge.host.testing.Await;
import dev.deskbridge.host.testing.Databases;
import dev.deskbridge.host.testing.HostFixture;
import dev.deskbridge.host.testing.TestChannel;
import dev.deskbridge.connector.api.pricing.TemplateCategory;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Two hosts' engines share one PostgreSQL: every event is handled once, in order per conversation. */
class SharedPostgresTest {
    static final int CUSTOMERS = 30;
    static final int MESSAGES_EACH = 6;

    /** A CRM that remembers every append and which engine made it. */
    static final class RecordingCrm implements CrmSession {
        record Append(String engine, String customer, String providerMessageId) {}

        final String name;
        final List<Append> appends;

        RecordingCrm(String name, List<Append> appends) {
            this.name = name;
            this.appends = appends;
        }

        @Override
        public Set<CrmCapability> capabilities() {
            return Set.of(CrmCapability.WEBHOOKS);
        }

        @Override
        public TicketRef appendCustomerMessage(CustomerMessage message) {
            try {
                Thread.sleep(2); // a CRM call takes time; it lets both engines take part
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            appends.add(new Append(name, message.conversation().customer().e164(),
                    message.message().providerMessageId()));
            return TicketRef.of("T-" + message.conversation().id());
        }

        @Override
        public void updateStatus(TicketRef ticket, ConversationStatus status) {}

        @Override
        public void recordDelivery(TicketRef ticket, DeliveryNotice notice) {}

        @Override
        public void notifyAgents(TicketRef ticket, AgentNotice notice) {}

        @Override
        public List<AgentReply> receive(WebhookRequest request) {
            return List.of();
        }

        @Override
        public void close() {}
    }

    private static Engine engine(DatabaseConfig config, String name, List<RecordingCrm.Append> appends, Clock clock,
            List<Database> opened) {
        Database db = Database.open(config, 6);
        opened.add(db);
        ConnectorSessions sessions = new ConnectorSessions(Map.of("wa", new TestChannel("s", clock)),
                Map.of("crm", new RecordingCrm(name, appends)));
        RouteConfig route = new RouteConfig("wa", "crm", ReplyPolicy.HOLD_AND_REENGAGE, Optional.of(
                new ReengageTemplate("reengage_v1", "en_US", TemplateCategory.UTILITY, List.of())), Optional.empty());
        return new Engine(EngineContext.create(db, HostFixture.fastEngine().withWorkers(3), new Routes(List.of(route)),
                sessions, HostFixture.goldenPricing(), clock, Clock.systemUTC(),
                new EngineMetrics(new SimpleMeterRegistry())));
    }

    @Test
    void twoEnginesProcessASharedLoadWithoutDuplicatesOrLosses() {
        DatabaseConfig config = Databases.freshPostgres();
        ManualClock clock = new ManualClock(HostFixture.START);
        List<RecordingCrm.Append> appends = new CopyOnWriteArrayList<>();
        List<Database> opened = new ArrayList<>();
        Engine a = engine(config, "a", appends, clock, opened);
        Engine b = engine(config, "b", appends, clock, opened);
        try {
            a.start();
            b.start();
            Map<String, List<String>> expected = new ConcurrentHashMap<>();
            for (int m = 0; m < MESSAGES_EACH; m++) {
                List<ChannelEvent> batch = new ArrayList<>();
                for (int cst = 0; cst < CUSTOMERS; cst++) {
                    String customer = "+1201555" + String.format("%04d", cst);
                    String id = "wamid." + cst + "." + m;
                    expected.computeIfAbsent(customer, k -> new CopyOnWriteArrayList<>()).add(id);
                    batch.add(new InboundMessage("ev-" + id, id, PhoneNumber.of(HostFixture.BUSINESS),
                            PhoneNumber.of(customer), Optional.empty(), HostFixture.START.plusSeconds(m),
                            new MessageContent.Text("message " + m), Optional.empty(), Optional.empty()));
                }
                // Half the webhooks reach one host, half the other.
                (m % 2 == 0 ? a : b).intake().acceptChannelEvents("wa", batch);
            }
            int total = CUSTOMERS * MESSAGES_EACH;
            Await.until("all appended", Duration.ofSeconds(120), () -> appends.size() >= total
                    && count(opened.get(0), "SELECT COUNT(*) FROM inbox WHERE status = 'PENDING'") == 0);

            assertThat(appends).hasSize(total);
            assertThat(appends.stream().map(RecordingCrm.Append::providerMessageId).distinct()).hasSize(total);
            Map<String, List<String>> byCustomer = appends.stream().collect(Collectors.groupingBy(
                    RecordingCrm.Append::customer, Collectors.mapping(RecordingCrm.Append::providerMessageId,
                            Collectors.toList())));
            assertThat(byCustomer).isEqualTo(expected);
            assertThat(appends.stream().map(RecordingCrm.Append::engine).distinct()).containsExactlyInAnyOrder("a",
                    "b");
            assertThat(count(opened.get(0), "SELECT COUNT(*) FROM conversations")).isEqualTo(CUSTOMERS);
            assertThat(count(opened.get(0), "SELECT COUNT(*) FROM messages")).isEqualTo(total);
            assertThat(count(opened.get(0), "SELECT COUNT(*) FROM dead_letters")).isZero();
        } finally {
            a.close();
            b.close();
            opened.forEach(Database::close);
        }
    }

    private static long count(Database db, String sql) {
        return db.inTransaction(c -> Jdbc.count(c, sql));
    }

}
