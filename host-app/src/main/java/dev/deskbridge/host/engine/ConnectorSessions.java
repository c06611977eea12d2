package dev.deskbridge.host.engine;

import dev.deskbridge.connector.api.ChannelSession;
import dev.deskbridge.connector.api.CrmSession;
import dev.deskbridge.connector.api.error.PermanentException;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/** The open sessions of the configured channels and CRMs, by instance id. */
public final class ConnectorSessions {
    private final Map<String, ChannelSession> channels;
    private final Map<String, CrmSession> crms;

    public ConnectorSessions(Map<String, ChannelSession> channels, Map<String, CrmSession> crms) {
        this.channels = Map.copyOf(Objects.requireNonNull(channels, "channels"));
        this.crms = Map.copyOf(Objects.requireNonNull(crms, "crms"));
    }

    public Optional<ChannelSession> findChannel(String id) {
        return Optional.ofNullable(channels.get(id));
    }

    public Optional<CrmSession> findCrm(String id) {
        return Optional.ofNullable(crms.get(id));
    }

    /** The channel's session; a permanent failure when it is not configured (any more). */
    public ChannelSession channel(String id) {
        return findChannel(id).orElseThrow(() -> new PermanentException("no channel '" + id + "' is configured"));
    }

    public CrmSession crm(String id) {
        return findCrm(id).orElseThrow(() -> new PermanentException("no crm '" + id + "' is configured"));
    }

    public Map<String, ChannelSession> channels() {
        return channels;
    }

    public Map<String, CrmSession> crms() {
        return crms;
    }

    /** Closes every session; sessions never throw on close. */
    public void closeAll() {
        channels.values().forEach(ChannelSession::close);
        crms.values().forEach(CrmSession::close);
    }
}
