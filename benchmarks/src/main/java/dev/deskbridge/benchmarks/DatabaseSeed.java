package dev.deskbridge.benchmarks;

import dev.deskbridge.connector.api.config.Secret;
import dev.deskbridge.host.config.DatabaseConfig;
import dev.deskbridge.host.config.EngineConfig;
import dev.deskbridge.host.store.Database;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Fills an empty DeskBridge database with the history real traffic leaves behind, straight through
 * JDBC batches into the schema the host's own migrations create (they run first): N conversations
 * between the benchmark's business number and N customers, each with 10 messages (6 from the
 * customer, 4 agent replies), and for every one of them what the host keeps after it: a settled
 * ledger row and two statuses per reply; monthly counters; and, for the messages of the last 30 days
 * ({@code engine.keep_handled}'s default: the host deletes older handled queue items), a done inbox
 * item per customer message, per agent-reply webhook and read reply, and per delivery and read
 * status, and a done outbox item per reply.
 * Every window is long closed (the history ends 10 days ago), so the window watcher has nothing due.
 *
 * <p>Usage: {@code java -cp benchmarks/target/benchmarks.jar dev.deskbridge.benchmarks.DatabaseSeed
 * <jdbc-url> [user=sa] [password=] [conversations=100000] [compact|as-written]}. The database must hold
 * no conversation. An H2 file is compacted at the end unless {@code as-written} is given: written in a few
 * minutes without a pause, about two thirds of it is superseded pages that H2's housekeeping reclaims only
 * when the store is idle, which a host that gathered this history over weeks has had (3.9 GB as written,
 * 1.1 GB compacted for 100,000 conversations).
 * Identities (customers {@code +1415...}, ticket ids from 900,000,000, {@code wamid.seed-...}) never
 * meet the benchmark's own ({@code +1201...}, tickets from 100,000).
 */
// size: the rows of one history (their shapes, payloads and ids) are written together and must agree.
public final class DatabaseSeed {
    static final String BUSINESS = "+15550001111";
    static final String CHANNEL = "wa-main";
    static final String CRM = "zendesk-main";
    /** Message directions of one conversation, in order: 6 from the customer, 4 agent replies. */
    private static final boolean[] OUT = {false, true, false, true, false, false, true, false, true, false};
    private static final int BATCH = 20_000;
    private static final int OUTS = 4;
    /** Inbox items per conversation: a customer message each, four per reply (webhook, reply, delivered, read). */
    private static final int INBOX_PER = OUT.length - OUTS + 4 * OUTS;
    /** Writers in parallel, each with its own connection and its own conversations. */
    private static final int WRITERS = 2;
    private static final long TICKETS = 900_000_000L;
    private static final long REQUESTERS = 800_000_000L;

    private DatabaseSeed() {}

    public static void main(String[] args) throws Exception {
        if (args.length < 1) {
            System.err.println("usage: DatabaseSeed <jdbc-url> [user=sa] [password=] [conversations=100000]"
                    + " [compact|as-written]");
            System.exit(2);
        }
        DatabaseConfig config = new DatabaseConfig(args[0], args.length > 1 ? args[1] : "sa",
                new Secret(args.length > 2 ? args[2] : ""));
        int conversations = args.length > 3 ? Integer.parseInt(args[3]) : 100_000;
        String shape = args.length > 4 ? args[4] : "compact";
        if (!shape.equals("compact") && !shape.equals("as-written")) {
            System.err.println("the fifth argument must be compact or as-written, got " + shape);
            System.exit(2);
        }
        System.out.println(seed(config, conversations, shape.equals("compact")));
    }

    /** What a seeding wrote and how long it took. */
    record Seeded(int conversations, long messages, long rows, Duration took) {
        @Override
        public String toString() {
            return String.format("seeded %,d conversations, %,d messages (%,d rows in all) in %.1f s", conversations,
                    messages, rows, took.toMillis() / 1000.0);
        }
    }

    /**
     * Migrates the database (the host's Flyway migrations) and writes the history.
     *
     * @param compact whether an H2 file is compacted afterwards ({@code SHUTDOWN COMPACT}; no effect on PostgreSQL)
     * @throws IllegalStateException when the database already holds conversations
     */
    static Seeded seed(DatabaseConfig config, int conversations, boolean compact) throws SQLException {
        Seeded seeded = write(config, conversations);
        if (compact && config.url().startsWith("jdbc:h2:file:")) {
            try (Connection c = DriverManager.getConnection(Database.jdbcUrl(config.url()), config.user(),
                    config.password().reveal()); Statement s = c.createStatement()) {
                s.execute("SHUTDOWN COMPACT");
            }
        }
        return seeded;
    }

    private static Seeded write(DatabaseConfig config, int conversations) throws SQLException {
        long started = System.nanoTime();
        if (config.url().startsWith("jdbc:postgresql:") && !config.url().contains("reWriteBatchedInserts")) {
            // One multi-row INSERT per batch instead of one statement per row.
            config = new DatabaseConfig(config.url() + (config.url().contains("?") ? "&" : "?")
                    + "reWriteBatchedInserts=true", config.user(), config.password());
        }
        try (Database db = Database.open(config, WRITERS + 3); Connection c = db.dataSource().getConnection()) {
            // The pool's connections commit by hand; these few statements each commit on their own.
            c.setAutoCommit(true);
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM conversations")) {
                rs.next();
                if (rs.getLong(1) > 0) {
                    throw new IllegalStateException("database " + config.displayUrl() + " already holds " + rs.getLong(1)
                            + " conversations; seed an empty one");
                }
            }
            if (!db.isPostgres()) {
                try (Statement s = c.createStatement()) {
                    // Reuse freed file space at once while writing in bulk; without this the file grew to
                    // ~60 KB per conversation. (Not CACHE_SIZE: H2 keeps it in the file, and the host's heap
                    // would then hold that much cache.)
                    s.execute("SET RETENTION_TIME 0");
                }
            }
            Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
            int threads = Math.max(1, Math.min(WRITERS, Runtime.getRuntime().availableProcessors()));
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            AtomicInteger done = new AtomicInteger();
            List<Future<Long>> parts = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int from = (int) ((long) conversations * t / threads);
                int to = (int) ((long) conversations * (t + 1) / threads);
                parts.add(pool.submit(() -> {
                    try (Connection own = db.dataSource().getConnection()) {
                        own.setAutoCommit(false);
                        Writer w = new Writer(own, now, conversations);
                        for (int i = from; i < to; i++) {
                            w.conversation(i);
                            int n = done.incrementAndGet();
                            if (n % Math.max(1, conversations / 10) == 0) {
                                System.out.printf("  %,d conversations (%.0f s)%n", n,
                                        (System.nanoTime() - started) / 1e9);
                            }
                        }
                        w.finish();
                        own.setAutoCommit(true);
                        return w.rows;
                    }
                }));
            }
            long rows = 0;
            try {
                for (Future<Long> part : parts) {
                    rows += part.get();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("seeding interrupted", e);
            } catch (ExecutionException e) {
                throw new IllegalStateException("seeding failed: " + e.getCause().getMessage(), e.getCause());
            } finally {
                pool.shutdownNow();
            }
            long messages = (long) conversations * OUT.length;
            try (Statement s = c.createStatement()) {
                // Counters as the ledger keeps them: every reply here was a free service message.
                for (String month : months(now)) {
                    s.addBatch("INSERT INTO monthly_counters (usage_month, counter, n, amount) VALUES ('" + month
                            + "', 'billed|NORTH_AMERICA|service', 0, 0) ON CONFLICT DO NOTHING");
                    s.addBatch("INSERT INTO monthly_counters (usage_month, counter, n, amount) VALUES ('" + month
                            + "', 'spend|" + CHANNEL + "|" + CRM + "|USD', 0, 0) ON CONFLICT DO NOTHING");
                }
                s.executeBatch();
                // Explicit ids were written: later rows must be numbered after them.
                long[] last = {messages, (long) conversations * INBOX_PER, (long) conversations * OUTS,
                        (long) conversations * OUTS};
                String[] tables = {"messages", "inbox", "outbox", "cost_ledger"};
                for (int t = 0; t < tables.length; t++) {
                    s.execute("ALTER TABLE " + tables[t] + " ALTER COLUMN id RESTART WITH " + (last[t] + 1));
                }
                // Fresh statistics, as a database that grew to this size would have.
                s.execute("ANALYZE");
                if (!db.isPostgres()) {
                    s.execute("SET RETENTION_TIME 45000");
                }
            }
            return new Seeded(conversations, messages, rows, Duration.ofNanos(System.nanoTime() - started));
        }
    }

    private static List<String> months(Instant now) {
        List<String> out = new ArrayList<>();
        for (int d = 0; d <= 200; d += 10) {
            String m = now.minus(Duration.ofDays(d)).atOffset(ZoneOffset.UTC).toString().substring(0, 7);
            if (!out.contains(m)) {
                out.add(m);
            }
        }
        return out;
    }

    /** Writes rows in batches over one connection, numbering them itself. */
    private static final class Writer {
        private final Connection c;
        private final Instant now;
        private final int total;
        private final List<PreparedStatement> statements = new ArrayList<>();
        private final PreparedStatement conversation;
        private final PreparedStatement message;
        private final PreparedStatement status;
        private final PreparedStatement ledger;
        private final PreparedStatement outbox;
        private final PreparedStatement inbox;
        private final PreparedStatement outboxKey;
        private final PreparedStatement inboxKey;
        private final PreparedStatement messageKey;
        private long messageId;
        private long inboxId;
        private long outboxId;
        private long ledgerId;
        long rows;
        private int pending;

        Writer(Connection c, Instant now, int total) throws SQLException {
            this.c = c;
            this.now = now;
            this.total = total;
            conversation = prepare("INSERT INTO conversations (id, business, customer, customer_name, channel_id, crm_id, "
                    + "ticket_id, ticket_url, first_customer_message_at, service_window_ends_at, last_customer_message_at, "
                    + "last_business_message_at, created_at, updated_at, ticket_crm_data) "
                    + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
            message = prepare("INSERT INTO messages (id, conversation_id, direction, kind, purpose, provider_message_id, "
                    + "crm_event_id, crm_ticket_id, outbox_id, summary, author, status, window_state, sent_at, created_at) "
                    + "VALUES (?, ?, ?, 'text', ?, ?, ?, ?, ?, ?, ?, ?, 'OPEN', ?, ?)");
            status = prepare("INSERT INTO message_statuses (message_id, status, status_at, recorded_at, crm_recorded) "
                    + "VALUES (?, ?, ?, ?, TRUE)");
            ledger = prepare("INSERT INTO cost_ledger (id, message_id, conversation_id, direction, channel_id, crm_id, "
                    + "business, customer, provider_message_id, usage_month, market, category, pricing_type, schedule, "
                    + "billable, currency, quoted_meta_fee, quoted_channel_fee, settled_meta_fee, settled_channel_fee, "
                    + "provider_billable, provider_category, provider_type, status, quoted_at, settled_at) VALUES (?, ?, ?, "
                    + "'OUT', ?, ?, ?, ?, ?, ?, 'NORTH_AMERICA', 'service', 'regular', 'PMP-2026-10', TRUE, 'USD', "
                    + "0.0034, 0, 0, 0, FALSE, 'service', 'free_customer_service', 'SETTLED', ?, ?)");
            outbox = prepare("INSERT INTO outbox (id, source_id, event_id, event_type, partition_key, conversation_id, "
                    + "payload, status, attempts, next_attempt_at, claimed_by, provider_message_id, created_at, "
                    + "processed_at, send_started_at) VALUES (?, ?, ?, 'SEND_REPLY', ?, ?, ?, 'DONE', 1, ?, 'seed', ?, ?, "
                    + "?, ?)");
            inbox = prepare("INSERT INTO inbox (id, source_id, event_id, event_type, partition_key, payload, status, "
                    + "attempts, next_attempt_at, claimed_by, created_at, processed_at) VALUES (?, ?, ?, ?, ?, ?, 'DONE', "
                    + "1, ?, 'seed', ?, ?)");
            // After the items: a key refers to its item.
            outboxKey = prepare("INSERT INTO outbox_keys (item_id, source_id, event_id) VALUES (?, ?, ?)");
            inboxKey = prepare("INSERT INTO inbox_keys (item_id, source_id, event_id) VALUES (?, ?, ?)");
            messageKey = prepare("INSERT INTO message_keys (message_id, provider_message_id) VALUES (?, ?)");
        }

        private PreparedStatement prepare(String sql) throws SQLException {
            PreparedStatement p = c.prepareStatement(sql);
            statements.add(p);
            return p;
        }

        void conversation(int i) throws SQLException {
            Instant keptFrom = now.minus(EngineConfig.DEFAULT_KEEP_HANDLED);
            // Histories spread over 180 days, the newest starting 10 days ago.
            Instant start = now.minus(Duration.ofDays(190)).plusSeconds((long) i * (180L * 86_400 / Math.max(1, total)));
            // Ids follow from the conversation's number, so writers need not share a counter.
            messageId = (long) i * OUT.length;
            inboxId = (long) i * INBOX_PER;
            outboxId = (long) i * OUTS;
            ledgerId = (long) i * OUTS;
            String id = UUID.nameUUIDFromBytes(("seed-conversation-" + i).getBytes(StandardCharsets.UTF_8)).toString();
            String customer = "+1415" + String.format("%07d", i);
            String partition = BUSINESS + "|" + customer;
            long ticket = TICKETS + i;
            String crmData = "requester:" + (REQUESTERS + i);
            String ticketUrl = "https://acme.zendesk.com/agent/tickets/" + ticket;
            Instant lastIn = start;
            Instant lastOut = null;
            // The conversation row first: messages and outbox items refer to it.
            Instant end = start.plus(Duration.ofMinutes(5L * (OUT.length - 1)));
            for (int k = OUT.length - 1; k >= 0; k--) {
                if (!OUT[k]) {
                    lastIn = start.plus(Duration.ofMinutes(5L * k));
                    break;
                }
            }
            for (int k = OUT.length - 1; k >= 0; k--) {
                if (OUT[k]) {
                    lastOut = start.plus(Duration.ofMinutes(5L * k));
                    break;
                }
            }
            add(conversation, id, BUSINESS, customer, "Customer " + i, CHANNEL, CRM, Long.toString(ticket), ticketUrl,
                    t(start), t(lastIn.plus(Duration.ofHours(24))), t(lastIn), t(lastOut), t(start), t(end), crmData);
            for (int k = 0; k < OUT.length; k++) {
                Instant at = start.plus(Duration.ofMinutes(5L * k));
                long messageRow = ++messageId;
                if (!OUT[k]) {
                    String wamid = "wamid.seed-" + i + "-" + k;
                    add(message, messageRow, id, "IN", null, wamid, null, Long.toString(ticket), null,
                            "Hello, this is message " + k + " about my order", null, "RECEIVED", t(at), t(at));
                    add(messageKey, messageRow, wamid);
                    if (at.isAfter(keptFrom)) {
                        queued(inbox, inboxKey, ++inboxId, "channel:" + CHANNEL, "msg:" + wamid, "CUSTOMER_MESSAGE",
                                partition, customerMessage(wamid, customer, at, k), t(at), t(at), t(at.plusMillis(300)));
                    }
                    continue;
                }
                long comment = ticket * 10 + k;
                String replyEvent = "zendesk:" + ticket + ":" + comment;
                String wamid = "wamid.seedout-" + i + "-" + k;
                long outboxRow = ++outboxId;
                add(message, messageRow, id, "OUT", "REPLY", wamid, "crm:" + CRM + ":" + replyEvent, null, outboxRow,
                        "Thanks, reply " + k + " from the team", "Agent " + (i % 40), "READ", t(at.plusMillis(500)),
                        t(at));
                add(messageKey, messageRow, wamid);
                Instant delivered = at.plusSeconds(3);
                Instant read = at.plusSeconds(60);
                add(status, messageRow, "DELIVERED", t(delivered), t(delivered));
                add(status, messageRow, "READ", t(read), t(read));
                add(ledger, ++ledgerId, messageRow, id, CHANNEL, CRM, BUSINESS, customer, wamid,
                        at.atOffset(ZoneOffset.UTC).toString().substring(0, 7), t(at), t(delivered));
                if (!at.isAfter(keptFrom)) {
                    continue;
                }
                queued(inbox, inboxKey, ++inboxId, "crm:" + CRM, "webhook:" + replyEvent, "CRM_WEBHOOK",
                        "crm:" + CRM + "|webhook|ticket:" + ticket, crmWebhook(ticket, comment, at), t(at), t(at),
                        t(at.plusMillis(200)));
                queued(inbox, inboxKey, ++inboxId, "crm:" + CRM, replyEvent, "AGENT_REPLY", partition,
                        agentReply(replyEvent, ticketUrl, crmData, id, at), t(at), t(at), t(at.plusMillis(300)));
                queued(outbox, outboxKey, outboxRow, "crm:" + CRM, replyEvent + "#0", partition, id, sendReply(id), t(at),
                        wamid, t(at), t(at.plusMillis(500)), t(at.plusMillis(400)));
                for (String[] s : new String[][] {{"delivered", delivered.toString()}, {"read", read.toString()}}) {
                    queued(inbox, inboxKey, ++inboxId, "channel:" + CHANNEL, "status:" + wamid + ":" + s[0],
                            "DELIVERY_UPDATE", partition, deliveryUpdate(wamid, customer, s[0], s[1]), t(Instant.parse(s[1])),
                            t(Instant.parse(s[1])), t(Instant.parse(s[1]).plusMillis(200)));
                }
            }
            if (pending >= BATCH) {
                flush();
            }
        }

        /** A queue item and its key (id, source id, event id: the item's first three values), as the host writes them. */
        private void queued(PreparedStatement item, PreparedStatement key, Object... values) throws SQLException {
            add(item, values);
            add(key, values[0], values[1], values[2]);
        }

        private void add(PreparedStatement p, Object... values) throws SQLException {
            for (int i = 0; i < values.length; i++) {
                p.setObject(i + 1, values[i]);
            }
            p.addBatch();
            pending++;
            rows++;
        }

        /** Runs the batches in the order the foreign keys need, and commits. */
        private void flush() throws SQLException {
            for (PreparedStatement p : statements) {
                p.executeBatch();
            }
            c.commit();
            pending = 0;
        }

        void finish() throws SQLException {
            flush();
            for (PreparedStatement p : statements) {
                p.close();
            }
        }

        private static OffsetDateTime t(Instant i) {
            return i == null ? null : i.atOffset(ZoneOffset.UTC);
        }

        private static String customerMessage(String wamid, String customer, Instant at, int k) {
            return "{\"channelId\":\"" + CHANNEL + "\",\"message\":{\"eventId\":\"msg:" + wamid + "\",\"providerMessageId\":\""
                    + wamid + "\",\"business\":{\"e164\":\"" + BUSINESS + "\"},\"customer\":{\"e164\":\"" + customer
                    + "\"},\"customerName\":\"Customer\",\"sentAt\":\"" + at + "\",\"content\":{\"@kind\":\"text\",\"body\":"
                    + "\"Hello, this is message " + k + " about my order\"},\"inReplyTo\":null,\"referral\":null}}";
        }

        private static String crmWebhook(long ticket, long comment, Instant at) {
            String body = java.util.Base64.getEncoder().encodeToString(("{\"source\":\"deskbridge\",\"ticket_id\":\""
                    + ticket + "\",\"comment_id\":\"" + comment + "\",\"updated_by\":\"7001\"}")
                    .getBytes(StandardCharsets.UTF_8));
            return "{\"crmId\":\"" + CRM + "\",\"request\":{\"method\":\"POST\",\"publicUrl\":\"https://bridge.example.test"
                    + "/webhooks/crms/" + CRM + "\",\"headers\":{\"content-length\":[\"93\"],\"content-type\":"
                    + "[\"application/json\"],\"host\":[\"bridge.example.test\"],\"user-agent\":[\"Zendesk Webhook\"],"
                    + "\"x-zendesk-webhook-signature\":[\"eQq9cmh9OdUVKwSPglp9HVeq7lbNcRRXBPWbnz2fNec=\"],"
                    + "\"x-zendesk-webhook-signature-timestamp\":[\"" + at + "\"]},\"query\":{},\"body\":\"" + body
                    + "\",\"receivedAt\":\"" + at + "\"}}";
        }

        private static String agentReply(String event, String url, String crmData, String conversation, Instant at) {
            return "{\"crmId\":\"" + CRM + "\",\"reply\":{\"eventId\":\"" + event + "\",\"ticket\":{\"id\":\""
                    + event.split(":")[1] + "\",\"webUrl\":\"" + url + "\",\"crmData\":\"" + crmData + "\"},"
                    + "\"conversation\":{\"value\":\"" + conversation + "\"},\"author\":\"Agent\",\"text\":\"Thanks, reply "
                    + "from the team\",\"attachments\":[],\"writtenAt\":\"" + at + "\",\"template\":null}}";
        }

        private static String sendReply(String conversation) {
            return "{\"conversationId\":\"" + conversation + "\",\"message\":{\"@kind\":\"text\",\"body\":\"Thanks, reply "
                    + "from the team\",\"previewUrl\":true},\"purpose\":\"REPLY\",\"quote\":{\"allowed\":true,\"refusal\":"
                    + "null,\"billable\":true,\"category\":\"SERVICE\",\"type\":\"REGULAR\",\"market\":\"NORTH_AMERICA\","
                    + "\"price\":{\"amount\":0.0034,\"currency\":\"USD\",\"zero\":false},\"schedule\":\"PMP-2026-10\"},"
                    + "\"replyTo\":null}";
        }

        private static String deliveryUpdate(String wamid, String customer, String status, String at) {
            return "{\"channelId\":\"" + CHANNEL + "\",\"update\":{\"eventId\":\"status:" + wamid + ":" + status
                    + "\",\"providerMessageId\":\"" + wamid + "\",\"customer\":{\"e164\":\"" + customer + "\"},\"status\":\""
                    + status.toUpperCase(java.util.Locale.ROOT) + "\",\"at\":\"" + at + "\",\"errors\":[],\"pricing\":"
                    + "{\"billable\":false,\"pricingModel\":\"PMP\",\"category\":\"service\",\"type\":"
                    + "\"free_customer_service\"},\"providerPrice\":null,\"providerConversationId\":null}}";
        }
    }
}
