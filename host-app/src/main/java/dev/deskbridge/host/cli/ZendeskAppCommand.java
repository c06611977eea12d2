package dev.deskbridge.host.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.deskbridge.host.config.ConnectorInstance;
import dev.deskbridge.host.config.DeskBridgeConfig;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code deskbridge zendesk app}: writes the Zendesk sidebar app's zip (built into the host) and
 * says how to install it. With {@code --config}, the zip's domain whitelist names the host of
 * {@code host.public_base_url} (Zendesk sends the app's secure token only to whitelisted domains)
 * and its settings default to this host and CRM id; the token itself never goes into the zip.
 */
@Command(
        name = "app",
        mixinStandardHelpOptions = true,
        description = {
            "Writes the Zendesk sidebar app (a zip for Zendesk's \"Upload private app\") and prints how to install it. "
                    + "With --config, the zip is made for this host: its domain whitelist is host.public_base_url's host."
        },
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:written", "1:the zip could not be written", "2:invalid configuration or unknown --crm"})
public final class ZendeskAppCommand implements Callable<Integer> {
    /** Where the build puts the app inside the host's jar. */
    static final String ZIP_RESOURCE = "/zendesk-app/deskbridge-zendesk-app.zip";
    static final String FILE_NAME = "deskbridge-zendesk-app.zip";
    private static final ObjectMapper JSON = new ObjectMapper();

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--config", paramLabel = "FILE", description = "the configuration file; makes the zip for its host")
    Path config;

    @Option(names = "--crm", paramLabel = "ID",
            description = "id of the Zendesk CRM in the configuration's crms (default: the only zendesk one)")
    String crmId;

    @Option(names = "--out", paramLabel = "FILE", description = "where to write the zip (default: " + FILE_NAME
            + " in the DeskBridge home)")
    Path out;

    @Override
    public Integer call() throws IOException {
        CliEnvironment env = DeskBridgeCli.environment(spec);
        PrintWriter stdout = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Optional<Target> target = Optional.empty();
        boolean appToken = false;
        if (config != null) {
            try (LoadedConfig loaded = LoadedConfig.load(env, config, null, err)) {
                if (!loaded.result.valid()) {
                    err.println("the configuration has problems; fix them first (deskbridge config validate " + config
                            + "):");
                    loaded.result.problems().forEach(p -> err.println("  " + p));
                    return 2;
                }
                DeskBridgeConfig cfg = loaded.result.orThrow();
                Optional<String> crm = crm(cfg, err);
                if (crm.isEmpty()) {
                    return 2;
                }
                target = Optional.of(new Target(cfg.host().publicBaseUrl().toString(),
                        cfg.host().publicBaseUrl().getHost(), crm.get()));
                appToken = cfg.host().appToken().isPresent();
            }
        }
        Path zip = (out != null ? out : env.home().resolve(FILE_NAME)).toAbsolutePath();
        try {
            Files.write(zip, build(target));
        } catch (IOException e) {
            err.println("cannot write " + zip + ": " + e.getMessage());
            return 1;
        }
        stdout.println("Zendesk app written to " + zip);
        target.ifPresentOrElse(
                t -> stdout.println("  made for " + t.baseUrl + " (domain whitelist: " + t.domain + ", CRM id: " + t.crm
                        + ")"),
                () -> stdout.println("  generic: its domain whitelist names deskbridge.example.com; run with --config "
                        + "for a zip made for your host"));
        stdout.println("Install it:");
        stdout.println("  1. Zendesk Admin Center > Apps and integrations > Zendesk Support apps > Upload private app;"
                + " choose the zip.");
        stdout.println("  2. Settings: DeskBridge URL = host.public_base_url"
                + target.map(t -> " (" + t.baseUrl + ")").orElse("") + "; DeskBridge CRM id = the crms[] id"
                + target.map(t -> " (" + t.crm + ")").orElse("") + "; App token = the value of host.app_token.");
        stdout.println("  3. The app shows in the ticket sidebar of tickets DeskBridge carries from WhatsApp.");
        if (target.isPresent() && !appToken) {
            stdout.println("Note: host.app_token is not set in " + config + "; set it (16+ characters, not the admin "
                    + "token) and restart DeskBridge, or the app is refused.");
        }
        stdout.flush();
        return 0;
    }

    private Optional<String> crm(DeskBridgeConfig cfg, PrintWriter err) {
        if (crmId != null) {
            if (cfg.crm(crmId).isEmpty()) {
                err.println("no crm with id '" + crmId + "' in " + config);
                return Optional.empty();
            }
            return Optional.of(crmId);
        }
        List<String> zendesks = cfg.crms().stream().filter(c -> c.type().equals("zendesk"))
                .map(ConnectorInstance::id).toList();
        if (zendesks.size() != 1) {
            err.println(zendesks.isEmpty() ? "no crm of type zendesk in " + config + "; name one with --crm"
                    : "several zendesk crms in " + config + " (" + String.join(", ", zendesks) + "); name one with --crm");
            return Optional.empty();
        }
        return Optional.of(zendesks.get(0));
    }

    /** The built zip, its manifest made for the target when there is one; every other file as built. */
    static byte[] build(Optional<Target> target) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (InputStream in = ZendeskAppCommand.class.getResourceAsStream(ZIP_RESOURCE)) {
            if (in == null) {
                throw new IOException("the app is missing from this build (" + ZIP_RESOURCE + ")");
            }
            try (ZipInputStream zin = new ZipInputStream(in); ZipOutputStream zout = new ZipOutputStream(bytes)) {
                for (ZipEntry e = zin.getNextEntry(); e != null; e = zin.getNextEntry()) {
                    byte[] content = zin.readAllBytes();
                    if (e.getName().equals("manifest.json") && target.isPresent()) {
                        content = manifestFor(content, target.get());
                    }
                    zout.putNextEntry(new ZipEntry(e.getName()));
                    if (!e.isDirectory()) {
                        zout.write(content);
                    }
                    zout.closeEntry();
                }
            }
        }
        return bytes.toByteArray();
    }

    private static byte[] manifestFor(byte[] manifest, Target target) throws IOException {
        ObjectNode root = (ObjectNode) JSON.readTree(manifest);
        root.putArray("domainWhitelist").add(target.domain);
        for (JsonNode p : root.withArray("parameters")) {
            // Defaults only for the plain settings; a secure setting may have none.
            switch (p.path("name").asText()) {
                case "deskbridge_url" -> ((ObjectNode) p).put("default", target.baseUrl);
                case "crm_id" -> ((ObjectNode) p).put("default", target.crm);
                default -> { }
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (OutputStream o = out) {
            JSON.writerWithDefaultPrettyPrinter().writeValue(o, root);
        }
        return out.toByteArray();
    }

    /** The host and CRM a zip is made for. */
    record Target(String baseUrl, String domain, String crm) {}
}
