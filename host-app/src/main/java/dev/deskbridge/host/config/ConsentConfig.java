package dev.deskbridge.host.config;

import com.fasterxml.jackson.databind.JsonNode;
import dev.deskbridge.connector.api.config.ConfigProblem;
import dev.deskbridge.connector.api.config.ConfigSpec;
import dev.deskbridge.connector.api.config.Setting;
import dev.deskbridge.connector.api.config.SettingType;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * {@code routes[].opt_out:}: the words that opt a customer out of marketing templates, per language,
 * and what the customer is told once. STOP always counts, whatever is configured.
 *
 * <pre>
 * opt_out:
 *   keywords: { en: [STOP, UNSUBSCRIBE], es: [BAJA, "NO MAS"] }
 *   confirmation: { en: "You will get no more offers from us. Reply START to ... ", es: "..." }
 * </pre>
 *
 * @param keywords upper-case words by language code ({@code en}, {@code es}); a whole message equal to
 *     one of them (trimmed, any case) opts out
 * @param confirmations what the customer is told, by language; {@code en} is the fallback
 */
public record ConsentConfig(Map<String, List<String>> keywords, Map<String, String> confirmations) {
    /** Always an opt-out, in every route: the word Meta's own opt-out guidance uses. */
    public static final String STOP = "STOP";
    public static final String DEFAULT_CONFIRMATION = "You will not get marketing messages from us on WhatsApp any more."
            + " Service messages about your orders and requests still reach you.";
    /** What the section takes, for the configuration reference. */
    public static final ConfigSpec SPEC = ConfigSpec.builder()
            .add(Setting.optional("keywords", SettingType.STRING, "Opt-out words by language code, for example"
                    + " { en: [STOP, UNSUBSCRIBE], es: [BAJA] }; a message that is exactly one of them (any case) opts"
                    + " the customer out of marketing templates on the channel. STOP always does."))
            .add(Setting.optional("confirmation", SettingType.STRING, "What the customer is told once, by language"
                    + " code; the keyword's language, else en, else a built-in English sentence."))
            .build();
    public static final ConsentConfig DEFAULTS = new ConsentConfig(Map.of(), Map.of());
    private static final Pattern LANGUAGE = Pattern.compile("[a-z]{2,3}(_[A-Z]{2,4})?");

    public ConsentConfig {
        keywords = Map.copyOf(Objects.requireNonNull(keywords, "keywords"));
        confirmations = Map.copyOf(Objects.requireNonNull(confirmations, "confirmations"));
    }

    /**
     * The opt-out word a customer's whole message is, if it is one.
     *
     * @return the word as configured (STOP for the built-in one)
     */
    public Optional<String> keyword(String message) {
        String m = message.strip().replaceAll("[.!]+$", "").toUpperCase(Locale.ROOT);
        if (m.equals(STOP)) {
            return Optional.of(STOP);
        }
        return keywords.values().stream().flatMap(List::stream).filter(m::equals).findFirst();
    }

    /** The confirmation in the language the keyword belongs to, else English, else the default sentence. */
    public String confirmation(String keyword) {
        Optional<String> language = keywords.entrySet().stream().filter(e -> e.getValue().contains(keyword))
                .map(Map.Entry::getKey).findFirst();
        return language.map(confirmations::get).or(() -> Optional.ofNullable(confirmations.get("en")))
                .orElse(DEFAULT_CONFIRMATION);
    }

    /** Reads {@code routes[i].opt_out}, adding every problem with its path. */
    static ConsentConfig read(JsonNode node, String path, List<ConfigProblem> problems) {
        if (node == null || node.isNull()) {
            return DEFAULTS;
        }
        if (!node.isObject()) {
            problems.add(new ConfigProblem(path, "must be a mapping (keywords, confirmation)"));
            return DEFAULTS;
        }
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            if (!key.equals("keywords") && !key.equals("confirmation")) {
                problems.add(new ConfigProblem(path + "." + key, "unknown setting; expected keywords or confirmation"));
            }
        }
        Map<String, List<String>> keywords = new LinkedHashMap<>();
        byLanguage(node.get("keywords"), path + ".keywords", problems, (lang, value, at) -> {
            List<String> words = new ArrayList<>();
            if (!value.isArray()) {
                problems.add(new ConfigProblem(at, "must be a list of words"));
                return;
            }
            for (int i = 0; i < value.size(); i++) {
                String w = value.get(i).isValueNode() ? value.get(i).asText().strip() : "";
                if (w.isEmpty() || w.length() > 64) {
                    problems.add(new ConfigProblem(at + "[" + i + "]", "must be a word of 1 to 64 characters"));
                } else {
                    words.add(w.toUpperCase(Locale.ROOT));
                }
            }
            keywords.put(lang, words);
        });
        Map<String, String> confirmations = new LinkedHashMap<>();
        byLanguage(node.get("confirmation"), path + ".confirmation", problems, (lang, value, at) -> {
            if (!value.isTextual() || value.asText().isBlank() || value.asText().length() > 1024) {
                problems.add(new ConfigProblem(at, "must be a text of 1 to 1024 characters"));
            } else {
                confirmations.put(lang, value.asText());
            }
        });
        return new ConsentConfig(keywords, confirmations);
    }

    private interface Entry {
        void accept(String language, JsonNode value, String at);
    }

    private static void byLanguage(JsonNode node, String path, List<ConfigProblem> problems, Entry entry) {
        if (node == null || node.isNull()) {
            return;
        }
        if (!node.isObject()) {
            problems.add(new ConfigProblem(path, "must be a mapping by language code (en, es, pt_BR)"));
            return;
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (!LANGUAGE.matcher(e.getKey()).matches()) {
                problems.add(new ConfigProblem(path + "." + e.getKey(), "must be a language code such as en or pt_BR"));
            } else {
                entry.accept(e.getKey(), e.getValue(), path + "." + e.getKey());
            }
        }
    }
}
