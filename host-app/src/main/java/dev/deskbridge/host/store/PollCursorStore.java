package dev.deskbridge.host.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;

/** How far each polled CRM's agent replies have been read. Works inside the caller's transaction. */
public final class PollCursorStore {

    /** The cursor of a CRM, starting it at {@code start} when it has none. */
    public Instant startOrRead(Connection c, String crmId, Instant start) throws SQLException {
        Jdbc.update(c, "INSERT INTO crm_poll_cursors (crm_id, polled_until, updated_at) VALUES (?, ?, ?) "
                + "ON CONFLICT DO NOTHING", crmId, start, start);
        return read(c, crmId).orElse(start);
    }

    public Optional<Instant> read(Connection c, String crmId) throws SQLException {
        return Jdbc.queryOne(c, "SELECT polled_until FROM crm_poll_cursors WHERE crm_id = ?",
                rs -> Jdbc.instant(rs, "polled_until"), crmId);
    }

    /** Moves the cursor forward to {@code until}; never back (another host may have read further). */
    public void advance(Connection c, String crmId, Instant until, Instant now) throws SQLException {
        Jdbc.update(c, "UPDATE crm_poll_cursors SET polled_until = ?, updated_at = ? WHERE crm_id = ? AND polled_until < ?",
                until, now, crmId, until);
    }
}
