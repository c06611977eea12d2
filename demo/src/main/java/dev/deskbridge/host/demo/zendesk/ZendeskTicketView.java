package dev.deskbridge.host.demo.zendesk;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A ticket of the Zendesk stand-in as an agent sees it: subject, status, tags, DeskBridge's field
 * values by title, and every comment with its author.
 *
 * @param requesterPhone the requester's phone number, when Zendesk knows one
 * @param fields field values by field title, in the account's field order (only fields that hold a value)
 */
public record ZendeskTicketView(long id, String subject, String status, String requester,
        Optional<String> requesterPhone, Optional<String> externalId, List<String> tags, Map<String, String> fields,
        List<Comment> comments) {

    public ZendeskTicketView {
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(requester, "requester");
        Objects.requireNonNull(requesterPhone, "requesterPhone");
        Objects.requireNonNull(externalId, "externalId");
        tags = List.copyOf(tags);
        fields = Collections.unmodifiableMap(new LinkedHashMap<>(fields));
        comments = List.copyOf(comments);
    }

    /**
     * One comment.
     *
     * @param authorRole {@code end-user}, {@code agent} or {@code admin}
     * @param attachments the attached files' names
     */
    public record Comment(long id, String author, String authorRole, boolean isPublic, String body,
            List<String> attachments, Instant at) {
        public Comment {
            Objects.requireNonNull(author, "author");
            Objects.requireNonNull(authorRole, "authorRole");
            Objects.requireNonNull(body, "body");
            attachments = List.copyOf(attachments);
            Objects.requireNonNull(at, "at");
        }
    }

    /** The internal notes (private comments), oldest first. */
    public List<Comment> notes() {
        return comments.stream().filter(c -> !c.isPublic()).toList();
    }

    /** The public comments, oldest first. */
    public List<Comment> publicComments() {
        return comments.stream().filter(Comment::isPublic).toList();
    }
}
