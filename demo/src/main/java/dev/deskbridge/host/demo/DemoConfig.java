package dev.deskbridge.host.demo;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import dev.deskbridge.connector.api.model.PhoneNumber;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;

/**
 * The configuration file of a demo run: an ordinary DeskBridge configuration (the one a real
 * deployment writes, see {@code examples/deskbridge.yaml}) whose channel and CRM point at the
 * stand-ins and whose secrets are {@code ${DEMO_...}} references, so the file holds none.
 *
 * @param dataDir the run's folder: the database lives there, and the file is written there
 * @param pluginsDir where the plugin files are loaded from
 * @param port the host's HTTP port (0 for any free one)
 * @param whatsAppBaseUrl the WhatsApp stand-in's Graph API
 * @param phoneNumberId the business number's id at the stand-in
 * @param business the business number
 * @param zendeskBaseUrl the Zendesk stand-in
 * @param zendeskEmail the Zendesk API user
 * @param freeServiceAllowance free service messages per month, as {@code pricing.free_service_allowance}
 */
public record DemoConfig(Path dataDir, Path pluginsDir, int port, String whatsAppBaseUrl, String phoneNumberId,
        PhoneNumber business, String zendeskBaseUrl, String zendeskEmail, long freeServiceAllowance) {

    /** The channel's id in the configuration. */
    public static final String CHANNEL = "wa-demo";
    /** The CRM's id in the configuration. */
    public static final String CRM = "zendesk-demo";
    /** The re-engagement template the route sends when a window has closed. */
    public static final String TEMPLATE = "reengage_v1";

    public DemoConfig {
        Objects.requireNonNull(dataDir, "dataDir");
        Objects.requireNonNull(pluginsDir, "pluginsDir");
        Objects.requireNonNull(whatsAppBaseUrl, "whatsAppBaseUrl");
        Objects.requireNonNull(phoneNumberId, "phoneNumberId");
        Objects.requireNonNull(business, "business");
        Objects.requireNonNull(zendeskBaseUrl, "zendeskBaseUrl");
        Objects.requireNonNull(zendeskEmail, "zendeskEmail");
    }

    /** Writes {@code deskbridge.yaml} into the data folder; its path. */
    public Path write() {
        Path file = dataDir.resolve("deskbridge.yaml");
        try {
            Files.createDirectories(dataDir);
            Files.writeString(file, yaml(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the demo configuration " + file, e);
        }
        return file;
    }

    /** The configuration's text. */
    public String yaml() {
        ObjectMapper yaml = new ObjectMapper(YAMLFactory.builder()
                .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
                .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
                .enable(YAMLGenerator.Feature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS)
                .build());
        ObjectNode root = yaml.createObjectNode();
        ObjectNode host = root.putObject("host");
        String local = "http://127.0.0.1" + (port == 0 ? "" : ":" + port);
        host.put("public_base_url", local);
        host.putObject("http").put("bind", "127.0.0.1").put("port", port).put("max_body_bytes", 1_048_576);
        host.put("admin_token", ref(DemoSecrets.ADMIN_TOKEN));
        root.putObject("database").put("url", "jdbc:h2:file:" + dataDir.toAbsolutePath().resolve("deskbridge"))
                .put("user", "sa").put("password", "");
        root.putObject("plugins").put("dir", pluginsDir.toAbsolutePath().toString());
        root.putObject("pricing").put("free_service_allowance", freeServiceAllowance);
        root.putObject("engine").put("workers", 2).put("max_attempts", 8).put("max_age", "24h").put("warn_before", "2h");
        root.putArray("channels").addObject().put("id", CHANNEL).put("type", "whatsapp-cloud").putObject("config")
                .put("graph_api_version", "v23.0")
                .put("phone_number_id", phoneNumberId)
                .put("business_number", business.e164())
                .put("access_token", ref(DemoSecrets.WHATSAPP_ACCESS_TOKEN))
                .put("app_secret", ref(DemoSecrets.WHATSAPP_APP_SECRET))
                .put("verify_token", ref(DemoSecrets.WHATSAPP_VERIFY_TOKEN))
                .put("base_url", whatsAppBaseUrl);
        root.putArray("crms").addObject().put("id", CRM).put("type", "zendesk").putObject("config")
                .put("url", zendeskBaseUrl)
                .put("email", zendeskEmail)
                .put("api_token", ref(DemoSecrets.ZENDESK_API_TOKEN))
                .put("webhook_signing_secret", ref(DemoSecrets.ZENDESK_WEBHOOK_SECRET));
        ObjectNode route = root.putArray("routes").addObject().put("channel", CHANNEL).put("crm", CRM)
                .put("policy", "hold-and-reengage");
        route.putObject("reengage_template").put("name", TEMPLATE).put("language", "en_US").put("category", "utility")
                .putArray("body_parameters");
        route.putObject("monthly_budget").put("amount", "25.00").put("currency", "USD");
        try {
            return "# Written by `deskbridge demo` for one run: the channel and the CRM are local stand-ins,\n"
                    + "# and the ${DEMO_...} secrets exist only while the demo runs.\n"
                    + yaml.writeValueAsString(root);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String ref(String variable) {
        return "${" + variable + "}";
    }
}
