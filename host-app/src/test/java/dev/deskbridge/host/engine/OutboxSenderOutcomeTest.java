package dev.deskbridge.host.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.deskbridge.connector.api.error.AnswerLostException;
import dev.deskbridge.connector.api.error.PermanentException;
import dev.deskbridge.connector.api.error.RetryableException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.Test;

/**
 * Which failed sends may have reached the provider: those keep their "send started" mark (a retry
 * is then told as a possible duplicate, or waits for the provider's status) instead of being taken
 * for a refusal and sent again blindly.
 */
class OutboxSenderOutcomeTest {

    private static RetryableException transport(Throwable cause) {
        return new RetryableException("could not reach Meta to send a message", cause);
    }

    @Test
    void whatNeverReachedTheProviderIsARefusal() {
        assertThat(OutboxSender.outcomeUnknown(transport(new ConnectException("Connection refused")))).isFalse();
        assertThat(OutboxSender.outcomeUnknown(transport(new NoRouteToHostException("No route")))).isFalse();
        assertThat(OutboxSender.outcomeUnknown(transport(new HttpConnectTimeoutException("connect timed out"))))
                .isFalse();
        assertThat(OutboxSender.outcomeUnknown(transport(new UnknownHostException("graph.facebook.com")))).isFalse();
        assertThat(OutboxSender.outcomeUnknown(transport(new SSLHandshakeException("PKIX path")))).isFalse();
        assertThat(OutboxSender.outcomeUnknown(new PermanentException("(#131026) Message undeliverable"))).isFalse();
        assertThat(OutboxSender.outcomeUnknown(new RetryableException("HTTP 503"))).isFalse();
    }

    @Test
    void aFailureOnceConnectedLeavesTheOutcomeOpen() {
        assertThat(OutboxSender.outcomeUnknown(transport(new HttpTimeoutException("request timed out")))).isTrue();
        assertThat(OutboxSender.outcomeUnknown(transport(new SocketException("Connection reset")))).isTrue();
        // A chunked 200 broken before the client read its status (seen with WireMock's MALFORMED_RESPONSE_CHUNK).
        assertThat(OutboxSender.outcomeUnknown(transport(new IOException("Illegal character in chunk size: 108"))))
                .isTrue();
        assertThat(OutboxSender.outcomeUnknown(new AnswerLostException("Meta took the call (HTTP 200)", null)))
                .isTrue();
    }
}
