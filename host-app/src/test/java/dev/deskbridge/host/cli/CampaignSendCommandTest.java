package dev.deskbridge.host.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** {@code deskbridge campaign send}'s own decisions, apart from the host (the end-to-end test runs the command). */
class CampaignSendCommandTest {
    @Test
    void theProgressIsAskedForEverySecondUnlessTheReportTakesLongerThenTenTimesItsTimeAtMostAMinute() {
        assertThat(CampaignSendCommand.pause(0)).isEqualTo(1000);
        assertThat(CampaignSendCommand.pause(40)).isEqualTo(1000);
        assertThat(CampaignSendCommand.pause(100)).isEqualTo(1000);
        assertThat(CampaignSendCommand.pause(350)).isEqualTo(3500);
        assertThat(CampaignSendCommand.pause(1500)).isEqualTo(15_000);
        assertThat(CampaignSendCommand.pause(6000)).isEqualTo(60_000);
        assertThat(CampaignSendCommand.pause(60_000)).isEqualTo(60_000);
    }
}
