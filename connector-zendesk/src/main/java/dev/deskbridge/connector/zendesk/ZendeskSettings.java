package dev.deskbridge.connector.zendesk;

import dev.deskbridge.connector.api.config.ConfigRule;
import dev.deskbridge.connector.api.config.ConfigSpec;
import dev.deskbridge.connector.api.config.Setting;
import dev.deskbridge.connector.api.config.SettingCheck;
import dev.deskbridge.connector.api.config.SettingType;
import dev.deskbridge.connector.api.config.Settings;
import dev.deskbridge.connector.zendesk.client.ZendeskAccess;
import dev.deskbridge.connector.zendesk.status.TicketFields;
import java.time.Duration;
import java.util.Optional;

/** The settings of a Zendesk instance. */
final class ZendeskSettings {
    static final String SUBDOMAIN = "subdomain";
    static final String URL = "url";
    static final String EMAIL = "email";
    static final String API_TOKEN = "api_token";
    static final String WEBHOOK_SECRET = "webhook_signing_secret";
    static final String REQUESTS_PER_MINUTE = "requests_per_minute";
    static final String REQUEST_TIMEOUT = "request_timeout";
    static final String MAX_RESPONSE_BYTES = "max_response_bytes";
    static final String WINDOW_FIELD_ID = "window_field_id";
    static final String COST_FIELD_ID = "cost_field_id";
    static final String LINK_FIELD_ID = "link_field_id";

    /**
     * 8 MiB. The largest page the plugin asks for is 100 comments (or audits) of a WhatsApp ticket,
     * each in three renderings (body, html_body, plain_body). A WhatsApp message has at most 4096
     * characters and a reply is sent as at most ten of them; 100 comments of some 27 KB in each
     * rendering still fit. An answer costs about four times its size while it is read (its parts,
     * their joined copy, the parsed tree), so the default four engine workers reading such answers
     * at once stay within half of the host's default 256 MiB heap.
     */
    static final long DEFAULT_MAX_RESPONSE_BYTES = 8L * 1024 * 1024;

    static final ConfigSpec SPEC = ConfigSpec.builder()
            .add(Setting.optional(SUBDOMAIN, SettingType.STRING,
                    "Your Zendesk subdomain: 'acme' for https://acme.zendesk.com. Give this or url.")
                    .check(SettingCheck.pattern("[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?",
                            "a subdomain: letters, digits and '-', the part before .zendesk.com")))
            .add(Setting.optional(URL, SettingType.URL,
                    "Full Zendesk base URL, for example https://acme.zendesk.com. Give this or subdomain.")
                    .check(SettingCheck.httpsUrl()))
            .add(Setting.required(EMAIL, SettingType.STRING,
                    "Email of the agent DeskBridge acts as (API token authentication).")
                    .check(SettingCheck.pattern("[^@\\s]+@[^@\\s]+\\.[^@\\s]+", "an email address")))
            .add(Setting.required(API_TOKEN, SettingType.STRING,
                    "Zendesk API token (Admin Center > Apps and integrations > Zendesk API).").asSecret())
            .add(Setting.required(WEBHOOK_SECRET, SettingType.STRING,
                    "Signing secret of the Zendesk webhook that reports agent comments.").asSecret())
            .add(Setting.withDefault(REQUESTS_PER_MINUTE, SettingType.INTEGER, "400",
                    "Client-side limit of Zendesk API requests per minute, so bursts do not hit 429.")
                    .check(SettingCheck.range(1, 100_000)))
            .add(Setting.withDefault(REQUEST_TIMEOUT, SettingType.DURATION, "30s",
                    "How long one Zendesk API request may take before it counts as failed (and is retried).")
                    .check(SettingCheck.durationBetween(Duration.ofMillis(100), Duration.ofMinutes(5))))
            .add(Setting.withDefault(MAX_RESPONSE_BYTES, SettingType.INTEGER,
                    String.valueOf(DEFAULT_MAX_RESPONSE_BYTES), "Largest Zendesk API answer read, in bytes; a larger"
                            + " one is not read further and fails its request (retried). Raise it with the host's heap.")
                    .check(SettingCheck.range(64L * 1024, 64L * 1024 * 1024))) // an answer costs ~4x its size in the heap
            .add(Setting.optional(WINDOW_FIELD_ID, SettingType.INTEGER,
                    "Id of the ticket field '" + TicketFields.WINDOW_TITLE
                            + "'; found by its title when left out (setup creates it).")
                    .check(SettingCheck.range(1, Long.MAX_VALUE)))
            .add(Setting.optional(COST_FIELD_ID, SettingType.INTEGER,
                    "Id of the ticket field '" + TicketFields.COST_TITLE
                            + "'; found by its title when left out (setup creates it).")
                    .check(SettingCheck.range(1, Long.MAX_VALUE)))
            .add(Setting.optional(LINK_FIELD_ID, SettingType.INTEGER,
                    "Id of the ticket field '" + TicketFields.LINK_TITLE
                            + "'; found by its title when left out (setup creates it).")
                    .check(SettingCheck.range(1, Long.MAX_VALUE)))
            .rule(ConfigRule.atLeastOneOf(SUBDOMAIN, URL))
            .rule(ConfigRule.atMostOneOf(SUBDOMAIN, URL))
            .build();

    private ZendeskSettings() {}

    /** How to reach the instance's Zendesk, from validated settings. */
    static ZendeskAccess access(Settings settings) {
        String base = settings.string(URL)
                .map(u -> u.endsWith("/") ? u.substring(0, u.length() - 1) : u)
                .orElseGet(() -> "https://" + settings.requireString(SUBDOMAIN) + ".zendesk.com");
        long rpm = settings.integer(REQUESTS_PER_MINUTE).orElse(400L); // 1..100000, checked by SPEC
        Duration timeout = settings.duration(REQUEST_TIMEOUT).orElse(Duration.ofSeconds(30));
        long maxResponse = settings.integer(MAX_RESPONSE_BYTES).orElse(DEFAULT_MAX_RESPONSE_BYTES);
        return new ZendeskAccess(base, settings.requireString(EMAIL), settings.secret(API_TOKEN).orElseThrow(),
                (int) rpm, timeout, maxResponse);
    }

    static Optional<Long> windowFieldId(Settings settings) {
        return settings.integer(WINDOW_FIELD_ID);
    }

    static Optional<Long> costFieldId(Settings settings) {
        return settings.integer(COST_FIELD_ID);
    }

    static Optional<Long> linkFieldId(Settings settings) {
        return settings.integer(LINK_FIELD_ID);
    }
}
