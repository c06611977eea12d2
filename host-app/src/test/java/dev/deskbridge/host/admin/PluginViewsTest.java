package dev.deskbridge.host.admin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.deskbridge.host.plugins.BuiltInConnectors;
import dev.deskbridge.host.plugins.ConnectorKind;
import dev.deskbridge.host.plugins.PluginReport;
import dev.deskbridge.host.plugins.ProvidedExtension;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PluginViewsTest {
    @Test
    void showsEachPluginFileWithItsTypesOrWhyItDidNotLoad() {
        PluginReport twilio = new PluginReport(Path.of("plugins/deskbridge-twilio-0.1.0.jar"), PluginReport.State.STARTED,
                Optional.of("deskbridge-twilio"), Optional.of("0.1.0"), Optional.of("ab12"),
                List.of(new ProvidedExtension(ConnectorKind.CHANNEL, "twilio-whatsapp", "x.Channel"),
                        new ProvidedExtension(ConnectorKind.CRM, "twilio-conversations", "x.Crm")),
                List.of());
        PluginReport refused = new PluginReport(Path.of("plugins/acme.jar"), PluginReport.State.REFUSED,
                Optional.empty(), Optional.empty(), Optional.of("cd34"), List.of(),
                List.of("sha256 cd34 is not in plugins.trusted"));

        List<PluginView> views = PluginViews.of(BuiltInConnectors.none(), List.of(twilio, refused));

        assertThat(views).hasSize(2);
        assertThat(views.get(0)).isEqualTo(new PluginView("deskbridge-twilio", "0.1.0", PluginStatus.STARTED, false,
                List.of("twilio-whatsapp"), List.of("twilio-conversations"), Optional.empty()));
        assertThat(views.get(1).id()).isEqualTo("acme.jar");
        assertThat(views.get(1).status()).isEqualTo(PluginStatus.REFUSED);
        assertThat(views.get(1).problem()).contains("acme.jar: sha256 cd34 is not in plugins.trusted");
    }
}
