package dev.deskbridge.host.runtime;

import static dev.deskbridge.host.testing.HostFixture.BUSINESS;
import static dev.deskbridge.host.testing.HostFixture.CUSTOMER;
import static org.assertj.core.api.Assertions.assertThat;

import dev.deskbridge.host.testing.HostFixture;
import dev.deskbridge.host.testing.TestChannel;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A route with {@code read_receipts} marks each customer message read once it is on the ticket; others never. */
class ReadReceiptsTest {
    @TempDir
    Path dir;

    @Test
    void aRouteWithReadReceiptsMarksTheMessageReadAfterTheTicket() {
        try (HostFixture f = HostFixture.in(dir).readReceipts(true).start()) {
            f.postChannel(TestChannel.messageWebhook("e1", "wamid.in-1", BUSINESS, CUSTOMER, "Hi", HostFixture.START));
            f.await("marked read", () -> f.channel.markedRead().size() == 1);
            assertThat(f.channel.markedRead()).containsExactly("wamid.in-1");
            assertThat(f.crmCalls("/api/messages")).as("on the ticket before it was marked read").hasSize(1);
        }
    }

    @Test
    void aRouteWithoutReadReceiptsMarksNothing() {
        try (HostFixture f = HostFixture.in(dir).start()) {
            f.postChannel(TestChannel.messageWebhook("e1", "wamid.in-1", BUSINESS, CUSTOMER, "Hi", HostFixture.START));
            f.await("on the ticket", () -> f.count("SELECT COUNT(*) FROM conversations WHERE ticket_id IS NOT NULL") == 1);
            f.awaitIdle();
            assertThat(f.channel.markedRead()).isEmpty();
        }
    }
}
