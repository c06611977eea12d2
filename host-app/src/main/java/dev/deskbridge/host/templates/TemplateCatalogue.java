package dev.deskbridge.host.templates;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import dev.deskbridge.connector.api.model.TemplateUpdate;
import dev.deskbridge.connector.api.pricing.TemplateCategory;
import dev.deskbridge.connector.api.template.TemplateDefinition;
import dev.deskbridge.host.store.Database;
import dev.deskbridge.host.store.Jdbc;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The template catalogue of every channel, in the database: what each provider listed at the last
 * sync, changed since by its template webhooks. Methods taking a {@link Connection} work inside the
 * caller's transaction; the others open their own.
 */
public final class TemplateCatalogue {
    private static final ObjectMapper JSON = new ObjectMapper().registerModule(new Jdk8Module())
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private final Database db;

    public TemplateCatalogue(Database db) {
        this.db = Objects.requireNonNull(db, "db");
    }

    /** The template of this name and language on the channel, whatever its status. */
    public Optional<CatalogueTemplate> find(String channelId, String name, String language) {
        return db.inTransaction(c -> find(c, channelId, name, language));
    }

    public Optional<CatalogueTemplate> find(Connection c, String channelId, String name, String language)
            throws SQLException {
        return Jdbc.queryOne(c, "SELECT * FROM templates WHERE channel_id = ? AND name = ? AND language = ?",
                TemplateCatalogue::map, channelId, name, language);
    }

    /** Every language of a name on the channel; a Twilio Content SID finds its template too. */
    public List<CatalogueTemplate> findByName(Connection c, String channelId, String name) throws SQLException {
        return Jdbc.query(c, "SELECT * FROM templates WHERE channel_id = ? AND (name = ? OR provider_id = ?) "
                + "ORDER BY language", TemplateCatalogue::map, channelId, name, name);
    }

    /** The channel's catalogue, or every channel's when none is named, by channel, name and language. */
    public List<CatalogueTemplate> list(Optional<String> channelId) {
        return db.inTransaction(c -> list(c, channelId));
    }

    public List<CatalogueTemplate> list(Connection c, Optional<String> channelId) throws SQLException {
        return channelId.isPresent()
                ? Jdbc.query(c, "SELECT * FROM templates WHERE channel_id = ? ORDER BY name, language",
                        TemplateCatalogue::map, channelId.get())
                : Jdbc.query(c, "SELECT * FROM templates ORDER BY channel_id, name, language", TemplateCatalogue::map);
    }

    /** When the channel's catalogue was last read in full; empty when it never was. */
    public Optional<Instant> lastSync(String channelId) {
        return db.inTransaction(c -> lastSync(c, channelId));
    }

    public Optional<Instant> lastSync(Connection c, String channelId) throws SQLException {
        return Jdbc.queryOne(c, "SELECT synced_at FROM template_syncs WHERE channel_id = ?",
                rs -> Jdbc.instant(rs, "synced_at"), channelId);
    }

    /**
     * Replaces the channel's catalogue by a full listing: new templates added, listed ones updated,
     * templates the provider no longer lists removed. One transaction: a check sees the old or the new.
     *
     * @return how many templates the channel has now
     */
    public int replace(String channelId, List<TemplateDefinition> listed, Instant now) {
        return db.inTransaction(c -> {
            Set<String> keep = new HashSet<>();
            for (TemplateDefinition d : listed) {
                if (!keep.add(d.name() + "\u0000" + d.language())) {
                    continue; // a provider listing one name and language twice: the first wins
                }
                String definition = write(d);
                int updated = Jdbc.update(c, "UPDATE templates SET provider_id = ?, status = ?, category = ?, "
                        + "definition = ?, synced_at = ?, updated_at = ?, status_reason = CASE WHEN status = ? "
                        + "THEN status_reason ELSE NULL END WHERE channel_id = ? AND name = ? AND language = ?",
                        d.providerId(), d.status().name(), d.category().map(Enum::name), definition, now, now,
                        d.status().name(), channelId, d.name(), d.language());
                if (updated == 0) {
                    Jdbc.update(c, "INSERT INTO templates (channel_id, name, language, provider_id, status, category, "
                            + "definition, synced_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", channelId,
                            d.name(), d.language(), d.providerId(), d.status().name(), d.category().map(Enum::name),
                            definition, now, now);
                }
            }
            for (CatalogueTemplate t : list(c, Optional.of(channelId))) {
                if (!keep.contains(t.name() + "\u0000" + t.language())) {
                    Jdbc.update(c, "DELETE FROM templates WHERE channel_id = ? AND name = ? AND language = ?",
                            channelId, t.name(), t.language());
                }
            }
            if (Jdbc.update(c, "UPDATE template_syncs SET synced_at = ?, templates = ? WHERE channel_id = ?", now,
                    keep.size(), channelId) == 0) {
                Jdbc.update(c, "INSERT INTO template_syncs (channel_id, synced_at, templates) VALUES (?, ?, ?)",
                        channelId, now, keep.size());
            }
            return keep.size();
        });
    }

    /**
     * Applies a provider's template webhook (status, category or quality change) inside the
     * caller's transaction. A template not in the catalogue yet is left to the next sync.
     *
     * @return whether a template was changed
     */
    public boolean apply(Connection c, String channelId, TemplateUpdate update) throws SQLException {
        List<CatalogueTemplate> matches = Jdbc.query(c, "SELECT * FROM templates WHERE channel_id = ? AND "
                + "(provider_id = ? OR (name = ? AND language = ?))", TemplateCatalogue::map, channelId,
                update.providerId(), update.name(), update.language());
        boolean changed = false;
        for (CatalogueTemplate t : matches) {
            TemplateDefinition d = t.definition();
            TemplateDefinition next = new TemplateDefinition(d.providerId(), d.name(), d.sendName(), d.language(),
                    update.status().orElse(d.status()), update.category().or(d::category), d.parameterFormat(),
                    d.body(), d.bodyParameters(), d.header(), d.headerParameters(), d.buttons(), d.components());
            changed |= Jdbc.update(c, "UPDATE templates SET status = ?, category = ?, quality = ?, status_reason = ?, "
                    + "definition = ?, updated_at = ? WHERE channel_id = ? AND name = ? AND language = ?",
                    next.status().name(), next.category().map(TemplateCategory::name),
                    update.quality().or(t::quality), update.status().isPresent() ? update.reason()
                            : t.statusReason(), write(next), update.at(), channelId, d.name(), d.language()) > 0;
        }
        return changed;
    }

    /**
     * Applies an update to the channel it came to and to every other channel whose catalogue holds the
     * same template by the provider's id: the numbers of one business account share its templates, and
     * Meta sends the account's webhooks to one URL, so the update reaches one channel for them all.
     * Another account's template of the same name has another id and is left alone.
     *
     * @return whether any catalogue changed
     */
    public boolean applyToAccount(Connection c, String channelId, TemplateUpdate update) throws SQLException {
        boolean changed = apply(c, channelId, update);
        if (update.providerId().isBlank()) {
            return changed;
        }
        for (String other : Jdbc.query(c, "SELECT DISTINCT channel_id FROM templates WHERE provider_id = ? AND "
                + "channel_id <> ?", rs -> rs.getString(1), update.providerId(), channelId)) {
            changed |= apply(c, other, update);
        }
        return changed;
    }

    private static CatalogueTemplate map(ResultSet rs) throws SQLException {
        TemplateDefinition d;
        try {
            d = JSON.readValue(rs.getString("definition"), TemplateDefinition.class);
        } catch (JsonProcessingException e) {
            throw new SQLException("template " + rs.getString("name") + " (" + rs.getString("language")
                    + ") of channel " + rs.getString("channel_id") + " cannot be read: " + e.getOriginalMessage(), e);
        }
        return new CatalogueTemplate(rs.getString("channel_id"), d, Jdbc.optString(rs, "quality"),
                Jdbc.optString(rs, "status_reason"), Jdbc.instant(rs, "synced_at"), Jdbc.instant(rs, "updated_at"));
    }

    private static String write(TemplateDefinition d) {
        try {
            return JSON.writeValueAsString(d);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a template definition always serialises: " + e.getOriginalMessage(), e);
        }
    }
}
