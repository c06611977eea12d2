package dev.deskbridge.connector.zendesk.client;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.deskbridge.connector.testkit.WireMockSupport;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import java.io.IOException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.asynchttpclient.AsyncHandler;
import org.asynchttpclient.AsyncHttpClient;
import org.asynchttpclient.DefaultAsyncHttpClient;
import org.asynchttpclient.DefaultAsyncHttpClientConfig;
import org.asynchttpclient.HttpResponseBodyPart;
import org.asynchttpclient.HttpResponseStatus;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The ceiling on an answer's size, at the HTTP client: the handler behind it (which, in the plugin,
 * keeps what it is given) is given no more than the ceiling, with a Content-Length or without.
 */
class AnswerCeilingTest {
    private static final int CEILING = 1024 * 1024;
    private static final String PATH = "/api/v2/tickets/42/comments.json";

    private final WireMockServer zendesk = WireMockSupport.startLoopback();
    private final AsyncHttpClient http = new DefaultAsyncHttpClient(new DefaultAsyncHttpClientConfig.Builder()
            .setMaxRequestRetry(0).addRequestFilter(new AnswerCeiling(CEILING)).build());

    @AfterEach
    void stop() throws IOException {
        http.close();
        zendesk.stop();
    }

    /** Counts the body bytes it is handed, as the library's handlers would keep them. */
    private static final class Counting implements AsyncHandler<Long> {
        final AtomicLong handed = new AtomicLong();
        final AtomicBoolean hadLength = new AtomicBoolean();

        @Override
        public State onStatusReceived(HttpResponseStatus status) {
            return State.CONTINUE;
        }

        @Override
        public State onHeadersReceived(HttpHeaders headers) {
            hadLength.set(headers.contains(HttpHeaderNames.CONTENT_LENGTH));
            return State.CONTINUE;
        }

        @Override
        public State onBodyPartReceived(HttpResponseBodyPart part) {
            handed.addAndGet(part.length());
            return State.CONTINUE;
        }

        @Override
        public void onThrowable(Throwable t) {
            // the future fails with it
        }

        @Override
        public Long onCompleted() {
            return handed.get();
        }
    }

    private Long fetch(Counting handler) throws Exception {
        try {
            return http.executeRequest(http.prepareGet(WireMockSupport.baseUrl(zendesk) + PATH
                    + "?sort_order=desc&include=users").build(), handler).get();
        } catch (ExecutionException e) {
            throw (Exception) e.getCause();
        }
    }

    @Test
    void aChunkedAnswerOf64MiBIsStoppedAtTheCeilingNotKept() {
        // 64 parts of 1 MiB, 50 ms apart: read whole, it would take 3 s and be kept whole.
        zendesk.stubFor(get(urlPathEqualTo(PATH)).willReturn(aResponse().withStatus(200)
                .withBody(new byte[64 * 1024 * 1024]).withChunkedDribbleDelay(64, 3200)));
        Counting handler = new Counting();

        assertThatThrownBy(() -> fetch(handler)).isInstanceOf(OversizedAnswerException.class)
                .hasMessageContaining("GET " + PATH).hasMessageContaining(String.valueOf(CEILING))
                .hasMessageContaining("no Content-Length").hasMessageNotContaining("sort_order");
        assertThat(handler.hadLength).as("sent chunked").isFalse();
        assertThat(handler.handed.get()).as("bytes handed on").isLessThanOrEqualTo(CEILING);
    }

    @Test
    void aContentLengthOverTheCeilingFailsBeforeAnyOfTheBodyIsRead() {
        // WireMock sends a large body chunked unless told its length.
        zendesk.stubFor(get(urlPathEqualTo(PATH)).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Length", String.valueOf(CEILING + 1)).withBody(new byte[CEILING + 1])));
        Counting handler = new Counting();

        assertThatThrownBy(() -> fetch(handler)).isInstanceOf(OversizedAnswerException.class)
                .hasMessageContaining("GET " + PATH).hasMessageContaining("Content-Length " + (CEILING + 1));
        assertThat(handler.handed.get()).isZero();
    }

    @Test
    void anAnswerOfExactlyTheCeilingIsReadWhole() throws Exception {
        zendesk.stubFor(get(urlPathEqualTo(PATH)).willReturn(aResponse().withStatus(200)
                .withBody(new byte[CEILING]).withChunkedDribbleDelay(4, 40)));

        assertThat(fetch(new Counting())).isEqualTo((long) CEILING);
    }
}
