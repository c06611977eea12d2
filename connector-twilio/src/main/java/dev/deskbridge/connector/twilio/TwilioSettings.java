package dev.deskbridge.connector.twilio;

import dev.deskbridge.connector.api.config.ConfigRule;
import dev.deskbridge.connector.api.config.ConfigSpec;
import dev.deskbridge.connector.api.config.Setting;
import dev.deskbridge.connector.api.config.SettingCheck;
import dev.deskbridge.connector.api.config.SettingType;
import dev.deskbridge.connector.api.config.Settings;
import dev.deskbridge.connector.api.model.PhoneNumber;
import dev.deskbridge.connector.api.pricing.Money;
import dev.deskbridge.connector.twilio.conversations.ConversationsConfig;
import dev.deskbridge.connector.twilio.rest.TwilioAccount;
import dev.deskbridge.connector.twilio.whatsapp.WhatsAppChannelConfig;
import java.math.BigDecimal;
import java.util.Currency;

/** Settings of the Twilio channel and the Twilio Conversations CRM, and how they are read. */
final class TwilioSettings {
    static final String ACCOUNT_SID = "account_sid";
    static final String AUTH_TOKEN = "auth_token";
    static final String API_KEY_SID = "api_key_sid";
    static final String API_KEY_SECRET = "api_key_secret";
    static final String BASE_URL = "base_url";
    static final String SENDER = "sender";
    static final String STATUS_CALLBACK_URL = "status_callback_url";
    static final String FEE_PER_MESSAGE = "fee_per_message";
    static final String FEE_CURRENCY = "fee_currency";
    static final String FETCH_PRICE = "fetch_price";
    static final String NOTE_AUTHOR = "note_author";
    static final String TRIGGER_WEBHOOKS = "trigger_webhooks";
    static final String CONVERSATION_WEBHOOK_URL = "conversation_webhook_url";

    private TwilioSettings() {}

    private static ConfigSpec.Builder credentials() {
        return ConfigSpec.builder()
                .add(Setting.required(ACCOUNT_SID, SettingType.STRING, "Twilio Account SID (AC followed by 32 hex digits).")
                        .check(sid("AC")))
                .add(Setting.required(AUTH_TOKEN, SettingType.STRING,
                        "Twilio auth token: Twilio signs every webhook with it; also the REST password unless an API key is given.")
                        .asSecret())
                .add(Setting.optional(API_KEY_SID, SettingType.STRING,
                        "Twilio API key SID (SK...) to call the REST API with instead of the auth token.")
                        .check(sid("SK")))
                .add(Setting.optional(API_KEY_SECRET, SettingType.STRING, "Secret of the Twilio API key.").asSecret())
                .add(Setting.optional(BASE_URL, SettingType.URL,
                        "Send every Twilio API call here instead of *.twilio.com (a test stub or a forwarding proxy).")
                        .check(SettingCheck.httpsUrl()))
                .rule(ConfigRule.requiresWith(API_KEY_SID, API_KEY_SECRET))
                .rule(ConfigRule.requiresWith(API_KEY_SECRET, API_KEY_SID));
    }

    static final ConfigSpec CHANNEL_SPEC = credentials()
            .add(Setting.required(SENDER, SettingType.E164, "The WhatsApp sender number at Twilio, E.164."))
            .add(Setting.required(STATUS_CALLBACK_URL, SettingType.URL,
                    "Where Twilio reports message status: this channel's public webhook URL"
                            + " (<public base>/webhooks/channels/<id>).")
                    .check(SettingCheck.httpsUrl()))
            .add(Setting.withDefault(FEE_PER_MESSAGE, SettingType.DECIMAL, "0.005",
                    "Twilio's own fee per WhatsApp message, in both directions, on top of Meta's.")
                    .check(SettingCheck.atLeast(BigDecimal.ZERO)))
            .add(Setting.withDefault(FEE_CURRENCY, SettingType.STRING, "USD", "ISO 4217 currency of fee_per_message.")
                    .check(SettingCheck.of("an ISO 4217 currency code", TwilioSettings::isCurrency,
                            "must be an ISO 4217 currency code such as USD", SettingType.STRING)))
            .add(Setting.withDefault(FETCH_PRICE, SettingType.BOOLEAN, "false",
                    "When a status callback carries no price, read it from the message resource (one API call per "
                            + "status, by the worker that applies it; never in the webhook's request)."))
            .build();

    static final ConfigSpec CONVERSATIONS_SPEC = credentials()
            .add(Setting.withDefault(NOTE_AUTHOR, SettingType.STRING, "DeskBridge",
                    "Author of the notes DeskBridge posts for agents into a Conversation."))
            .add(Setting.withDefault(TRIGGER_WEBHOOKS, SettingType.BOOLEAN, "true",
                    "Let customer messages DeskBridge posts trigger the Conversations webhooks (Studio, Flex routing)."))
            .add(Setting.optional(CONVERSATION_WEBHOOK_URL, SettingType.URL,
                    "This CRM's public webhook URL (<public base>/webhooks/crms/<id>): when set, every Conversation"
                            + " DeskBridge makes gets its own onMessageAdded webhook calling it, for accounts whose"
                            + " post-event webhook calls someone else.")
                    .check(SettingCheck.httpsUrl()))
            .build();

    /** The account part of either spec's settings. */
    static TwilioAccount account(Settings s) {
        String accountSid = s.requireString(ACCOUNT_SID);
        var authToken = s.secret(AUTH_TOKEN).orElseThrow();
        return s.string(API_KEY_SID)
                .map(key -> new TwilioAccount(accountSid, key, s.secret(API_KEY_SECRET).orElseThrow(), authToken,
                        API_KEY_SECRET, s.url(BASE_URL)))
                .orElseGet(() -> new TwilioAccount(accountSid, accountSid, authToken, authToken, AUTH_TOKEN,
                        s.url(BASE_URL)));
    }

    static WhatsAppChannelConfig channel(Settings s) {
        Money fee = new Money(s.decimal(FEE_PER_MESSAGE).orElse(BigDecimal.ZERO),
                Currency.getInstance(s.requireString(FEE_CURRENCY)));
        return new WhatsAppChannelConfig(PhoneNumber.of(s.requireString(SENDER)),
                s.url(STATUS_CALLBACK_URL).orElseThrow().toString(), fee, s.bool(FETCH_PRICE).orElse(false));
    }

    static ConversationsConfig conversations(Settings s) {
        return new ConversationsConfig(s.requireString(NOTE_AUTHOR), s.bool(TRIGGER_WEBHOOKS).orElse(true),
                s.url(CONVERSATION_WEBHOOK_URL).map(Object::toString));
    }

    private static SettingCheck sid(String prefix) {
        return SettingCheck.pattern(prefix + "[0-9a-fA-F]{32}", "a Twilio SID: " + prefix + " followed by 32 hex digits");
    }

    private static boolean isCurrency(String code) {
        try {
            Currency.getInstance(code);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
