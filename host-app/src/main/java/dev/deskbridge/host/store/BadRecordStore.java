package dev.deskbridge.host.store;

import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.Objects;

/** Records connectors could not handle, kept with the reason so an operator can find them. */
public final class BadRecordStore implements BadRecordSink {
    private final Database db;
    private final Clock clock;

    public BadRecordStore(Database db, Clock clock) {
        this.db = Objects.requireNonNull(db, "db");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * Keeps the record and returns once it is on disk: a webhook is answered after its bad records
     * are reported, and a record that was refused leaves only this trace for the operator, so a
     * crash right after the answer must not take it back. They are rare; each waits for the next
     * shared flush.
     */
    @Override
    public void report(String instanceId, String source, String reason, byte[] raw) {
        add(instanceId, source, reason, raw, clock.instant());
        db.durable();
    }

    public void add(String instanceId, String source, String reason, byte[] raw, Instant now) {
        db.inTransactionDo(c -> Jdbc.update(c, "INSERT INTO bad_records (instance_id, source, reason, raw_base64, "
                + "recorded_at) VALUES (?, ?, ?, ?, ?)", instanceId, Jdbc.clip(source, 64), Jdbc.clip(reason, 2000),
                raw == null ? null : Base64.getEncoder().encodeToString(raw), now));
    }

    public long count() {
        return db.inTransaction(c -> Jdbc.count(c, "SELECT COUNT(*) FROM bad_records"));
    }
}
