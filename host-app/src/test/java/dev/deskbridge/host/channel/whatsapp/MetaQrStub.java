package dev.deskbridge.host.channel.whatsapp;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;

/**
 * Meta's {@code message_qrdls} on a {@link MetaStub}, answering with the shapes of the
 * description's examples ({@code QrCodeResponse}, {@code QrCodeList}, {@code DeleteQrCodeResponse}).
 * A created or updated code echoes the prefilled message it was sent; its image is served under
 * {@value #IMAGES}, as Meta's CDN would (no token needed there).
 */
public final class MetaQrStub {
    /** The QR code id every creation answers with. */
    public static final String CODE = "ANED2T5QRU7HG1";
    static final String IMAGES = "/qr-images/";
    /** The bytes of the PNG the stub serves: a PNG signature and a marker. */
    static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 'q', 'r'};

    private MetaQrStub() {}

    /** A copy of the bytes of the PNG the stub serves. */
    public static byte[] png() {
        return PNG.clone();
    }

    /** Meta's QR codes of the stub's number, for tests outside this package; stub them with {@link #accept}. */
    public static MetaQrCodes qrCodes(MetaStub meta) {
        return MetaQrCodes.of(WhatsAppSettings.from(WhatsAppSettings.SPEC.resolve(meta.settings())),
                java.time.Clock.systemUTC());
    }

    /** The business number of the stub's settings. */
    public static String business() {
        return MetaStub.BUSINESS;
    }

    /** Stubs create/update, read with an image URL, delete, and the image itself, for any phone number id. */
    public static void accept(WireMockServer server) {
        String collection = "/" + MetaStub.VERSION + "/[0-9]+/message_qrdls";
        // An update names its code in the body; a creation gets CODE.
        server.stubFor(post(urlPathMatching(collection)).atPriority(1)
                .withRequestBody(com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath("$.code"))
                .willReturn(json("""
                {"code": "{{jsonPath request.body '$.code'}}",
                 "prefilled_message": "{{jsonPath request.body '$.prefilled_message'}}",
                 "deep_link_url": "https://wa.me/message/{{jsonPath request.body '$.code'}}"}""")
                .withTransformers("response-template")));
        server.stubFor(post(urlPathMatching(collection)).atPriority(2).willReturn(json("""
                {"code": "%s", "prefilled_message": "{{jsonPath request.body '$.prefilled_message'}}",
                 "deep_link_url": "https://wa.me/message/%s"}""".formatted(CODE, CODE))
                .withTransformers("response-template")));
        String base = "http://{{request.host}}:{{request.port}}";
        server.stubFor(get(urlPathMatching(collection + "/[A-Z0-9]{14}")).willReturn(json("""
                {"data": [{"code": "{{request.pathSegments.[3]}}", "prefilled_message": "Hi",
                  "deep_link_url": "https://wa.me/message/{{request.pathSegments.[3]}}",
                  "qr_image_url": "%s%s{{request.pathSegments.[3]}}.png"}]}""".formatted(base, IMAGES))
                .withTransformers("response-template")));
        server.stubFor(delete(urlPathMatching(collection + "/[A-Z0-9]{14}")).willReturn(json("{\"success\": true}")));
        server.stubFor(get(urlPathMatching(IMAGES + ".*")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "image/png").withBody(PNG)));
    }

    /** Two pages of QR codes: the first names a next page by its cursor. */
    static void listTwoPages(WireMockServer server, String phoneNumberId) {
        String path = "/" + MetaStub.VERSION + "/" + phoneNumberId + "/message_qrdls";
        server.stubFor(get(urlPathEqualTo(path)).withQueryParam("after",
                com.github.tomakehurst.wiremock.client.WireMock.absent()).willReturn(json("""
                {"data": [{"code": "5QBPAD2DC6L5A1", "prefilled_message": "Show me Cyber Tuesday deals!",
                  "deep_link_url": "https://wa.me/message/5QBPAD2DC6L5A1"}],
                 "paging": {"cursors": {"before": "MTYwNDYxNzIwMA==", "after": "MTYwNDYxNzIwMQ=="},
                  "next": "https://graph.facebook.com/v23.0/%s/message_qrdls?after=MTYwNDYxNzIwMQ=="}}"""
                .formatted(phoneNumberId))));
        server.stubFor(get(urlPathEqualTo(path)).withQueryParam("after",
                com.github.tomakehurst.wiremock.client.WireMock.equalTo("MTYwNDYxNzIwMQ==")).willReturn(json("""
                {"data": [{"code": "ANED2T5QRU7HG1", "prefilled_message": "Show me Cyber Monday deals!",
                  "deep_link_url": "https://wa.me/message/ANED2T5QRU7HG1"}],
                 "paging": {"cursors": {"before": "MTYwNDYxNzIwMQ==", "after": "MTYwNDYxNzIwMg=="}}}""")));
    }

    private static ResponseDefinitionBuilder json(String body) {
        return aResponse().withStatus(200).withHeader("Content-Type", "application/json").withBody(body);
    }
}
