package dev.deskbridge.connector.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.deskbridge.connector.api.error.MediaTooLargeException;
import dev.deskbridge.connector.api.model.MediaKind;
import dev.deskbridge.connector.api.model.MessageContent;
import dev.deskbridge.connector.api.model.PaymentUpdate;
import dev.deskbridge.connector.api.model.PhoneNumber;
import dev.deskbridge.connector.api.pricing.Money;
import dev.deskbridge.connector.api.pricing.Quote;
import dev.deskbridge.connector.api.pricing.WindowState;
import dev.deskbridge.connector.api.webhook.WebhookRequest;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ModelTest {
    @Test
    void phoneNumbersAreE164() {
        assertThat(PhoneNumber.fromDigits("whatsapp:+1 (201) 555-0123")).isEqualTo(PhoneNumber.of("+12015550123"));
        assertThat(PhoneNumber.fromDigits("4915123456789").digits()).isEqualTo("4915123456789");
        assertThatThrownBy(() -> PhoneNumber.of("12015550123")).hasMessageContaining("E.164");
        assertThatThrownBy(() -> PhoneNumber.of("+0123")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void moneyIsDecimalAndComparesNumerically() {
        assertThat(Money.of("0.0040", "USD")).isEqualTo(Money.of("0.004", "USD"));
        assertThat(Money.of("0.0040", "USD").plus(Money.of("0.0030", "USD"))).isEqualTo(Money.of("0.007", "USD"));
        assertThatThrownBy(() -> Money.of("1", "USD").plus(Money.of("1", "EUR"))).hasMessageContaining("currency");
    }

    @Test
    void windowIntervalsAreHalfOpen() {
        Instant t = Instant.parse("2025-09-01T10:00:00Z");
        WindowState w = new WindowState(Optional.of(t), Optional.of(t.plusSeconds(86400)), Optional.empty(),
                Optional.empty(), Optional.empty());
        assertThat(w.serviceWindowOpenAt(t)).isTrue();
        assertThat(w.serviceWindowOpenAt(t.plusSeconds(86399))).isTrue();
        assertThat(w.serviceWindowOpenAt(t.plusSeconds(86400))).isFalse();
        assertThat(w.serviceWindowOpenAt(t.minusSeconds(1))).isFalse();
        assertThat(WindowState.NONE.serviceWindowOpenAt(t)).isFalse();
    }

    @Test
    void quoteInvariants() {
        assertThatThrownBy(() -> new Quote(true, Optional.of("x"), false, Optional.empty(), Optional.empty(),
                Optional.empty(), Money.zero("USD"), Optional.empty())).isInstanceOf(IllegalArgumentException.class);
        assertThat(Quote.refused("window_closed", Money.zero("USD")).allowed()).isFalse();
    }

    @Test
    void webhookHeadersAreCaseInsensitiveAndBodyIsCopied() {
        byte[] body = {1, 2, 3};
        WebhookRequest r = new WebhookRequest("POST", "https://x/y", Map.of("X-Hub-Signature-256", List.of("sha256=ab")),
                Map.of(), body, Instant.EPOCH);
        body[0] = 9;
        assertThat(r.header("x-hub-signature-256")).contains("sha256=ab");
        assertThat(r.body()[0]).isEqualTo((byte) 1);
    }

    @Test
    void aNoticeNeedsAnIdAndAVerifiedWebhookNoBlankIds() {
        assertThatThrownBy(() -> new dev.deskbridge.connector.api.model.AgentNotice(" ",
                dev.deskbridge.connector.api.model.AgentNotice.Kind.WINDOW_CLOSING, "x", Optional.empty()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new dev.deskbridge.connector.api.webhook.VerifiedWebhook(Optional.of(""),
                Optional.empty())).isInstanceOf(IllegalArgumentException.class);
        assertThat(dev.deskbridge.connector.api.webhook.VerifiedWebhook.of("zendesk:1:2", "ticket:1").orderKey())
                .contains("ticket:1");
    }

    @Test
    void aPaymentUpdateBuiltWithoutABusinessNumberNamesNone() {
        PhoneNumber customer = PhoneNumber.of("+919876543210");
        // Plugins built before the field keep compiling and mean what they meant: the receiving channel's order.
        PaymentUpdate old = new PaymentUpdate("p1", customer, "A-1", PaymentUpdate.Status.CAPTURED, Instant.EPOCH,
                Optional.empty(), Optional.empty(), Optional.empty());
        assertThat(old.business()).isEmpty();
        assertThat(new PaymentUpdate("p1", customer, "A-1", PaymentUpdate.Status.CAPTURED, Instant.EPOCH,
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.of(PhoneNumber.of("+15550100002")))
                .business()).contains(PhoneNumber.of("+15550100002"));
        assertThatThrownBy(() -> new PaymentUpdate("p1", customer, "A-1", PaymentUpdate.Status.CAPTURED,
                Instant.EPOCH, Optional.empty(), Optional.empty(), Optional.empty(), null))
                .isInstanceOf(NullPointerException.class);
    }

    @Test
    void mediaWithoutItsFileKeepsTheCaptionAndSaysWhatIsMissing() {
        MessageContent.Media photo = new MessageContent.Media(MediaKind.IMAGE, "m1", Optional.of("image/jpeg"),
                Optional.empty(), Optional.of("my receipt"), Optional.empty());
        assertThat(photo.withoutFile("the file is gone").summary())
                .isEqualTo("my receipt\n[image not attached: the file is gone]");
        MessageContent.Media pdf = new MessageContent.Media(MediaKind.DOCUMENT, "m2", Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.of("invoice.pdf"));
        assertThat(pdf.withoutFile("too large").summary()).isEqualTo("[document \"invoice.pdf\" not attached: too large]");
        assertThat(pdf.withoutFile("x").mediaId()).isEqualTo("m2");
        assertThat(MessageContent.Media.notAttached(MediaKind.AUDIO, Optional.of(" "), Optional.empty(), "y"))
                .isEqualTo("[audio not attached: y]");
        assertThatThrownBy(() -> new MediaTooLargeException("big", 0)).isInstanceOf(IllegalArgumentException.class);
        assertThat(new MediaTooLargeException("big", 16).limitBytes()).isEqualTo(16);
    }
}
