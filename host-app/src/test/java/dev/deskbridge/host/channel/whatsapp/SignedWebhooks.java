package dev.deskbridge.host.channel.whatsapp;

import dev.deskbridge.connector.api.webhook.WebhookRequest;
import dev.deskbridge.connector.testkit.WebhookRequests;
import dev.deskbridge.host.testing.Hmac;
import java.nio.charset.StandardCharsets;

/** Webhook requests as Meta sends them, signed here independently of the code under test. */
final class SignedWebhooks {
    static final String URL = "https://deskbridge.example/webhooks/channels/whatsapp-main";

    private SignedWebhooks() {}

    static String signature(String secret, byte[] body) {
        return Hmac.sign(secret, body);
    }

    /** A POST with these exact bytes, signed with the stub's app secret. */
    static WebhookRequest signed(byte[] body) {
        return signedWith(MetaStub.APP_SECRET, body, body);
    }

    static WebhookRequest signed(String body) {
        return signed(body.getBytes(StandardCharsets.UTF_8));
    }

    /** A POST carrying {@code sent} with a signature computed over {@code signedBytes}. */
    static WebhookRequest signedWith(String secret, byte[] signedBytes, byte[] sent) {
        return WebhookRequests.post(URL)
                .header("Content-Type", "application/json")
                .header("X-Hub-Signature-256", signature(secret, signedBytes))
                .body(sent)
                .build();
    }

    /** A Cloud API webhook around one change value for the stub's phone number. */
    static String envelope(String value) {
        return "{\"object\":\"whatsapp_business_account\",\"entry\":[{\"id\":\"419561257915477\",\"changes\":[{"
                + "\"value\":" + value + ",\"field\":\"messages\"}]}]}";
    }

    /** The {@code value} of a change carrying the given messages and statuses (JSON arrays). */
    static String value(String contacts, String messages, String statuses) {
        StringBuilder sb = new StringBuilder("{\"messaging_product\":\"whatsapp\",\"metadata\":{"
                + "\"display_phone_number\":\"15550783881\",\"phone_number_id\":\"" + MetaStub.PHONE_NUMBER_ID + "\"}");
        if (contacts != null) {
            sb.append(",\"contacts\":").append(contacts);
        }
        if (messages != null) {
            sb.append(",\"messages\":").append(messages);
        }
        if (statuses != null) {
            sb.append(",\"statuses\":").append(statuses);
        }
        return sb.append('}').toString();
    }
}
