package dev.deskbridge.connector.twilio.rest;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.Fault;
import com.twilio.rest.conversations.v1.Conversation;
import dev.deskbridge.connector.api.error.AnswerLostException;
import dev.deskbridge.connector.api.error.ConfigurationException;
import dev.deskbridge.connector.api.error.PermanentException;
import dev.deskbridge.connector.api.error.RetryableException;
import dev.deskbridge.connector.api.error.ThrottledException;
import dev.deskbridge.connector.twilio.stub.SpecExamples;
import dev.deskbridge.connector.twilio.stub.TwilioStub;
import dev.deskbridge.connector.twilio.stub.TwilioStubExtension;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Failures are classified by what happened (no answer, the HTTP status, then Twilio's code for a
 * 4xx), never by whether the body was Twilio's JSON: a proxy in front of Twilio answers in HTML.
 */
class TwilioFailureClassificationTest {
    private static final String PATH = "/v1/Conversations/support-42";
    private static final String HTML_503 = "<html><head><title>503 Service Temporarily Unavailable</title></head>"
            + "<body><center><h1>503 Service Temporarily Unavailable</h1></center><hr><center>nginx</center></body>"
            + "</html>";

    @RegisterExtension
    final TwilioStubExtension twilio = new TwilioStubExtension();
    private TwilioStub stub;
    private TwilioApi api;

    @BeforeEach
    void start() {
        stub = twilio.stub();
        api = TwilioHttpClientTest.api(twilio, stub.baseUrl(), Clock.systemUTC());
    }

    private void answer(ResponseDefinitionBuilder response) {
        stub.server().stubFor(get(urlPathEqualTo(PATH)).willReturn(response));
    }

    private Throwable read() {
        try {
            api.call("read the Conversation", c -> Conversation.fetcher("support-42").fetch(c));
        } catch (RuntimeException e) {
            return e;
        }
        throw new AssertionError("the read did not fail");
    }

    @Test
    void aProxysHtml503IsRetryableHonouringRetryAfter() {
        answer(aResponse().withStatus(503).withHeader("Content-Type", "text/html").withHeader("Retry-After", "7")
                .withBody(HTML_503));

        assertThat(read()).isInstanceOf(RetryableException.class)
                .hasMessageContaining("HTTP 503").hasMessageNotContaining("<html>")
                .satisfies(e -> assertThat(((RetryableException) e).retryAfter()).contains(Duration.ofSeconds(7)))
                // An answer: no I/O failure among the causes, which the host would take for "Twilio may
                // have the message" (a send kept as handed over, waited on, and repeated as a possible duplicate).
                .satisfies(e -> assertThat(causes(e)).noneMatch(IOException.class::isInstance));
    }

    private static List<Throwable> causes(Throwable e) {
        List<Throwable> out = new ArrayList<>();
        for (Throwable t = e.getCause(); t != null && !out.contains(t); t = t.getCause()) {
            out.add(t);
        }
        return out;
    }

    @Test
    void everyServerErrorIsRetryableWhateverItsBody() {
        for (int status : new int[] {500, 502, 503, 504}) {
            answer(aResponse().withStatus(status).withHeader("Content-Type", "text/html").withBody("<html>bad</html>"));
            assertThat(read()).as("HTML %d", status).isInstanceOf(RetryableException.class);
            answer(aResponse().withStatus(status).withHeader("Content-Type", "text/plain").withBody(""));
            assertThat(read()).as("empty %d", status).isInstanceOf(RetryableException.class);
            answer(aResponse().withStatus(status).withHeader("Content-Type", "application/json")
                    .withBody(SpecExamples.error(20500, "Internal Server Error", status)));
            assertThat(read()).as("JSON %d", status).isInstanceOf(RetryableException.class);
            // A gateway's own JSON: the SDK reads it as an error without a code, of status 0.
            answer(aResponse().withStatus(status).withHeader("Content-Type", "application/json")
                    .withBody("{\"error\": \"upstream unavailable\"}"));
            assertThat(read()).as("a gateway's JSON %d", status).isInstanceOf(RetryableException.class)
                    .hasMessageContaining("HTTP " + status);
        }
        notTwiliosAnswers();
    }

    @Test
    void aGatewaysPageOnAReadLeavesNothingOpen() {
        // Only a send is kept as handed over after a gateway's 502 or 504 (TwilioWhatsAppSendTest): a read
        // is repeated as it is, and a write carrying its event's id is found again when retried.
        for (int status : new int[] {502, 504}) {
            answer(aResponse().withStatus(status).withHeader("Content-Type", "text/html").withBody("<html>bad</html>"));
            assertThat(read()).as("HTML %d", status).isInstanceOf(RetryableException.class)
                    .satisfies(e -> assertThat(causes(e)).noneMatch(IOException.class::isInstance));
        }
        notTwiliosAnswers();
    }

    @Test
    void aProxysHtml429AndTimeoutAreRetryable() {
        answer(aResponse().withStatus(429).withHeader("Content-Type", "text/html").withBody("<html>slow down</html>"));
        assertThat(read()).isInstanceOf(RetryableException.class);
        answer(aResponse().withStatus(408).withHeader("Content-Type", "text/html").withBody("<html>timeout</html>"));
        assertThat(read()).isInstanceOf(RetryableException.class);
    }

    @Test
    void noAnswerAtAllIsRetryable() {
        answer(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER));
        assertThat(read()).isInstanceOf(RetryableException.class).hasMessageContaining("not reachable");
        answer(aResponse().withFault(Fault.EMPTY_RESPONSE));
        assertThat(read()).isInstanceOf(RetryableException.class).hasMessageContaining("not reachable");
        notTwiliosAnswers();
    }

    @Test
    void aFourHundredGoesByTwiliosCode() {
        answer(aResponse().withStatus(400).withHeader("Content-Type", "application/json")
                .withBody(SpecExamples.error(20429, "Too Many Requests", 400)));
        assertThat(read()).as("20429 throttles whatever the status").isInstanceOf(ThrottledException.class);
        answer(aResponse().withStatus(401).withHeader("Content-Type", "application/json")
                .withBody(SpecExamples.error(20003, "Authenticate", 401)));
        assertThat(read()).isInstanceOf(ConfigurationException.class);
        answer(aResponse().withStatus(400).withHeader("Content-Type", "application/json")
                .withBody(SpecExamples.error(50100, "Invalid attributes", 400)));
        assertThat(read()).isInstanceOf(PermanentException.class).hasMessageContaining("50100");
    }

    @Test
    void aProxysHtml4xxIsPermanentNamingTheStatus() {
        answer(aResponse().withStatus(413).withHeader("Content-Type", "text/html").withBody("<html>too large</html>"));
        assertThatThrownBy(this::readOrThrow).isInstanceOf(PermanentException.class).hasMessageContaining("HTTP 413")
                .satisfies(e -> assertThat(((PermanentException) e).code()).contains("413"));
    }

    @Test
    void anUnreadableSuccessIsTakenWithItsAnswerLost() {
        answer(aResponse().withStatus(200).withHeader("Content-Type", "text/html").withBody("<html>hi</html>"));
        assertThat(read()).isExactlyInstanceOf(AnswerLostException.class).isNotInstanceOf(PermanentException.class)
                .hasMessageContaining("Twilio took it (HTTP 200)").hasMessageContaining("unreadable");
        notTwiliosAnswers();
    }


    /** The answers were a broken network's or a proxy's, not Twilio's: the description check skips them. */
    private void notTwiliosAnswers() {
        stub.server().resetRequests();
    }

    private void readOrThrow() {
        throw (RuntimeException) read();
    }
}
