package dev.deskbridge.host.demo;

import dev.deskbridge.connector.api.config.Secret;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import java.util.Objects;

/**
 * The secrets one demo run makes up for itself: no account, no credential of the user's. They
 * reach the host through environment references in the written configuration (like a real
 * deployment's), never through the file.
 *
 * @param whatsAppAccessToken the Graph API token the WhatsApp stand-in accepts
 * @param whatsAppAppSecret the app secret Meta's webhooks are signed with
 * @param whatsAppVerifyToken the webhook handshake's verify token
 * @param zendeskApiToken the Zendesk API token the Zendesk stand-in accepts
 * @param zendeskWebhookSecret the signing secret of the Zendesk webhook setup creates
 * @param adminToken the admin API's bearer token (the dashboard's sign-in)
 */
public record DemoSecrets(Secret whatsAppAccessToken, Secret whatsAppAppSecret, Secret whatsAppVerifyToken,
        Secret zendeskApiToken, Secret zendeskWebhookSecret, Secret adminToken) {

    /** The environment variables the written configuration refers to. */
    static final String WHATSAPP_ACCESS_TOKEN = "DEMO_WHATSAPP_ACCESS_TOKEN";
    static final String WHATSAPP_APP_SECRET = "DEMO_WHATSAPP_APP_SECRET";
    static final String WHATSAPP_VERIFY_TOKEN = "DEMO_WHATSAPP_VERIFY_TOKEN";
    static final String ZENDESK_API_TOKEN = "DEMO_ZENDESK_API_TOKEN";
    static final String ZENDESK_WEBHOOK_SECRET = "DEMO_ZENDESK_WEBHOOK_SECRET";
    static final String ADMIN_TOKEN = "DEMO_ADMIN_TOKEN";

    public DemoSecrets {
        Objects.requireNonNull(whatsAppAccessToken, "whatsAppAccessToken");
        Objects.requireNonNull(whatsAppAppSecret, "whatsAppAppSecret");
        Objects.requireNonNull(whatsAppVerifyToken, "whatsAppVerifyToken");
        Objects.requireNonNull(zendeskApiToken, "zendeskApiToken");
        Objects.requireNonNull(zendeskWebhookSecret, "zendeskWebhookSecret");
        Objects.requireNonNull(adminToken, "adminToken");
    }

    /** Fresh random secrets, shaped like the providers' (a Meta token, a hex app secret, a base64 Zendesk secret). */
    public static DemoSecrets generate() {
        SecureRandom random = new SecureRandom();
        return new DemoSecrets(
                new Secret("EAAD" + base64Url(random, 120)),
                new Secret(HexFormat.of().formatHex(bytes(random, 16))),
                new Secret(base64Url(random, 24)),
                new Secret(base64Url(random, 40)),
                new Secret(Base64.getEncoder().encodeToString(bytes(random, 32))),
                new Secret(base64Url(random, 32)));
    }

    /** The values of the configuration's environment references. */
    public Map<String, String> environment() {
        return Map.of(
                WHATSAPP_ACCESS_TOKEN, whatsAppAccessToken.reveal(),
                WHATSAPP_APP_SECRET, whatsAppAppSecret.reveal(),
                WHATSAPP_VERIFY_TOKEN, whatsAppVerifyToken.reveal(),
                ZENDESK_API_TOKEN, zendeskApiToken.reveal(),
                ZENDESK_WEBHOOK_SECRET, zendeskWebhookSecret.reveal(),
                ADMIN_TOKEN, adminToken.reveal());
    }

    private static String base64Url(SecureRandom random, int length) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes(random, length)).substring(0, length);
    }

    private static byte[] bytes(SecureRandom random, int n) {
        byte[] b = new byte[n];
        random.nextBytes(b);
        return b;
    }
}
