package dev.deskbridge.host.demo.zendesk;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;

// size: one stand-in account of Zendesk's documented shapes; every operation is a synchronized step on
// the same state (users, tickets, fields, webhooks, triggers).
/**
 * The state of the demo's Zendesk account: users and their identities, tickets with their
 * comments, ticket fields, uploads, webhooks and triggers. Every operation is one synchronized
 * step, answers with Zendesk's documented JSON shapes, and refuses what Zendesk refuses with a
 * {@link ZendeskError}.
 */
final class ZendeskAccount {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final String ULID_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
    private static final Set<String> STATUSES = Set.of("new", "open", "pending", "hold", "solved", "closed");

    private final Clock clock;
    private final Supplier<String> base;
    private final String apiEmail;
    private final SecureRandom random = new SecureRandom();
    private final Map<Long, User> users = new LinkedHashMap<>();
    private final Map<Long, Ticket> tickets = new LinkedHashMap<>();
    private final Map<Long, Field> fields = new LinkedHashMap<>();
    private final Map<String, List<ObjectNode>> uploads = new LinkedHashMap<>();
    private final Map<String, Webhook> webhooks = new LinkedHashMap<>();
    private final Map<Long, ObjectNode> triggers = new LinkedHashMap<>();
    private final Map<Long, ObjectNode> macros = new LinkedHashMap<>();
    private final Map<String, Idempotent> idempotency = new LinkedHashMap<>();
    private final Map<String, byte[]> files = new LinkedHashMap<>();
    private long nextUserId = 381000001L;
    private long nextTicketId = 1;
    private long nextCommentId = 27000000001L;
    private long nextFieldId = 36000000001L;
    private long nextAttachmentId = 40000000001L;
    private long nextTriggerId = 52000000001L;
    private long nextMacroId = 53000000001L;
    private long nextIdentityId = 61000000001L;

    /** The answer of a ticket creation: the ticket, and whether an earlier request with the key made it. */
    record Created(ObjectNode ticket, boolean replayed) {}

    /**
     * @param clock the demo's business clock; timestamps follow it
     * @param baseUrl where the stand-in listens (known once it does), used in the {@code url} fields
     * @param apiEmail the email of the admin DeskBridge authenticates as
     * @param apiUserName that admin's name
     */
    ZendeskAccount(Clock clock, Supplier<String> baseUrl, String apiEmail, String apiUserName) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.base = Objects.requireNonNull(baseUrl, "baseUrl");
        this.apiEmail = Objects.requireNonNull(apiEmail, "apiEmail");
        User admin = newUser(apiUserName, "admin");
        admin.email = apiEmail;
        for (String[] system : new String[][] {{"subject", "Subject"}, {"description", "Description"},
                {"status", "Status"}, {"tickettype", "Type"}, {"priority", "Priority"}, {"group", "Group"},
                {"assignee", "Assignee"}}) {
            Field f = new Field(nextFieldId++, system[0], system[1], "", now(), false);
            fields.put(f.id, f);
        }
    }

    // ---- users

    /** Adds an agent who answers tickets; the user's id. */
    synchronized long addAgent(String name, String email) {
        User agent = newUser(name, "agent");
        agent.email = email;
        return agent.id;
    }

    /** The admin the API credentials belong to. */
    synchronized long apiUserId() {
        return users.values().stream().filter(u -> apiEmail.equals(u.email)).findFirst().orElseThrow().id;
    }

    synchronized ArrayNode searchUsersByExternalId(String externalId) {
        ArrayNode out = NODES.arrayNode();
        users.values().stream().filter(u -> externalId.equals(u.externalId)).forEach(u -> out.add(user(u)));
        return out;
    }

    /** Zendesk's user search: the query matches names, emails and phone numbers (digits compared). */
    synchronized ArrayNode searchUsers(String query) {
        String q = query.strip().toLowerCase(Locale.ROOT);
        String digits = q.replaceAll("[^0-9]", "");
        ArrayNode out = NODES.arrayNode();
        for (User u : users.values()) {
            boolean byPhone = !digits.isEmpty() && (digitsOf(u.phone).equals(digits)
                    || u.identities.stream().anyMatch(i -> digitsOf(i.value).equals(digits)));
            boolean byText = !q.isEmpty() && (u.name.toLowerCase(Locale.ROOT).contains(q)
                    || (u.email != null && u.email.equalsIgnoreCase(q)));
            if (byPhone || byText) {
                out.add(user(u));
            }
        }
        return out;
    }

    synchronized ObjectNode user(long id) {
        return user(requireUser(id));
    }

    synchronized ArrayNode identities(long userId) {
        User u = requireUser(userId);
        ArrayNode out = NODES.arrayNode();
        for (Identity i : u.identities) {
            out.add(obj().put("url", base.get() + "/api/v2/users/" + u.id + "/identities/" + i.id + ".json")
                    .put("id", i.id).put("user_id", u.id).put("type", i.type).put("value", i.value)
                    .put("verified", true).put("primary", u.identities.get(0) == i)
                    .put("created_at", u.createdAt.toString()).put("updated_at", u.createdAt.toString()));
        }
        return out;
    }

    /**
     * {@code create_or_update}: the user with the request's {@code external_id} (or email) is
     * updated, else a new one is created. Answers the user and whether it was created.
     */
    synchronized Map.Entry<ObjectNode, Boolean> createOrUpdateUser(JsonNode request) {
        String name = text(request, "name").orElseThrow(() -> ZendeskError.invalid("name", "Name: cannot be blank"));
        Optional<String> externalId = text(request, "external_id");
        Optional<String> email = text(request, "email");
        Optional<User> existing = users.values().stream()
                .filter(u -> externalId.map(x -> x.equals(u.externalId)).orElse(false)
                        || email.map(e -> e.equalsIgnoreCase(u.email)).orElse(false))
                .findFirst();
        User u = existing.orElseGet(() -> newUser(name, text(request, "role").orElse("end-user")));
        u.name = name;
        externalId.ifPresent(x -> u.externalId = x);
        email.ifPresent(e -> u.email = e);
        for (JsonNode i : request.path("identities")) {
            String type = i.path("type").asText("");
            String value = i.path("value").asText("");
            if (!type.isEmpty() && !value.isEmpty()
                    && u.identities.stream().noneMatch(k -> k.type.equals(type) && k.value.equals(value))) {
                u.identities.add(new Identity(nextIdentityId++, type, value));
                if ("phone_number".equals(type) && u.phone == null) {
                    u.phone = value;
                }
            }
        }
        return Map.entry(user(u), existing.isEmpty());
    }

    // ---- tickets

    /**
     * Creates a ticket. A repeated {@code Idempotency-Key} with the same body answers the first
     * ticket again; with another body, Zendesk's {@code IdempotentRequestError}.
     */
    synchronized Created createTicket(JsonNode request, Optional<String> idempotencyKey) {
        String fingerprint = request.toString();
        if (idempotencyKey.isPresent()) {
            Idempotent earlier = idempotency.get(idempotencyKey.get());
            if (earlier != null) {
                if (!earlier.fingerprint.equals(fingerprint)) {
                    throw new ZendeskError(400, obj().put("error", "IdempotentRequestError")
                            .put("description", "Request parameters don't match previous request with same "
                                    + "idempotency key"));
                }
                return new Created(ticket(tickets.get(earlier.ticketId)), true);
            }
        }
        long requesterId = request.path("requester_id").asLong(0);
        if (!users.containsKey(requesterId)) {
            throw ZendeskError.invalid("requester", "Requester: is invalid");
        }
        JsonNode comment = request.path("comment");
        String body = comment.path("body").asText("");
        if (body.isBlank()) {
            throw ZendeskError.invalid("description", "Description: cannot be blank");
        }
        Optional<Long> followUpOf = request.hasNonNull("via_followup_source_id")
                ? Optional.of(request.get("via_followup_source_id").asLong()) : Optional.empty();
        if (followUpOf.isPresent()) {
            Ticket old = tickets.get(followUpOf.get());
            if (old == null || !"closed".equals(old.status)) {
                throw ZendeskError.invalid("via_followup_source_id",
                        "Via followup source: is only possible for closed tickets");
            }
        }
        Instant now = now();
        Ticket t = new Ticket(nextTicketId++, requesterId, now);
        t.subject = text(request, "subject").orElse(body.length() > 60 ? body.substring(0, 60) : body);
        t.externalId = text(request, "external_id").orElse(null);
        t.followUpOf = followUpOf.orElse(null);
        request.path("tags").forEach(tag -> t.tags.add(tag.asText()));
        applyFields(t, request.path("custom_fields"));
        addComment(t, comment, requesterId, request.path("metadata"));
        t.description = body;
        tickets.put(t.id, t);
        followUpOf.ifPresent(old -> tickets.get(old).followUps.add(t.id));
        idempotencyKey.ifPresent(k -> idempotency.put(k, new Idempotent(fingerprint, t.id)));
        return new Created(ticket(t), false);
    }

    synchronized ObjectNode ticket(long id) {
        return ticket(requireTicket(id));
    }

    synchronized ArrayNode ticketsByExternalId(String externalId) {
        ArrayNode out = NODES.arrayNode();
        tickets.values().stream().filter(t -> externalId.equals(t.externalId)).forEach(t -> out.add(ticket(t)));
        return out;
    }

    /** A ticket update: a comment, status, tags (whole list or added / removed) and field values. */
    synchronized ObjectNode updateTicket(long id, JsonNode request) {
        Ticket t = requireTicket(id);
        if ("closed".equals(t.status)) {
            throw ZendeskError.invalid("status", "Status: closed prevents ticket update");
        }
        Optional<String> status = text(request, "status");
        if (status.isPresent() && !STATUSES.contains(status.get())) {
            throw ZendeskError.invalid("status", "Status: is not a valid status");
        }
        JsonNode comment = request.path("comment");
        if (comment.isObject()) {
            addComment(t, comment, comment.path("author_id").asLong(apiUserId()), request.path("metadata"));
        }
        status.ifPresent(s -> t.status = s);
        if (request.path("tags").isArray()) {
            t.tags.clear();
            request.path("tags").forEach(tag -> t.tags.add(tag.asText()));
        }
        request.path("additional_tags").forEach(tag -> t.tags.add(tag.asText()));
        request.path("remove_tags").forEach(tag -> t.tags.remove(tag.asText()));
        applyFields(t, request.path("custom_fields"));
        t.updatedAt = now();
        return ticket(t);
    }

    /**
     * An agent's comment written in the agent workspace ("Submit as Pending" for a public one).
     *
     * @return the new comment's id
     */
    synchronized long agentComment(long ticketId, long agentId, String body, boolean isPublic) {
        Ticket t = requireTicket(ticketId);
        User agent = requireUser(agentId);
        if (!"agent".equals(agent.role) && !"admin".equals(agent.role)) {
            throw new IllegalArgumentException("user " + agentId + " is not an agent");
        }
        ObjectNode comment = obj().put("body", body).put("public", isPublic);
        long id = addComment(t, comment, agentId, com.fasterxml.jackson.databind.node.MissingNode.getInstance());
        if (isPublic) {
            t.status = "pending";
        }
        t.updatedAt = now();
        return id;
    }

    synchronized ArrayNode comments(long ticketId, boolean newestFirst) {
        Ticket t = requireTicket(ticketId);
        List<ObjectNode> list = new ArrayList<>(t.comments);
        if (newestFirst) {
            Collections.reverse(list);
        }
        ArrayNode out = NODES.arrayNode();
        list.forEach(out::add);
        return out;
    }

    /** The ticket's audits, one per comment here, with the writing update's custom metadata. */
    synchronized ArrayNode audits(long ticketId, boolean newestFirst) {
        ArrayNode out = NODES.arrayNode();
        for (JsonNode c : comments(ticketId, newestFirst)) {
            ObjectNode audit = obj().put("id", c.path("audit_id").asLong()).put("ticket_id", ticketId)
                    .put("author_id", c.path("author_id").asLong()).put("created_at", c.path("created_at").asText());
            audit.set("metadata", c.path("metadata").deepCopy());
            audit.putArray("events").addObject().put("id", c.path("id").asLong()).put("type", "Comment")
                    .put("author_id", c.path("author_id").asLong()).put("body", c.path("body").asText())
                    .put("public", c.path("public").asBoolean());
            out.add(audit);
        }
        return out;
    }

    /** The ticket's tags, for trigger conditions. */
    synchronized Set<String> tags(long ticketId) {
        return Set.copyOf(requireTicket(ticketId).tags);
    }

    synchronized Optional<String> externalId(long ticketId) {
        return Optional.ofNullable(requireTicket(ticketId).externalId);
    }

    /** The ticket's requester, for the {@code ticket.requester.id} placeholder. */
    synchronized long requesterId(long ticketId) {
        return requireTicket(ticketId).requesterId;
    }

    /**
     * The users who wrote the ticket's comments, as List Comments sideloads them with
     * {@code include=users}.
     */
    synchronized ArrayNode commentAuthors(long ticketId) {
        ArrayNode out = NODES.arrayNode();
        requireTicket(ticketId).comments.stream().map(c -> c.path("author_id").asLong()).distinct()
                .filter(users::containsKey).forEach(id -> out.add(user(users.get(id))));
        return out;
    }

    synchronized List<Long> ticketIds() {
        return List.copyOf(tickets.keySet());
    }

    // ---- uploads

    /** Stores an uploaded file; several uploads share the token of the first. */
    synchronized ObjectNode upload(String fileName, String contentType, byte[] bytes, Optional<String> token) {
        String t = token.filter(uploads::containsKey).orElseGet(() -> randomToken(25));
        long id = nextAttachmentId++;
        String fileToken = randomToken(25);
        String url = base.get() + "/attachments/token/" + fileToken + "/?name=" + fileName;
        files.put(fileToken, bytes.clone());
        ObjectNode attachment = obj().put("url", base.get() + "/api/v2/attachments/" + id + ".json").put("id", id)
                .put("file_name", fileName).put("content_url", url).put("mapped_content_url", url)
                .put("content_type", contentType).put("size", bytes.length).putNull("width").putNull("height")
                .put("inline", false).put("deleted", false).put("malware_access_override", false)
                .put("malware_scan_result", "malware_not_found");
        attachment.putArray("thumbnails");
        uploads.computeIfAbsent(t, k -> new ArrayList<>()).add(attachment);
        ObjectNode upload = obj().put("token", t).put("expires_at", now().plus(3, ChronoUnit.DAYS).toString());
        ArrayNode all = upload.putArray("attachments");
        uploads.get(t).forEach(all::add);
        upload.set("attachment", attachment);
        return upload;
    }

    synchronized Optional<byte[]> file(String fileToken) {
        return Optional.ofNullable(files.get(fileToken)).map(byte[]::clone);
    }

    // ---- ticket fields

    synchronized ArrayNode ticketFields() {
        ArrayNode out = NODES.arrayNode();
        fields.values().forEach(f -> out.add(field(f)));
        return out;
    }

    synchronized ObjectNode createTicketField(JsonNode request) {
        String title = text(request, "title").orElseThrow(() -> ZendeskError.invalid("title", "Title: cannot be blank"));
        String type = text(request, "type").orElse("text");
        Field f = new Field(nextFieldId++, type, title, text(request, "description").orElse(""), now(), true);
        fields.put(f.id, f);
        return field(f);
    }

    // ---- webhooks and triggers

    /** Webhooks whose name contains the filter (Zendesk's {@code filter[name_contains]}). */
    synchronized ArrayNode webhooks(Optional<String> nameContains) {
        ArrayNode out = NODES.arrayNode();
        webhooks.values().stream()
                .filter(w -> nameContains.map(n -> w.name.toLowerCase(Locale.ROOT).contains(n.toLowerCase(Locale.ROOT)))
                        .orElse(true))
                .forEach(w -> out.add(webhook(w)));
        return out;
    }

    /** Creates a webhook signed with {@code signingSecret} (Zendesk generates it; the demo chose it first). */
    synchronized ObjectNode createWebhook(JsonNode request, String signingSecret) {
        String name = text(request, "name").orElseThrow(() -> ZendeskError.invalid("name", "Name: cannot be blank"));
        String endpoint = text(request, "endpoint")
                .orElseThrow(() -> ZendeskError.invalid("endpoint", "Endpoint: cannot be blank"));
        Webhook w = new Webhook(ulid(), name, endpoint, text(request, "status").orElse("active"), signingSecret, now());
        webhooks.put(w.id, w);
        return webhook(w);
    }

    synchronized ObjectNode updateWebhook(String id, JsonNode request) {
        Webhook w = webhooks.get(id);
        if (w == null) {
            throw ZendeskError.notFound();
        }
        text(request, "endpoint").ifPresent(e -> w.endpoint = e);
        text(request, "name").ifPresent(n -> w.name = n);
        text(request, "status").ifPresent(s -> w.status = s);
        return webhook(w);
    }

    synchronized ObjectNode signingSecret(String webhookId) {
        Webhook w = webhooks.get(webhookId);
        if (w == null) {
            throw ZendeskError.notFound();
        }
        return obj().put("algorithm", "SHA256").put("secret", w.secret);
    }

    /** The webhook's endpoint and secret, when it exists and is active. */
    synchronized Optional<Map.Entry<String, String>> activeWebhook(String webhookId) {
        Webhook w = webhooks.get(webhookId);
        return w == null || !"active".equals(w.status) ? Optional.empty() : Optional.of(Map.entry(w.endpoint, w.secret));
    }

    synchronized ArrayNode searchTriggers(String query) {
        String q = query.toLowerCase(Locale.ROOT);
        ArrayNode out = NODES.arrayNode();
        triggers.values().stream().filter(t -> t.path("title").asText("").toLowerCase(Locale.ROOT).contains(q))
                .forEach(t -> out.add(t.deepCopy()));
        return out;
    }

    synchronized ObjectNode createTrigger(JsonNode request) {
        if (text(request, "title").isEmpty() || !request.path("actions").isArray()) {
            throw ZendeskError.invalid("trigger", "Trigger: needs a title and actions");
        }
        long id = nextTriggerId++;
        ObjectNode t = ((ObjectNode) request.deepCopy())
                .put("url", base.get() + "/api/v2/triggers/" + id + ".json").put("id", id)
                .put("raw_title", request.path("title").asText()).put("position", triggers.size() + 1)
                .put("default", false).put("created_at", now().toString()).put("updated_at", now().toString());
        if (!t.has("active")) {
            t.put("active", true);
        }
        triggers.put(id, t);
        return t.deepCopy();
    }

    // ---- macros (the one `zendesk setup` creates for sending a template from a ticket)

    /** Zendesk's macro search matches words of the title; here any title containing the query. */
    synchronized ArrayNode searchMacros(String query) {
        String q = query.toLowerCase(Locale.ROOT);
        ArrayNode out = NODES.arrayNode();
        macros.values().stream().filter(m -> m.path("title").asText("").toLowerCase(Locale.ROOT).contains(q))
                .forEach(m -> out.add(m.deepCopy()));
        return out;
    }

    synchronized ObjectNode createMacro(JsonNode request) {
        if (text(request, "title").isEmpty() || !request.path("actions").isArray()
                || request.path("actions").isEmpty()) {
            throw ZendeskError.invalid("macro", "Macro: needs a title and at least one action");
        }
        long id = nextMacroId++;
        ObjectNode m = ((ObjectNode) request.deepCopy())
                .put("url", base.get() + "/api/v2/macros/" + id + ".json").put("id", id)
                .put("raw_title", request.path("title").asText()).put("position", macros.size() + 1)
                .put("default", false).put("created_at", now().toString()).put("updated_at", now().toString());
        if (!m.has("active")) {
            m.put("active", true);
        }
        macros.put(id, m);
        return m.deepCopy();
    }

    synchronized ObjectNode updateTrigger(long id, JsonNode request) {
        ObjectNode t = triggers.get(id);
        if (t == null) {
            throw ZendeskError.notFound();
        }
        request.fields().forEachRemaining(e -> {
            if (!"id".equals(e.getKey())) {
                t.set(e.getKey(), e.getValue().deepCopy());
            }
        });
        t.put("updated_at", now().toString());
        return t.deepCopy();
    }

    /** The active triggers, in position order. */
    synchronized List<ObjectNode> activeTriggers() {
        return triggers.values().stream().filter(t -> t.path("active").asBoolean(false)).map(ObjectNode::deepCopy)
                .toList();
    }

    // ---- what the demo reads back

    /** A ticket as an agent would see it in the workspace. */
    synchronized ZendeskTicketView view(long ticketId) {
        Ticket t = requireTicket(ticketId);
        Map<String, String> values = new LinkedHashMap<>();
        t.fieldValues.forEach((fieldId, value) -> Optional.ofNullable(fields.get(fieldId))
                .ifPresent(f -> values.put(f.title, value)));
        List<ZendeskTicketView.Comment> comments = new ArrayList<>();
        for (ObjectNode c : t.comments) {
            User author = users.get(c.path("author_id").asLong());
            List<String> attached = new ArrayList<>();
            c.path("attachments").forEach(a -> attached.add(a.path("file_name").asText()));
            comments.add(new ZendeskTicketView.Comment(c.path("id").asLong(),
                    author == null ? "unknown" : author.name, author == null ? "unknown" : author.role,
                    c.path("public").asBoolean(), c.path("body").asText(), attached,
                    Instant.parse(c.path("created_at").asText())));
        }
        User requester = users.get(t.requesterId);
        return new ZendeskTicketView(t.id, t.subject, t.status, requester.name, Optional.ofNullable(requester.phone),
                Optional.ofNullable(t.externalId), List.copyOf(new TreeSet<>(t.tags)), values, comments);
    }

    // ---- internals

    /**
     * @param metadata the update's custom metadata, which Zendesk keeps on the audit (and the
     *     comment) as {@code metadata.custom}
     */
    private long addComment(Ticket t, JsonNode request, long authorId, JsonNode metadata) {
        String body = request.path("body").asText("");
        if (body.isBlank() && !request.path("uploads").isArray()) {
            throw ZendeskError.invalid("comment", "Comment: cannot be blank");
        }
        long id = nextCommentId++;
        Instant now = now();
        ObjectNode c = obj().put("id", id).put("type", "Comment").put("author_id", authorId).put("body", body)
                .put("html_body", "<div class=\"zd-comment\" dir=\"auto\"><p dir=\"auto\">" + escapeHtml(body)
                        + "</p></div>")
                .put("plain_body", body).put("public", request.path("public").asBoolean(true)).put("audit_id", id + 7)
                .put("created_at", now.toString());
        ArrayNode attachments = c.putArray("attachments");
        for (JsonNode token : request.path("uploads")) {
            List<ObjectNode> files = uploads.remove(token.asText());
            if (files == null) {
                throw ZendeskError.invalid("uploads", "Uploads: token " + token.asText() + " is unknown or used");
            }
            files.forEach(attachments::add);
        }
        ObjectNode via = c.putObject("via").put("channel", "api");
        via.putObject("source").putObject("from");
        ((ObjectNode) via.get("source")).putObject("to");
        ((ObjectNode) via.get("source")).putNull("rel");
        c.putObject("metadata").putObject("system").put("client", "DeskBridge demo").put("ip_address", "127.0.0.1");
        ObjectNode custom = ((ObjectNode) c.get("metadata")).putObject("custom");
        if (metadata.isObject()) {
            custom.setAll((ObjectNode) metadata);
        }
        t.comments.add(c);
        t.updatedAt = now;
        return id;
    }

    private void applyFields(Ticket t, JsonNode values) {
        for (JsonNode v : values) {
            long id = v.path("id").asLong(0);
            if (!fields.containsKey(id)) {
                throw ZendeskError.invalid("custom_fields", "Custom fields: field " + id + " does not exist");
            }
            JsonNode value = v.path("value");
            // A text field takes a string; the Java client sends one-element arrays.
            String text = value.isArray() ? (value.size() == 0 ? null : value.get(0).asText())
                    : value.isNull() || value.isMissingNode() ? null : value.asText();
            if (text == null) {
                t.fieldValues.remove(id);
            } else {
                t.fieldValues.put(id, text);
            }
        }
    }

    private ObjectNode ticket(Ticket t) {
        ObjectNode n = obj().put("url", base.get() + "/api/v2/tickets/" + t.id + ".json").put("id", t.id);
        if (t.externalId == null) {
            n.putNull("external_id");
        } else {
            n.put("external_id", t.externalId);
        }
        ObjectNode via = n.putObject("via").put("channel", "api");
        via.putObject("source").put("rel", (String) null);
        n.put("created_at", t.createdAt.toString()).put("updated_at", t.updatedAt.toString()).putNull("type")
                .put("subject", t.subject).put("raw_subject", t.subject).put("description", t.description)
                .putNull("priority").put("status", t.status).putNull("recipient").put("requester_id", t.requesterId)
                .put("submitter_id", t.requesterId).putNull("assignee_id").putNull("organization_id")
                .put("group_id", 360000001L);
        n.putArray("collaborator_ids");
        n.putArray("follower_ids");
        n.putArray("email_cc_ids");
        n.put("has_incidents", false).put("is_public", t.comments.stream().anyMatch(c -> c.path("public").asBoolean()))
                .putNull("due_at");
        ArrayNode tags = n.putArray("tags");
        new TreeSet<>(t.tags).forEach(tags::add);
        ArrayNode custom = n.putArray("custom_fields");
        fields.values().stream().filter(f -> f.custom).forEach(f -> {
            ObjectNode v = custom.addObject().put("id", f.id);
            String value = t.fieldValues.get(f.id);
            if (value == null) {
                v.putNull("value");
            } else {
                v.put("value", value);
            }
        });
        n.putNull("satisfaction_rating");
        n.putArray("sharing_agreement_ids");
        ArrayNode followUps = n.putArray("followup_ids");
        t.followUps.forEach(followUps::add);
        if (t.followUpOf != null) {
            n.put("via_followup_source_id", t.followUpOf);
        }
        n.put("brand_id", 360000002L).put("allow_channelback", false).put("allow_attachments", true)
                .put("from_messaging_channel", false);
        return n;
    }

    private ObjectNode user(User u) {
        ObjectNode n = obj().put("id", u.id).put("url", base.get() + "/api/v2/users/" + u.id + ".json").put("name", u.name);
        putNullable(n, "email", u.email);
        n.put("created_at", u.createdAt.toString()).put("updated_at", u.createdAt.toString())
                .put("time_zone", "UTC").put("iana_time_zone", "Etc/UTC");
        putNullable(n, "phone", u.phone);
        n.put("shared_phone_number", false).putNull("photo").put("locale_id", 1).put("locale", "en-US")
                .putNull("organization_id").put("role", u.role).put("verified", true);
        putNullable(n, "external_id", u.externalId);
        n.putArray("tags");
        n.put("alias", "").put("active", true).put("shared", false).put("shared_agent", false)
                .putNull("last_login_at").put("two_factor_auth_enabled", false).putNull("signature")
                .put("details", "").put("notes", "").putNull("role_type").putNull("custom_role_id")
                .put("moderator", !"end-user".equals(u.role))
                .put("ticket_restriction", "end-user".equals(u.role) ? "requested" : null)
                .put("only_private_comments", false).put("restricted_agent", "end-user".equals(u.role))
                .put("suspended", false).putNull("default_group_id").put("report_csv", false);
        n.putObject("user_fields");
        return n;
    }

    private ObjectNode field(Field f) {
        ObjectNode n = obj().put("url", base.get() + "/api/v2/ticket_fields/" + f.id + ".json").put("id", f.id)
                .put("type", f.type).put("title", f.title).put("raw_title", f.title).put("description", f.description)
                .put("raw_description", f.description).put("position", f.id % 1000).put("active", true)
                .put("required", false).put("collapsed_for_agents", false).putNull("regexp_for_validation")
                .put("title_in_portal", f.title).put("raw_title_in_portal", f.title).put("visible_in_portal", !f.custom)
                .put("editable_in_portal", false).put("required_in_portal", false).putNull("tag")
                .put("created_at", f.createdAt.toString()).put("updated_at", f.createdAt.toString())
                .put("removable", f.custom).putNull("key").putNull("agent_description");
        return n;
    }

    private ObjectNode webhook(Webhook w) {
        ObjectNode n = obj().put("id", w.id).put("name", w.name).put("status", w.status)
                .put("created_at", w.createdAt.toString()).put("created_by", String.valueOf(apiUserId()))
                .put("endpoint", w.endpoint).put("http_method", "POST").put("request_format", "json")
                .put("updated_at", w.createdAt.toString()).put("updated_by", String.valueOf(apiUserId()));
        n.putArray("subscriptions").add("conditional_ticket_events");
        return n;
    }

    private User newUser(String name, String role) {
        User u = new User(nextUserId++, name, role, now());
        users.put(u.id, u);
        return u;
    }

    private User requireUser(long id) {
        User u = users.get(id);
        if (u == null) {
            throw ZendeskError.notFound();
        }
        return u;
    }

    private Ticket requireTicket(long id) {
        Ticket t = tickets.get(id);
        if (t == null) {
            throw ZendeskError.notFound();
        }
        return t;
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.SECONDS);
    }

    private String randomToken(int length) {
        StringBuilder sb = new StringBuilder(length);
        String alphabet = "abcdefghijklmnopqrstuvwxyz0123456789";
        for (int i = 0; i < length; i++) {
            sb.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return sb.toString();
    }

    private String ulid() {
        StringBuilder sb = new StringBuilder("01");
        for (int i = 0; i < 24; i++) {
            sb.append(ULID_ALPHABET.charAt(random.nextInt(ULID_ALPHABET.length())));
        }
        return sb.toString();
    }

    private static void putNullable(ObjectNode n, String name, String value) {
        if (value == null) {
            n.putNull(name);
        } else {
            n.put(name, value);
        }
    }

    private static Optional<String> text(JsonNode n, String field) {
        JsonNode v = n.path(field);
        return v.isValueNode() && !v.isNull() && !v.asText().isBlank() ? Optional.of(v.asText()) : Optional.empty();
    }

    private static String digitsOf(String s) {
        return s == null ? "" : s.replaceAll("[^0-9]", "");
    }

    private static String escapeHtml(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    private static ObjectNode obj() {
        return JSON.createObjectNode();
    }

    private static final class User {
        final long id;
        final String role;
        final Instant createdAt;
        final List<Identity> identities = new ArrayList<>();
        String name;
        String email;
        String phone;
        String externalId;

        User(long id, String name, String role, Instant createdAt) {
            this.id = id;
            this.name = name;
            this.role = role;
            this.createdAt = createdAt;
        }
    }

    private record Identity(long id, String type, String value) {}

    private static final class Ticket {
        final long id;
        final long requesterId;
        final Instant createdAt;
        final Set<String> tags = new LinkedHashSet<>();
        final Map<Long, String> fieldValues = new LinkedHashMap<>();
        final List<ObjectNode> comments = new ArrayList<>();
        final List<Long> followUps = new ArrayList<>();
        Instant updatedAt;
        String subject;
        String description;
        String status = "new";
        String externalId;
        Long followUpOf;

        Ticket(long id, long requesterId, Instant createdAt) {
            this.id = id;
            this.requesterId = requesterId;
            this.createdAt = createdAt;
            this.updatedAt = createdAt;
        }
    }

    private record Field(long id, String type, String title, String description, Instant createdAt, boolean custom) {}

    private static final class Webhook {
        final String id;
        final String secret;
        final Instant createdAt;
        String name;
        String endpoint;
        String status;

        Webhook(String id, String name, String endpoint, String status, String secret, Instant createdAt) {
            this.id = id;
            this.name = name;
            this.endpoint = endpoint;
            this.status = status;
            this.secret = secret;
            this.createdAt = createdAt;
        }
    }

    private record Idempotent(String fingerprint, long ticketId) {}
}
