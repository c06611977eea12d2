package dev.deskbridge.host.e2e;

import static dev.deskbridge.host.e2e.TwilioApiStub.AUTH_TOKEN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.deskbridge.connector.api.model.PhoneNumber;
import dev.deskbridge.connector.testkit.ManualClock;
import dev.deskbridge.host.plugins.TestJars;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An automatic answer longer than its channel takes in one message stops {@code deskbridge run} at
 * its path, with the built Twilio plugin (1,600 characters a message): the configuration's reading
 * holds it only to WhatsApp's 4,096, and Twilio would refuse it on every customer message it answers.
 */
class AutoAnswerLengthEndToEndTest {
    @TempDir
    Path home;

    private final TwilioApiStub twilio = new TwilioApiStub();

    @AfterEach
    void stop() {
        Received.closeAll(twilio);
    }

    @Test
    void anAnswerLongerThanTheChannelTakesStopsTheStartAtItsPath() {
        twilio.acceptEverything("SM0f9e8d7c6b5a49382716a5b4c3d2e1f0");
        String config = RunningHost.hostSections() + twilio.routeConfig(PhoneNumber.of("+14155238886"),
                "/webhooks/channels/twilio-wa") + """
                    auto_replies:
                      greeting: { text: '%s' }
                      keywords:
                        - { word: hours, reply: { text: '%s' } }
                """.formatted("g".repeat(1601), "k".repeat(1600));

        assertThatThrownBy(() -> RunningHost.start(home, config, Map.of("TWILIO_AUTH_TOKEN", AUTH_TOKEN),
                new ManualClock(Instant.parse("2026-11-02T10:00:00Z")), TestJars.realPlugin("deskbridge-twilio")))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("routes[0].auto_replies.greeting.text")
                .hasMessageContaining("must be at most 1600 characters, what channel 'twilio-wa' takes in one message,"
                        + " got 1601")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("keywords[0]"));
    }
}
