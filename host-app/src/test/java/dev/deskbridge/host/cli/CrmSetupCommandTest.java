package dev.deskbridge.host.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.deskbridge.host.cli.testcrm.SetupCrm;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CrmSetupCommandTest {
    @TempDir
    Path home;

    private Path config;
    private final Map<String, String> env = Map.of("DESK_TOKEN", "desk-Tok-99");

    @BeforeEach
    void write() throws Exception {
        SetupCrm.CALLS.clear();
        config = Files.writeString(home.resolve("deskbridge.yaml"), String.join("\n",
                "host: { public_base_url: 'https://bridge.example.com/' }",
                "crms:",
                "  - id: desk-1",
                "    type: setup-test-crm",
                "    config: { token: '${DESK_TOKEN}' }",
                "  - id: refusing",
                "    type: setup-test-crm",
                "    config: { token: '${DESK_TOKEN}', fail: true }",
                "  - id: plain",
                "    type: plain-test-crm",
                ""));
    }

    private CliRun run(String... args) {
        return CliRun.run(CliRun.withTestCrms(home, env), args);
    }

    @Test
    void runsTheCrmSetupWithItsWebhookUrlAndPrintsEachStep() {
        int closedBefore = SetupCrm.CLOSED.get();
        CliRun run = run("zendesk", "setup", "--config", config.toString(), "--crm", "desk-1");

        assertThat(run.exit()).as(run.all()).isZero();
        assertThat(SetupCrm.CALLS).containsExactly(
                "desk-1|desk-Tok-99|https://bridge.example.com/webhooks/crms/desk-1|false");
        assertThat(run.out().lines()).containsExactly(
                "Setting up crm 'desk-1' (setup-test-crm) for webhook https://bridge.example.com/webhooks/crms/desk-1",
                "  CREATE  ticket field: deskbridge_window",
                "  EXISTS  webhook: https://bridge.example.com/webhooks/crms/desk-1",
                "Done: 2 steps",
                "Next: the sidebar app for agents: deskbridge zendesk app --config " + config + " --crm desk-1");
        assertThat(SetupCrm.CLOSED.get()).as("the session is closed").isEqualTo(closedBefore + 1);
        assertThat(run.all()).doesNotContain("desk-Tok-99");
    }

    @Test
    void aDryRunOnlyPlansAndTheGenericSpellingWorksToo() {
        CliRun run = run("crm", "setup", "--config", config.toString(), "--crm", "desk-1", "--dry-run");

        assertThat(run.exit()).as(run.all()).isZero();
        assertThat(SetupCrm.CALLS).singleElement().asString().endsWith("|true");
        assertThat(run.out()).contains("(dry run: nothing is changed)", "  PLAN    ticket field", "Planned 2 steps");
    }

    @Test
    void aCrmWithoutSetupIsAClearError() {
        CliRun run = run("zendesk", "setup", "--config", config.toString(), "--crm", "plain");
        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).contains("crm 'plain' (plain-test-crm) has no setup");
    }

    @Test
    void anUnknownCrmIdListsTheConfiguredOnes() {
        CliRun run = run("zendesk", "setup", "--config", config.toString(), "--crm", "nope");
        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).contains("no crm with id 'nope'", "(crms: desk-1, refusing, plain)");
    }

    @Test
    void anInvalidConfigIsNotSetUp() {
        CliRun run = CliRun.run(CliRun.withTestCrms(home, Map.of()), "zendesk", "setup", "--config", config.toString(),
                "--crm", "desk-1");
        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).contains("crms[0].config.token: environment variable DESK_TOKEN is not set");
        assertThat(SetupCrm.CALLS).isEmpty();
    }

    @Test
    void aRefusalByTheCrmFailsWithItsMessage() {
        CliRun run = run("zendesk", "setup", "--config", config.toString(), "--crm", "refusing");
        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.err()).contains("setup of crm 'refusing' (setup-test-crm) failed: the CRM answered 403");
    }

    @Test
    void crmAndConfigAreRequired() {
        CliRun run = run("zendesk", "setup");
        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).contains("--config", "--crm");
    }
}
