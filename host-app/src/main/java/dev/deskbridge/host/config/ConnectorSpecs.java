package dev.deskbridge.host.config;

import dev.deskbridge.connector.api.config.ConfigSpec;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The connector types the validator can check instances against: the plugin registry in the
 * host, a fixed map in tests.
 */
public interface ConnectorSpecs {

    /** The spec of a channel type, or empty when no plugin provides it. */
    Optional<ConfigSpec> channelSpec(String type);

    /** The spec of a CRM type, or empty when no plugin provides it. */
    Optional<ConfigSpec> crmSpec(String type);

    /** Every known channel type, sorted. */
    Set<String> channelTypes();

    /** Every known CRM type, sorted. */
    Set<String> crmTypes();

    /** Fixed specs, keyed by type. */
    static ConnectorSpecs of(Map<String, ConfigSpec> channels, Map<String, ConfigSpec> crms) {
        Map<String, ConfigSpec> ch = Map.copyOf(channels);
        Map<String, ConfigSpec> cr = Map.copyOf(crms);
        return new ConnectorSpecs() {
            @Override
            public Optional<ConfigSpec> channelSpec(String type) {
                return Optional.ofNullable(ch.get(type));
            }

            @Override
            public Optional<ConfigSpec> crmSpec(String type) {
                return Optional.ofNullable(cr.get(type));
            }

            @Override
            public Set<String> channelTypes() {
                return new TreeSet<>(ch.keySet());
            }

            @Override
            public Set<String> crmTypes() {
                return new TreeSet<>(cr.keySet());
            }
        };
    }
}
