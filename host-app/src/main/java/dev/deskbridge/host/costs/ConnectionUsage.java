package dev.deskbridge.host.costs;

import dev.deskbridge.connector.api.model.PhoneNumber;
import dev.deskbridge.connector.api.pricing.PricingCategory;
import dev.deskbridge.host.pricing.MonthlyUsage;
import dev.deskbridge.host.store.StoreException;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.YearMonth;
import java.util.Objects;

/**
 * The month's counters answered from the ledger on the caller's connection, so a quote sees the
 * transaction it is made in.
 */
public final class ConnectionUsage implements MonthlyUsage {
    private final Connection connection;

    public ConnectionUsage(Connection connection) {
        this.connection = Objects.requireNonNull(connection, "connection");
    }

    @Override
    public long billedCount(String market, PricingCategory category, YearMonth month) {
        try {
            return LedgerQueries.billedCount(connection, market, category, month);
        } catch (SQLException e) {
            throw new StoreException("cannot count billed messages: " + e.getMessage(), e);
        }
    }

    @Override
    public long freeServiceCount(PhoneNumber business, YearMonth month) {
        try {
            return LedgerQueries.freeServiceCount(connection, business, month);
        } catch (SQLException e) {
            throw new StoreException("cannot count free service messages: " + e.getMessage(), e);
        }
    }
}
