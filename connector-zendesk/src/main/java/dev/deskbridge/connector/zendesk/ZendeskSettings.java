package dev.deskbridge.connector.zendesk;

import dev.deskbridge.connector.api.config.ConfigRule;
import dev.deskbridge.connector.api.config.ConfigSpec;
import dev.deskbridge.connector.api.config.Setting;
import dev.deskbridge.connector.api.config.SettingType;

/** The settings of a Zendesk instance. */
final class ZendeskSettings {
    static final String SUBDOMAIN = "subdomain";
    static final String URL = "url";
    static final String EMAIL = "email";
    static final String API_TOKEN = "api_token";
    static final String WEBHOOK_SECRET = "webhook_signing_secret";
    static final String REQUESTS_PER_MINUTE = "requests_per_minute";

    static final ConfigSpec SPEC = ConfigSpec.builder()
            .add(Setting.optional(SUBDOMAIN, SettingType.STRING,
                    "Your Zendesk subdomain: 'acme' for https://acme.zendesk.com. Give this or url."))
            .add(Setting.optional(URL, SettingType.URL,
                    "Full Zendesk base URL, for example https://acme.zendesk.com. Give this or subdomain."))
            .add(Setting.required(EMAIL, SettingType.STRING,
                    "Email of the agent DeskBridge acts as (API token authentication)."))
            .add(Setting.required(API_TOKEN, SettingType.STRING,
                    "Zendesk API token (Admin Center > Apps and integrations > Zendesk API).").asSecret())
            .add(Setting.required(WEBHOOK_SECRET, SettingType.STRING,
                    "Signing secret of the Zendesk webhook that reports agent comments.").asSecret())
            .add(Setting.withDefault(REQUESTS_PER_MINUTE, SettingType.INTEGER, "400",
                    "Client-side limit of Zendesk API requests per minute, so bursts do not hit 429."))
            .rule(ConfigRule.atLeastOneOf(SUBDOMAIN, URL))
            .rule(ConfigRule.atMostOneOf(SUBDOMAIN, URL))
            .build();

    private ZendeskSettings() {}
}
