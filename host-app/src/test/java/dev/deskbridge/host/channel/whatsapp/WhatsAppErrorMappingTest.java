package dev.deskbridge.host.channel.whatsapp;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.Fault;
import dev.deskbridge.connector.api.ChannelSession;
import dev.deskbridge.connector.api.error.AnswerLostException;
import dev.deskbridge.connector.api.error.ConfigurationException;
import dev.deskbridge.connector.api.error.PermanentException;
import dev.deskbridge.connector.api.error.RetryAfter;
import dev.deskbridge.connector.api.error.RetryableException;
import dev.deskbridge.connector.api.error.ThrottledException;
import dev.deskbridge.connector.api.error.WindowClosedException;
import dev.deskbridge.connector.api.model.OutboundMessage;
import dev.deskbridge.connector.api.model.PhoneNumber;
import dev.deskbridge.connector.api.model.SendRequest;
import dev.deskbridge.connector.testkit.FakeConnectorContext;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Each of Meta's error answers becomes the SPI class the host's error policy expects. */
class WhatsAppErrorMappingTest extends GraphStubTest {

    private void answer(ResponseDefinitionBuilder response) {
        meta.server().stubFor(post(urlPathEqualTo(MetaStub.MESSAGES_PATH)).willReturn(response));
    }

    private static ResponseDefinitionBuilder metaError(int status, int code, String message, String details) {
        return aResponse().withStatus(status).withHeader("Content-Type", "application/json")
                .withBody(MetaStub.errorBody(code, message, details));
    }

    private Throwable sendText() {
        return catchThrowable(() -> session.send(new SendRequest("outbox-7", PhoneNumber.of(MetaStub.BUSINESS),
                PhoneNumber.of("+16505551234"), new OutboundMessage.Text("Hello again", false), Optional.empty())));
    }

    @Test
    void windowClosed131047() {
        answer(metaError(400, 131047, "Re-engagement message", "Message failed to send because more than 24 hours "
                + "have passed since the customer last replied to this number."));

        Throwable e = sendText();

        assertThat(e).isInstanceOf(WindowClosedException.class).hasMessageContaining("24 hours");
        assertThat(((WindowClosedException) e).code()).contains("131047");
        assertThat(context.metrics().count("whatsapp_send_failures", "kind", "text", "error",
                "WindowClosedException")).isEqualTo(1);
    }

    @Test
    void throughput130429IsRetryableHonouringRetryAfterSeconds() {
        answer(metaError(400, 130429, "Rate limit hit", "Cloud API message throughput has been reached.")
                .withHeader("Retry-After", "7"));

        Throwable e = sendText();

        assertThat(e).isInstanceOf(ThrottledException.class).hasMessageContaining("130429");
        assertThat(((RetryableException) e).retryAfter()).contains(Duration.ofSeconds(7));
    }

    @Test
    void pairRate131056IsRetryableHonouringRetryAfterDate() {
        // The context's clock stands at 2026-10-05T08:00:00Z.
        answer(metaError(400, 131056, "(Business Account, Consumer Account) pair rate limit hit",
                "Too many messages sent from this phone number to the same phone number in a short period.")
                .withHeader("Retry-After", "Mon, 05 Oct 2026 08:00:30 GMT"));

        Throwable e = sendText();

        assertThat(e).isInstanceOf(ThrottledException.class).hasMessageContaining("131056");
        assertThat(((RetryableException) e).retryAfter()).contains(Duration.ofSeconds(30));
    }

    @Test
    void aRetryAfterOfADayWaitsTheCeilingNotTheDay() {
        // Honoured as asked, a day would carry every throttled send past its maximum age into the dead letters.
        answer(metaError(429, 130429, "Rate limit hit", "Throughput reached.").withHeader("Retry-After", "86400"));

        assertThat(((RetryableException) sendText()).retryAfter()).contains(RetryAfter.CEILING);
    }

    @Test
    void throttlingWithoutRetryAfterLeavesTheDelayToTheHost() {
        answer(metaError(400, 130429, "Rate limit hit", "Throughput reached."));

        assertThat(((RetryableException) sendText()).retryAfter()).isEmpty();
    }

    @Test
    void serverErrorsAreRetryable() {
        answer(metaError(500, 131000, "Something went wrong", "Unknown error").withHeader("Retry-After", "3"));
        Throwable withCode = sendText();
        assertThat(withCode).isInstanceOf(RetryableException.class).hasMessageContaining("131000");
        assertThat(((RetryableException) withCode).retryAfter()).contains(Duration.ofSeconds(3));

        answer(aResponse().withStatus(503).withHeader("Content-Type", "text/html").withBody("<h1>Service Unavailable</h1>"));
        assertThat(sendText()).isInstanceOf(RetryableException.class).hasMessageContaining("503");

        answer(aResponse().withStatus(502));
        assertThat(sendText()).isInstanceOf(RetryableException.class).hasMessageContaining("502");
    }

    @Test
    void aServerErrorIsRetryableWhateverCodeItNamesAndHonoursRetryAfterInHtmlToo() {
        answer(metaError(503, 131026, "Message Undeliverable", "Receiver is incapable of receiving this message"));
        assertThat(sendText()).as("a 5xx is Meta's failure, not the message's").isInstanceOf(RetryableException.class)
                .hasMessageContaining("131026");

        answer(aResponse().withStatus(503).withHeader("Content-Type", "text/html").withHeader("Retry-After", "9")
                .withBody("<html><body>503 Service Temporarily Unavailable</body></html>"));
        Throwable html = sendText();
        assertThat(html).isInstanceOf(RetryableException.class);
        assertThat(((RetryableException) html).retryAfter()).contains(Duration.ofSeconds(9));
    }

    @Test
    void undeliverable131026IsPermanentWithTheReason() {
        answer(metaError(400, 131026, "Message Undeliverable", "Receiver is incapable of receiving this message"));

        Throwable e = sendText();

        assertThat(e).isExactlyInstanceOf(PermanentException.class)
                .hasMessageContaining("Message Undeliverable")
                .hasMessageContaining("Receiver is incapable of receiving this message");
        assertThat(((PermanentException) e).code()).contains("131026");
    }

    @Test
    void unsupportedType131051IsPermanentWithTheReason() {
        answer(metaError(400, 131051, "Unsupported message type", "Message type is not currently supported."));

        Throwable e = sendText();

        assertThat(e).isExactlyInstanceOf(PermanentException.class)
                .hasMessageContaining("Unsupported message type")
                .hasMessageContaining("not currently supported");
        assertThat(((PermanentException) e).code()).contains("131051");
    }

    @Test
    void expiredToken190NamesTheSettingAndNeverTheToken() {
        // A body echoing the token (a proxy might) must not carry it into the message.
        answer(aResponse().withStatus(401).withHeader("Content-Type", "application/json").withBody(
                "{\"error\":{\"message\":\"Error validating access token: Session has expired. Token "
                        + MetaStub.ACCESS_TOKEN + "\",\"type\":\"OAuthException\",\"code\":190,"
                        + "\"error_subcode\":463,\"fbtrace_id\":\"AXsgnV2Cm3ZMGF3dF_cfYIn\"}}"));

        Throwable e = sendText();

        assertThat(e).isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("access_token")
                .hasMessageContaining("Session has expired")
                .hasMessageNotContaining(MetaStub.ACCESS_TOKEN);
        ConfigurationException c = (ConfigurationException) e;
        assertThat(c.setting()).contains("access_token");
        assertThat(c.code()).contains("190");
        assertThat(String.valueOf(c)).doesNotContain(MetaStub.ACCESS_TOKEN);
    }

    @Test
    void unknownCodeIsPermanentKeepingCodeAndMessage() {
        answer(metaError(400, 132000, "Number of parameters does not match the expected number of params",
                "body: number of localizable_params (1) does not match the expected number of params (2)"));

        Throwable e = sendText();

        assertThat(e).isExactlyInstanceOf(PermanentException.class)
                .hasMessageContaining("132000")
                .hasMessageContaining("Number of parameters does not match")
                .hasMessageContaining("localizable_params (1)");
        assertThat(((PermanentException) e).code()).contains("132000");
    }

    @Test
    void clientErrorWithoutJsonIsPermanentWithTheStatus() {
        answer(aResponse().withStatus(404).withBody("Not Found"));

        Throwable e = sendText();

        assertThat(e).isExactlyInstanceOf(PermanentException.class).hasMessageContaining("404");
    }

    @Test
    void aSuccessCutOffMidBodyIsTakenWithItsAnswerLostNotAPermanentFailure() {
        // Meta answered 200 and the body ends before the message id: Meta has the message.
        answer(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                .withBody("{\"messaging_product\":\"whatsapp\",\"messages\":[{\"id\":\"wamid."));

        Throwable e = sendText();

        assertThat(e).isExactlyInstanceOf(AnswerLostException.class).isInstanceOf(RetryableException.class)
                .isNotInstanceOf(PermanentException.class)
                .hasMessageContaining("Meta took the call to send a message (HTTP 200)")
                .hasMessageContaining("could not be read").hasMessageNotContaining(MetaStub.ACCESS_TOKEN);
        // How long to wait for Meta's status is the host's to decide (OutboxSender, LostAnswers.WAIT).
        assertThat(((RetryableException) e).retryAfter()).isEmpty();
        assertThat(context.metrics().count("whatsapp_send_failures", "kind", "text", "error",
                "AnswerLostException")).isEqualTo(1);
    }

    @Test
    void a201WithMalformedJsonIsTakenWithItsAnswerLost() {
        answer(aResponse().withStatus(201).withHeader("Content-Type", "application/json")
                .withBody("{\"messaging_product\":\"whatsapp\",\"messages\":[{\"id\":\"wamid.A"));

        Throwable e = sendText();

        assertThat(e).isExactlyInstanceOf(AnswerLostException.class).hasMessageContaining("HTTP 201");
    }

    @Test
    void markReadCutOffMidBodyIsRetryable() {
        // Marking read again is harmless: a plain retry, with the same class as a send's.
        meta.server().stubFor(post(urlPathEqualTo(MetaStub.MESSAGES_PATH))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                        .withBody("{\"success\":")));

        Throwable e = catchThrowable(() -> session.markRead(PhoneNumber.of(MetaStub.BUSINESS), "wamid.CUSTOMER-3"));

        assertThat(e).isExactlyInstanceOf(AnswerLostException.class).hasMessageContaining("mark a message read");
    }

    @Test
    void aSuccessBrokenMidChunkIsRetryableNeverPermanent() {
        // A 200 whose chunked body breaks: depending on when the client meets the break, the status was read
        // (AnswerLostException) or not (a transport failure). Either way Meta may have the message: retryable,
        // and never a refusal (the outbox treats both as an unknown outcome, OutboxSenderOutcomeTest).
        answer(aResponse().withFault(Fault.MALFORMED_RESPONSE_CHUNK));

        Throwable e = sendText();

        assertThat(e).isInstanceOf(RetryableException.class).isNotInstanceOf(PermanentException.class)
                .hasMessageNotContaining(MetaStub.ACCESS_TOKEN);
    }

    @Test
    void aClientErrorCutOffMidBodyStaysPermanent() {
        answer(aResponse().withStatus(400).withHeader("Content-Type", "application/json")
                .withBody("{\"error\":{\"message\":\"Invalid par"));

        Throwable e = sendText();

        assertThat(e).isExactlyInstanceOf(PermanentException.class).hasMessageContaining("400");
    }

    @Test
    void slowAnswerIsARetryableTimeout() {
        FakeConnectorContext impatient = meta.context(WhatsAppSettings.READ_TIMEOUT, "300ms");
        meta.acceptSends("wamid.late");
        meta.server().stubFor(post(urlPathEqualTo(MetaStub.MESSAGES_PATH)).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody("{\"messages\":[{\"id\":\"wamid.late\"}]}")
                .withFixedDelay(3_000)));

        try (ChannelSession s = meta.open(impatient)) {
            Throwable e = catchThrowable(() -> s.send(new SendRequest("outbox-8", PhoneNumber.of(MetaStub.BUSINESS),
                    PhoneNumber.of("+16505551234"), new OutboundMessage.Text("hi", false), Optional.empty())));

            assertThat(e).isInstanceOf(RetryableException.class).hasMessageContaining("could not reach Meta")
                    .hasMessageNotContaining(MetaStub.ACCESS_TOKEN);
        }
    }

    @Test
    void unreachableHostIsRetryable() throws Exception {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            closedPort = s.getLocalPort();
        }
        FakeConnectorContext nowhere = meta.context(WhatsAppSettings.BASE_URL, "http://127.0.0.1:" + closedPort);
        try (ChannelSession s = meta.open(nowhere)) {
            Throwable e = catchThrowable(() -> s.send(new SendRequest("outbox-9", PhoneNumber.of(MetaStub.BUSINESS),
                    PhoneNumber.of("+16505551234"), new OutboundMessage.Text("hi", false), Optional.empty())));

            assertThat(e).isInstanceOf(RetryableException.class).hasMessageContaining("could not reach Meta");
        }
    }
}
