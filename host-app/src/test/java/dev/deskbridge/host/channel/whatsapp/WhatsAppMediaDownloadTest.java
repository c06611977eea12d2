package dev.deskbridge.host.channel.whatsapp;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import dev.deskbridge.connector.api.error.ConfigurationException;
import dev.deskbridge.connector.api.error.MediaTooLargeException;
import dev.deskbridge.connector.api.error.PermanentException;
import dev.deskbridge.connector.api.error.RetryableException;
import dev.deskbridge.connector.api.model.Attachment;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** Inbound media: id to URL to bytes, with the token, within the size limit. */
class WhatsAppMediaDownloadTest extends GraphStubTest {
    private static final String MEDIA_ID = "1003383421387256";
    private static final String CDN_PATH = MetaStub.CDN_PREFIX + "whatsapp_business/attachments/";
    private static final int LIMIT = 1000;

    @Override
    String[] settingOverrides() {
        return new String[] {WhatsAppSettings.MAX_MEDIA_BYTES, String.valueOf(LIMIT)};
    }

    /** Meta's "Retrieve Media URL" answer, pointing into the stub's CDN. */
    private void mediaInfo(String mime, String fileSize, String url) {
        meta.server().stubFor(get(urlPathEqualTo("/" + MetaStub.VERSION + "/" + MEDIA_ID)).willReturn(aResponse()
                .withStatus(200).withHeader("Content-Type", "application/json")
                .withBody("{\"messaging_product\":\"whatsapp\",\"url\":\"" + url + "\",\"mime_type\":\"" + mime + "\","
                        + "\"sha256\":\"e2d7d1ecb1c4a3d6f3e1b5b4e0c7b6a3\",\"file_size\":" + fileSize
                        + ",\"id\":\"" + MEDIA_ID + "\"}")));
    }

    private String cdnUrl() {
        return meta.baseUrl() + CDN_PATH + "?mid=" + MEDIA_ID + "&ext=1744344496&hash=ATtUr9";
    }

    private void cdn(ResponseDefinitionBuilder response) {
        meta.server().stubFor(get(urlPathMatching(CDN_PATH + ".*")).willReturn(response));
    }

    private static byte[] bytes(int n) {
        byte[] b = new byte[n];
        Arrays.fill(b, (byte) 7);
        return b;
    }

    @Test
    void downloadsTheBytesWithTheToken() {
        byte[] jpeg = bytes(LIMIT);
        mediaInfo("image/jpeg", String.valueOf(LIMIT), cdnUrl());
        cdn(aResponse().withStatus(200).withHeader("Content-Type", "image/jpeg").withBody(jpeg));

        Attachment a = session.downloadMedia(MEDIA_ID);

        assertThat(a.content()).isEqualTo(jpeg);
        assertThat(a.mimeType()).isEqualTo("image/jpeg");
        assertThat(a.filename()).isEqualTo(MEDIA_ID + ".jpg");
        meta.server().verify(getRequestedFor(urlPathEqualTo("/" + MetaStub.VERSION + "/" + MEDIA_ID))
                .withQueryParam("phone_number_id", equalTo(MetaStub.PHONE_NUMBER_ID))
                .withHeader("Authorization", equalTo("Bearer " + MetaStub.ACCESS_TOKEN)));
        meta.server().verify(getRequestedFor(urlPathEqualTo(CDN_PATH))
                .withQueryParam("mid", equalTo(MEDIA_ID))
                .withHeader("Authorization", equalTo("Bearer " + MetaStub.ACCESS_TOKEN)));
    }

    @Test
    void announcedSizeOverTheLimitIsRefusedBeforeDownloading() {
        mediaInfo("video/mp4", String.valueOf(LIMIT + 1), cdnUrl());

        Throwable e = catchThrowable(() -> session.downloadMedia(MEDIA_ID));

        assertThat(e).isExactlyInstanceOf(MediaTooLargeException.class)
                .hasMessageContaining(String.valueOf(LIMIT + 1)).hasMessageContaining("max_media_bytes");
        assertThat(((MediaTooLargeException) e).limitBytes()).isEqualTo(LIMIT);
        assertThat(meta.requests()).noneMatch(r -> r.getUrl().startsWith(MetaStub.CDN_PREFIX));
    }

    @Test
    void contentLengthOverTheLimitIsRefused() {
        mediaInfo("application/pdf", "10", cdnUrl());
        cdn(aResponse().withStatus(200).withHeader("Content-Type", "application/pdf")
                .withHeader("Content-Length", String.valueOf(LIMIT * 20)).withBody(bytes(LIMIT * 20)));

        assertThat(catchThrowable(() -> session.downloadMedia(MEDIA_ID)))
                .isExactlyInstanceOf(MediaTooLargeException.class).hasMessageContaining(String.valueOf(LIMIT * 20));
    }

    @Test
    void streamOverTheLimitIsRefusedWithoutContentLength() {
        // Announced small, sent chunked (no Content-Length), and larger than the limit.
        mediaInfo("audio/ogg", "10", cdnUrl());
        cdn(aResponse().withStatus(200).withHeader("Content-Type", "audio/ogg").withBody(bytes(LIMIT * 3))
                .withChunkedDribbleDelay(4, 40));

        assertThat(catchThrowable(() -> session.downloadMedia(MEDIA_ID)))
                .isExactlyInstanceOf(MediaTooLargeException.class).hasMessageContaining("more than " + LIMIT + " bytes");
    }

    @Test
    void unknownMediaIsPermanentAndAnExpiredTokenNamesTheSetting() {
        meta.server().stubFor(get(urlPathEqualTo("/" + MetaStub.VERSION + "/" + MEDIA_ID)).willReturn(aResponse()
                .withStatus(400).withHeader("Content-Type", "application/json")
                .withBody(MetaStub.errorBody(100, "Invalid parameter", "Unsupported get request."))));
        assertThat(catchThrowable(() -> session.downloadMedia(MEDIA_ID)))
                .isExactlyInstanceOf(PermanentException.class).hasMessageContaining("Unsupported get request");

        meta.server().stubFor(get(urlPathEqualTo("/" + MetaStub.VERSION + "/" + MEDIA_ID)).willReturn(aResponse()
                .withStatus(401).withHeader("Content-Type", "application/json")
                .withBody("{\"error\":{\"message\":\"Invalid OAuth access token\",\"type\":\"OAuthException\","
                        + "\"code\":190,\"fbtrace_id\":\"AXsgnV2Cm3ZMGF3dF_cfYIn\"}}")));
        assertThat(catchThrowable(() -> session.downloadMedia(MEDIA_ID)))
                .isInstanceOfSatisfying(ConfigurationException.class,
                        c -> assertThat(c.setting()).contains("access_token"));
    }

    @Test
    void cdnServerErrorIsRetryable() {
        mediaInfo("image/jpeg", "10", cdnUrl());
        cdn(aResponse().withStatus(503).withHeader("Retry-After", "2"));

        Throwable e = catchThrowable(() -> session.downloadMedia(MEDIA_ID));

        assertThat(e).isInstanceOf(RetryableException.class).hasMessageContaining("503");
        assertThat(((RetryableException) e).retryAfter()).hasValueSatisfying(d -> assertThat(d.getSeconds()).isEqualTo(2));
    }

    @Test
    void aMediaIdThatCouldEscapeThePathIsRefusedWithoutACall() {
        for (String bad : new String[] {"../../me", "12 34", "", "1/2"}) {
            assertThat(catchThrowable(() -> session.downloadMedia(bad))).as(bad)
                    .isExactlyInstanceOf(PermanentException.class).hasMessageContaining("media id");
        }
        assertThat(meta.requests()).isEmpty();
    }

    @Test
    void theTokenIsNeverSentToAUrlOfAnotherScheme() {
        mediaInfo("image/jpeg", "10", "ftp://files.example/x.jpg");

        assertThat(catchThrowable(() -> session.downloadMedia(MEDIA_ID)))
                .isExactlyInstanceOf(PermanentException.class).hasMessageContaining("token is not sent");
        assertThat(meta.requests()).hasSize(1);
    }
}
