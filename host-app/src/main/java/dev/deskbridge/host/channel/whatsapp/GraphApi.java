package dev.deskbridge.host.channel.whatsapp;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.JsonNode;
import feign.Headers;
import feign.Param;
import feign.QueryMap;
import feign.RequestLine;
import feign.Response;
import java.net.URI;
import java.util.List;
import java.util.Map;

/**
 * The part of Meta's Graph API (WhatsApp Cloud API) DeskBridge calls. Authentication is added by
 * a request interceptor; every non-2xx answer goes through {@link MetaErrorDecoder}.
 */
interface GraphApi {

    /** Sends a message, or marks one read (same endpoint, different body). */
    @RequestLine("POST /{version}/{phoneNumberId}/messages")
    @Headers("Content-Type: application/json")
    SendResponse sendMessage(@Param("version") String version, @Param("phoneNumberId") String phoneNumberId,
            JsonNode body);

    /** Marks a customer's message as read: the same endpoint as sending, answering with success. */
    @RequestLine("POST /{version}/{phoneNumberId}/messages")
    @Headers("Content-Type: application/json")
    SuccessResponse markRead(@Param("version") String version, @Param("phoneNumberId") String phoneNumberId,
            JsonNode body);

    /** A page of the account's message templates; {@code query} holds fields, limit and the after cursor. */
    @RequestLine("GET /{version}/{wabaId}/message_templates")
    JsonNode messageTemplates(@Param("version") String version, @Param("wabaId") String wabaId,
            @QueryMap Map<String, Object> query);

    /** Where an uploaded or received media file can be fetched (the URL lives 5 minutes). */
    @RequestLine("GET /{version}/{mediaId}?phone_number_id={phoneNumberId}")
    MediaInfo mediaInfo(@Param("version") String version, @Param("mediaId") String mediaId,
            @Param("phoneNumberId") String phoneNumberId);

    /** Fetches bytes from a URL Meta handed out; the body is streamed, not buffered. */
    @RequestLine("GET")
    Response download(URI url);

    /** Meta's answer to a send: the accepted message ids. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record SendResponse(List<MessageRef> messages) {
        public SendResponse {
            messages = messages == null ? List.of() : List.copyOf(messages);
        }
    }

    /** One accepted message. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record MessageRef(String id, String messageStatus) {}

    /** Meta's answer to mark-as-read. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record SuccessResponse(boolean success) {}

    /** Meta's description of a media file. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record MediaInfo(String id, String url, String mimeType, String sha256, String fileSize) {}
}
