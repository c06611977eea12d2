package dev.deskbridge.host.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/** Sessions opened side by side: all of them in order, or none left open and the first failure thrown. */
class SideBySideTest {
    private final List<String> closed = new CopyOnWriteArrayList<>();

    /** A session that says where it was opened and records its closing. */
    private final class Opened implements AutoCloseable {
        final String name;
        final String thread = Thread.currentThread().getName();

        Opened(String name) {
            this.name = name;
        }

        @Override
        public void close() {
            closed.add(name);
        }
    }

    @Test
    void eachOpensOnItsOwnThreadAtTheSameTimeAndComesBackInOrder() {
        // Each waits until both have started: done one after the other, this would never finish.
        CountDownLatch both = new CountDownLatch(2);
        Map<String, Supplier<? extends Opened>> openers = new LinkedHashMap<>();
        openers.put("channel wa", () -> awaitBoth(both, "wa"));
        openers.put("crm zendesk", () -> awaitBoth(both, "zendesk"));

        Map<String, Opened> open = SideBySide.open(openers);

        assertThat(open.keySet()).containsExactly("channel wa", "crm zendesk");
        assertThat(open.get("channel wa").thread).isEqualTo("deskbridge-open channel wa");
        assertThat(open.get("crm zendesk").thread).isEqualTo("deskbridge-open crm zendesk");
        assertThat(closed).isEmpty();
    }

    @Test
    void oneFailingClosesTheOthersAndItsFailureIsThrown() {
        Map<String, Supplier<? extends Opened>> openers = new LinkedHashMap<>();
        openers.put("channel wa", () -> new Opened("wa"));
        openers.put("crm zendesk", () -> {
            throw new IllegalArgumentException("crms[0].config.url: not reachable");
        });
        openers.put("crm twilio", () -> new Opened("twilio"));

        assertThatThrownBy(() -> SideBySide.open(openers)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("crms[0].config.url: not reachable");
        assertThat(closed).containsExactlyInAnyOrder("wa", "twilio");
    }

    @Test
    void theFirstFailureInOrderIsThrownWithTheOthersSuppressed() {
        Map<String, Supplier<? extends Opened>> openers = new LinkedHashMap<>();
        openers.put("channel wa", () -> {
            throw new IllegalStateException("first");
        });
        openers.put("crm zendesk", () -> {
            throw new IllegalStateException("second");
        });

        assertThatThrownBy(() -> SideBySide.open(openers)).hasMessage("first")
                .satisfies(e -> assertThat(e.getSuppressed()).extracting(Throwable::getMessage).containsExactly("second"));
    }

    private Opened awaitBoth(CountDownLatch both, String name) {
        both.countDown();
        try {
            assertThat(both.await(30, TimeUnit.SECONDS)).as("the other opener ran at the same time").isTrue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        return new Opened(name);
    }
}
