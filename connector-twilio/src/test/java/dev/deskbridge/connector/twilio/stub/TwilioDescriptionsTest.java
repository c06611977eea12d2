package dev.deskbridge.connector.twilio.stub;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The stub's check has teeth: requests Twilio's descriptions reject fail the test that sent them. */
class TwilioDescriptionsTest {
    private TwilioStub stub;

    @BeforeEach
    void start() {
        stub = new TwilioStub();
        stub.server().stubFor(any(anyUrl()).willReturn(aResponse().withStatus(400)));
    }

    @AfterEach
    void stop() {
        stub.close();
    }

    private void send(String host, String method, String pathAndQuery, String form) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(stub.baseUrl() + pathAndQuery))
                .header("X-Forwarded-Host", host)
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                        (TwilioSamples.ACCOUNT_SID + ":" + TwilioSamples.AUTH_TOKEN).getBytes(StandardCharsets.UTF_8)));
        if (form != null) {
            b.header("Content-Type", "application/x-www-form-urlencoded")
                    .method(method, HttpRequest.BodyPublishers.ofString(form));
        } else {
            b.method(method, HttpRequest.BodyPublishers.noBody());
        }
        HttpClient.newHttpClient().send(b.build(), HttpResponse.BodyHandlers.discarding());
    }

    @Test
    void aMessageWithoutRecipientFailsTheTest() throws Exception {
        send("api.twilio.com", "POST", "/2010-04-01/Accounts/" + TwilioSamples.ACCOUNT_SID + "/Messages.json",
                "From=whatsapp%3A%2B14155238886&Body=hi");

        assertThat(stub.violations()).singleElement().asString().contains("To");
        assertThatThrownBy(stub::assertEveryRequestMatchesTwilioDescriptions).isInstanceOf(AssertionError.class);
    }

    @Test
    void aBadContentSidFailsTheTest() throws Exception {
        send("conversations.twilio.com", "POST", "/v1/Conversations/CH0123456789abcdef0123456789abcdef/Messages",
                "Author=system&ContentSid=welcome_template");

        assertThat(stub.violations()).isNotEmpty().allSatisfy(v -> assertThat(v).contains("ContentSid"));
    }

    @Test
    void anUnknownPathOrHostFailsTheTest() throws Exception {
        send("api.twilio.com", "POST", "/2010-04-01/Accounts/" + TwilioSamples.ACCOUNT_SID + "/WhatsAppMessages.json",
                "To=x");
        send("evil.example.com", "GET", "/v1/Conversations", null);

        assertThat(stub.violations()).hasSize(2);
    }

    @Test
    void aConformingRequestPasses() throws Exception {
        send("api.twilio.com", "POST", "/2010-04-01/Accounts/" + TwilioSamples.ACCOUNT_SID + "/Messages.json",
                "To=whatsapp%3A%2B5511987654321&From=whatsapp%3A%2B14155238886&Body=hi");

        assertThat(stub.violations()).isEmpty();
    }
}
