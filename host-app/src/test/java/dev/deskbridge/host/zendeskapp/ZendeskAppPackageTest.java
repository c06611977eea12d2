package dev.deskbridge.host.zendeskapp;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The Zendesk app zip the build makes, checked the way Zendesk's app validator
 * ({@code zendesk_apps_support}, run by {@code zcli apps:validate} and on upload) checks a package:
 * the manifest at the root with its required fields, known locations pointing at files in the
 * package, well-formed parameters with every token-like one secure (and scoped, and without a
 * default), a domain whitelist for the secure setting, and the default locale's translations.
 */
public class ZendeskAppPackageTest {
    /** Where the build puts the zip inside the host's jar. */
    static final String ZIP_RESOURCE = "/zendesk-app/deskbridge-zendesk-app.zip";
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Parameter types the validator accepts. */
    private static final Set<String> PARAMETER_TYPES = Set.of("text", "password", "checkbox", "url", "number",
            "multiline", "hidden", "oauth");
    /** Locations of the Support product. */
    private static final Set<String> SUPPORT_LOCATIONS = Set.of("ticket_sidebar", "new_ticket_sidebar",
            "user_sidebar", "organization_sidebar", "top_bar", "nav_bar", "background", "ticket_editor", "modal");
    /** Names the validator wants secure when they are text or password settings. */
    private static final Pattern SECURABLE = Pattern.compile("token|key|pwd|password", Pattern.CASE_INSENSITIVE);
    private static final Pattern LOCALE = Pattern.compile("^[a-z]{2}(-\\w{2,3})?$");

    private static Map<String, byte[]> files;
    private static JsonNode manifest;

    @BeforeAll
    static void readZip() throws IOException {
        files = unzip(ZIP_RESOURCE);
        assertThat(files).as("manifest.json at the zip's root, not in a folder").containsKey("manifest.json");
        manifest = JSON.readTree(files.get("manifest.json"));
    }

    /** The files of a zip on the classpath by path; folders left out. */
    static Map<String, byte[]> unzip(String resource) throws IOException {
        try (InputStream in = ZendeskAppPackageTest.class.getResourceAsStream(resource)) {
            assertThat(in).as(resource + " on the classpath (the build makes it)").isNotNull();
            return unzip(in);
        }
    }

    /** A zip's files by path; folders left out. */
    public static Map<String, byte[]> unzip(InputStream in) throws IOException {
        Map<String, byte[]> out = new LinkedHashMap<>();
        try (ZipInputStream zip = new ZipInputStream(in)) {
            for (ZipEntry e = zip.getNextEntry(); e != null; e = zip.getNextEntry()) {
                if (!e.isDirectory()) {
                    out.put(e.getName(), zip.readAllBytes());
                }
            }
        }
        return out;
    }

    @Test
    void theManifestHasTheFieldsTheValidatorRequires() {
        assertThat(manifest.isObject()).isTrue();
        JsonNode author = manifest.get("author");
        assertThat(author).as("author is required").isNotNull();
        for (String field : List.of("name", "email", "url")) {
            assertThat(author.get(field).isTextual()).as("author " + field).isTrue();
        }
        assertThat(URI.create(author.get("url").asText()).getScheme()).isEqualTo("https");
        assertThat(manifest.get("frameworkVersion").asText()).isEqualTo("2.0");
        assertThat(manifest.get("version").isTextual()).isTrue();
        assertThat(manifest.get("private").isBoolean()).isTrue();
        assertThat(manifest.get("name").asText()).isNotBlank();
        String locale = manifest.get("defaultLocale").asText();
        assertThat(locale).matches(LOCALE);
        assertThat(files).as("the default locale's translations").containsKey("translations/" + locale + ".json");
    }

    @Test
    void itRunsInTheTicketSidebarFromAPageInThePackage() {
        JsonNode location = manifest.get("location");
        assertThat(location).as("location is required").isNotNull();
        List<String> hosts = new ArrayList<>();
        location.fieldNames().forEachRemaining(hosts::add);
        assertThat(hosts).containsExactly("support");
        JsonNode support = location.get("support");
        support.fieldNames().forEachRemaining(name -> {
            assertThat(SUPPORT_LOCATIONS).as("a known Support location").contains(name);
            JsonNode options = support.get(name);
            String url = options.get("url").asText();
            assertThat(url).startsWith("assets/");
            assertThat(files).as(url + " is in the package").containsKey(url);
            if (options.has("flexible")) {
                assertThat(options.get("flexible").isBoolean()).isTrue();
            }
        });
        assertThat(support.has("ticket_sidebar")).isTrue();
    }

    @Test
    void parametersAreWellFormedAndTheTokenIsSecure() {
        JsonNode parameters = manifest.get("parameters");
        assertThat(parameters.isArray()).isTrue();
        Set<String> names = new HashSet<>();
        boolean anySecure = false;
        for (JsonNode p : parameters) {
            String name = p.get("name").asText();
            assertThat(names.add(name)).as("parameter " + name + " is declared once").isTrue();
            assertThat(name).as("'name' may not be a parameter").isNotEqualTo("name");
            String type = p.path("type").asText("text");
            assertThat(PARAMETER_TYPES).as("parameter " + name + "'s type").contains(type);
            for (String flag : List.of("required", "secure")) {
                if (p.has(flag)) {
                    assertThat(p.get(flag).isBoolean()).as("parameters." + name + "." + flag).isTrue();
                }
            }
            boolean secure = p.path("secure").asBoolean(false);
            if (SECURABLE.matcher(name).find() && (type.equals("text") || type.equals("password"))) {
                assertThat(secure).as(name + " looks like a secret, so it must be secure").isTrue();
            }
            if (secure) {
                anySecure = true;
                assertThat(p.has("default")).as("a secure parameter has no default").isFalse();
                assertThat(p.path("scopes").isArray() && p.get("scopes").size() > 0)
                        .as("a secure parameter says where it may be used (scopes)").isTrue();
            }
            if (type.equals("hidden")) {
                assertThat(p.path("required").asBoolean(false)).isFalse();
            }
        }
        assertThat(names).contains("deskbridge_url", "crm_id", "token");
        assertThat(parameters.findValues("name").stream().map(JsonNode::asText)
                .filter(n -> n.equals("token")).count()).isEqualTo(1);
        JsonNode token = parameters.get(2);
        assertThat(token.get("name").asText()).isEqualTo("token");
        assertThat(token.get("secure").asBoolean()).isTrue();
        assertThat(anySecure).isTrue();
        JsonNode whitelist = manifest.get("domainWhitelist");
        assertThat(whitelist.isArray() && whitelist.size() > 0).as("secure settings go only to whitelisted domains")
                .isTrue();
        whitelist.forEach(d -> assertThat(d.isTextual()).isTrue());
    }

    @Test
    void theTranslationsNameTheAppAndEveryParameter() throws IOException {
        JsonNode en = JSON.readTree(files.get("translations/en.json"));
        JsonNode app = en.get("app");
        for (String key : List.of("name", "short_description", "long_description", "installation_instructions")) {
            assertThat(app.path(key).asText()).as("translations/en.json app." + key).isNotBlank();
        }
        for (JsonNode p : manifest.get("parameters")) {
            assertThat(app.path("parameters").path(p.get("name").asText()).path("label").asText())
                    .as("a label for " + p.get("name").asText()).isNotBlank();
        }
        for (String path : files.keySet()) {
            if (path.startsWith("translations/")) {
                assertThat(path).matches("translations/[a-z]{2}(-\\w{2,3})?\\.json");
                assertThat(JSON.readTree(files.get(path)).isObject()).isTrue();
            }
        }
    }

    @Test
    void thePageLoadsItsOwnAssetsAndOnlyTheZafSdkFromOutside() {
        String page = new String(files.get("assets/iframe.html"), StandardCharsets.UTF_8);
        Matcher refs = Pattern.compile("(?:src|href)=\"([^\"]+)\"").matcher(page);
        List<String> external = new ArrayList<>();
        while (refs.find()) {
            String ref = refs.group(1);
            if (ref.contains("://")) {
                external.add(ref);
            } else {
                assertThat(files).as("assets/" + ref + " is in the package").containsKey("assets/" + ref);
            }
        }
        assertThat(external).containsExactly("https://static.zdassets.com/zendesk_app_framework_sdk/2.0/zaf_sdk.min.js");
        assertThat(page).as("no inline script").doesNotContain("<script>");
    }

    @Test
    void theTokenIsOnlyAPlaceholderSentThroughZendesksSecureProxy() {
        String js = new String(files.get("assets/app.js"), StandardCharsets.UTF_8);
        assertThat(js).contains("Authorization: 'Bearer {{setting.token}}'").contains("secure: true")
                .contains("cors: false");
        assertThat(js).doesNotContain("fetch(").doesNotContain("XMLHttpRequest").doesNotContain("innerHTML");
        assertThat(Pattern.compile("\\{\\{setting\\.token\\}\\}").matcher(js).results().count())
                .as("the token is used in exactly one place: the request header").isEqualTo(1);
    }
}
