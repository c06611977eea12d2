package dev.deskbridge.host.templates;

import dev.deskbridge.connector.api.ChannelCapability;
import dev.deskbridge.connector.api.ChannelSession;
import dev.deskbridge.connector.api.template.TemplateDefinition;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads each channel's template list from its provider into the catalogue: on demand
 * ({@code deskbridge templates sync}), and on a schedule while the host runs. A channel whose
 * provider has no catalogue (no {@link ChannelCapability#TEMPLATE_CATALOGUE}) is left out.
 */
public final class TemplateSync implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(TemplateSync.class);

    private final TemplateCatalogue catalogue;
    private final Map<String, ChannelSession> channels;
    private final Clock clock;
    private ScheduledExecutorService schedule;

    public TemplateSync(TemplateCatalogue catalogue, Map<String, ChannelSession> channels, Clock clock) {
        this.catalogue = Objects.requireNonNull(catalogue, "catalogue");
        this.channels = Map.copyOf(Objects.requireNonNull(channels, "channels"));
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** What one channel's sync did. */
    public record Outcome(String channelId, boolean synced, int templates, String message) {}

    /** The channels whose provider has a catalogue. */
    public List<String> channelsWithCatalogue() {
        return channels.entrySet().stream()
                .filter(e -> e.getValue().capabilities().contains(ChannelCapability.TEMPLATE_CATALOGUE))
                .map(Map.Entry::getKey).sorted().toList();
    }

    /**
     * Syncs one channel.
     *
     * @throws IllegalArgumentException when there is no such channel, or it has no catalogue
     * @throws dev.deskbridge.connector.api.error.ConnectorException when the provider could not be read;
     *     the catalogue is left as it was
     */
    public int sync(String channelId) {
        ChannelSession session = channels.get(channelId);
        if (session == null) {
            throw new IllegalArgumentException("no channel '" + channelId + "' (known: "
                    + String.join(", ", channels.keySet().stream().sorted().toList()) + ")");
        }
        if (!session.capabilities().contains(ChannelCapability.TEMPLATE_CATALOGUE)) {
            throw new IllegalArgumentException("channel '" + channelId + "' has no template catalogue"
                    + " (a whatsapp-cloud channel needs waba_id)");
        }
        List<TemplateDefinition> listed = session.listTemplates();
        return catalogue.replace(channelId, listed, clock.instant());
    }

    /** Syncs every channel with a catalogue; one failing does not stop the others. */
    public List<Outcome> syncAll() {
        Map<String, Outcome> out = new LinkedHashMap<>();
        for (String id : channelsWithCatalogue()) {
            try {
                int n = sync(id);
                out.put(id, new Outcome(id, true, n, n + " template" + (n == 1 ? "" : "s")));
            } catch (RuntimeException e) {
                out.put(id, new Outcome(id, false, 0, "not synced: " + e.getMessage()));
            }
        }
        return List.copyOf(out.values());
    }

    /**
     * Syncs every channel now and then every {@code every} (never again when zero), in a daemon
     * thread of its own so a slow provider never holds up the host's start.
     *
     * @param afterEach told each round's outcomes (the route check runs there)
     */
    public synchronized TemplateSync schedule(Duration every, Consumer<List<Outcome>> afterEach) {
        if (schedule != null || channelsWithCatalogue().isEmpty()) {
            return this;
        }
        schedule = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "deskbridge-template-sync");
            t.setDaemon(true);
            return t;
        });
        Runnable round = () -> {
            try {
                List<Outcome> outcomes = syncAll();
                outcomes.forEach(o -> {
                    if (o.synced()) {
                        LOG.info("template catalogue of channel {}: {}", o.channelId(), o.message());
                    } else {
                        LOG.warn("template catalogue of channel {}: {}", o.channelId(), o.message());
                    }
                });
                afterEach.accept(outcomes);
            } catch (RuntimeException e) {
                LOG.warn("template sync failed: {}", e.getMessage());
            }
        };
        if (every.isZero()) {
            schedule.execute(round);
        } else {
            schedule.scheduleWithFixedDelay(round, 0, every.toMillis(), TimeUnit.MILLISECONDS);
        }
        return this;
    }

    @Override
    public synchronized void close() {
        if (schedule != null) {
            schedule.shutdownNow();
            schedule = null;
        }
    }
}
