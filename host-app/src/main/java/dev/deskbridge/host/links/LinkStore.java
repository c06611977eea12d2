package dev.deskbridge.host.links;

import dev.deskbridge.connector.api.model.ConversationId;
import dev.deskbridge.connector.api.model.PhoneNumber;
import dev.deskbridge.host.store.Jdbc;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Links and the conversations they brought. Every method works inside the caller's transaction. */
public final class LinkStore {

    /** Stores a new link; false when its code is taken (the caller draws another). */
    public boolean insert(Connection c, ChatLink link) throws SQLException {
        return Jdbc.update(c, "INSERT INTO chat_links (code, name, source, channel_id, business, message, meta_code, "
                + "meta_short_link, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
                + "ON CONFLICT DO NOTHING", link.code(), link.name(), link.source(), link.channelId(),
                link.business().e164(), link.message(), link.metaCode().orElse(null),
                link.metaShortLink().orElse(null), link.createdAt(), link.createdAt()) == 1;
    }

    public Optional<ChatLink> find(Connection c, String code) throws SQLException {
        return Jdbc.queryOne(c, "SELECT * FROM chat_links WHERE code = ?", LinkStore::map, code);
    }

    /** Links not deleted (or all), newest first. */
    public List<ChatLink> list(Connection c, boolean withDeleted) throws SQLException {
        return Jdbc.query(c, "SELECT * FROM chat_links" + (withDeleted ? "" : " WHERE deleted_at IS NULL")
                + " ORDER BY created_at DESC, code", LinkStore::map);
    }

    /** Saves a link's name, source, message and Meta's QR code as they are in {@code link}. */
    public void save(Connection c, ChatLink link, Instant now) throws SQLException {
        Jdbc.update(c, "UPDATE chat_links SET name = ?, source = ?, message = ?, meta_code = ?, meta_short_link = ?, "
                + "updated_at = ? WHERE code = ?", link.name(), link.source(), link.message(),
                link.metaCode().orElse(null), link.metaShortLink().orElse(null), now, link.code());
    }

    /** Removes a link no conversation can have yet (its creation at Meta failed). */
    public void remove(Connection c, String code) throws SQLException {
        Jdbc.update(c, "DELETE FROM chat_links WHERE code = ? AND NOT EXISTS "
                + "(SELECT 1 FROM conversation_links WHERE link_code = ?)", code, code);
    }

    public void markDeleted(Connection c, String code, Instant now) throws SQLException {
        Jdbc.update(c, "UPDATE chat_links SET deleted_at = ?, updated_at = ? WHERE code = ? AND deleted_at IS NULL",
                now, now, code);
    }

    /**
     * The link of a code found in a message to {@code business}; a code of another number's link
     * is none of this conversation's business.
     */
    public Optional<ChatLink> forMessage(Connection c, String code, PhoneNumber business) throws SQLException {
        return find(c, code).filter(l -> l.business().equals(business));
    }

    /** Records that a conversation came from a link; a conversation keeps the first link it was given. */
    public void attribute(Connection c, ConversationId conversation, String code, Instant now) throws SQLException {
        Jdbc.update(c, "INSERT INTO conversation_links (conversation_id, link_code, attributed_at) VALUES (?, ?, ?) "
                + "ON CONFLICT DO NOTHING", conversation.value(), code, now);
    }

    /** The link a conversation came from. */
    public Optional<ChatLink> linkOf(Connection c, ConversationId conversation) throws SQLException {
        return Jdbc.queryOne(c, "SELECT l.* FROM conversation_links cl JOIN chat_links l ON l.code = cl.link_code "
                + "WHERE cl.conversation_id = ?", LinkStore::map, conversation.value());
    }

    private static ChatLink map(ResultSet rs) throws SQLException {
        return new ChatLink(rs.getString("code"), rs.getString("name"), rs.getString("source"),
                rs.getString("channel_id"), PhoneNumber.of(rs.getString("business")), rs.getString("message"),
                Jdbc.optString(rs, "meta_code"), Jdbc.optString(rs, "meta_short_link"),
                Jdbc.instant(rs, "created_at"), Jdbc.optInstant(rs, "deleted_at"));
    }
}
