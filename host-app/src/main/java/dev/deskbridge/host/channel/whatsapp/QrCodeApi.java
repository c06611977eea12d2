package dev.deskbridge.host.channel.whatsapp;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.JsonNode;
import feign.Headers;
import feign.Param;
import feign.RequestLine;
import java.util.List;

/** Meta's message QR codes and short links of a business phone number ({@code message_qrdls}). */
interface QrCodeApi {

    /** Creates a QR code (no {@code code} in the body) or changes one's prefilled message (with it). */
    @RequestLine("POST /{version}/{phoneNumberId}/message_qrdls")
    @Headers("Content-Type: application/json")
    QrCode createOrUpdate(@Param("version") String version, @Param("phoneNumberId") String phoneNumberId,
            JsonNode body);

    /** One page of the number's QR codes, newest first. */
    @RequestLine("GET /{version}/{phoneNumberId}/message_qrdls?limit={limit}&after={after}")
    QrCodeList list(@Param("version") String version, @Param("phoneNumberId") String phoneNumberId,
            @Param("limit") int limit, @Param("after") String after);

    /** One QR code, with its image URL in the format {@code fields} asks for. */
    @RequestLine("GET /{version}/{phoneNumberId}/message_qrdls/{code}?fields={fields}")
    QrCodeList get(@Param("version") String version, @Param("phoneNumberId") String phoneNumberId,
            @Param("code") String code, @Param("fields") String fields);

    @RequestLine("DELETE /{version}/{phoneNumberId}/message_qrdls/{code}")
    GraphApi.SuccessResponse delete(@Param("version") String version, @Param("phoneNumberId") String phoneNumberId,
            @Param("code") String code);

    /** A QR code as Meta describes it ({@code QrCodeDetails}). */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record QrCode(String code, String prefilledMessage, String deepLinkUrl, String qrImageUrl) {}

    /** A list answer; {@code paging.cursors.after} leads to the next page. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record QrCodeList(List<QrCode> data, Paging paging) {
        public QrCodeList {
            data = data == null ? List.of() : List.copyOf(data);
        }
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Paging(Cursors cursors, String next) {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Cursors(String before, String after) {}
}
