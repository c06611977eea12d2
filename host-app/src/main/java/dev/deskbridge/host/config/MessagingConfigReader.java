package dev.deskbridge.host.config;

import com.fasterxml.jackson.databind.JsonNode;
import dev.deskbridge.connector.api.config.ConfigProblem;
import dev.deskbridge.connector.api.config.ConfigSpec;
import dev.deskbridge.connector.api.config.Secret;
import dev.deskbridge.connector.api.config.Setting;
import dev.deskbridge.connector.api.config.SettingType;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads and checks the {@code messaging:} section, reporting every problem with its path. Values
 * are quoted only when they cannot be a secret.
 */
public final class MessagingConfigReader {
    /** Meta's highest throughput tier per business number. */
    static final int MAX_CAMPAIGN_RATE = 1000;

    /** {@code messaging:} */
    public static final ConfigSpec SPEC = ConfigSpec.builder()
            .add(Setting.optional("send_token", SettingType.STRING,
                    "Bearer token that may send notifications (POST /api/messages, GET /api/messages/{id}) and "
                            + "nothing else; at least 16 characters, not the admin or the app token.").asSecret())
            .add(Setting.withDefault("campaign_rate", SettingType.INTEGER,
                    String.valueOf(MessagingConfig.DEFAULT_CAMPAIGN_RATE),
                    "Messages per second a campaign is paced to (the channel's throughput; Meta's default is 80). "
                            + "A provider's rate-limit answer slows it down further."))
            .build();

    private MessagingConfigReader() {}

    /**
     * @param node the section, or null when the file has none
     * @param otherTokens the admin and app tokens, which the send token must differ from
     * @param problems where problems are added
     * @return the section, or null when it has problems (all reported)
     */
    public static MessagingConfig read(JsonNode node, List<Optional<Secret>> otherTokens, List<ConfigProblem> problems) {
        if (node == null || node.isNull()) {
            return MessagingConfig.defaults();
        }
        if (!node.isObject()) {
            problems.add(new ConfigProblem("messaging", "must be a mapping"));
            return null;
        }
        Map<String, String> values = new LinkedHashMap<>();
        List<ConfigProblem> found = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (!e.getValue().isValueNode()) {
                found.add(new ConfigProblem("messaging." + e.getKey(), "must be a single value"));
            } else if (!e.getValue().isNull()) {
                values.put(e.getKey(), e.getValue().asText());
            }
        }
        SPEC.validate(values).forEach(p -> found.add(new ConfigProblem("messaging." + p.path(), p.message())));
        Optional<Secret> token = Optional.ofNullable(values.get("send_token")).map(String::strip)
                .filter(v -> !v.isEmpty()).map(Secret::new);
        if (token.isPresent() && !BearerToken.longEnough(token.get())) {
            found.add(new ConfigProblem("messaging.send_token", "must be at least " + BearerToken.MIN_LENGTH
                    + " characters"));
        }
        if (token.isPresent() && otherTokens.stream().flatMap(Optional::stream)
                .anyMatch(t -> t.reveal().strip().equals(token.get().reveal().strip()))) {
            // The send token sits in other systems' settings: it must not open the admin API.
            found.add(new ConfigProblem("messaging.send_token", "must differ from host.admin_token and host.app_token"));
        }
        int rate = MessagingConfig.DEFAULT_CAMPAIGN_RATE;
        String rawRate = values.get("campaign_rate");
        if (rawRate != null && found.stream().noneMatch(p -> p.path().equals("messaging.campaign_rate"))) {
            long parsed = Long.parseLong(rawRate.strip());
            if (parsed < 1 || parsed > MAX_CAMPAIGN_RATE) {
                found.add(new ConfigProblem("messaging.campaign_rate", "must be between 1 and " + MAX_CAMPAIGN_RATE
                        + ", got " + parsed));
            } else {
                rate = (int) parsed;
            }
        }
        problems.addAll(found);
        return found.isEmpty() ? new MessagingConfig(token, rate) : null;
    }
}
