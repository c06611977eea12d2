package dev.deskbridge.connector.twilio.whatsapp;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.twilio.rest.api.v2010.account.Message;
import com.twilio.rest.api.v2010.account.MessageCreator;
import com.twilio.type.PhoneNumber;
import dev.deskbridge.connector.api.error.PermanentException;
import dev.deskbridge.connector.api.model.OutboundMessage;
import dev.deskbridge.connector.api.model.SendRequest;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Turns a {@link SendRequest} into the Messages API call: {@code Body}/{@code MediaUrl} for
 * free-form messages, {@code ContentSid}/{@code ContentVariables} for templates, always with the
 * status callback. The callback's URL carries the send's idempotency key ({@link #SEND_KEY}): Twilio
 * calls it as given and signs it with its query, so every status of the message names the send it is
 * of, also when the send's own answer was lost.
 */
final class OutboundRequests {
    /** The status callback URL's query parameter that names the send. */
    static final String SEND_KEY = "deskbridge_send";
    private static final Pattern CONTENT_SID = Pattern.compile("HX[0-9a-fA-F]{32}");
    private static final ObjectMapper JSON = new ObjectMapper();

    private OutboundRequests() {}

    /** @throws PermanentException for what Twilio's WhatsApp API cannot carry, before any call */
    static MessageCreator creator(SendRequest request, String statusCallbackUrl) {
        PhoneNumber to = new PhoneNumber(WhatsAppAddress.of(request.to()));
        PhoneNumber from = new PhoneNumber(WhatsAppAddress.of(request.business()));
        MessageCreator creator;
        OutboundMessage message = request.message();
        if (message instanceof OutboundMessage.Text text) {
            creator = Message.creator(to, from, text.body());
        } else if (message instanceof OutboundMessage.Media media) {
            creator = Message.creator(to, from, List.of(mediaUrl(media)));
            media.caption().filter(c -> !c.isBlank()).ifPresent(creator::setBody);
        } else if (!(message instanceof OutboundMessage.Template)) {
            // Order and payment messages are Meta's Cloud API's own; Twilio's Messages API has no such type.
            throw new PermanentException("Twilio's WhatsApp channel cannot send " + message.getClass().getSimpleName()
                    + " messages (orders and payments go through the Cloud API channel)");
        } else {
            OutboundMessage.Template template = (OutboundMessage.Template) message;
            creator = Message.creator(to, from, (String) null)
                    .setContentSid(contentSid(template));
            if (!template.bodyParameters().isEmpty()) {
                creator.setContentVariables(contentVariables(template.bodyParameters()));
            } else if (!template.namedBodyParameters().isEmpty()) {
                creator.setContentVariables(json(new java.util.TreeMap<>(template.namedBodyParameters())));
            }
        }
        return creator.setStatusCallback(statusCallback(statusCallbackUrl, request.idempotencyKey()));
    }

    /** The status callback URL for one send: the configured URL with the send's key added to its query. */
    static String statusCallback(String statusCallbackUrl, String sendKey) {
        int fragment = statusCallbackUrl.indexOf('#');
        String url = fragment < 0 ? statusCallbackUrl : statusCallbackUrl.substring(0, fragment);
        return url + (url.contains("?") ? "&" : "?") + SEND_KEY + "="
                + URLEncoder.encode(sendKey, StandardCharsets.UTF_8);
    }

    private static URI mediaUrl(OutboundMessage.Media media) {
        String link = media.link().orElseThrow(() -> new PermanentException(
                "Twilio sends WhatsApp media by public URL only; media id " + media.mediaId().orElse("")
                        + " cannot be sent through this channel"));
        try {
            URI uri = URI.create(link);
            if (uri.getScheme() == null || !uri.getScheme().toLowerCase(java.util.Locale.ROOT).startsWith("http")) {
                throw new IllegalArgumentException("not an http(s) URL");
            }
            return uri;
        } catch (IllegalArgumentException e) {
            throw new PermanentException("media link '" + link + "' is not a public http(s) URL", e);
        }
    }

    private static String contentSid(OutboundMessage.Template template) {
        if (!CONTENT_SID.matcher(template.name()).matches()) {
            throw new PermanentException("template '" + template.name() + "' is not a Twilio Content SID"
                    + " (HX followed by 32 hex digits); name Twilio templates by their Content SID");
        }
        if (template.header().isPresent() || !template.buttons().isEmpty()) {
            throw new PermanentException("template " + template.name() + ": Twilio Content templates take"
                    + " numbered variables only; give header and button values as body parameters");
        }
        return template.name();
    }

    /** {@code {"1":"first","2":"second"}}: Twilio's numbered Content variables. */
    static String contentVariables(List<String> parameters) {
        Map<String, String> vars = new LinkedHashMap<>();
        for (int i = 0; i < parameters.size(); i++) {
            vars.put(String.valueOf(i + 1), parameters.get(i));
        }
        return json(vars);
    }

    private static String json(Map<String, String> vars) {
        try {
            return JSON.writeValueAsString(vars);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a map of strings always serializes", e);
        }
    }
}
