package dev.deskbridge.connector.zendesk.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import dev.deskbridge.connector.api.model.MediaLink;
import dev.deskbridge.connector.zendesk.client.ZendeskApi;
import dev.deskbridge.connector.zendesk.client.ZendeskRejectedException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A ticket's latest comments with their authors, in one request: Zendesk's List Comments, newest
 * first, with the authors sideloaded ({@code include=users}). Read as raw JSON because the client
 * library's listing has no sideloads.
 *
 * @param comments newest first
 * @param authors the sideloaded users by id (empty when Zendesk sent none)
 */
record TicketComments(List<Comment> comments, Map<Long, Author> authors) {
    TicketComments {
        comments = List.copyOf(comments);
        authors = Map.copyOf(authors);
    }

    /** One comment, as much of it as a reply needs. */
    record Comment(long id, boolean isPublic, Optional<Long> authorId, String body, List<MediaLink> attachments,
            Instant createdAt) {
        Comment {
            Objects.requireNonNull(authorId, "authorId");
            Objects.requireNonNull(body, "body");
            attachments = List.copyOf(attachments);
            Objects.requireNonNull(createdAt, "createdAt");
        }
    }

    /** A comment's author: whether an agent (or admin) wrote it, and the name shown to the customer. */
    record Author(long id, Optional<String> name, boolean isAgent) {
        Author {
            Objects.requireNonNull(name, "name");
        }
    }

    /**
     * The ticket's latest comments (one page, at most {@code max}), or empty when the ticket no
     * longer exists (404).
     */
    static Optional<TicketComments> latest(ZendeskApi api, long ticketId, int max) {
        JsonNode answer;
        try {
            answer = api.get("read comments of ticket " + ticketId, "/tickets/" + ticketId
                    + "/comments.json?sort_order=desc&include=users&per_page=" + max);
        } catch (ZendeskRejectedException e) {
            if (e.status() == 404) {
                return Optional.empty();
            }
            throw e;
        }
        List<Comment> comments = new ArrayList<>();
        for (JsonNode c : answer.path("comments")) {
            if (c.path("id").canConvertToLong() && c.path("id").asLong() > 0) {
                comments.add(comment(c));
            }
        }
        Map<Long, Author> authors = new HashMap<>();
        for (JsonNode u : answer.path("users")) {
            long id = u.path("id").asLong();
            if (id > 0) {
                String role = u.path("role").asText("").toLowerCase(Locale.ROOT);
                authors.put(id, new Author(id, Optional.ofNullable(u.path("name").textValue()),
                        role.equals("agent") || role.equals("admin")));
            }
        }
        return Optional.of(new TicketComments(comments, authors));
    }

    private static Comment comment(JsonNode c) {
        List<MediaLink> files = new ArrayList<>();
        for (JsonNode a : c.path("attachments")) {
            String url = a.path("content_url").textValue();
            if (url != null) {
                String name = a.path("file_name").asText("");
                files.add(new MediaLink(url, name.isBlank() ? "attachment" : name,
                        Optional.ofNullable(a.path("content_type").textValue())));
            }
        }
        JsonNode author = c.path("author_id");
        return new Comment(c.path("id").asLong(), c.path("public").asBoolean(false),
                author.canConvertToLong() && author.asLong() > 0 ? Optional.of(author.asLong()) : Optional.empty(),
                c.path("body").asText(""), files, createdAt(c.path("created_at").asText("")));
    }

    private static Instant createdAt(String text) {
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            return Instant.EPOCH;
        }
    }
}
