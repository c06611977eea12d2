package dev.deskbridge.host.demo;

import dev.deskbridge.connector.api.model.PhoneNumber;
import dev.deskbridge.host.demo.whatsapp.WhatsAppStandIn;
import dev.deskbridge.host.demo.zendesk.ZendeskStandIn;
import dev.deskbridge.host.runtime.BridgeHost;
import java.time.Duration;
import java.util.Objects;

/**
 * Everything the support day plays with: the running host, the two stand-ins, the clock they all
 * read, the agent who answers in Zendesk, and the narrator.
 *
 * @param business the business number customers write to
 * @param agentId the agent's Zendesk user id
 * @param agentName the agent's name
 * @param timeout how long one step may take before the demo gives up
 */
public record DemoStage(BridgeHost host, PhoneNumber business, WhatsAppStandIn whatsApp, ZendeskStandIn zendesk, SimulatedClock clock,
        long agentId, String agentName, Narrator narrator, Duration timeout) {
    public DemoStage {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(business, "business");
        Objects.requireNonNull(whatsApp, "whatsApp");
        Objects.requireNonNull(zendesk, "zendesk");
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(agentName, "agentName");
        Objects.requireNonNull(narrator, "narrator");
        Objects.requireNonNull(timeout, "timeout");
    }
}
