package dev.deskbridge.connector.twilio.stub;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/** Shared test values: an account, numbers, and settings for both extensions. */
public final class TwilioSamples {
    public static final String ACCOUNT_SID = "AC0123456789abcdef0123456789abcdef";
    public static final String AUTH_TOKEN = "f1e2d3c4b5a697887766554433221100";
    public static final String API_KEY_SID = "SK00112233445566778899aabbccddeeff";
    public static final String API_KEY_SECRET = "apikeysecret-0123456789";
    public static final String SENDER = "+14155238886";
    public static final String CUSTOMER = "+5511987654321";
    public static final String CHANNEL_WEBHOOK_URL = "https://deskbridge.example.com/webhooks/channels/twilio-wa";
    public static final String CRM_WEBHOOK_URL = "https://deskbridge.example.com/webhooks/crms/flex";
    /** Never listened on: a session pointed here cannot leave the machine. */
    public static final String UNUSED_LOOPBACK = "http://127.0.0.1:9";

    private TwilioSamples() {}

    public static Map<String, String> channelSettings(String baseUrl) {
        Map<String, String> s = new HashMap<>();
        s.put("account_sid", ACCOUNT_SID);
        s.put("auth_token", AUTH_TOKEN);
        s.put("base_url", baseUrl);
        s.put("sender", SENDER);
        s.put("status_callback_url", CHANNEL_WEBHOOK_URL);
        return s;
    }

    public static Map<String, String> conversationsSettings(String baseUrl) {
        Map<String, String> s = new HashMap<>();
        s.put("account_sid", ACCOUNT_SID);
        s.put("auth_token", AUTH_TOKEN);
        s.put("base_url", baseUrl);
        return s;
    }

    /** Twilio's incoming-message webhook for a WhatsApp text. */
    public static Map<String, String> inboundText(String messageSid, String body) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("SmsMessageSid", messageSid);
        p.put("NumMedia", "0");
        p.put("ProfileName", "Ana Souza");
        p.put("MessageType", "text");
        p.put("SmsSid", messageSid);
        p.put("WaId", CUSTOMER.substring(1));
        p.put("SmsStatus", "received");
        p.put("Body", body);
        p.put("To", "whatsapp:" + SENDER);
        p.put("NumSegments", "1");
        p.put("ReferralNumMedia", "0");
        p.put("MessageSid", messageSid);
        p.put("AccountSid", ACCOUNT_SID);
        p.put("From", "whatsapp:" + CUSTOMER);
        p.put("ApiVersion", "2010-04-01");
        return p;
    }

    /** Twilio's status callback for a message sent from {@link #SENDER} to {@link #CUSTOMER}. */
    public static Map<String, String> statusCallback(String messageSid, String messageStatus) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("ChannelPrefix", "whatsapp");
        p.put("ApiVersion", "2010-04-01");
        p.put("MessageStatus", messageStatus);
        p.put("SmsSid", messageSid);
        p.put("SmsStatus", messageStatus);
        p.put("ChannelInstallSid", "XE00112233445566778899aabbccddeeff");
        p.put("To", "whatsapp:" + CUSTOMER);
        p.put("From", "whatsapp:" + SENDER);
        p.put("MessageSid", messageSid);
        p.put("AccountSid", ACCOUNT_SID);
        p.put("ChannelToAddress", "+55119876XXXXX");
        return p;
    }

    /** A Conversations {@code onMessageAdded} webhook for an agent's message in Flex. */
    public static Map<String, String> agentMessageAdded(String messageSid, String body) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("MessagingServiceSid", "MG00112233445566778899aabbccddeeff");
        p.put("EventType", "onMessageAdded");
        p.put("Attributes", "{}");
        p.put("DateCreated", "2026-10-05T08:03:12.000Z");
        p.put("Index", "3");
        p.put("ChatServiceSid", "IS00112233445566778899aabbccddeeff");
        p.put("MessageSid", messageSid);
        p.put("AccountSid", ACCOUNT_SID);
        p.put("Source", "SDK");
        p.put("RetryCount", "0");
        p.put("Author", "agent.maria@example.com");
        p.put("ParticipantSid", "MB00112233445566778899aabbccddeeff");
        p.put("Body", body);
        p.put("ConversationSid", "CH00112233445566778899aabbccddeeff");
        p.put("ClientIdentity", "agent.maria@example.com");
        p.put("WebhookType", "webhook");
        p.put("WebhookSid", "WH00112233445566778899aabbccddeeff");
        return p;
    }

    public static <K, V> Map<K, V> with(Map<K, V> base, K key, V value) {
        Map<K, V> copy = new LinkedHashMap<>(base);
        copy.put(key, value);
        return copy;
    }
}
