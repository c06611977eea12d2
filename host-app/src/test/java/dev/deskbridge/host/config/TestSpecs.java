package dev.deskbridge.host.config;

import dev.deskbridge.connector.api.config.ConfigRule;
import dev.deskbridge.connector.api.config.ConfigSpec;
import dev.deskbridge.connector.api.config.Setting;
import dev.deskbridge.connector.api.config.SettingType;
import java.util.Map;

/** Connector specs shaped like the real ones, so config tests need no plugin. */
final class TestSpecs {
    static final ConfigSpec CHANNEL = ConfigSpec.builder()
            .add(Setting.required("phone_number_id", SettingType.STRING, "Sender id."))
            .add(Setting.required("access_token", SettingType.STRING, "Token.").asSecret())
            .add(Setting.required("app_secret", SettingType.STRING, "Signing key.").asSecret())
            .add(Setting.withDefault("api_version", SettingType.STRING, "v23.0", "Graph version."))
            .build();

    static final ConfigSpec CRM = ConfigSpec.builder()
            .add(Setting.optional("subdomain", SettingType.STRING, "Subdomain."))
            .add(Setting.optional("url", SettingType.URL, "Base URL."))
            .add(Setting.required("email", SettingType.STRING, "Agent email."))
            .add(Setting.required("api_token", SettingType.STRING, "API token.").asSecret())
            .add(Setting.required("webhook_signing_secret", SettingType.STRING, "Signing secret.").asSecret())
            .add(Setting.optional("pin", SettingType.INTEGER, "A numeric secret.").asSecret())
            .rule(ConfigRule.atLeastOneOf("subdomain", "url"))
            .build();

    static final ConnectorSpecs SPECS = ConnectorSpecs.of(
            Map.of("whatsapp-cloud", CHANNEL, "twilio-whatsapp", CHANNEL),
            Map.of("zendesk", CRM));

    private TestSpecs() {}
}
