package dev.deskbridge.host.admin;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One plugin the host found in its plugin folder, or a connector built into the host.
 *
 * @param id the plugin's id ({@code connector-zendesk}), or {@code builtin} for the host's own
 * @param version the plugin's version
 * @param status started, stopped, refused or failed
 * @param builtIn whether the connectors ship inside the host
 * @param channelTypes the messaging channel types it provides ({@code twilio-whatsapp})
 * @param crmTypes the CRM types it provides ({@code zendesk})
 * @param problem why it is refused or failed (never a secret)
 */
public record PluginView(
        String id,
        String version,
        PluginStatus status,
        boolean builtIn,
        List<String> channelTypes,
        List<String> crmTypes,
        Optional<String> problem) {

    public PluginView {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(status, "status");
        channelTypes = List.copyOf(Objects.requireNonNull(channelTypes, "channelTypes"));
        crmTypes = List.copyOf(Objects.requireNonNull(crmTypes, "crmTypes"));
        Objects.requireNonNull(problem, "problem");
    }
}
