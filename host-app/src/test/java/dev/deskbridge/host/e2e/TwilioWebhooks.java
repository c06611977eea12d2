package dev.deskbridge.host.e2e;

import static dev.deskbridge.host.e2e.TwilioApiStub.ACCOUNT_SID;
import static dev.deskbridge.host.e2e.TwilioApiStub.AUTH_TOKEN;

import dev.deskbridge.connector.api.model.PhoneNumber;
import dev.deskbridge.host.testing.HostProbe;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/** Twilio's webhooks as Twilio sends them: form-encoded, signed over the public URL and the sorted parameters. */
final class TwilioWebhooks {
    private TwilioWebhooks() {}

    static HttpResponse<String> post(HostProbe probe, String path, Map<String, String> params) {
        String body = params.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        return probe.post(path, "application/x-www-form-urlencoded; charset=UTF-8", Map.of(
                "X-Twilio-Signature", TwilioApiStub.signature(AUTH_TOKEN, RunningHost.publicUrl(path), params),
                "I-Twilio-Idempotency-Token", "e2e-" + Math.abs(body.hashCode())), body);
    }

    /** Twilio's incoming-message webhook for a WhatsApp text. */
    static Map<String, String> inboundText(String messageSid, PhoneNumber customer, PhoneNumber sender, String name,
            String text) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("SmsMessageSid", messageSid);
        p.put("NumMedia", "0");
        p.put("ProfileName", name);
        p.put("MessageType", "text");
        p.put("SmsSid", messageSid);
        p.put("WaId", customer.digits());
        p.put("SmsStatus", "received");
        p.put("Body", text);
        p.put("To", "whatsapp:" + sender.e164());
        p.put("NumSegments", "1");
        p.put("ReferralNumMedia", "0");
        p.put("MessageSid", messageSid);
        p.put("AccountSid", ACCOUNT_SID);
        p.put("From", "whatsapp:" + customer.e164());
        p.put("ApiVersion", "2010-04-01");
        return p;
    }

    /** A Conversations {@code onMessageAdded} post-event webhook. */
    static Map<String, String> messageAdded(String conversationSid, String messageSid, String author, String source,
            String attributes, String body) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("MessagingServiceSid", "MG0123456789abcdef0123456789abcdef");
        p.put("EventType", "onMessageAdded");
        p.put("Attributes", attributes);
        p.put("DateCreated", "2026-10-05T08:05:00.000Z");
        p.put("Index", "1");
        p.put("ChatServiceSid", "IS0123456789abcdef0123456789abcdef");
        p.put("MessageSid", messageSid);
        p.put("AccountSid", ACCOUNT_SID);
        p.put("Source", source);
        p.put("RetryCount", "0");
        p.put("Author", author);
        p.put("ParticipantSid", "MB0123456789abcdef0123456789abcdef");
        p.put("Body", body);
        p.put("ConversationSid", conversationSid);
        p.put("ClientIdentity", author);
        p.put("WebhookType", "webhook");
        p.put("WebhookSid", "WH0123456789abcdef0123456789abcdef");
        return p;
    }

    /** A Conversations {@code onConversationStateUpdated} post-event webhook: it names no message. */
    static Map<String, String> conversationStateUpdated(String conversationSid, String from, String to) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("AccountSid", ACCOUNT_SID);
        p.put("EventType", "onConversationStateUpdated");
        p.put("ChatServiceSid", "IS0123456789abcdef0123456789abcdef");
        p.put("ConversationSid", conversationSid);
        p.put("MessagingServiceSid", "MG0123456789abcdef0123456789abcdef");
        p.put("StateFrom", from);
        p.put("StateTo", to);
        p.put("StateUpdated", "2026-10-05T08:03:00.000Z");
        p.put("Reason", "API");
        p.put("Source", "API");
        p.put("RetryCount", "0");
        p.put("WebhookType", "webhook");
        p.put("WebhookSid", "WH0123456789abcdef0123456789abcdef");
        return p;
    }

    /** A message status callback with the price Twilio charged (negative, as Twilio writes it). */
    static Map<String, String> status(String messageSid, String status, PhoneNumber from, PhoneNumber to,
            String price) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("ChannelPrefix", "whatsapp");
        p.put("ApiVersion", "2010-04-01");
        p.put("MessageStatus", status);
        p.put("SmsSid", messageSid);
        p.put("SmsStatus", status);
        p.put("ChannelInstallSid", "XE0123456789abcdef0123456789abcdef");
        p.put("To", "whatsapp:" + to.e164());
        p.put("From", "whatsapp:" + from.e164());
        p.put("MessageSid", messageSid);
        p.put("StructuredMessage", "false");
        p.put("AccountSid", ACCOUNT_SID);
        p.put("ChannelToAddress", to.e164());
        p.put("Price", price);
        p.put("PriceUnit", "USD");
        return p;
    }
}
