package dev.deskbridge.connector.twilio.whatsapp;

import com.twilio.base.Page;
import com.twilio.rest.api.v2010.account.Message;
import com.twilio.rest.content.v1.ContentAndApprovals;
import com.twilio.rest.content.v1.ContentAndApprovalsReader;
import dev.deskbridge.connector.api.ChannelCapability;
import dev.deskbridge.connector.api.ChannelSession;
import dev.deskbridge.connector.api.ConnectorContext;
import dev.deskbridge.connector.api.error.ConnectorException;
import dev.deskbridge.connector.api.error.PermanentException;
import dev.deskbridge.connector.api.model.ChannelEvent;
import dev.deskbridge.connector.api.model.DeliveryStatus;
import dev.deskbridge.connector.api.model.DeliveryUpdate;
import dev.deskbridge.connector.api.model.SendRequest;
import dev.deskbridge.connector.api.model.SendResult;
import dev.deskbridge.connector.api.pricing.Money;
import dev.deskbridge.connector.api.template.TemplateDefinition;
import dev.deskbridge.connector.api.webhook.WebhookRequest;
import dev.deskbridge.connector.twilio.rest.TwilioApi;
import dev.deskbridge.connector.twilio.rest.TwilioSignatureVerifier;
import dev.deskbridge.connector.twilio.rest.WebhookParams;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import dev.deskbridge.connector.api.model.PhoneNumber;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One Twilio WhatsApp sender: sends through the Messages API and reads Twilio's incoming-message
 * and status-callback webhooks, each verified by its {@code X-Twilio-Signature} first.
 * Thread-safe.
 */
public final class TwilioWhatsAppSession implements ChannelSession {
    private static final String TYPE_TAG = "twilio-whatsapp";

    private final ConnectorContext context;
    private final TwilioApi api;
    private final TwilioSignatureVerifier verifier;
    private final WhatsAppChannelConfig config;
    private static final int TEMPLATE_PAGE_SIZE = 100;
    private static final int MAX_TEMPLATE_PAGES = 1000;
    private final AtomicBoolean closed = new AtomicBoolean();

    public TwilioWhatsAppSession(ConnectorContext context, TwilioApi api, TwilioSignatureVerifier verifier,
            WhatsAppChannelConfig config) {
        this.context = Objects.requireNonNull(context, "context");
        this.api = Objects.requireNonNull(api, "api");
        this.verifier = Objects.requireNonNull(verifier, "verifier");
        this.config = Objects.requireNonNull(config, "config");
    }

    @Override
    public Set<ChannelCapability> capabilities() {
        // Statuses name their send through the status callback's URL (OutboundRequests.SEND_KEY).
        return EnumSet.of(ChannelCapability.SEND_TEXT, ChannelCapability.SEND_MEDIA, ChannelCapability.SEND_TEMPLATE,
                ChannelCapability.TEMPLATE_CATALOGUE, ChannelCapability.STATUS_NAMES_SEND);
    }

    /** Every Content template of the account with its WhatsApp approval, page by page (Twilio's next_page_url). */
    @Override
    public List<TemplateDefinition> listTemplates() {
        ContentAndApprovalsReader reader = ContentAndApprovals.reader().setPageSize(TEMPLATE_PAGE_SIZE);
        List<TemplateDefinition> out = new ArrayList<>();
        Page<ContentAndApprovals> page = api.call("list Content templates", reader::firstPage);
        for (int n = 0; n < MAX_TEMPLATE_PAGES; n++) {
            for (ContentAndApprovals c : page.getRecords()) {
                try {
                    out.add(ContentTemplates.definition(c));
                } catch (IllegalArgumentException e) {
                    context.reportBadRecord("template", e.getMessage(), new byte[0]);
                }
            }
            if (!page.hasNextPage()) {
                return out;
            }
            Page<ContentAndApprovals> current = page;
            page = api.call("list Content templates", client -> reader.nextPage(current, client));
        }
        throw new PermanentException("Twilio's Content list has more than " + MAX_TEMPLATE_PAGES + " pages");
    }

    @Override
    public SendResult send(SendRequest request) {
        if (!request.business().equals(config.sender())) {
            throw new PermanentException("channel " + context.instanceId() + " sends from "
                    + config.sender() + " only; the message is meant to go from " + request.business());
        }
        var creator = OutboundRequests.creator(request, config.statusCallbackUrl());
        try {
            Message sent = api.send("send a WhatsApp message to " + request.to(), creator::create);
            context.metrics().increment("messages_sent", "channel", TYPE_TAG, "kind",
                    request.message().kind().name().toLowerCase(java.util.Locale.ROOT));
            return new SendResult(sent.getSid(), context.clock().instant(), Optional.of(config.feePerMessage()));
        } catch (ConnectorException e) {
            context.metrics().increment("send_failures", "channel", TYPE_TAG, "error", e.getClass().getSimpleName());
            throw e;
        }
    }

    @Override
    public List<ChannelEvent> receive(WebhookRequest request) {
        Map<String, String> verified = verifier.verifiedParameters(request);
        List<ChannelEvent> events = new ArrayList<>();
        if (verified.containsKey("MessageStatus")) {
            WebhookParams params = new WebhookParams(verified, "status callback");
            // Verified above with the URL's query, which names the send (OutboundRequests.SEND_KEY).
            Optional<DeliveryUpdate> update = StatusCallbackParser.parse(params, request.receivedAt(),
                    config.feePerMessage().currency(), request.queryParam(OutboundRequests.SEND_KEY));
            if (update.isEmpty()) {
                // Not an outbound delivery state (for example "received"): keep it for the operator.
                context.reportBadRecord("webhook", "Twilio status callback with a status DeskBridge does not track: "
                        + verified.get("MessageStatus"), request.body());
            }
            // A missing price is read later, in the worker (completeUpdate): nothing is called from here.
            update.ifPresent(events::add);
        } else {
            events.addAll(InboundMessageParser.parse(new WebhookParams(verified, "incoming message"),
                    request.receivedAt()));
        }
        context.metrics().increment("webhook_events", "channel", TYPE_TAG);
        return events;
    }

    /**
     * In the host's worker: reads the price from the message resource when the callback lacked one
     * and the operator asked for it ({@code fetch_price}). A failed read leaves the price out: the
     * status itself must not fail for it.
     */
    @Override
    public DeliveryUpdate completeUpdate(DeliveryUpdate update) {
        if (!config.fetchPrice() || update.providerPrice().isPresent() || update.status() == DeliveryStatus.FAILED
                || update.status() == DeliveryStatus.QUEUED) {
            return update;
        }
        try {
            Message m = api.call("read the price of message " + update.providerMessageId(),
                    c -> Message.fetcher(update.providerMessageId()).fetch(c));
            if (m.getPrice() == null || m.getPrice().isBlank()) {
                return update;
            }
            Money price = new Money(new java.math.BigDecimal(m.getPrice().trim()).abs(),
                    m.getPriceUnit() != null ? m.getPriceUnit() : config.feePerMessage().currency());
            return new DeliveryUpdate(update.eventId(), update.providerMessageId(), update.customer(), update.status(),
                    update.at(), update.errors(), update.pricing(), Optional.of(price),
                    update.providerConversationId(), update.sendKey());
        } catch (ConnectorException | IllegalArgumentException e) {
            context.logger().warn("could not read the price of Twilio message {}: {}", update.providerMessageId(),
                    e.getMessage());
            return update;
        }
    }

    @Override
    public Optional<PhoneNumber> businessNumber() {
        return Optional.of(config.sender());
    }

    /** Twilio's Messages API takes a {@code Body} of at most 1,600 characters, WhatsApp's included. */
    @Override
    public int maxTextLength() {
        return 1600;
    }

    @Override
    public Optional<Money> channelFeePerMessage() {
        return Optional.of(config.feePerMessage());
    }

    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            api.close();
        }
    }

    @Override
    public String toString() {
        return "TwilioWhatsAppSession[" + context.instanceId() + ", sender " + config.sender() + ", " + api + "]";
    }
}
