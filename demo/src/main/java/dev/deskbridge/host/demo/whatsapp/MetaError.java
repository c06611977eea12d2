package dev.deskbridge.host.demo.whatsapp;

import java.util.Objects;

/**
 * An error as Meta reports it on a {@code failed} status.
 *
 * @param code Meta's error code ({@code 131026})
 * @param title Meta's title ({@code Message undeliverable})
 * @param details {@code error_data.details}
 */
public record MetaError(int code, String title, String details) {
    public MetaError {
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(details, "details");
    }

    /** 131026: the message could not reach the customer (not on WhatsApp, old app, blocked). */
    public static MetaError undeliverable() {
        return new MetaError(131026, "Message undeliverable",
                "Message Undeliverable. The recipient's phone number is not a WhatsApp account or cannot receive this message.");
    }
}
