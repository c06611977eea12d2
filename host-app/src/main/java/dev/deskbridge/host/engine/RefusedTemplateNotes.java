package dev.deskbridge.host.engine;

import dev.deskbridge.connector.api.model.ConversationId;
import dev.deskbridge.connector.api.model.OutboundMessage;
import dev.deskbridge.host.store.Jdbc;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;

/**
 * Which conversations were told that an automatic answer's template cannot be sent, and why (the
 * refusal's code). A rejected or paused away or keyword template would otherwise put one note on the
 * ticket for each customer message it would have answered. A conversation is told once per template
 * and reason; once the catalogue let the template go in it again, a later refusal is told anew. Kept
 * by the identity of conversation and template (table {@code template_refusal_notes}), never by a
 * note's text.
 */
final class RefusedTemplateNotes {
    private static final int NAME_MAX = 512;

    private RefusedTemplateNotes() {}

    /**
     * Records that the conversation is told now that the template is refused for {@code reason}.
     *
     * @return false when it was told so before, and nothing was recorded
     */
    static boolean tell(Connection c, ConversationId conversation, OutboundMessage.Template template, String reason,
            Instant now) throws SQLException {
        String name = Jdbc.clip(template.name(), NAME_MAX);
        // Another reason (paused, then rejected) is news; the same one is not.
        if (Jdbc.update(c, "UPDATE template_refusal_notes SET reason = ?, told_at = ? WHERE conversation_id = ? "
                + "AND template_name = ? AND template_language = ? AND reason <> ?", reason, now, conversation.value(),
                name, template.language(), reason) == 1) {
            return true;
        }
        return Jdbc.update(c, "INSERT INTO template_refusal_notes (conversation_id, template_name, template_language, "
                + "reason, told_at) VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING", conversation.value(), name,
                template.language(), reason, now) == 1;
    }

    /** The template may go out in the conversation again: its next refusal is told. */
    static void usable(Connection c, ConversationId conversation, OutboundMessage.Template template)
            throws SQLException {
        Jdbc.update(c, "DELETE FROM template_refusal_notes WHERE conversation_id = ? AND template_name = ? "
                + "AND template_language = ?", conversation.value(), Jdbc.clip(template.name(), NAME_MAX),
                template.language());
    }
}
