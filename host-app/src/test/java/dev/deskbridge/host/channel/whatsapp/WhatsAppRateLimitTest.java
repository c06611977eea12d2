package dev.deskbridge.host.channel.whatsapp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.deskbridge.connector.api.ChannelSession;
import dev.deskbridge.connector.api.error.RetryableException;
import dev.deskbridge.connector.api.error.ThrottledException;
import dev.deskbridge.connector.api.model.OutboundMessage;
import dev.deskbridge.connector.api.model.PhoneNumber;
import dev.deskbridge.connector.api.model.SendRequest;
import dev.deskbridge.connector.api.model.SendResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Bursts over a number's send rate wait for their turn instead of failing. */
class WhatsAppRateLimitTest {
    private MetaStub meta;

    @BeforeEach
    void start() {
        meta = MetaStub.start();
        meta.acceptSends("wamid.RATE");
    }

    @AfterEach
    void stop() {
        try {
            meta.assertEveryRequestMatchesDescription();
        } finally {
            meta.close();
        }
    }

    private static SendRequest request(int i) {
        return new SendRequest("outbox-" + i, PhoneNumber.of(MetaStub.BUSINESS), PhoneNumber.of("+16505551234"),
                new OutboundMessage.Text("message " + i, false), Optional.empty());
    }

    @Test
    void aBurstFromSeveralWorkersQueuesAndAllGoOut() throws Exception {
        ExecutorService workers = Executors.newFixedThreadPool(10);
        try (ChannelSession session = meta.open(meta.context(WhatsAppSettings.MESSAGES_PER_SECOND, "5"))) {
            List<Future<SendResult>> sends = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                int n = i;
                sends.add(workers.submit(() -> session.send(request(n))));
            }
            for (Future<SendResult> f : sends) {
                assertThat(f.get(2, TimeUnit.MINUTES).providerMessageId()).isEqualTo("wamid.RATE");
            }
        } finally {
            workers.shutdownNow();
        }
        assertThat(meta.requests()).hasSize(10);
    }

    @Test
    void aSendThatCannotGetATurnInTimeIsHandedBackAsThrottled() {
        // One send a second and no waiting at all: a quick series cannot all get a turn.
        List<Throwable> refused = new ArrayList<>();
        int sent = 0;
        try (ChannelSession session = meta.open(meta.context(WhatsAppSettings.MESSAGES_PER_SECOND, "1",
                WhatsAppSettings.RATE_LIMIT_MAX_WAIT, "0ms"))) {
            for (int i = 0; i < 10; i++) {
                try {
                    session.send(request(i));
                    sent++;
                } catch (RetryableException e) {
                    refused.add(e);
                }
            }
        }
        assertThat(refused).isNotEmpty().allSatisfy(e -> {
            // Throttled: the host does not count our own limiter's refusal against the send's attempts.
            assertThat(e).isInstanceOf(ThrottledException.class).hasMessageContaining("1 messages/s");
            assertThat(((RetryableException) e).retryAfter()).isPresent();
        });
        assertThat(meta.requests()).as("a refused send never reached Meta").hasSize(sent);
    }

    @Test
    void sessionsOfOneNumberShareItsTurnsAndOtherNumbersHaveTheirOwn() {
        String[] strict = {WhatsAppSettings.MESSAGES_PER_SECOND, "1", WhatsAppSettings.RATE_LIMIT_MAX_WAIT, "0ms"};
        try (ChannelSession first = meta.open(meta.context(strict));
             ChannelSession again = meta.open(meta.context(strict));
             ChannelSession other = meta.open(meta.context(WhatsAppSettings.MESSAGES_PER_SECOND, "1",
                     WhatsAppSettings.RATE_LIMIT_MAX_WAIT, "0ms", WhatsAppSettings.PHONE_NUMBER_ID, "106540352242999",
                     WhatsAppSettings.BUSINESS_NUMBER, "+15550783882"))) {
            // Another number first: it has its own turns, and its send warms the client, so that the send
            // below takes well under the second of its turn: a cold first call slower than that leaves the next
            // turn free by the time the same number's second send asks (the likely cause of a failure now and then).
            assertThat(other.send(new SendRequest("outbox-3", PhoneNumber.of("+15550783882"),
                    PhoneNumber.of("+16505551234"), new OutboundMessage.Text("hi", false), Optional.empty()))
                    .providerMessageId()).as("another number has its own turns").isEqualTo("wamid.RATE");
            assertThat(first.send(request(1)).providerMessageId()).isEqualTo("wamid.RATE");
            assertThat(catchThrowable(() -> again.send(request(2))))
                    .as("the same number's turn is taken").isInstanceOf(RetryableException.class);
        }
    }
}
