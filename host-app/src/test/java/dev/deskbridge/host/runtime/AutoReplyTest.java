package dev.deskbridge.host.runtime;

import static dev.deskbridge.host.testing.HostFixture.BUSINESS;
import static dev.deskbridge.host.testing.HostFixture.CUSTOMER;
import static org.assertj.core.api.Assertions.assertThat;

import dev.deskbridge.connector.api.error.RetryableException;
import dev.deskbridge.connector.api.model.OutboundMessage;
import dev.deskbridge.connector.api.model.SendRequest;
import dev.deskbridge.connector.api.model.SendResult;
import dev.deskbridge.host.config.answering.Answering;
import dev.deskbridge.host.config.answering.AutoReplies;
import dev.deskbridge.host.config.answering.BusinessHours;
import dev.deskbridge.host.config.answering.KeywordRule;
import dev.deskbridge.host.config.answering.OpeningSpan;
import dev.deskbridge.host.engine.Backoff;
import dev.deskbridge.host.engine.EngineSettings;
import dev.deskbridge.host.store.Jdbc;
import dev.deskbridge.host.testing.HostFixture;
import dev.deskbridge.host.testing.HttpJsonCrm;
import dev.deskbridge.host.testing.TestChannel;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A route's automatic answers on the real host (HTTP, store, engine) with the test channel and the
 * HTTP CRM stand-in, on a manual business clock. 1 September 2026 is a Tuesday.
 */
class AutoReplyTest {
    static final String AWAY = "We are closed now and answer from 09:00.";
    static final String HOURS_ANSWER = "We are open Monday to Friday, 09:00 to 17:00.";
    static final String GREETING = "Welcome to Acme support.";

    @TempDir
    Path dir;

    /** Monday to Friday 09:00-17:00 UTC. */
    static BusinessHours weekdays() {
        Map<DayOfWeek, List<OpeningSpan>> weekly = new EnumMap<>(DayOfWeek.class);
        for (DayOfWeek d : List.of(DayOfWeek.MONDAY, DayOfWeek.TUESDAY, DayOfWeek.WEDNESDAY, DayOfWeek.THURSDAY,
                DayOfWeek.FRIDAY)) {
            weekly.put(d, List.of(new OpeningSpan(9 * 60, 17 * 60)));
        }
        return new BusinessHours(ZoneId.of("UTC"), weekly, Set.of());
    }

    static Answering answering(BusinessHours hours, Optional<String> greeting) {
        return new Answering(Optional.of(hours), Optional.of(new AutoReplies(
                Optional.of(new OutboundMessage.Text(AWAY, false)),
                greeting.map(g -> new OutboundMessage.Text(g, false)),
                List.of(new KeywordRule(Optional.of("en"), KeywordRule.word("opening hours"),
                        new OutboundMessage.Text(HOURS_ANSWER, false))),
                Duration.ofHours(12))), Duration.ofHours(1));
    }

    private static String text(SendRequest r) {
        return r.message() instanceof OutboundMessage.Text t ? t.body() : r.message().toString();
    }

    private static String ticket(HostFixture f) {
        f.await("ticket", () -> f.count("SELECT COUNT(*) FROM conversations WHERE ticket_id IS NOT NULL") == 1);
        return f.sql(c -> Jdbc.queryOne(c, "SELECT ticket_id FROM conversations", rs -> rs.getString(1)).orElseThrow());
    }

    @Test
    void outOfHoursTheAwayMessageGoesOnceAndAnAgentsMorningReplyGoesOutNormally() {
        try (HostFixture f = HostFixture.in(dir).answering(answering(weekdays(), Optional.empty())).start()) {
            f.clock.set(Instant.parse("2026-09-01T22:00:00Z"));
            String first = TestChannel.messageWebhook("e1", "wamid.in-1", BUSINESS, CUSTOMER, "Is my order shipped?",
                    f.clock.instant());
            f.postChannel(first);
            f.await("away message sent", () -> f.channel.sent().size() == 1);
            assertThat(text(f.channel.sent().get(0))).isEqualTo(AWAY);
            f.await("agents told", () -> f.notes("AUTO_REPLY_SENT").size() == 1);
            String note = f.notes("AUTO_REPLY_SENT").get(0).getBodyAsString();
            assertThat(note).contains("notice:AUTO_REPLY_SENT:auto:e1").contains(AWAY).contains("auto-reply (away)");
            // Its cost is on the ledger like any reply's, and the note says it.
            assertThat(f.count("SELECT COUNT(*) FROM cost_ledger l JOIN messages m ON m.id = l.message_id "
                    + "WHERE m.purpose = 'AUTO_REPLY'")).isEqualTo(1);
            assertThat(note).containsAnyOf("free", "quoted");

            // The same webhook again, and a second message five minutes later: nothing more.
            f.postChannel(first);
            f.clock.set(Instant.parse("2026-09-01T22:05:00Z"));
            f.postChannel(TestChannel.messageWebhook("e2", "wamid.in-2", BUSINESS, CUSTOMER, "Hello?",
                    f.clock.instant()));
            f.await("second message stored", () -> f.count("SELECT COUNT(*) FROM messages WHERE direction = 'IN'") == 2);
            f.awaitIdle();
            assertThat(f.channel.sent()).hasSize(1);

            // 09:00 the next morning an agent answers: it goes out as a normal reply.
            String ticket = ticket(f);
            f.clock.set(Instant.parse("2026-09-02T09:00:00Z"));
            f.postCrm(HttpJsonCrm.replyWebhook("r1", ticket, "Good morning, it shipped yesterday.", f.clock.instant()));
            f.await("agent reply sent", () -> f.channel.sent().size() == 2);
            assertThat(text(f.channel.sent().get(1))).isEqualTo("Good morning, it shipped yesterday.");
            f.awaitIdle();
            assertThat(f.notes("AUTO_REPLY_SENT")).hasSize(1);
            assertThat(f.count("SELECT COUNT(*) FROM messages WHERE purpose = 'AUTO_REPLY'")).isEqualTo(1);
        }
    }

    @Test
    void aKeywordRuleAnswersInsideHoursAndNothingElseDoes() {
        try (HostFixture f = HostFixture.in(dir).answering(answering(weekdays(), Optional.empty())).start()) {
            // 10:00 on a Tuesday: open.
            f.postChannel(TestChannel.messageWebhook("e1", "wamid.in-1", BUSINESS, CUSTOMER,
                    "What are your Opening Hours?", f.clock.instant()));
            f.await("keyword answer sent", () -> f.channel.sent().size() == 1);
            assertThat(text(f.channel.sent().get(0))).isEqualTo(HOURS_ANSWER);
            f.await("agents told", () -> f.notes("AUTO_REPLY_SENT").size() == 1);
            assertThat(f.notes("AUTO_REPLY_SENT").get(0).getBodyAsString()).contains("auto-reply (keyword)");
            f.clock.advance(Duration.ofMinutes(1));
            f.postChannel(TestChannel.messageWebhook("e2", "wamid.in-2", BUSINESS, CUSTOMER, "Thanks",
                    f.clock.instant()));
            f.await("second stored", () -> f.count("SELECT COUNT(*) FROM messages WHERE direction = 'IN'") == 2);
            f.awaitIdle();
            assertThat(f.channel.sent()).hasSize(1);
        }
    }

    @Test
    void anAgentsReplyWinsOverAPendingGreeting() throws Exception {
        BusinessHours always = new BusinessHours(ZoneId.of("UTC"), Map.of(DayOfWeek.TUESDAY,
                List.of(new OpeningSpan(0, 1440))), Set.of());
        EngineSettings fast = HostFixture.fastEngine();
        // The greeting's sends fail until the agent's reply is queued: enough attempts to wait for it.
        EngineSettings patient = fast.withRetries(1000, fast.maxAge(),
                new Backoff(Duration.ofMillis(50), Duration.ofMillis(200), 0.2));
        try (HostFixture f = HostFixture.in(dir).engine(patient).answering(answering(always, Optional.of(GREETING)))
                .start()) {
            CountDownLatch agentQueued = new CountDownLatch(1);
            AtomicInteger greetingsAfter = new AtomicInteger();
            AtomicInteger ids = new AtomicInteger();
            f.channel.onSend(r -> {
                // Refused until the agent's reply is queued, and once more after: an attempt that read
                // the outbox before the reply was queued is refused, so the next one reads it after.
                if (text(r).equals(GREETING) && (agentQueued.getCount() > 0 || greetingsAfter.getAndIncrement() == 0)) {
                    throw new RetryableException("provider busy");
                }
                return SendResult.of("out-" + ids.incrementAndGet(), f.clock.instant());
            });
            f.postChannel(TestChannel.messageWebhook("e1", "wamid.in-1", BUSINESS, CUSTOMER, "Hi", f.clock.instant()));
            String ticket = ticket(f);
            f.postCrm(HttpJsonCrm.replyWebhook("r1", ticket, "Hi, Sam here. How can I help?", f.clock.instant()));
            f.await("agent reply queued", () -> f.count("SELECT COUNT(*) FROM messages WHERE purpose = 'REPLY'") == 1);
            agentQueued.countDown();
            f.await("agent reply sent", () -> f.count("SELECT COUNT(*) FROM messages WHERE purpose = 'REPLY' "
                    + "AND provider_message_id IS NOT NULL") == 1);
            f.awaitIdle();
            assertThat(f.channel.sent()).extracting(AutoReplyTest::text).containsExactly("Hi, Sam here. How can I help?");
            String autoOutcome = f.sql(c -> Jdbc.queryOne(c, "SELECT status || ': ' || error FROM messages WHERE "
                    + "purpose = 'AUTO_REPLY'", rs -> rs.getString(1)).orElseThrow());
            assertThat(autoOutcome)
                    .isEqualTo("FAILED: not sent: an agent replied first");
            assertThat(f.count("SELECT COUNT(*) FROM cost_ledger l JOIN messages m ON m.id = l.message_id "
                    + "WHERE m.purpose = 'AUTO_REPLY' AND l.status = 'FAILED'")).isEqualTo(1);
            assertThat(f.notes("AUTO_REPLY_SENT")).isEmpty();
        }
    }

    /**
     * Two hosts in this JVM, each over HTTP on loopback with its own database and CRM stand-in,
     * whose test channels deliver each send as a customer message to the other host: both closed,
     * both with an away message. One away message each, then quiet.
     */
    @Test
    void twoHostsPointedAtEachOtherStayQuietAfterOneMessageEach() {
        String numberA = BUSINESS;
        String numberB = "+15550002222";
        BusinessHours mondaysOnly = new BusinessHours(ZoneId.of("UTC"), Map.of(DayOfWeek.MONDAY,
                List.of(new OpeningSpan(540, 1020))), Set.of());
        try (HostFixture a = HostFixture.in(dir.resolve("a")).answering(answering(mondaysOnly, Optional.of(GREETING)))
                .start();
                HostFixture b = HostFixture.in(dir.resolve("b")).answering(answering(mondaysOnly,
                        Optional.of(GREETING))).start()) {
            Instant night = Instant.parse("2026-09-01T22:00:00Z");
            a.clock.set(night);
            b.clock.set(night);
            deliverTo(a, b, "a");
            deliverTo(b, a, "b");
            a.postChannel(TestChannel.messageWebhook("start", "wamid.start", numberA, numberB, "Hello", night));
            a.await("A answered", () -> a.channel.sent().size() == 1);
            b.await("B answered A's answer", () -> b.channel.sent().size() == 1);
            a.await("A received B's answer", () -> a.count("SELECT COUNT(*) FROM messages WHERE direction = 'IN'") == 2);
            a.awaitIdle();
            b.awaitIdle();
            assertThat(a.channel.sent()).extracting(AutoReplyTest::text).containsExactly(AWAY);
            assertThat(b.channel.sent()).extracting(AutoReplyTest::text).containsExactly(AWAY);
            assertThat(b.count("SELECT COUNT(*) FROM messages WHERE direction = 'IN'")).isEqualTo(1);
        }
    }

    /** Every send of {@code from} arrives at {@code to} as a customer message, the way WhatsApp would carry it. */
    private static void deliverTo(HostFixture from, HostFixture to, String prefix) {
        AtomicInteger ids = new AtomicInteger();
        from.channel.onSend(r -> {
            String id = prefix + "-out-" + ids.incrementAndGet();
            Instant at = from.clock.instant();
            to.postChannel(TestChannel.messageWebhook(id, id, r.to().e164(), r.business().e164(), text(r), at));
            return SendResult.of(id, at);
        });
    }
}
