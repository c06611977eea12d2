package dev.deskbridge.connector.testkit.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

/**
 * The contract suites cannot quietly weaken: run programmatically over deliberately broken fake
 * plugins (CRMs and channels), they must fail each of them in the check named for its mistake, and
 * pass the good fakes.
 */
class ContractSuiteCatchesMistakesTest {

    static Stream<Arguments> mistakes() {
        return Stream.of(
                Arguments.of(BrokenFakeCrms.OwnCommentsReturned.class, "ownCommentsNeverComeBackAsReplies"),
                Arguments.of(BrokenFakeCrms.ParsesBeforeSignature.class, "anUnsignedMalformedBodyIsRefusedForItsSignature"),
                Arguments.of(BrokenFakeCrms.AppendUnsupported.class, "appendCustomerMessageIsSupported"),
                Arguments.of(BrokenFakeCrms.PollingNotImplemented.class, "pollingDeclaredPollReturnsReplies"),
                Arguments.of(BrokenFakeCrms.PollingReturnsNothing.class, "pollingDeclaredPollReturnsReplies"),
                Arguments.of(BrokenFakeCrms.ExtensionMissing.class, "extensionIsDiscoverableByPf4j"),
                Arguments.of(BrokenFakeCrms.SecretAsPlainString.class, "secretSettingsAreReadAsSecrets"),
                Arguments.of(BrokenFakeCrms.AppendNotIdempotent.class, "aRetriedAppendGivesOneComment"),
                Arguments.of(BrokenFakeCrms.AppendMatchesText.class, "twoIdenticalTextsGiveTwoComments"),
                Arguments.of(BrokenFakeCrms.NoticeDuplicated.class, "aRetriedNoticeGivesOneNote"),
                Arguments.of(BrokenFakeCrms.DeliveryAddsNote.class, "recordDeliveryAddsNoNote"),
                Arguments.of(BrokenFakeCrms.StatusAddsNote.class, "updateStatusAddsNoComment"),
                Arguments.of(BrokenFakeChannels.StatusWithoutSendKey.class, "aChannelWhoseStatusesNameTheirSendNamesIt"),
                Arguments.of(BrokenFakeChannels.NoStatusSample.class, "aChannelWhoseStatusesNameTheirSendNamesIt"),
                Arguments.of(BrokenFakeChannels.SignatureUnchecked.class, "unsignedWebhookIsRejectedWithoutEvents"),
                Arguments.of(BrokenFakeChannels.EventIdsNotStable.class, "signedWebhookYieldsEventsWithIds"),
                Arguments.of(BrokenFakeChannels.SecretInToString.class, "sessionToStringHidesSecrets"),
                Arguments.of(BrokenFakeChannels.MarkReadUndeclared.class, "declaredCapabilitiesAreConsistent"));
    }

    @ParameterizedTest(name = "{0} fails {1}")
    @MethodSource("mistakes")
    void theSuiteFailsEachBrokenPluginInTheRightCheck(Class<?> broken, String check) {
        Run run = run(broken);
        assertThat(run.failed).as("checks failed by %s", broken.getSimpleName()).containsKey(check);
        // An assertion of the check itself, saying what is wrong, not an exception from the fake.
        assertThat(run.failed.get(check)).as("why %s failed %s", broken.getSimpleName(), check)
                .isInstanceOf(AssertionError.class);
        assertThat(run.passed).as("checks %s passed", broken.getSimpleName()).isNotEmpty();
    }

    @Test
    void theGoodFakePassesEveryCheck() {
        Run run = run(GoodFakeCrmContract.class);
        assertThat(run.failed).as("checks failed by the good fake").isEmpty();
        assertThat(run.skipped).as("checks skipped for the webhook fake").isEmpty();
        assertThat(run.passed).contains("aRetriedAppendGivesOneComment", "ownCommentsNeverComeBackAsReplies",
                "webhooksDeclaredAnAgentsAnswerIsRead", "extensionIsDiscoverableByPf4j");
    }

    @Test
    void theGoodFakeChannelPassesEveryCheck() {
        Run run = run(GoodFakeChannelContract.class);
        assertThat(run.failed).as("checks failed by the good fake channel").isEmpty();
        assertThat(run.skipped).as("checks skipped for the good fake channel").isEmpty();
        assertThat(run.passed).contains("aChannelWhoseStatusesNameTheirSendNamesIt",
                "unsignedWebhookIsRejectedWithoutEvents", "signedWebhookYieldsEventsWithIds",
                "sessionToStringHidesSecrets", "declaredCapabilitiesAreConsistent");
    }

    @Test
    void theGoodPollingFakePassesEveryCheckItHas() {
        Run run = run(PollingFakeCrmContract.class);
        assertThat(run.failed).as("checks failed by the polling fake").isEmpty();
        assertThat(run.passed).contains("pollingDeclaredPollReturnsReplies", "ownCommentsNeverComeBackAsReplies");
    }

    /** What one run of a contract class gave, by check (method) name. */
    private record Run(Map<String, Throwable> failed, java.util.Set<String> passed, java.util.Set<String> skipped) {}

    private static Run run(Class<?> contract) {
        Map<String, Throwable> failed = new TreeMap<>();
        java.util.Set<String> passed = new java.util.TreeSet<>();
        java.util.Set<String> skipped = new java.util.TreeSet<>();
        TestExecutionListener listener = new TestExecutionListener() {
            @Override
            public void executionFinished(TestIdentifier id, TestExecutionResult result) {
                if (!id.isTest()) {
                    return;
                }
                String name = id.getSource().filter(org.junit.platform.engine.support.descriptor.MethodSource.class::isInstance)
                        .map(s -> ((org.junit.platform.engine.support.descriptor.MethodSource) s).getMethodName()).orElse(id.getDisplayName());
                switch (result.getStatus()) {
                    case SUCCESSFUL -> passed.add(name);
                    case ABORTED -> skipped.add(name);
                    case FAILED -> failed.put(name, result.getThrowable().orElse(null));
                }
            }
        };
        LauncherFactory.create().execute(LauncherDiscoveryRequestBuilder.request().selectors(selectClass(contract))
                .build(), listener);
        return new Run(failed, passed, skipped);
    }
}
