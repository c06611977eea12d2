package dev.deskbridge.connector.testkit.contract;

import dev.deskbridge.connector.api.ConnectorContext;
import dev.deskbridge.connector.api.CrmCapability;
import dev.deskbridge.connector.api.CrmConnector;
import dev.deskbridge.connector.api.CrmSession;
import dev.deskbridge.connector.api.model.AgentNotice;
import dev.deskbridge.connector.api.model.AgentReply;
import dev.deskbridge.connector.api.model.CustomerMessage;
import dev.deskbridge.connector.api.model.DeliveryNotice;
import dev.deskbridge.connector.api.model.TicketRef;
import dev.deskbridge.connector.api.pricing.ConversationStatus;
import dev.deskbridge.connector.api.webhook.VerifiedWebhook;
import dev.deskbridge.connector.api.webhook.WebhookRequest;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiFunction;

/**
 * Fake CRM plugins with one deliberate mistake each, as a plugin author might make it; the contract
 * suite must fail every one of them ({@link ContractSuiteCatchesMistakesTest}).
 */
final class BrokenFakeCrms {
    private BrokenFakeCrms() {}

    /** The suite over a fake whose sessions come from {@code sessions}. */
    abstract static class Broken extends GoodFakeCrmContract {
        abstract BiFunction<FakeCrm, ConnectorContext, CrmSession> sessions();

        @Override
        protected CrmConnector connector() {
            return new FakeCrmConnector(sessions());
        }
    }

    /** DeskBridge's own customer messages and notes come back as agent replies. */
    static final class OwnCommentsReturned extends Broken {
        @Override
        BiFunction<FakeCrm, ConnectorContext, CrmSession> sessions() {
            return (crm, ctx) -> new FakeCrmSession(crm, ctx) {
                @Override
                boolean isAgentAnswer(FakeCrm.Stored c) {
                    return true;
                }
            };
        }
    }

    /** The body is parsed before the signature is checked. */
    static final class ParsesBeforeSignature extends Broken {
        @Override
        BiFunction<FakeCrm, ConnectorContext, CrmSession> sessions() {
            return (crm, ctx) -> new FakeCrmSession(crm, ctx) {
                @Override
                public VerifiedWebhook verify(WebhookRequest request) {
                    var m = parse(request);
                    checkSignature(request);
                    return VerifiedWebhook.of(m.group(2), m.group(1));
                }
            };
        }
    }

    /** appendCustomerMessage left unimplemented. */
    static final class AppendUnsupported extends Broken {
        @Override
        BiFunction<FakeCrm, ConnectorContext, CrmSession> sessions() {
            return (crm, ctx) -> new FakeCrmSession(crm, ctx) {
                @Override
                public TicketRef appendCustomerMessage(CustomerMessage message) {
                    throw new UnsupportedOperationException("not yet");
                }
            };
        }
    }

    /** POLLING declared, poll left at the SPI's default. */
    static final class PollingNotImplemented extends Broken {
        @Override
        BiFunction<FakeCrm, ConnectorContext, CrmSession> sessions() {
            return (crm, ctx) -> new FakeCrmSession(crm, ctx) {
                @Override
                public Set<CrmCapability> capabilities() {
                    return Set.of(CrmCapability.WEBHOOKS, CrmCapability.POLLING);
                }

                @Override
                public List<AgentReply> poll(Instant since) {
                    throw new UnsupportedOperationException("polling is not supported by this CRM");
                }
            };
        }
    }

    /** POLLING declared, poll finds nothing. */
    static final class PollingReturnsNothing extends Broken {
        @Override
        boolean polling() {
            return true;
        }

        @Override
        BiFunction<FakeCrm, ConnectorContext, CrmSession> sessions() {
            return (crm, ctx) -> new FakeCrmSession(crm, ctx) {
                @Override
                public List<AgentReply> poll(Instant since) {
                    return List.of();
                }
            };
        }
    }

    /** The connector class has no {@code @Extension}: PF4J never finds it. */
    static final class ExtensionMissing extends Broken {
        @Override
        BiFunction<FakeCrm, ConnectorContext, CrmSession> sessions() {
            return FakeCrmSession::new;
        }

        @Override
        protected CrmConnector connector() {
            return new UnannotatedCrmConnector();
        }
    }

    /** Reads the API key with {@code Settings.string}: a credential in a plain String. */
    static final class SecretAsPlainString extends Broken {
        @Override
        BiFunction<FakeCrm, ConnectorContext, CrmSession> sessions() {
            return (crm, ctx) -> new FakeCrmSession(crm, ctx) {
                @Override
                String apiKey() {
                    return context.settings().requireString("api_key");
                }
            };
        }
    }

    /** Appends without looking for the message's marker: a retry writes a second comment. */
    static final class AppendNotIdempotent extends Broken {
        @Override
        BiFunction<FakeCrm, ConnectorContext, CrmSession> sessions() {
            return (crm, ctx) -> new FakeCrmSession(crm, ctx) {
                @Override
                boolean alreadyWritten(String ticket, String marker, String text) {
                    return false;
                }
            };
        }
    }

    /** Recognises a retry by its text: a customer's second "ok" is lost. */
    static final class AppendMatchesText extends Broken {
        @Override
        BiFunction<FakeCrm, ConnectorContext, CrmSession> sessions() {
            return (crm, ctx) -> new FakeCrmSession(crm, ctx) {
                @Override
                boolean alreadyWritten(String ticket, String marker, String text) {
                    return crm.hasText(ticket, text);
                }
            };
        }
    }

    /** A retried notice gives a second note. */
    static final class NoticeDuplicated extends Broken {
        @Override
        BiFunction<FakeCrm, ConnectorContext, CrmSession> sessions() {
            return (crm, ctx) -> new FakeCrmSession(crm, ctx) {
                @Override
                public void notifyAgents(TicketRef ticket, AgentNotice notice) {
                    crm.write(ticket.id(), notice.text(), true, FakeCrm.DESKBRIDGE, Optional.of("note:" + notice.id()));
                }
            };
        }
    }

    /** Every delivery update becomes a note. */
    static final class DeliveryAddsNote extends Broken {
        @Override
        BiFunction<FakeCrm, ConnectorContext, CrmSession> sessions() {
            return (crm, ctx) -> new FakeCrmSession(crm, ctx) {
                @Override
                public void recordDelivery(TicketRef ticket, DeliveryNotice notice) {
                    crm.write(ticket.id(), "Message " + notice.status(), true, FakeCrm.DESKBRIDGE,
                            Optional.of("delivery:" + notice.providerMessageId() + ":" + notice.status()));
                }
            };
        }
    }

    /** Every status update becomes a note. */
    static final class StatusAddsNote extends Broken {
        @Override
        BiFunction<FakeCrm, ConnectorContext, CrmSession> sessions() {
            return (crm, ctx) -> new FakeCrmSession(crm, ctx) {
                @Override
                public void updateStatus(TicketRef ticket, ConversationStatus status) {
                    crm.write(ticket.id(), "Window " + status.phase(), true, FakeCrm.DESKBRIDGE, Optional.empty());
                }
            };
        }
    }
}
