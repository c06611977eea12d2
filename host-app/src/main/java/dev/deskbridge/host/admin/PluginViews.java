package dev.deskbridge.host.admin;

import dev.deskbridge.host.plugins.BuiltInConnectors;
import dev.deskbridge.host.plugins.ConnectorKind;
import dev.deskbridge.host.plugins.HostVersion;
import dev.deskbridge.host.plugins.PluginReport;
import dev.deskbridge.host.plugins.Provided;
import dev.deskbridge.host.plugins.ProvidedExtension;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Turns what the plugin loader reported into what the admin API shows. */
public final class PluginViews {
    /** The id under which the host's own connectors are listed. */
    public static final String BUILT_IN_ID = "builtin";

    private PluginViews() {}

    /**
     * The built-in connectors first (when there are any), then one view per plugin file in the
     * loader's order.
     */
    public static List<PluginView> of(BuiltInConnectors builtIns, List<PluginReport> reports) {
        List<PluginView> views = new ArrayList<>();
        if (!builtIns.channels().isEmpty() || !builtIns.crms().isEmpty()) {
            views.add(new PluginView(BUILT_IN_ID, HostVersion.current(), PluginStatus.STARTED, true,
                    builtIns.channels().stream().map(Provided::type).toList(),
                    builtIns.crms().stream().map(Provided::type).toList(),
                    builtIns.problems().isEmpty() ? Optional.empty() : Optional.of(String.join("; ", builtIns.problems()))));
        }
        for (PluginReport r : reports) {
            views.add(new PluginView(r.pluginId().orElse(r.fileName()), r.version().orElse("?"), status(r), false,
                    types(r, ConnectorKind.CHANNEL), types(r, ConnectorKind.CRM),
                    r.started() ? Optional.empty() : Optional.of(r.fileName() + ": " + r.reason())));
        }
        return List.copyOf(views);
    }

    private static PluginStatus status(PluginReport r) {
        switch (r.state()) {
            case STARTED: return PluginStatus.STARTED;
            case REFUSED: return PluginStatus.REFUSED;
            case FAILED: return PluginStatus.FAILED;
            default: throw new AssertionError(r.state());
        }
    }

    private static List<String> types(PluginReport r, ConnectorKind kind) {
        return r.extensions().stream().filter(e -> e.kind() == kind).map(ProvidedExtension::type).toList();
    }
}
