package dev.deskbridge.connector.twilio.whatsapp;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.deskbridge.connector.api.error.AnswerLostException;
import dev.deskbridge.connector.api.error.ConfigurationException;
import dev.deskbridge.connector.api.error.PermanentException;
import dev.deskbridge.connector.api.error.RetryableException;
import dev.deskbridge.connector.api.error.WindowClosedException;
import dev.deskbridge.connector.api.model.MediaKind;
import dev.deskbridge.connector.api.model.OutboundMessage;
import dev.deskbridge.connector.api.model.PhoneNumber;
import dev.deskbridge.connector.api.model.SendRequest;
import dev.deskbridge.connector.api.model.SendResult;
import dev.deskbridge.connector.api.pricing.Money;
import dev.deskbridge.connector.api.pricing.TemplateCategory;
import dev.deskbridge.connector.twilio.stub.SpecExamples;
import dev.deskbridge.connector.twilio.stub.TwilioSamples;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URLDecoder;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Sending through the Messages API: what is sent, what comes back, and how failures are classified. */
class TwilioWhatsAppSendTest extends ChannelTestBase {
    private static final String MESSAGES = "/2010-04-01/Accounts/" + TwilioSamples.ACCOUNT_SID + "/Messages.json";
    private static final String SID = "SM0123456789abcdef0123456789abcdef";
    private static final PhoneNumber BUSINESS = PhoneNumber.of(TwilioSamples.SENDER);
    private static final PhoneNumber CUSTOMER = PhoneNumber.of(TwilioSamples.CUSTOMER);

    private void acceptMessages() {
        ObjectNode created = SpecExamples.example(SpecExamples.API,
                "/2010-04-01/Accounts/{AccountSid}/Messages.json", "post", "201", "create");
        created.put("sid", SID);
        created.put("account_sid", TwilioSamples.ACCOUNT_SID);
        created.put("from", "whatsapp:" + TwilioSamples.SENDER);
        created.put("to", "whatsapp:" + TwilioSamples.CUSTOMER);
        created.putNull("messaging_service_sid");
        stub.server().stubFor(post(urlPathEqualTo(MESSAGES)).willReturn(aResponse().withStatus(201)
                .withHeader("Content-Type", "application/json").withBody(created.toString())));
    }

    private void refuse(int status, String body, String... headers) {
        var response = aResponse().withStatus(status).withHeader("Content-Type", "application/json").withBody(body);
        for (int i = 0; i < headers.length; i += 2) {
            response = response.withHeader(headers[i], headers[i + 1]);
        }
        stub.server().stubFor(post(urlPathEqualTo(MESSAGES)).willReturn(response));
    }

    private SendResult send(OutboundMessage message) {
        return session.send(new SendRequest("outbox-1", BUSINESS, CUSTOMER, message, Optional.empty()));
    }

    private Map<String, List<String>> sentForm() {
        List<LoggedRequest> requests = stub.server().findAll(postRequestedFor(urlPathEqualTo(MESSAGES)));
        assertThat(requests).hasSize(1);
        Map<String, List<String>> form = new LinkedHashMap<>();
        for (String pair : requests.get(0).getBodyAsString().split("&")) {
            String[] kv = pair.split("=", 2);
            form.computeIfAbsent(URLDecoder.decode(kv[0], StandardCharsets.UTF_8), k -> new ArrayList<>())
                    .add(URLDecoder.decode(kv[1], StandardCharsets.UTF_8));
        }
        return form;
    }

    @Test
    void theSendKeyJoinsAQueryTheCallbackUrlHasAndIsEncoded() {
        assertThat(OutboundRequests.statusCallback("https://h.example/cb?tenant=a#x", "outbox 1&2"))
                .isEqualTo("https://h.example/cb?tenant=a&deskbridge_send=outbox+1%262");
        assertThat(OutboundRequests.statusCallback("https://h.example/cb", "17"))
                .isEqualTo("https://h.example/cb?deskbridge_send=17");
    }

    @Test
    void textGoesFromWhatsAppSenderToWhatsAppCustomerWithStatusCallback() {
        acceptMessages();

        SendResult result = send(new OutboundMessage.Text("Olá Ana, your order shipped.", false));

        assertThat(result.providerMessageId()).isEqualTo(SID);
        assertThat(result.acceptedAt()).isEqualTo(context.clock().instant());
        assertThat(result.channelFee()).contains(Money.of("0.005", "USD"));
        Map<String, List<String>> form = sentForm();
        assertThat(form).containsEntry("From", List.of("whatsapp:" + TwilioSamples.SENDER))
                .containsEntry("To", List.of("whatsapp:" + TwilioSamples.CUSTOMER))
                .containsEntry("Body", List.of("Olá Ana, your order shipped."))
                // The send's key rides in the callback's query, so each status names its send.
                .containsEntry("StatusCallback", List.of(TwilioSamples.CHANNEL_WEBHOOK_URL + "?deskbridge_send=outbox-1"))
                .doesNotContainKeys("ContentSid", "MediaUrl");
        LoggedRequest request = stub.server().findAll(postRequestedFor(urlPathEqualTo(MESSAGES))).get(0);
        assertThat(request.getHeader("Authorization")).startsWith("Basic ");
        assertThat(request.getHeader("X-Forwarded-Host")).isEqualTo("api.twilio.com");
        assertThat(context.metrics().count("messages_sent", "channel", "twilio-whatsapp", "kind", "freeform"))
                .isEqualTo(1);
    }

    @Test
    void mediaGoesByUrlWithItsCaptionAsBody() {
        acceptMessages();

        send(OutboundMessage.Media.byLink(MediaKind.IMAGE, "https://cdn.example.com/receipt.png",
                Optional.of("Your receipt"), Optional.empty()));

        assertThat(sentForm()).containsEntry("MediaUrl", List.of("https://cdn.example.com/receipt.png"))
                .containsEntry("Body", List.of("Your receipt"));
    }

    @Test
    void templateGoesAsContentSidWithNumberedVariables() {
        acceptMessages();

        send(OutboundMessage.Template.of("HXb5b62575e6e4ff6129ad7c8efe1f983e", "pt_BR", TemplateCategory.UTILITY,
                List.of("Ana", "12 \"3\" 4")));

        Map<String, List<String>> form = sentForm();
        assertThat(form).containsEntry("ContentSid", List.of("HXb5b62575e6e4ff6129ad7c8efe1f983e"))
                .doesNotContainKey("Body");
        assertThat(form.get("ContentVariables")).hasSize(1);
        assertThat(readJson(form.get("ContentVariables").get(0)))
                .isEqualTo(Map.of("1", "Ana", "2", "12 \"3\" 4"));
    }

    @Test
    void templateWithoutParametersSendsNoVariables() {
        acceptMessages();

        send(OutboundMessage.Template.of("HXb5b62575e6e4ff6129ad7c8efe1f983e", "en", TemplateCategory.MARKETING,
                List.of()));

        assertThat(sentForm()).doesNotContainKey("ContentVariables");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, String> readJson(String json) {
        try {
            return new ObjectMapper().readValue(json, Map.class);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void whatTwilioCannotCarryIsRefusedBeforeAnyCall() {
        assertThatThrownBy(() -> send(OutboundMessage.Template.of("order_update", "en", TemplateCategory.UTILITY,
                List.of()))).isInstanceOf(PermanentException.class).hasMessageContaining("order_update")
                .hasMessageContaining("Content SID");
        assertThatThrownBy(() -> send(OutboundMessage.Media.byId(MediaKind.IMAGE, "1234567890", Optional.empty(),
                Optional.empty()))).isInstanceOf(PermanentException.class).hasMessageContaining("public URL");
        assertThatThrownBy(() -> session.send(new SendRequest("outbox-2", PhoneNumber.of("+14155550000"), CUSTOMER,
                new OutboundMessage.Text("hi", false), Optional.empty())))
                .isInstanceOf(PermanentException.class).hasMessageContaining("+14155550000");
        assertThat(stub.server().getAllServeEvents()).isEmpty();
    }

    @Test
    void outsideTheWindowIsWindowClosed() {
        refuse(400, SpecExamples.error(63016, "Failed to send freeform message because you are outside the allowed"
                + " window. If you are using WhatsApp, please use a Message Template.", 400));

        assertThatThrownBy(() -> send(new OutboundMessage.Text("late", false)))
                .isInstanceOf(WindowClosedException.class)
                .satisfies(e -> assertThat(((WindowClosedException) e).code()).contains("63016"));
    }

    @ParameterizedTest(name = "Twilio {0} / HTTP {1} is retryable")
    @CsvSource({"20429, 429, Too Many Requests", "63018, 429, Rate limit exceeded for Channel",
        "20500, 500, Internal Server Error", "20503, 503, Service unavailable"})
    void throttlingAndServerErrorsAreRetryableHonouringRetryAfter(int code, int status, String message) {
        refuse(status, SpecExamples.error(code, message, status), "Retry-After", "7");

        assertThatThrownBy(() -> send(new OutboundMessage.Text("hi", false)))
                .isInstanceOf(RetryableException.class)
                .satisfies(e -> assertThat(((RetryableException) e).retryAfter()).contains(Duration.ofSeconds(7)));
        assertThat(stub.server().getAllServeEvents()).as("one attempt: the host owns retries").hasSize(1);
    }

    @Test
    void throttlingWithoutRetryAfterLeavesTheWaitToTheHost() {
        refuse(429, SpecExamples.error(20429, "Too Many Requests", 429));

        assertThatThrownBy(() -> send(new OutboundMessage.Text("hi", false)))
                .isInstanceOf(RetryableException.class)
                .satisfies(e -> assertThat(((RetryableException) e).retryAfter()).isEmpty());
    }

    @ParameterizedTest(name = "Twilio {0} is a permanent failure with the reason")
    @CsvSource(delimiter = '|', value = {
        "21211|The 'To' number whatsapp:+5511987654321 is not a valid phone number.",
        "21614|'To' number is not a valid mobile number",
        "63003|Channel could not find To address"})
    void invalidNumbersArePermanentWithTheReason(int code, String message) {
        refuse(400, SpecExamples.error(code, message, 400));

        assertThatThrownBy(() -> send(new OutboundMessage.Text("hi", false)))
                .isExactlyInstanceOf(PermanentException.class)
                .hasMessageContaining("invalid recipient")
                .hasMessageContaining(message)
                .satisfies(e -> assertThat(((PermanentException) e).code()).contains(String.valueOf(code)));
    }

    @Test
    void refusedAuthTokenIsAConfigurationErrorNamingTheSetting() {
        refuse(401, SpecExamples.error(20003, "Authenticate", 401));

        assertThatThrownBy(() -> send(new OutboundMessage.Text("hi", false)))
                .isInstanceOf(ConfigurationException.class)
                .satisfies(e -> assertThat(((ConfigurationException) e).setting()).contains("auth_token"))
                .hasMessageNotContaining(TwilioSamples.AUTH_TOKEN);
    }

    @Test
    void aKeyWithoutPermissionIsAConfigurationErrorToo() {
        refuse(403, SpecExamples.error(20403, "Forbidden", 403));

        assertThatThrownBy(() -> send(new OutboundMessage.Text("hi", false)))
                .isInstanceOf(ConfigurationException.class)
                .satisfies(e -> assertThat(((ConfigurationException) e).setting()).contains("auth_token"));
    }

    @Test
    void refusedApiKeyIsAConfigurationErrorNamingTheKeySetting() {
        reopenWith("api_key_sid", TwilioSamples.API_KEY_SID, "api_key_secret", TwilioSamples.API_KEY_SECRET);
        refuse(401, SpecExamples.error(20003, "Authenticate", 401));

        assertThatThrownBy(() -> send(new OutboundMessage.Text("hi", false)))
                .isInstanceOf(ConfigurationException.class)
                .satisfies(e -> assertThat(((ConfigurationException) e).setting()).contains("api_key_secret"))
                .hasMessageNotContaining(TwilioSamples.API_KEY_SECRET);
        String basic = stub.server().getAllServeEvents().get(0).getRequest().getHeader("Authorization");
        assertThat(new String(java.util.Base64.getDecoder().decode(basic.substring(6)), StandardCharsets.UTF_8))
                .startsWith(TwilioSamples.API_KEY_SID + ":");
    }

    @Test
    void refusedSenderIsAConfigurationErrorNamingTheSenderSetting() {
        refuse(400, SpecExamples.error(63007, "Twilio could not find a Channel with the specified From address", 400));

        assertThatThrownBy(() -> send(new OutboundMessage.Text("hi", false)))
                .isInstanceOf(ConfigurationException.class)
                .satisfies(e -> assertThat(((ConfigurationException) e).setting()).contains("sender"));
    }

    @Test
    void otherRefusalsArePermanentWithTwiliosWords() {
        refuse(400, SpecExamples.error(21617, "The concatenated message body exceeds the 1600 character limit", 400));

        assertThatThrownBy(() -> send(new OutboundMessage.Text("x".repeat(1700), false)))
                .isExactlyInstanceOf(PermanentException.class)
                .hasMessageContaining("21617").hasMessageContaining("1600 character limit");
    }

    @Test
    void unreachableTwilioIsRetryable() {
        stub.server().stop();
        open(TwilioSamples.channelSettings(TwilioSamples.UNUSED_LOOPBACK));

        assertThatThrownBy(() -> send(new OutboundMessage.Text("hi", false)))
                .isInstanceOf(RetryableException.class);
        stub.server().start();
    }

    @ParameterizedTest(name = "a gateway's HTML {0} leaves the send's outcome open")
    @CsvSource({"502, 502 Bad Gateway", "504, 504 Gateway Time-out"})
    void aGatewaysPageOfBadGatewayOrTimeoutLeavesOpenWhetherTwilioTookTheSend(int status, String title) {
        // The gateway in front of Twilio may have handed the request on before it gave up: Twilio may
        // have made the message. A plain retry would send it twice.
        stub.server().stubFor(post(urlPathEqualTo(MESSAGES)).willReturn(aResponse().withStatus(status)
                .withHeader("Content-Type", "text/html").withHeader("Retry-After", "3")
                .withBody("<html><head><title>" + title + "</title></head><body><h1>" + title
                        + "</h1></body></html>")));

        assertThatThrownBy(() -> send(new OutboundMessage.Text("hi", false)))
                .isInstanceOf(RetryableException.class)
                .hasMessageContaining("HTTP " + status).hasMessageNotContaining("<html>")
                .satisfies(e -> assertThat(((RetryableException) e).retryAfter()).contains(Duration.ofSeconds(3)))
                // What the host reads as "the provider may have it": it keeps the send as handed over and
                // waits for a status naming it before it would send again.
                .satisfies(e -> assertThat(outcomeLeftOpen(e)).as("outcome left open").isTrue());
        notTwiliosAnswers();

        stub.server().stubFor(post(urlPathEqualTo(MESSAGES)).willReturn(aResponse().withStatus(status)));
        assertThatThrownBy(() -> send(new OutboundMessage.Text("hi", false))).as("an empty %d", status)
                .isInstanceOf(RetryableException.class)
                .satisfies(e -> assertThat(outcomeLeftOpen(e)).as("outcome left open").isTrue());
        stub.server().stubFor(post(urlPathEqualTo(MESSAGES)).willReturn(aResponse().withStatus(status)
                .withHeader("Content-Type", "application/json").withBody("{\"error\": \"upstream timed out\"}")));
        assertThatThrownBy(() -> send(new OutboundMessage.Text("hi", false))).as("a gateway's JSON %d", status)
                .isInstanceOf(RetryableException.class)
                .satisfies(e -> assertThat(outcomeLeftOpen(e)).as("outcome left open").isTrue());
        notTwiliosAnswers();
    }

    @Test
    void twiliosOwnErrorsAndOtherProxyPagesAreRefusalsOfTheSend() {
        // Twilio's JSON error says Twilio itself answered, and did not make the message.
        refuse(502, SpecExamples.error(20500, "Internal Server Error", 502));
        assertThatThrownBy(() -> send(new OutboundMessage.Text("hi", false))).as("Twilio's 502")
                .isInstanceOf(RetryableException.class)
                .satisfies(e -> assertThat(outcomeLeftOpen(e)).as("outcome left open").isFalse());
        // A proxy's 503 (overloaded, in maintenance) did not pass the request on.
        stub.server().stubFor(post(urlPathEqualTo(MESSAGES)).willReturn(aResponse().withStatus(503)
                .withHeader("Content-Type", "text/html").withBody("<html><h1>503 Service Unavailable</h1></html>")));
        assertThatThrownBy(() -> send(new OutboundMessage.Text("hi", false))).as("a proxy's 503")
                .isInstanceOf(RetryableException.class)
                .satisfies(e -> assertThat(outcomeLeftOpen(e)).as("outcome left open").isFalse());
        notTwiliosAnswers();
    }

    @Test
    void aConnectionBrokenAfterTheSendWentOutLeavesOpenWhetherTwilioTookIt() {
        for (Fault fault : new Fault[] {Fault.EMPTY_RESPONSE, Fault.CONNECTION_RESET_BY_PEER}) {
            stub.server().stubFor(post(urlPathEqualTo(MESSAGES)).willReturn(aResponse().withFault(fault)));
            assertThatThrownBy(() -> send(new OutboundMessage.Text("hi", false))).as("%s", fault)
                    .isInstanceOf(RetryableException.class)
                    .satisfies(e -> assertThat(outcomeLeftOpen(e)).as("outcome left open").isTrue());
        }
        notTwiliosAnswers();
    }

    /**
     * The host's reading of a send's failure (OutboxSender.outcomeUnknown): an I/O failure among the
     * causes, unless the connection was never made.
     */
    private static boolean outcomeLeftOpen(Throwable failure) {
        boolean io = false;
        for (Throwable t = failure; t != null && t.getCause() != t; t = t.getCause()) {
            if (t instanceof ConnectException || t instanceof UnknownHostException) {
                return false;
            }
            io |= t instanceof AnswerLostException || t instanceof IOException;
        }
        return io;
    }

    /** The answers were a gateway's or a broken network's, not Twilio's: the description check skips them. */
    private void notTwiliosAnswers() {
        stub.server().resetRequests();
    }

    @Test
    void feeIsASettingAndReportedForBothDirections() {
        reopenWith("fee_per_message", "0.0042", "fee_currency", "EUR");
        acceptMessages();

        assertThat(session.channelFeePerMessage()).contains(Money.of("0.0042", "EUR"));
        assertThat(send(new OutboundMessage.Text("hi", false)).channelFee()).contains(Money.of("0.0042", "EUR"));
    }

    @Test
    void aTextIsAtMostWhatTwiliosMessagesApiTakesInOneBody() throws IOException {
        // Twilio's own description of the Body parameter of POST .../Messages.json, WhatsApp's included.
        String description = new ObjectMapper().readTree(dev.deskbridge.connector.twilio.stub.TwilioDescriptions.read(
                "/specs/twilio/twilio_api_v2010.json")).findValues("Body").stream()
                .map(b -> b.path("description").asText("")).filter(d -> d.startsWith("The text content of the outgoing"))
                .findFirst().orElseThrow();
        assertThat(description).contains("up to 1,600 characters");
        // Before: WhatsApp's 4,096, which Twilio refuses (21617) past 1,600.
        assertThat(session.maxTextLength()).isEqualTo(1600);
    }
}
