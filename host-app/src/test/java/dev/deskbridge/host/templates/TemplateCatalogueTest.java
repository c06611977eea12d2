package dev.deskbridge.host.templates;

import static org.assertj.core.api.Assertions.assertThat;

import dev.deskbridge.connector.api.model.TemplateRequest;
import dev.deskbridge.connector.api.model.TemplateUpdate;
import dev.deskbridge.connector.api.pricing.TemplateCategory;
import dev.deskbridge.connector.api.template.TemplateDefinition;
import dev.deskbridge.connector.api.template.TemplateStatus;
import dev.deskbridge.host.store.Database;
import dev.deskbridge.host.testing.Databases;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TemplateCatalogueTest {
    private static final Instant T0 = Instant.parse("2026-11-02T10:00:00Z");

    @TempDir
    Path dir;
    Database db;
    TemplateCatalogue catalogue;
    TemplateCheck check;

    @BeforeEach
    void open() {
        db = Database.open(Databases.fresh(Databases.Kind.H2, dir), 2);
        catalogue = new TemplateCatalogue(db);
        check = new TemplateCheck(catalogue);
    }

    @AfterEach
    void close() {
        db.close();
    }

    private TemplateCheckResult check(String channel, TemplateRequest request) {
        return db.inTransaction(c -> check.check(c, channel, request));
    }

    @Test
    void beforeTheFirstSyncNothingCanBeCheckedAndTheRefusalSaysSo() {
        TemplateCheckResult r = check("wa-main", TemplateRequest.of("order_update", "en_US", List.of("Ana", "A1"), Map.of()));

        assertThat(r).isInstanceOfSatisfying(TemplateCheckResult.Refused.class, f -> {
            assertThat(f.reason()).isEqualTo(TemplateRefusal.CATALOGUE_NOT_SYNCED);
            assertThat(f.reason().code()).isEqualTo("catalogue_not_synced");
            assertThat(f.message()).contains("templates sync");
        });
    }

    @Test
    void aSyncedApprovedTemplateResolvesWithItsCurrentCategory() {
        catalogue.replace("wa-main", List.of(Templates.positional("order_update", TemplateStatus.APPROVED,
                TemplateCategory.UTILITY, 2)), T0);

        TemplateCheckResult r = check("wa-main", TemplateRequest.of("order_update", "en_US", List.of("Ana", "A1"), Map.of()));

        assertThat(r).isInstanceOfSatisfying(TemplateCheckResult.Resolved.class, ok -> {
            assertThat(ok.category()).isEqualTo(TemplateCategory.UTILITY);
            assertThat(ok.message().bodyParameters()).containsExactly("Ana", "A1");
            assertThat(ok.message().name()).isEqualTo("order_update");
        });
    }

    @Test
    void aStatusUpdatePausingATemplateMakesALaterCheckRefusedAsPaused() {
        catalogue.replace("wa-main", List.of(Templates.positional("order_update", TemplateStatus.APPROVED,
                TemplateCategory.UTILITY, 2)), T0);
        String id = catalogue.find("wa-main", "order_update", "en_US").orElseThrow().definition().providerId();

        boolean changed = db.inTransaction(c -> catalogue.apply(c, "wa-main", new TemplateUpdate("tpl:1", id,
                "order_update", "en_US", Optional.of(TemplateStatus.PAUSED), Optional.empty(), Optional.empty(),
                Optional.of("FIRST_PAUSE"), T0.plusSeconds(60))));

        assertThat(changed).isTrue();
        TemplateCheckResult r = check("wa-main", TemplateRequest.of("order_update", "en_US", List.of("Ana", "A1"), Map.of()));
        assertThat(r).isInstanceOfSatisfying(TemplateCheckResult.Refused.class, f -> {
            assertThat(f.reason().code()).isEqualTo("template_paused");
            assertThat(f.message()).contains("order_update").contains("FIRST_PAUSE");
        });
    }

    @Test
    void aStatusUpdateThatCameToOneNumberReachesTheOtherNumbersOfItsAccount() {
        TemplateDefinition greeting = Templates.positional("welcome_v1", TemplateStatus.APPROVED,
                TemplateCategory.UTILITY, 0);
        catalogue.replace("wa-one", List.of(greeting), T0);
        catalogue.replace("wa-two", List.of(greeting), T0);
        // Another business account's template of the same name: another provider id.
        catalogue.replace("wa-other", List.of(new TemplateDefinition("999", greeting.name(), greeting.sendName(),
                greeting.language(), TemplateStatus.APPROVED, greeting.category(), greeting.parameterFormat(),
                greeting.body(), greeting.bodyParameters(), greeting.header(), greeting.headerParameters(),
                greeting.buttons(), greeting.components())), T0);

        db.inTransactionDo(c -> catalogue.applyToAccount(c, "wa-one", new TemplateUpdate("tpl:9",
                greeting.providerId(), "welcome_v1", "en_US", Optional.of(TemplateStatus.REJECTED), Optional.empty(),
                Optional.empty(), Optional.of("INCORRECT_CATEGORY"), T0.plusSeconds(60))));

        // Before: only wa-one's catalogue knew, and wa-two sent the rejected template until its next sync.
        assertThat(catalogue.find("wa-two", "welcome_v1", "en_US").orElseThrow().status())
                .isEqualTo(TemplateStatus.REJECTED);
        assertThat(catalogue.find("wa-one", "welcome_v1", "en_US").orElseThrow().status())
                .isEqualTo(TemplateStatus.REJECTED);
        assertThat(catalogue.find("wa-other", "welcome_v1", "en_US").orElseThrow().status())
                .isEqualTo(TemplateStatus.APPROVED);
    }

    @Test
    void aCategoryUpdateIsTheCategoryQuotedNext() {
        catalogue.replace("wa-main", List.of(Templates.positional("order_update", TemplateStatus.APPROVED,
                TemplateCategory.UTILITY, 2)), T0);
        db.inTransactionDo(c -> catalogue.apply(c, "wa-main", new TemplateUpdate("cat:1", "unknown-id", "order_update",
                "en_US", Optional.empty(), Optional.of(TemplateCategory.MARKETING), Optional.empty(), Optional.empty(),
                T0.plusSeconds(5))));

        TemplateCheckResult r = check("wa-main", TemplateRequest.of("order_update", "en_US", List.of("Ana", "A1"), Map.of()));

        assertThat(((TemplateCheckResult.Resolved) r).category()).isEqualTo(TemplateCategory.MARKETING);
    }

    @Test
    void aSyncRemovesTemplatesTheProviderNoLongerListsAndKeepsOtherChannelsApart() {
        catalogue.replace("wa-main", List.of(
                Templates.positional("a", TemplateStatus.APPROVED, TemplateCategory.UTILITY, 0),
                Templates.positional("b", TemplateStatus.REJECTED, TemplateCategory.UTILITY, 0)), T0);
        catalogue.replace("wa-other", List.of(Templates.positional("a", TemplateStatus.APPROVED,
                TemplateCategory.MARKETING, 0)), T0);

        catalogue.replace("wa-main", List.of(Templates.positional("a", TemplateStatus.APPROVED,
                TemplateCategory.UTILITY, 1)), T0.plusSeconds(3600));

        assertThat(catalogue.list(Optional.of("wa-main"))).extracting(CatalogueTemplate::name).containsExactly("a");
        assertThat(catalogue.list(Optional.of("wa-other"))).hasSize(1);
        assertThat(catalogue.find("wa-main", "a", "en_US").orElseThrow().definition().bodyParameters()).hasSize(1);
        assertThat(catalogue.lastSync("wa-main")).contains(T0.plusSeconds(3600));
        TemplateCheckResult r = check("wa-main", TemplateRequest.of("b", "en_US", List.of(), Map.of()));
        assertThat(((TemplateCheckResult.Refused) r).reason()).isEqualTo(TemplateRefusal.TEMPLATE_NOT_FOUND);
    }
}
