package dev.deskbridge.host.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.deskbridge.connector.api.ChannelCapability;
import dev.deskbridge.connector.api.CrmCapability;
import dev.deskbridge.connector.api.model.Attachment;
import dev.deskbridge.connector.api.model.ChannelEvent;
import dev.deskbridge.connector.api.model.CustomerMessage;
import dev.deskbridge.connector.api.model.InboundMessage;
import dev.deskbridge.connector.api.model.MediaKind;
import dev.deskbridge.connector.api.model.MessageContent;
import dev.deskbridge.connector.api.model.PhoneNumber;
import dev.deskbridge.connector.testkit.ManualClock;
import dev.deskbridge.host.config.ReplyPolicy;
import dev.deskbridge.host.config.RouteConfig;
import dev.deskbridge.host.store.Database;
import dev.deskbridge.host.testing.Await;
import dev.deskbridge.host.testing.HostFixture;
import dev.deskbridge.host.testing.RecordingCrm;
import dev.deskbridge.host.testing.TestChannel;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Inbound media reaches a CRM that takes attachments, downloaded through the channel session. */
class MediaAttachmentTest {
    @TempDir
    Path dir;

    final List<CustomerMessage> appended = new CopyOnWriteArrayList<>();

    /** The test channel, able to download media. */
    static final class MediaChannel extends dev.deskbridge.host.testing.ForwardingChannel {
        MediaChannel(Clock clock) {
            super(new TestChannel("s", clock));
        }

        @Override
        public Set<ChannelCapability> capabilities() {
            return Set.of(ChannelCapability.SEND_TEXT, ChannelCapability.MEDIA_DOWNLOAD);
        }

        @Override
        public Attachment downloadMedia(String mediaId) {
            return new Attachment(mediaId + ".jpg", "image/jpeg", new byte[] {1, 2, 3});
        }
    }

    private void run(boolean crmTakesAttachments) {
        ManualClock clock = new ManualClock(HostFixture.START);
        try (Database db = Database.open(Database.h2File(dir.resolve("db-" + crmTakesAttachments)), 6)) {
            Engine engine = new Engine(EngineContext.create(db, HostFixture.fastEngine(), new Routes(List.of(
                    new RouteConfig("wa", "crm", ReplyPolicy.REFUSE, Optional.empty(), Optional.empty()))),
                    new ConnectorSessions(Map.of("wa", new MediaChannel(clock)),
                            Map.of("crm", new RecordingCrm(crmTakesAttachments
                                    ? Set.of(CrmCapability.ATTACHMENTS) : Set.of(), appended::add))),
                    HostFixture.goldenPricing(), clock, Clock.systemUTC(),
                    new EngineMetrics(new SimpleMeterRegistry()))).start();
            try {
                ChannelEvent photo = new InboundMessage("e1", "wamid.1", PhoneNumber.of(HostFixture.BUSINESS),
                        PhoneNumber.of(HostFixture.CUSTOMER), Optional.empty(), HostFixture.START,
                        new MessageContent.Media(MediaKind.IMAGE, "media-7", Optional.of("image/jpeg"),
                                Optional.empty(), Optional.of("my receipt"), Optional.empty()),
                        Optional.empty(), Optional.empty());
                engine.intake().acceptChannelEvents("wa", List.of(photo));
                Await.until("appended", () -> appended.size() == 1);
            } finally {
                engine.close();
            }
        }
    }

    @Test
    void mediaIsDownloadedForACrmThatTakesAttachments() {
        run(true);
        CustomerMessage m = appended.get(0);
        assertThat(m.attachments()).containsExactly(new Attachment("media-7.jpg", "image/jpeg", new byte[] {1, 2, 3}));
        assertThat(m.message().content().summary()).isEqualTo("my receipt");
    }

    @Test
    void aCrmWithoutAttachmentsGetsTheMessageAlone() {
        run(false);
        assertThat(appended.get(0).attachments()).isEmpty();
    }
}
