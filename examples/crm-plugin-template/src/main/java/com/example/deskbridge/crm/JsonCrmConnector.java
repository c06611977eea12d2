package com.example.deskbridge.crm;

import dev.deskbridge.connector.api.ConnectorContext;
import dev.deskbridge.connector.api.CrmConnector;
import dev.deskbridge.connector.api.CrmSession;
import dev.deskbridge.connector.api.config.ConfigSpec;
import dev.deskbridge.connector.api.config.Setting;
import dev.deskbridge.connector.api.config.SettingType;
import org.pf4j.Extension;

/**
 * A ticket system reached by JSON over HTTP. {@code @Extension} makes pf4j's annotation processor
 * list this class in {@code META-INF/extensions.idx}; without it the host never finds the connector.
 */
@Extension
public final class JsonCrmConnector implements CrmConnector {
    static final String BASE_URL = "base_url";
    static final String API_KEY = "api_key";
    static final String WEBHOOK_SECRET = "webhook_secret";
    static final String REQUEST_TIMEOUT = "request_timeout";

    // TEMPLATE: declare your CRM's settings. Secrets are masked by the host everywhere.
    static final ConfigSpec SPEC = ConfigSpec.builder()
            .add(Setting.required(BASE_URL, SettingType.URL, "Base URL of the CRM's API, e.g. https://crm.example.com"))
            .add(Setting.required(API_KEY, SettingType.STRING, "API key, sent as a Bearer token").asSecret())
            .add(Setting.required(WEBHOOK_SECRET, SettingType.STRING,
                    "Shared secret the CRM signs its webhooks with (HMAC-SHA256)").asSecret())
            .add(Setting.withDefault(REQUEST_TIMEOUT, SettingType.DURATION, "10s", "Timeout of each API call"))
            .build();

    @Override
    public String type() {
        // TEMPLATE: the stable name operators write as `type:` in the config.
        return "json-crm";
    }

    @Override
    public ConfigSpec configSpec() {
        return SPEC;
    }

    @Override
    public CrmSession open(ConnectorContext context) {
        var s = context.settings();
        CrmHttp http = new CrmHttp(s.url(BASE_URL).orElseThrow().toString(), s.secret(API_KEY).orElseThrow(),
                s.duration(REQUEST_TIMEOUT).orElseThrow());
        return new JsonCrmSession(http, new WebhookSignature(s.secret(WEBHOOK_SECRET).orElseThrow(), context.clock()));
    }
}
