package dev.deskbridge.host.config;

import dev.deskbridge.connector.api.config.ConfigRule;
import dev.deskbridge.connector.api.config.ConfigSpec;
import dev.deskbridge.connector.api.config.Setting;
import dev.deskbridge.connector.api.config.SettingType;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The host's own settings, declared with the same {@link ConfigSpec} a connector uses, so one
 * validator checks them and a configuration reference can be generated from them.
 *
 * <p>Settings whose value is a list (for example {@code plugins.trusted}) are declared here for
 * the reference but read by their section classes ({@link PluginsSection}), since a spec holds single values.
 */
public final class HostSettings {

    /** {@code host:} */
    public static final ConfigSpec HOST = ConfigSpec.builder()
            .add(Setting.required("public_base_url", SettingType.URL,
                    "The public https address of this host; webhook URLs are this plus "
                            + "/webhooks/channels/{id} or /webhooks/crms/{id}."))
            .add(Setting.optional("admin_token", SettingType.STRING,
                    "Bearer token of the admin API, at least 16 characters; without it the admin API refuses "
                            + "every request.").asSecret())
            .add(Setting.optional("app_token", SettingType.STRING,
                    "Bearer token of the CRM sidebar app (the Zendesk app), at least 16 characters and not the "
                            + "admin token; it reads one ticket's window, cost and templates and nothing else.")
                    .asSecret())
            .build();

    /** {@code host.http:} */
    public static final ConfigSpec HTTP = ConfigSpec.builder()
            .add(Setting.withDefault("bind", SettingType.STRING, "127.0.0.1",
                    "Address the HTTP server listens on; 0.0.0.0 for every interface."))
            .add(Setting.withDefault("port", SettingType.INTEGER, "8080",
                    "TCP port of the HTTP server (0 picks a free port)."))
            .add(Setting.withDefault("max_body_bytes", SettingType.INTEGER, "1048576",
                    "Largest request body accepted (webhooks, and the admin API's messages and links), at least 1024; "
                            + "larger ones are refused with 413."))
            .build();

    /** {@code database:} */
    public static final ConfigSpec DATABASE = ConfigSpec.builder()
            .add(Setting.withDefault("url", SettingType.STRING, "jdbc:h2:file:./data/deskbridge",
                    "JDBC URL: the embedded H2 file database by default, jdbc:postgresql://... for PostgreSQL."))
            .add(Setting.withDefault("user", SettingType.STRING, "sa", "Database user."))
            .add(Setting.optional("password", SettingType.STRING, "Database password.").asSecret())
            .build();

    /** {@code plugins:} */
    public static final ConfigSpec PLUGINS = ConfigSpec.builder()
            .add(Setting.optional("dir", SettingType.STRING,
                    "Folder the connector plugins are loaded from; default: plugins/ in the DeskBridge home."))
            .add(Setting.optional("trusted", SettingType.STRING,
                    "List of SHA-256 digests (64 hex characters); when given, any other plugin file is refused."))
            .build();

    /** {@code pricing:} */
    public static final ConfigSpec PRICING = ConfigSpec.builder()
            .add(Setting.optional("markets", SettingType.STRING,
                    "CSV of markets (country to pricing market); default: the rate card shipped with the host."))
            .add(Setting.optional("rates", SettingType.STRING,
                    "CSV of rates per market and category; give it together with markets."))
            .add(Setting.withDefault("free_service_allowance", SettingType.INTEGER, "0",
                    "Free service messages per business number and month."))
            .rule(ConfigRule.requiresWith("markets", "rates"))
            .rule(ConfigRule.requiresWith("rates", "markets"))
            .build();

    /** {@code engine:} */
    public static final ConfigSpec ENGINE = ConfigSpec.builder()
            .add(Setting.withDefault("workers", SettingType.INTEGER, "4", "Threads delivering messages."))
            .add(Setting.withDefault("max_attempts", SettingType.INTEGER, "8",
                    "Attempts of a failing delivery before it goes to the dead letters."))
            .add(Setting.withDefault("max_age", SettingType.DURATION, "24h",
                    "Age after which a message still not delivered goes to the dead letters."))
            .add(Setting.withDefault("warn_before", SettingType.DURATION, "2h",
                    "How long before a customer service window closes agents are warned."))
            .add(Setting.withDefault("window_margin", SettingType.DURATION, "60s",
                    "Safety margin at send time: a free-form message goes out only while the customer service "
                            + "window stays open at least this long; otherwise the route's policy decides."))
            .add(Setting.withDefault("keep_handled", SettingType.DURATION, "30d",
                    "How long a handled webhook or send is kept before it is deleted: its id recognises a provider's "
                            + "redelivery, its body holds the customer's text. At least 7d (Meta redelivers for 7 days)."))
            .build();

    /** One entry of {@code channels:} or {@code crms:} (its {@code config:} follows the type's spec). */
    public static final ConfigSpec CONNECTOR_INSTANCE = ConfigSpec.builder()
            .add(Setting.required("id", SettingType.STRING,
                    "Instance id: letters, digits, '.', '_' or '-'; part of the instance's webhook URL."))
            .add(Setting.required("type", SettingType.STRING,
                    "Connector type, provided by the host or a plugin (see `deskbridge plugins`)."))
            .add(Setting.optional("config", SettingType.STRING, "The type's own settings."))
            .build();

    /** One entry of {@code routes:}. */
    public static final ConfigSpec ROUTE = ConfigSpec.builder()
            .add(Setting.required("channel", SettingType.STRING, "Id of the channel whose conversations this route carries."))
            .add(Setting.required("crm", SettingType.STRING, "Id of the CRM the conversations are handled in."))
            .add(Setting.withDefault("policy", SettingType.STRING, "refuse",
                    "Agent reply outside the 24h window: hold-and-reengage (send reengage_template, "
                            + "hold the reply until the customer answers) or refuse (say so on the ticket)."))
            .add(Setting.optional("reengage_template", SettingType.STRING,
                    "The approved template sent to reopen the window; required with hold-and-reengage."))
            .add(Setting.optional("monthly_budget", SettingType.STRING,
                    "Spending limit per month: amount and currency; sends beyond it are refused."))
            .add(Setting.withDefault("read_receipts", SettingType.BOOLEAN, "false",
                    "Mark each customer message read on WhatsApp (blue ticks) once it is on the ticket;"
                            + " with a channel that can (whatsapp-cloud), else ignored."))
            .add(Setting.optional("opt_out", SettingType.STRING,
                    "Words that opt a customer out of marketing templates, per language, and the confirmation."))
            .add(Setting.optional("hours", SettingType.STRING,
                    "Business hours: zone (Europe/Berlin), weekly (monday: \"09:00-17:00\", ...; a day left out is "
                            + "closed) and holidays (dates). Used by the away message and by response times."))
            .add(Setting.optional("auto_replies", SettingType.STRING,
                    "Automatic answers: away (out of hours), greeting (a new conversation), keywords (word or "
                            + "pattern, language, reply), each a text or a template; min_interval (12h) between two."))
            .add(Setting.withDefault("response_target", SettingType.DURATION, "1h",
                    "Response time the responsiveness figures count replies within."))
            .build();

    /** {@code routes[].reengage_template:} */
    public static final ConfigSpec TEMPLATE = ConfigSpec.builder()
            .add(Setting.required("name", SettingType.STRING, "Name of the approved template."))
            .add(Setting.required("language", SettingType.STRING, "Template language code, for example en_US."))
            .add(Setting.required("category", SettingType.STRING, "Category it was approved in: utility, marketing or authentication."))
            .add(Setting.optional("body_parameters", SettingType.STRING, "List of body parameter values, in order."))
            .build();

    /** {@code routes[].monthly_budget:} */
    public static final ConfigSpec BUDGET = ConfigSpec.builder()
            .add(Setting.required("amount", SettingType.DECIMAL, "Amount per calendar month, for example \"50.00\"."))
            .add(Setting.required("currency", SettingType.STRING, "ISO 4217 currency code, for example USD."))
            .build();

    private HostSettings() {}

    /** Every section, keyed by its path in the file ({@code []} marks list entries), in file order. */
    public static Map<String, ConfigSpec> sections() {
        Map<String, ConfigSpec> sections = new LinkedHashMap<>();
        sections.put("host", HOST);
        sections.put("host.http", HTTP);
        sections.put("database", DATABASE);
        sections.put("plugins", PLUGINS);
        sections.put("pricing", PRICING);
        sections.put("engine", ENGINE);
        sections.put("channels[]", CONNECTOR_INSTANCE);
        sections.put("crms[]", CONNECTOR_INSTANCE);
        sections.put("routes[]", ROUTE);
        sections.put("routes[].reengage_template", TEMPLATE);
        sections.put("routes[].monthly_budget", BUDGET);
        sections.put("routes[].opt_out", ConsentConfig.SPEC);
        sections.put("templates", TemplatesConfig.SPEC);
        sections.put("messaging", MessagingConfigReader.SPEC);
        return sections;
    }
}
