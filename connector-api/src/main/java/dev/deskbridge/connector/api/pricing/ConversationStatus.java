package dev.deskbridge.connector.api.pricing;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * What a CRM shows about a conversation: its window, how it should be labelled, and the money
 * spent so far.
 *
 * @param window the window facts
 * @param phase the label as of {@code asOf}
 * @param closesAt when free-form replies stop being allowed, if the window is open
 * @param costSoFar the conversation's settled-or-quoted spend
 * @param asOf the instant the phase was computed for
 */
public record ConversationStatus(
        WindowState window, WindowPhase phase, Optional<Instant> closesAt, Money costSoFar, Instant asOf) {
    public ConversationStatus {
        Objects.requireNonNull(window, "window");
        Objects.requireNonNull(phase, "phase");
        Objects.requireNonNull(closesAt, "closesAt");
        Objects.requireNonNull(costSoFar, "costSoFar");
        Objects.requireNonNull(asOf, "asOf");
    }
}
