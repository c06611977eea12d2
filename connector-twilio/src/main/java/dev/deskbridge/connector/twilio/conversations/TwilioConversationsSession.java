package dev.deskbridge.connector.twilio.conversations;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.twilio.base.Page;
import com.twilio.rest.conversations.v1.Conversation;
import com.twilio.rest.conversations.v1.conversation.Message;
import com.twilio.rest.conversations.v1.conversation.MessageCreator;
import com.twilio.rest.conversations.v1.conversation.Participant;
import com.twilio.rest.conversations.v1.conversation.Webhook;
import dev.deskbridge.connector.api.ConnectorContext;
import dev.deskbridge.connector.api.CrmCapability;
import dev.deskbridge.connector.api.CrmSession;
import dev.deskbridge.connector.api.CrmSetup;
import dev.deskbridge.connector.api.error.PermanentException;
import dev.deskbridge.connector.api.error.RetryableException;
import dev.deskbridge.connector.api.model.AgentNotice;
import dev.deskbridge.connector.api.model.AgentReply;
import dev.deskbridge.connector.api.model.ConversationRef;
import dev.deskbridge.connector.api.model.CustomerMessage;
import dev.deskbridge.connector.api.model.EntryLink;
import dev.deskbridge.connector.api.model.DeliveryNotice;
import dev.deskbridge.connector.api.model.TicketRef;
import dev.deskbridge.connector.api.pricing.ConversationStatus;
import dev.deskbridge.connector.api.error.WebhookRejectedException;
import dev.deskbridge.connector.api.webhook.StoredWebhook;
import dev.deskbridge.connector.api.webhook.VerifiedWebhook;
import dev.deskbridge.connector.api.webhook.WebhookRequest;
import dev.deskbridge.connector.twilio.rest.TwilioApi;
import dev.deskbridge.connector.twilio.rest.TwilioSignatureVerifier;
import dev.deskbridge.connector.twilio.rest.WebhookParams;
import dev.deskbridge.connector.twilio.whatsapp.WhatsAppAddress;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Predicate;

// size: the SPI's CRM session for Twilio Conversations; its steps share the Conversation look-ups and
// their retries.
/**
 * Twilio Conversations as the agents' workspace. Each DeskBridge conversation is a Twilio
 * Conversation whose unique name is the conversation id (a closed one is followed by
 * {@code <id>-followup-2}, {@code <id>-followup-3}, ...). The customer is a chat participant whose identity is
 * their WhatsApp address, and DeskBridge posts the customer's messages as theirs. Agents answer
 * in Flex or any Conversations client; the {@code onMessageAdded} webhook brings their messages
 * back as agent replies. Thread-safe.
 *
 * <p>Notes for agents are posted as messages by the configured note author, marked in their
 * attributes with the notice's id (a retried notice finds its note by it) and with webhooks off: they stay inside the Conversation (the customer has no
 * messaging binding there, so nothing reaches WhatsApp) and never come back as replies. Window
 * state, cost so far and delivery states live in the Conversation's attributes
 * ({@link ConversationAttributes}), written only when something changed.
 */
public final class TwilioConversationsSession implements CrmSession {
    /** How many closed Conversations of one DeskBridge conversation are followed before giving up. */
    static final int MAX_FOLLOW_UPS = 20;
    /** The longest body a Conversations message takes; longer customer messages are posted in parts. */
    static final int MAX_BODY = 1600;
    /** How far back a retried post looks for the message it may have posted already. */
    static final long RECENT_MESSAGES = 50;
    private static final String TYPE_TAG = "twilio-conversations";
    /** Creation steps marked in a Conversation's attributes once done. */
    static final String CUSTOMER_STEP = "customer";
    static final String WEBHOOK_STEP = "webhook";

    private final ConnectorContext context;
    private final TwilioApi api;
    private final TwilioSignatureVerifier verifier;
    private final ConversationsConfig config;
    /** Customer events whose post was started and not finished: a second attempt checks first. */
    private final Set<String> unfinished = ConcurrentHashMap.newKeySet();
    /** Bounds {@link #unfinished}: events that fail for good are forgotten now and then. */
    private static final int MAX_UNFINISHED = 10_000;
    /**
     * A Conversation's attributes as this session just read or wrote them, so the status update that
     * follows a customer message (moments later, same worker) needs no read of its own. Kept briefly:
     * others (Flex, Studio) may change the attributes too.
     */
    private final Map<String, Seen> justSeen = new ConcurrentHashMap<>();
    private static final long JUST_SEEN_NANOS = java.time.Duration.ofSeconds(2).toNanos();

    private record Seen(String attributes, long atNanos) {}
    private final AtomicBoolean closed = new AtomicBoolean();

    public TwilioConversationsSession(ConnectorContext context, TwilioApi api, TwilioSignatureVerifier verifier,
            ConversationsConfig config) {
        this.context = Objects.requireNonNull(context, "context");
        this.api = Objects.requireNonNull(api, "api");
        this.verifier = Objects.requireNonNull(verifier, "verifier");
        this.config = Objects.requireNonNull(config, "config");
    }

    @Override
    public Set<CrmCapability> capabilities() {
        return EnumSet.of(CrmCapability.WEBHOOKS);
    }

    @Override
    public TicketRef appendCustomerMessage(CustomerMessage message) {
        String eventId = message.message().eventId();
        if (unfinished.size() > MAX_UNFINISHED) {
            unfinished.clear();
        }
        boolean retry = !unfinished.add(eventId) || message.retry();
        Target target = findOrCreate(message.conversation(), message.status(), message.entryLink());
        List<String> parts = parts(message.message().content().summary());
        Set<Integer> posted = target.created() || !retry ? Set.of() : postedParts(target.sid(), eventId);
        for (int i = 0; i < parts.size(); i++) {
            if (!posted.contains(i)) {
                postCustomerPart(target.sid(), message, parts.get(i), i, parts.size());
            }
        }
        unfinished.remove(eventId);
        context.metrics().increment("customer_messages_posted", "crm", TYPE_TAG);
        return TicketRef.of(target.sid());
    }

    private record Target(String sid, boolean created) {}

    /**
     * Finds the open Conversation of a DeskBridge conversation, or creates it, by unique name, and
     * completes whatever of its creation an earlier attempt left undone.
     */
    private Target findOrCreate(ConversationRef ref, ConversationStatus status, Optional<EntryLink> link) {
        String base = ref.id().value();
        if (base.contains("/")) {
            throw new PermanentException("conversation id '" + base + "' cannot be a Twilio unique name:"
                    + " it contains '/'");
        }
        for (int n = 1; n <= MAX_FOLLOW_UPS; n++) {
            String name = n == 1 ? base : base + "-followup-" + n;
            Optional<Conversation> found = api.find("read Conversation " + name,
                    c -> Conversation.fetcher(name).fetch(c));
            boolean created = false;
            if (found.isEmpty()) {
                found = api.createUnlessExists("create Conversation " + name, c -> Conversation.creator()
                        .setUniqueName(name)
                        .setFriendlyName(friendlyName(ref))
                        .setAttributes(attributesFor(ref, status, link))
                        .create(c));
                created = found.isPresent();
                if (!created) {
                    // Another worker created it between our read and our create.
                    found = api.find("read Conversation " + name, c -> Conversation.fetcher(name).fetch(c));
                }
            }
            Conversation conversation = found.orElseThrow(() -> new RetryableException(
                    "Twilio says Conversation " + name + " exists but it cannot be read yet"));
            if (conversation.getState() != Conversation.State.CLOSED) {
                seen(conversation.getSid(), complete(conversation, ref, status, link));
                return new Target(conversation.getSid(), created);
            }
        }
        throw new PermanentException("conversation " + base + " has " + MAX_FOLLOW_UPS
                + " closed Twilio Conversations; reopen or delete some");
    }

    /**
     * Makes sure every step of creating the Conversation is done: its attributes say whom it is
     * about, the customer is a participant, its own webhook calls DeskBridge (when configured).
     * Each step done is marked in the attributes; a step an earlier attempt did not finish (a 503
     * from the Participants API, a crash) is done now, whichever customer message comes next. A
     * Conversation whose steps are all marked costs no call here.
     */
    private String complete(Conversation conversation, ConversationRef ref, ConversationStatus status,
            Optional<EntryLink> link) {
        String sid = conversation.getSid();
        ConversationAttributes attributes = ConversationAttributes.parse(conversation.getAttributes());
        boolean changed = false;
        if (!attributes.describes(ref)) {
            attributes.conversation(ref);
            attributes.status(status);
            changed = true;
        }
        if (link.isPresent() && attributes.entryLink(link.get())) {
            changed = true;
        }
        if (!attributes.isSetUp(CUSTOMER_STEP)) {
            addCustomer(sid, ref);
            attributes.markSetUp(CUSTOMER_STEP);
            changed = true;
        }
        if (config.conversationWebhookUrl().isPresent() && !attributes.isSetUp(WEBHOOK_STEP)) {
            addWebhook(sid, config.conversationWebhookUrl().get());
            attributes.markSetUp(WEBHOOK_STEP);
            changed = true;
        }
        if (changed) {
            api.call("record the set-up of Conversation " + sid,
                    c -> Conversation.updater(sid).setAttributes(attributes.toJson()).update(c));
        }
        return attributes.toJson();
    }

    private void seen(String sid, String attributes) {
        if (justSeen.size() > MAX_UNFINISHED) {
            justSeen.clear();
        }
        justSeen.put(sid, new Seen(attributes, System.nanoTime()));
    }

    /** The attributes this session read or wrote moments ago, else read now; empty when the Conversation is gone. */
    private Optional<String> currentAttributes(String sid, String action) {
        Seen seen = justSeen.remove(sid);
        if (seen != null && System.nanoTime() - seen.atNanos() < JUST_SEEN_NANOS) {
            return Optional.of(seen.attributes());
        }
        return api.find(action + ": read Conversation " + sid, c -> Conversation.fetcher(sid).fetch(c))
                .map(Conversation::getAttributes);
    }

    private static String friendlyName(ConversationRef ref) {
        String name = "WhatsApp " + ref.customerName().map(n -> n + " ").orElse("") + "(" + ref.customer() + ")";
        return name.length() > 256 ? name.substring(0, 256) : name;
    }

    private static String attributesFor(ConversationRef ref, ConversationStatus status, Optional<EntryLink> link) {
        ConversationAttributes a = ConversationAttributes.parse(null).conversation(ref);
        a.status(status);
        link.ifPresent(a::entryLink);
        return a.toJson();
    }

    /** Adds the customer as a chat participant; Twilio's "already a participant" counts as done. */
    private void addCustomer(String conversationSid, ConversationRef ref) {
        ObjectNode attributes = Json.MAPPER.createObjectNode();
        ObjectNode mark = attributes.putObject(MessageMarks.KEY);
        mark.put("role", "customer");
        mark.put("phone", ref.customer().e164());
        ref.customerName().ifPresent(n -> mark.put("name", n));
        api.createUnlessExists("add the customer to Conversation " + conversationSid, c -> Participant
                .creator(conversationSid)
                .setIdentity(WhatsAppAddress.of(ref.customer()))
                .setAttributes(Json.write(attributes))
                .create(c));
    }

    /** Gives the Conversation a webhook calling {@code url} on onMessageAdded, unless it has one already. */
    private void addWebhook(String conversationSid, String url) {
        Page<Webhook> existing = api.call("read the webhooks of Conversation " + conversationSid,
                c -> Webhook.reader(conversationSid).firstPage(c));
        for (Webhook w : existing.getRecords()) {
            if (w.getConfiguration() != null
                    && url.equals(Json.MAPPER.valueToTree(w.getConfiguration()).path("url").asText(null))) {
                return;
            }
        }
        api.call("add a webhook to Conversation " + conversationSid, c -> Webhook
                .creator(conversationSid, Webhook.Target.WEBHOOK)
                .setConfigurationUrl(url)
                .setConfigurationMethod(Webhook.Method.POST)
                .setConfigurationFilters(List.of(ConversationsWebhookSetup.EVENT))
                .create(c));
    }

    /** The parts of a customer message already in the Conversation (a retry after a lost answer). */
    private Set<Integer> postedParts(String conversationSid, String eventId) {
        Set<Integer> parts = new HashSet<>();
        // Just found or created: should it be gone already, the post that follows says so.
        for (Message m : recentMessages(conversationSid).orElse(List.of())) {
            if (MessageMarks.eventId(m.getAttributes()).filter(eventId::equals).isPresent()) {
                parts.add(Json.object(m.getAttributes()).map(o -> o.path(MessageMarks.KEY).path("part").asInt(0))
                        .orElse(0));
            }
        }
        return parts;
    }

    /**
     * The Conversation's latest messages, newest first: where a retried post looks for its marker;
     * empty when the Conversation is gone.
     */
    private Optional<List<Message>> recentMessages(String conversationSid) {
        return api.find("read recent messages of Conversation " + conversationSid,
                c -> Message.reader(conversationSid).setOrder(Message.OrderType.DESC).setPageSize(RECENT_MESSAGES)
                        .firstPage(c)).map(Page::getRecords);
    }

    private void postCustomerPart(String conversationSid, CustomerMessage message, String body, int part, int of) {
        String attributes = MessageMarks.customerMessage(message.message());
        if (of > 1) {
            ObjectNode withPart = Json.object(attributes).orElseThrow();
            ((ObjectNode) withPart.get(MessageMarks.KEY)).put("part", part);
            attributes = Json.write(withPart);
        }
        MessageCreator creator = Message.creator(conversationSid)
                .setAuthor(WhatsAppAddress.of(message.conversation().customer()))
                .setBody(body)
                .setAttributes(attributes);
        // No DateCreated: the SDK writes it without a zone, which the API description rejects;
        // WhatsApp's own time travels in the attributes (sentAt).
        if (config.triggerWebhooks()) {
            // Studio flows and Flex routing see the customer's message; the echo is dropped in receive.
            creator.setXTwilioWebhookEnabled(Message.WebhookEnabledType.TRUE);
        }
        api.call("post the customer's message to Conversation " + conversationSid, creator::create);
    }

    /** A message body in parts Conversations accepts; never empty. */
    static List<String> parts(String text) {
        String body = text.isBlank() ? "[empty message]" : text;
        List<String> parts = new ArrayList<>();
        int i = 0;
        while (i < body.length()) {
            int end = Math.min(body.length(), i + MAX_BODY);
            if (end < body.length() && Character.isHighSurrogate(body.charAt(end - 1))) {
                end--; // never split an emoji in two
            }
            parts.add(body.substring(i, end));
            i = end;
        }
        return parts;
    }

    @Override
    public void updateStatus(TicketRef ticket, ConversationStatus status) {
        changeAttributes(ticket, "show the window and cost", a -> a.status(status));
    }

    @Override
    public void recordDelivery(TicketRef ticket, DeliveryNotice notice) {
        changeAttributes(ticket, "record the delivery of " + notice.providerMessageId(), a -> a.delivery(notice));
    }

    /**
     * The delivery and the status after it in one read and one write of the attributes, not two of
     * each: every call counts against the account's Conversations rate limit.
     */
    @Override
    public void recordDelivery(TicketRef ticket, DeliveryNotice notice, ConversationStatus status) {
        // Non-short-circuit: both changes are applied even when the first changed nothing.
        changeAttributes(ticket, "record the delivery of " + notice.providerMessageId() + " and show the window",
                a -> a.delivery(notice) | a.status(status));
    }

    /**
     * Reads the attributes, applies the change, and writes them back only when it changed something.
     * A Conversation deleted in Twilio is skipped ({@link #gone}).
     */
    private void changeAttributes(TicketRef ticket, String action, Predicate<ConversationAttributes> change) {
        String sid = ticket.id();
        Optional<String> current = currentAttributes(sid, action);
        if (current.isEmpty()) {
            gone(sid, action);
            return;
        }
        ConversationAttributes attributes = ConversationAttributes.parse(current.get());
        if (change.test(attributes) && api.find(action + ": update Conversation " + sid,
                c -> Conversation.updater(sid).setAttributes(attributes.toJson()).update(c)).isEmpty()) {
            gone(sid, action);
        }
    }

    /**
     * Posts the note unless a message marked with the notice's id is already there (a retry). A
     * Conversation deleted in Twilio gets no note ({@link #gone}).
     */
    @Override
    public void notifyAgents(TicketRef ticket, AgentNotice notice) {
        String sid = ticket.id();
        String action = "post note " + notice.id() + " (" + notice.kind() + ")";
        Optional<List<Message>> recent = recentMessages(sid);
        if (recent.isEmpty()) {
            gone(sid, action);
            return;
        }
        if (recent.get().stream().anyMatch(m -> MessageMarks.noticeId(m.getAttributes())
                .filter(notice.id()::equals).isPresent())) {
            return;
        }
        Optional<Message> posted = api.find("post a note to Conversation " + sid, c -> Message.creator(sid)
                .setAuthor(config.noteAuthor())
                .setBody(notice.text().isBlank() ? notice.kind().name() : notice.text())
                .setAttributes(MessageMarks.note(notice))
                .setXTwilioWebhookEnabled(Message.WebhookEnabledType.FALSE)
                .create(c));
        if (posted.isEmpty()) {
            gone(sid, action);
            return;
        }
        context.metrics().increment("notes_posted", "crm", TYPE_TAG, "kind", notice.kind().name());
    }

    /**
     * A Conversation Twilio says does not exist (404, 20404): an agent or an admin deleted it. That is
     * no failure of what was to be shown on it (a delivery, the window, a note): failing would make
     * this and every later update of the conversation a dead letter, and no retry brings the
     * Conversation back. So it is skipped with a log line, as the Zendesk plugin skips a closed
     * ticket; the customer's next message makes a new Conversation. The line names SIDs and ids only,
     * never a note's text or the customer.
     */
    private void gone(String sid, String action) {
        justSeen.remove(sid);
        context.logger().info("Twilio Conversation {} no longer exists (deleted in Twilio?): {} skipped", sid, action);
    }

    /**
     * In the request: the signature over URL and form, then the form itself (a broken one is refused
     * here, naming what is wrong), and the ids it names. Calls nothing. An event without a message
     * (onConversationUpdated, onParticipantAdded, ...) is known by Twilio's delivery token instead
     * ({@link DeliveryToken}: unsigned, so it only dedupes Twilio's own retries), in ids of their own kind.
     */
    @Override
    public VerifiedWebhook verify(WebhookRequest request) {
        WebhookParams p = new WebhookParams(verifier.verifiedParameters(request), "Conversations webhook");
        AgentReplyParser.parse(p, request.receivedAt(), config.noteAuthor());
        Optional<String> message = p.optional("MessageSid");
        Optional<String> conversation = p.optional("ConversationSid");
        Optional<String> eventId = message.isPresent()
                ? message.map(m -> "twilio-conversations:" + p.optional("EventType").orElse("event") + ":" + m)
                : DeliveryToken.of(request).map(token -> "twilio-conversations:delivery:" + token);
        return new VerifiedWebhook(eventId, conversation);
    }

    /** In a worker: everything an agent's message needs is in the form Twilio sent. */
    @Override
    public List<AgentReply> read(StoredWebhook webhook) {
        WebhookRequest request = webhook.request();
        try {
            return AgentReplyParser.parse(new WebhookParams(TwilioSignatureVerifier.parametersOfVerified(request),
                    "Conversations webhook"), request.receivedAt(), config.noteAuthor()).map(List::of)
                    .orElse(List.of());
        } catch (WebhookRejectedException e) {
            throw new PermanentException("stored Conversations webhook " + webhook.id() + " cannot be read: "
                    + e.getMessage(), e);
        }
    }

    /** Points the account's Conversations webhook at DeskBridge ({@link ConversationsWebhookSetup}). */
    @Override
    public Optional<CrmSetup> setup() {
        return Optional.of(new ConversationsWebhookSetup(api));
    }

    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            api.close();
        }
    }

    @Override
    public String toString() {
        return "TwilioConversationsSession[" + context.instanceId() + ", " + api + "]";
    }
}
