package dev.deskbridge.host.config;

import dev.deskbridge.connector.api.config.ConfigSpec;
import dev.deskbridge.connector.api.config.Settings;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One configured channel or CRM: its id, its connector type and the raw values of its
 * {@code config:} map. The raw values may be secrets, so {@link #toString()} shows only keys.
 *
 * @param id the instance id, unique among instances of its kind
 * @param type the connector type ({@code zendesk}, {@code whatsapp-cloud})
 * @param config the raw setting values, environment references already substituted
 */
public record ConnectorInstance(String id, String type, Map<String, String> config) {
    public ConnectorInstance {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(type, "type");
        config = Collections.unmodifiableMap(new LinkedHashMap<>(Objects.requireNonNull(config, "config")));
    }

    /**
     * The typed settings of this instance.
     *
     * @throws dev.deskbridge.connector.api.config.InvalidConfigException when the values do not
     *     satisfy the spec (a validated configuration always does)
     */
    public Settings settings(ConfigSpec spec) {
        return spec.resolve(config);
    }

    @Override
    public String toString() {
        return "ConnectorInstance[id=" + id + ", type=" + type + ", config keys=" + config.keySet() + "]";
    }
}
