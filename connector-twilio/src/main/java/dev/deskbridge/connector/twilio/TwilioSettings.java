package dev.deskbridge.connector.twilio;

import dev.deskbridge.connector.api.config.ConfigRule;
import dev.deskbridge.connector.api.config.ConfigSpec;
import dev.deskbridge.connector.api.config.Setting;
import dev.deskbridge.connector.api.config.SettingType;

/** Settings shared by the Twilio channel and the Twilio Conversations CRM. */
final class TwilioSettings {
    static final String ACCOUNT_SID = "account_sid";
    static final String AUTH_TOKEN = "auth_token";
    static final String API_KEY_SID = "api_key_sid";
    static final String API_KEY_SECRET = "api_key_secret";
    static final String PUBLIC_WEBHOOK_URL = "public_webhook_url";
    static final String SENDER = "sender";
    static final String STATUS_CALLBACK_URL = "status_callback_url";
    static final String FEE_PER_MESSAGE = "fee_per_message";
    static final String FEE_CURRENCY = "fee_currency";
    static final String CONVERSATIONS_SERVICE_SID = "conversations_service_sid";

    private TwilioSettings() {}

    private static ConfigSpec.Builder credentials() {
        return ConfigSpec.builder()
                .add(Setting.required(ACCOUNT_SID, SettingType.STRING, "Twilio Account SID (starts with AC)."))
                .add(Setting.optional(AUTH_TOKEN, SettingType.STRING,
                        "Twilio auth token; also the key Twilio signs webhooks with. Give this or an API key.")
                        .asSecret())
                .add(Setting.optional(API_KEY_SID, SettingType.STRING, "Twilio API key SID (starts with SK)."))
                .add(Setting.optional(API_KEY_SECRET, SettingType.STRING, "Secret of the Twilio API key.").asSecret())
                .add(Setting.required(PUBLIC_WEBHOOK_URL, SettingType.URL,
                        "The public URL Twilio calls for this instance's webhooks; signatures are computed over it."))
                .rule(ConfigRule.atLeastOneOf(AUTH_TOKEN, API_KEY_SID))
                .rule(ConfigRule.requiresWith(API_KEY_SID, API_KEY_SECRET))
                // Webhook signatures are made with the auth token, so it is needed even with an API key.
                .rule(ConfigRule.requiresWith(API_KEY_SID, AUTH_TOKEN));
    }

    static final ConfigSpec CHANNEL_SPEC = credentials()
            .add(Setting.required(SENDER, SettingType.E164, "The WhatsApp sender number at Twilio, E.164."))
            .add(Setting.optional(STATUS_CALLBACK_URL, SettingType.URL,
                    "Where Twilio reports message status; defaults to public_webhook_url."))
            .add(Setting.withDefault(FEE_PER_MESSAGE, SettingType.DECIMAL, "0.005",
                    "Twilio's own fee per WhatsApp message, in both directions, on top of Meta's."))
            .add(Setting.withDefault(FEE_CURRENCY, SettingType.STRING, "USD", "Currency of fee_per_message."))
            .build();

    static final ConfigSpec CONVERSATIONS_SPEC = credentials()
            .add(Setting.optional(CONVERSATIONS_SERVICE_SID, SettingType.STRING,
                    "Conversations service SID (IS...); the account's default service when absent."))
            .build();
}
