package dev.deskbridge.host.e2e;

import static dev.deskbridge.host.e2e.WhatsAppTraffic.BUSINESS;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.deskbridge.connector.api.model.PhoneNumber;
import dev.deskbridge.connector.testkit.ManualClock;
import dev.deskbridge.host.store.Conversation;
import dev.deskbridge.host.testing.HostProbe;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The files an agent attaches to a Zendesk reply reach the customer, with the real host and the
 * built Zendesk plugin: a photo as a photo and a voice note as audio (WhatsApp takes no file name on
 * those, and Zendesk names every file), a type WhatsApp does not play as a document.
 */
class ZendeskAgentFilesEndToEndTest {
    private static final Instant T0 = Instant.parse("2026-11-02T10:00:00Z");

    @TempDir
    Path home;

    private WhatsAppTraffic whatsapp;
    private ZendeskStandIn zendesk;
    private RunningHost host;
    private HostProbe probe;

    @BeforeEach
    void start() throws IOException {
        whatsapp = new WhatsAppTraffic();
        zendesk = new ZendeskStandIn();
        host = zendesk.startHost(home, whatsapp, zendesk.hostConfig(whatsapp), new ManualClock(T0));
        probe = host.probe();
    }

    @AfterEach
    void stop() {
        Received.closeAll(host, whatsapp, zendesk);
    }

    @Test
    void photosVoiceNotesAndOtherFilesGoOutAsWhatsAppSendsThem() {
        PhoneNumber customer = PhoneNumber.of("+4915140007001");
        whatsapp.customerWrites(customer, 0, "Can you send the photo and the manual?", T0);
        whatsapp.awaitCustomerMessagesHandled(1);
        Conversation conversation = probe.conversation(BUSINESS, customer).orElseThrow();
        long ticket = Long.parseLong(conversation.ticket().orElseThrow().id());

        long comment = zendesk.agentComment(ticket, "Here you are.", List.of(
                file("photo.png", "image/png"), file("voice.ogg", "audio/ogg"),
                file("clip.mp4", "video/mp4"), file("wave.gif", "image/gif"),
                file("manual.pdf", "application/pdf")));
        assertThat(ZendeskStandIn.postWebhook(probe, T0.plusSeconds(60), ZendeskStandIn.webhookBody(ticket, comment,
                conversation)).statusCode()).isEqualTo(200);
        whatsapp.awaitSends(6);

        List<JsonNode> sends = whatsapp.sends();
        assertThat(sends).extracting(s -> s.path("type").asText())
                .containsExactly("text", "image", "audio", "video", "document", "document");
        assertThat(sends.get(1).path("image").path("link").asText()).endsWith("/photo.png");
        for (int i = 1; i <= 3; i++) {
            JsonNode media = sends.get(i).path(sends.get(i).path("type").asText());
            assertThat(media.has("filename")).as("send %d names no file", i).isFalse();
        }
        assertThat(sends.get(4).path("document").path("filename").asText()).isEqualTo("wave.gif");
        assertThat(sends.get(5).path("document").path("filename").asText()).isEqualTo("manual.pdf");
        assertThat(probe.count("SELECT COUNT(*) FROM dead_letters")).isZero();
    }

    private static Map<String, String> file(String name, String type) {
        return Map.of("file_name", name, "content_type", type,
                "content_url", "https://acme.zendesk.com/attachments/token/t0k3n/" + name);
    }
}
