package dev.deskbridge.host.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.Test;

/** The default TLS context made aside during start-up, as a step of its own. */
class DefaultTlsContextTest {
    @Test
    void theContextIsMadeOnItsOwnThreadAndTimedAsAStep() throws Exception {
        StartupTimeline timeline = StartupTimeline.sinceJvmStart();
        DefaultTlsContext.prepareAside(timeline);
        for (int i = 0; i < 1_000 && timeline.steps().isEmpty(); i++) {
            Thread.sleep(10);
        }
        assertThat(timeline.steps()).singleElement().satisfies(step -> {
            assertThat(step.name()).isEqualTo("tls context");
            assertThat(step.thread()).isEqualTo("deskbridge-tls");
        });
        assertThat(SSLContext.getDefault().getDefaultSSLParameters().getProtocols()).isNotEmpty();
    }
}
