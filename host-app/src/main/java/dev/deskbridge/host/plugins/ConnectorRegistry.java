package dev.deskbridge.host.plugins;

import dev.deskbridge.connector.api.CrmConnector;
import dev.deskbridge.connector.api.MessagingChannel;
import dev.deskbridge.connector.api.config.ConfigSpec;
import dev.deskbridge.host.config.ConnectorSpecs;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Connector types by name: the host's built-ins first, then the started plugins in file order.
 * When two provide the same type, the first wins and the other is reported in
 * {@link #problems()}. Immutable.
 */
public final class ConnectorRegistry implements ConnectorSpecs {
    private final Map<String, Provided<CrmConnector>> crms;
    private final Map<String, Provided<MessagingChannel>> channels;
    private final List<String> problems;

    private ConnectorRegistry(Map<String, Provided<CrmConnector>> crms,
            Map<String, Provided<MessagingChannel>> channels, List<String> problems) {
        this.crms = Collections.unmodifiableMap(crms);
        this.channels = Collections.unmodifiableMap(channels);
        this.problems = List.copyOf(problems);
    }

    /** The built-ins and the plugins' connectors together. */
    public static ConnectorRegistry of(BuiltInConnectors builtIns, PluginHost plugins) {
        return of(builtIns, plugins.crmConnectors(), plugins.channels());
    }

    /** The built-ins and the given plugin connectors together. */
    public static ConnectorRegistry of(BuiltInConnectors builtIns,
            List<Provided<CrmConnector>> pluginCrms, List<Provided<MessagingChannel>> pluginChannels) {
        List<String> problems = new ArrayList<>(builtIns.problems());
        Map<String, Provided<CrmConnector>> crms = new TreeMap<>();
        Map<String, Provided<MessagingChannel>> channels = new TreeMap<>();
        List<Provided<CrmConnector>> allCrms = new ArrayList<>(builtIns.crms());
        allCrms.addAll(pluginCrms);
        List<Provided<MessagingChannel>> allChannels = new ArrayList<>(builtIns.channels());
        allChannels.addAll(pluginChannels);
        register(ConnectorKind.CRM, allCrms, crms, problems);
        register(ConnectorKind.CHANNEL, allChannels, channels, problems);
        return new ConnectorRegistry(crms, channels, problems);
    }

    private static <T> void register(ConnectorKind kind, List<Provided<T>> all, Map<String, Provided<T>> into,
            List<String> problems) {
        for (Provided<T> p : all) {
            Provided<T> first = into.putIfAbsent(p.type(), p);
            if (first != null) {
                problems.add(kind.label() + " type '" + p.type() + "' is provided twice: by " + first.source()
                        + " (used) and by " + p.source() + " (ignored)");
            }
        }
    }

    /**
     * Whether every connector type the configuration uses is here, built in or from a started plugin:
     * a running host's readiness. A plugin file that did not load and that nothing uses does not count.
     */
    public boolean providesEveryTypeOf(dev.deskbridge.host.config.DeskBridgeConfig config) {
        return config.channels().stream().allMatch(i -> channel(i.type()).isPresent())
                && config.crms().stream().allMatch(i -> crm(i.type()).isPresent());
    }

    /** The CRM connector of a type. */
    public Optional<CrmConnector> crm(String type) {
        return Optional.ofNullable(crms.get(type)).map(Provided::connector);
    }

    /** The channel of a type. */
    public Optional<MessagingChannel> channel(String type) {
        return Optional.ofNullable(channels.get(type)).map(Provided::connector);
    }

    /** Every registered CRM connector with its source, by type. */
    public Map<String, Provided<CrmConnector>> crms() {
        return crms;
    }

    /** Every registered channel with its source, by type. */
    public Map<String, Provided<MessagingChannel>> channels() {
        return channels;
    }

    /** Duplicate types and built-ins that failed to load. */
    public List<String> problems() {
        return problems;
    }

    @Override
    public Optional<ConfigSpec> channelSpec(String type) {
        return channel(type).map(MessagingChannel::configSpec);
    }

    @Override
    public Optional<ConfigSpec> crmSpec(String type) {
        return crm(type).map(CrmConnector::configSpec);
    }

    @Override
    public Set<String> channelTypes() {
        return Collections.unmodifiableSet(new TreeSet<>(channels.keySet()));
    }

    @Override
    public Set<String> crmTypes() {
        return Collections.unmodifiableSet(new TreeSet<>(crms.keySet()));
    }
}
