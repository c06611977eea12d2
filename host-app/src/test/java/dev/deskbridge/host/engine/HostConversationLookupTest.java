package dev.deskbridge.host.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.deskbridge.connector.api.model.ConversationId;
import dev.deskbridge.connector.api.model.PhoneNumber;
import dev.deskbridge.connector.api.pricing.ConversationStatus;
import dev.deskbridge.connector.api.pricing.OutboundKind;
import dev.deskbridge.connector.api.pricing.PricingCategory;
import dev.deskbridge.connector.api.pricing.Quote;
import dev.deskbridge.connector.api.pricing.TemplateCategory;
import dev.deskbridge.connector.api.pricing.WindowPhase;
import dev.deskbridge.connector.api.pricing.WindowState;
import dev.deskbridge.connector.testkit.ManualClock;
import dev.deskbridge.host.store.Conversation;
import dev.deskbridge.host.store.ConversationStore;
import dev.deskbridge.host.store.Database;
import dev.deskbridge.host.testing.HostFixture;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Currency;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What plugins see through {@code ConnectorContext.conversations()}. */
class HostConversationLookupTest {
    @TempDir
    Path dir;

    @Test
    void answersWindowsAndQuotesFromTheStoreAndTheRules() {
        ManualClock clock = new ManualClock(HostFixture.START.plus(Duration.ofHours(23)));
        try (Database db = Database.open(Database.h2File(dir.resolve("db")), 3)) {
            HostConversationLookup lookup = new HostConversationLookup(db, HostFixture.goldenPricing(), clock,
                    Duration.ofHours(2), Currency.getInstance("USD"));
            assertThat(lookup.status(ConversationId.of("nope"))).isEmpty();
            assertThatThrownBy(() -> lookup.quote(ConversationId.of("nope"), OutboundKind.FREEFORM, Optional.empty()))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("nope");

            Instant sent = HostFixture.START;
            WindowState window = new WindowState(Optional.of(sent), Optional.of(sent.plus(Duration.ofHours(24))),
                    Optional.empty(), Optional.empty(), Optional.empty());
            ConversationId id = db.inTransaction(c -> {
                ConversationStore store = new ConversationStore();
                Conversation conv = store.findOrCreate(c, PhoneNumber.of(HostFixture.BUSINESS),
                        PhoneNumber.of(HostFixture.CUSTOMER), Optional.empty(), "wa", "crm", sent);
                store.customerMessage(c, conv, window, sent, Optional.empty(), Optional.empty(), sent);
                return conv.id();
            });
            ConversationStatus status = lookup.status(id).orElseThrow();
            assertThat(status.phase()).isEqualTo(WindowPhase.CLOSING);
            assertThat(status.closesAt()).contains(sent.plus(Duration.ofHours(24)));
            assertThat(status.costSoFar().isZero()).isTrue();

            Quote freeform = lookup.quote(id, OutboundKind.FREEFORM, Optional.empty());
            assertThat(freeform.allowed()).isTrue();
            assertThat(freeform.billable()).isFalse();
            clock.advance(Duration.ofHours(2));
            assertThat(lookup.status(id).orElseThrow().phase()).isEqualTo(WindowPhase.CLOSED);
            assertThat(lookup.quote(id, OutboundKind.FREEFORM, Optional.empty()).allowed()).isFalse();
            Quote template = lookup.quote(id, OutboundKind.TEMPLATE, Optional.of(TemplateCategory.UTILITY));
            assertThat(template.category()).contains(PricingCategory.UTILITY);
            assertThat(template.price().amount()).isEqualByComparingTo("0.0040");
        }
    }
}
