package dev.deskbridge.connector.api.model;

import java.util.Objects;

/**
 * An agent asked for a template in a way the CRM's plugin cannot read (a Zendesk comment's
 * {@code #template} line, a Conversations message's attributes): the host tells the agents on the
 * ticket, with the reason code {@code template_command_invalid}, and sends nothing. Carried in
 * {@link AgentReply#templateError()} rather than thrown, so the request is answered, not lost in
 * the dead letters. Added in 0.2.
 *
 * @param where the part of the command at fault ({@code line 1}, {@code attributes.deskbridge.parameters})
 * @param problem what is wrong there, for a person
 */
public record TemplateCommandError(String where, String problem) {
    public TemplateCommandError {
        Objects.requireNonNull(where, "where");
        Objects.requireNonNull(problem, "problem");
        if (where.isBlank() || problem.isBlank()) {
            throw new IllegalArgumentException("a template command error names where and what");
        }
    }
}
