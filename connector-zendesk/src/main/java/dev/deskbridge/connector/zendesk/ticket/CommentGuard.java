package dev.deskbridge.connector.zendesk.ticket;

import dev.deskbridge.connector.api.error.RetryableException;
import dev.deskbridge.connector.zendesk.client.Listings;
import dev.deskbridge.connector.zendesk.client.Lru;
import dev.deskbridge.connector.zendesk.client.ZendeskApi;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.zendesk.client.v2.model.Comment;
import org.zendesk.client.v2.model.SortOrder;

/**
 * Keeps a retried comment from landing twice. Zendesk has no idempotency key for ticket updates,
 * so when a comment's write failed in a way that may still have applied it (a timeout, a 5xx),
 * the retry first looks at the ticket's latest comments for the same author and body.
 *
 * <p>What is uncertain is remembered in memory only; after a host restart the host says so itself
 * ({@code CustomerMessage.retry()}), and the caller then asks for the check ({@code checkFirst}).
 */
public final class CommentGuard {
    private static final int SCAN = 50;
    private static final int REMEMBERED = 1000;

    private final ZendeskApi api;
    private final Map<String, Boolean> uncertain = Lru.map(REMEMBERED);

    public CommentGuard(ZendeskApi api) {
        this.api = Objects.requireNonNull(api, "api");
    }

    /**
     * Posts a comment unless it is already on the ticket.
     *
     * @param ticketId the ticket
     * @param authorId the comment's author, when not the API user
     * @param body the comment's text
     * @param checkFirst look for the comment before posting even when no earlier attempt failed
     * @param post does the write
     * @return whether the comment was posted now (false when it was already there)
     */
    public boolean post(long ticketId, Optional<Long> authorId, String body, boolean checkFirst, Runnable post) {
        String key = key(ticketId, body);
        if ((checkFirst || uncertain.containsKey(key)) && alreadyPosted(ticketId, authorId, body)) {
            uncertain.remove(key);
            return false;
        }
        try {
            post.run();
        } catch (RetryableException e) {
            uncertain.put(key, Boolean.TRUE);
            throw e;
        }
        uncertain.remove(key);
        return true;
    }

    /** Remembers that a write of this comment may have applied without an answer. */
    public void markUncertain(long ticketId, String body) {
        uncertain.put(key(ticketId, body), Boolean.TRUE);
    }

    /** Whether one of the ticket's latest comments has this author (when given) and body. */
    public boolean alreadyPosted(long ticketId, Optional<Long> authorId, String body) {
        String wanted = normalize(body);
        List<Comment> latest = api.call("read latest comments of ticket " + ticketId,
                z -> Listings.upTo(z.getTicketComments(ticketId, SortOrder.DESCENDING), SCAN));
        return latest.stream().anyMatch(c -> c.getBody() != null
                && normalize(c.getBody()).equals(wanted)
                && authorId.map(a -> a.equals(c.getAuthorId())).orElse(true));
    }

    private static String normalize(String s) {
        return s.strip().replaceAll("\\s+", " ");
    }

    private static String key(long ticketId, String body) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(normalize(body).getBytes(StandardCharsets.UTF_8));
            return ticketId + ":" + HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is always available", e);
        }
    }
}
