package dev.deskbridge.connector.api;

import java.time.Duration;

/**
 * Metrics a connector may record; the host exports them (Prometheus) prefixed with
 * {@code deskbridge_connector_} and tagged with the instance. Tags are given as key, value pairs.
 * The host keeps a bounded number of tag-value combinations per metric (a value taken from a webhook
 * must not grow its registry); past the bound, new combinations count with the value {@code other}.
 */
public interface ConnectorMetrics {

    /** Adds one to a counter. */
    void increment(String name, String... tags);

    /** Records a duration in a timer. */
    void record(String name, Duration duration, String... tags);
}
