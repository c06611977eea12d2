package dev.deskbridge.host.channel.whatsapp;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import dev.deskbridge.connector.api.error.AnswerLostException;
import dev.deskbridge.connector.api.error.RetryableException;
import dev.deskbridge.connector.api.model.Attachment;
import dev.deskbridge.connector.api.model.OutboundMessage;
import dev.deskbridge.connector.api.model.PhoneNumber;
import dev.deskbridge.connector.api.model.SendRequest;
import dev.deskbridge.connector.api.template.TemplateDefinition;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Graph API answers are read up to max_response_bytes and no further (probe I N2: a template page of
 * endless small objects ran the host out of heap); media files keep their own limit.
 */
class GraphAnswerCeilingTest extends GraphStubTest {
    /** The smallest ceiling the setting takes. */
    private static final int CEILING = 64 * 1024;
    private static final String WABA = TemplateListTest.WABA;
    private static final String TEMPLATES = TemplateListTest.PATH;
    private static final String HEAD = "{\"data\":[";
    private static final String TAIL = "]}";

    @Override
    String[] settingOverrides() {
        return new String[] {WhatsAppSettings.WABA_ID, WABA,
                WhatsAppSettings.MAX_RESPONSE_BYTES, String.valueOf(CEILING),
                WhatsAppSettings.MAX_MEDIA_BYTES, String.valueOf(4 * CEILING)};
    }

    /** A page of {@code count} small approved templates, as the stand-in of probe I sent them. */
    static String templatePage(int count) {
        StringBuilder sb = new StringBuilder(HEAD);
        for (int i = 0; i < count; i++) {
            sb.append(i == 0 ? "" : ",").append(template(i));
        }
        return sb.append(TAIL).toString();
    }

    private static String template(int i) {
        return "{\"name\":\"t" + i + "\",\"language\":\"en_US\",\"status\":\"APPROVED\",\"category\":\"UTILITY\","
                + "\"id\":\"" + (1000 + i) + "\",\"components\":[{\"type\":\"BODY\",\"text\":\"Hello {{1}}\"}]}";
    }

    /** The largest count of templates whose page stays within {@code bytes}. */
    static int templatesWithin(int bytes) {
        long length = HEAD.length() + TAIL.length();
        int n = 0;
        while (length + (n == 0 ? 0 : 1) + template(n).length() <= bytes) {
            length += (n == 0 ? 0 : 1) + template(n).length();
            n++;
        }
        return n;
    }

    private static ResponseDefinitionBuilder json(String body) {
        return aResponse().withStatus(200).withHeader("Content-Type", "application/json").withBody(body);
    }

    /** WireMock sends a large body chunked unless told its length. */
    private static ResponseDefinitionBuilder withLength(String body) {
        return json(body).withHeader("Content-Length",
                String.valueOf(body.getBytes(StandardCharsets.UTF_8).length));
    }

    private RetryableException listingFails() {
        Throwable thrown = catchThrowable(session::listTemplates);
        assertThat(thrown).isInstanceOf(RetryableException.class);
        assertThat(thrown.getMessage()).contains("GET " + TEMPLATES).contains(String.valueOf(CEILING))
                .contains("max_response_bytes").doesNotContain("limit=").doesNotContain("fields")
                .doesNotContain(MetaStub.ACCESS_TOKEN);
        return (RetryableException) thrown;
    }

    @Test
    void aTemplatePageOverTheCeilingWithItsLengthFailsRetryablyBeforeItIsRead() {
        String page = templatePage(templatesWithin(CEILING) + 1);
        meta.server().stubFor(get(urlPathEqualTo(TEMPLATES)).willReturn(withLength(page)));

        assertThat(listingFails().getMessage()).contains("Content-Length " + page.length());
    }

    @Test
    void aChunkedTemplatePageOverTheCeilingIsStoppedThere() {
        // 4 MiB of small templates in 64 parts over 10 s: read whole, it would be kept whole.
        String page = templatePage(templatesWithin(4 * 1024 * 1024));
        meta.server().stubFor(get(urlPathEqualTo(TEMPLATES))
                .willReturn(json(page).withChunkedDribbleDelay(64, 10_000)));
        long started = System.nanoTime();

        assertThat(listingFails().getMessage()).contains("no Content-Length");
        assertThat(Duration.ofNanos(System.nanoTime() - started)).as("failed long before the whole page came")
                .isLessThan(Duration.ofSeconds(5));
    }

    @Test
    void aTemplatePageJustUnderTheCeilingIsReadWhole() {
        int count = templatesWithin(CEILING);
        assertThat(templatePage(count).length()).isGreaterThan(CEILING - 200);
        meta.server().stubFor(get(urlPathEqualTo(TEMPLATES)).willReturn(withLength(templatePage(count))));

        List<TemplateDefinition> listed = session.listTemplates();

        assertThat(listed).hasSize(count);
    }

    @Test
    void aChunkedTemplatePageJustUnderTheCeilingIsReadWhole() {
        int count = templatesWithin(CEILING);
        meta.server().stubFor(get(urlPathEqualTo(TEMPLATES))
                .willReturn(json(templatePage(count)).withChunkedDribbleDelay(8, 80)));

        assertThat(session.listTemplates()).hasSize(count);
    }

    @Test
    void aSendAnsweredWithAnOversizedBodyIsTakenButItsAnswerLost() {
        String padding = "x".repeat(CEILING);
        meta.server().stubFor(post(urlPathMatching("/" + MetaStub.VERSION + "/[0-9]+/messages"))
                .willReturn(withLength("{\"messaging_product\":\"whatsapp\",\"messages\":[{\"id\":\"wamid.X\"}],"
                        + "\"padding\":\"" + padding + "\"}")));

        Throwable thrown = catchThrowable(() -> session.send(new SendRequest("outbox-1",
                PhoneNumber.of(MetaStub.BUSINESS), PhoneNumber.of("+16505551234"),
                new OutboundMessage.Text("Hi", false), Optional.empty())));

        // A 2xx: Meta took the message, so the outbox must not take this for a refusal and send it again.
        assertThat(thrown).isInstanceOf(AnswerLostException.class)
                .hasMessageContaining("POST " + MetaStub.MESSAGES_PATH)
                .hasMessageContaining(String.valueOf(CEILING)).hasMessageNotContaining(MetaStub.ACCESS_TOKEN);
    }

    @Test
    void aMediaFileOverTheAnswerCeilingKeepsItsOwnLimit() {
        String mediaId = "1003383421387256";
        String cdn = MetaStub.CDN_PREFIX + "whatsapp_business/attachments/";
        byte[] file = new byte[2 * CEILING];
        meta.server().stubFor(get(urlPathEqualTo("/" + MetaStub.VERSION + "/" + mediaId)).willReturn(json(
                "{\"messaging_product\":\"whatsapp\",\"url\":\"" + meta.baseUrl() + cdn + "?mid=" + mediaId
                        + "\",\"mime_type\":\"image/jpeg\",\"sha256\":\"e2d7\",\"file_size\":" + file.length
                        + ",\"id\":\"" + mediaId + "\"}")));
        meta.server().stubFor(get(urlPathMatching(cdn + ".*")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "image/jpeg").withBody(file)));

        Attachment downloaded = session.downloadMedia(mediaId);

        assertThat(downloaded.content()).hasSize(file.length);
    }
}
