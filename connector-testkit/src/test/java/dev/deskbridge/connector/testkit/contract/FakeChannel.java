package dev.deskbridge.connector.testkit.contract;

import dev.deskbridge.connector.api.ChannelSession;
import dev.deskbridge.connector.api.ConnectorContext;
import dev.deskbridge.connector.api.MessagingChannel;
import dev.deskbridge.connector.api.config.ConfigSpec;
import dev.deskbridge.connector.api.config.Setting;
import dev.deskbridge.connector.api.config.SettingType;
import java.util.Objects;

/**
 * A messaging channel plugin as an integrator might write one, with at most one deliberate
 * {@link Mistake}: its provider's webhooks are lines of {@code status <message id> <send key or ->},
 * signed with the app secret in {@link FakeCrm#SIGNATURE_HEADER}.
 */
final class FakeChannel implements MessagingChannel {
    static final ConfigSpec SPEC = ConfigSpec.builder()
            .add(Setting.required("account", SettingType.STRING, "The provider account that sends."))
            .add(Setting.required("app_secret", SettingType.STRING, "Signs the provider's webhooks.").asSecret())
            .build();

    /** What a plugin author might get wrong; each breaks one promise the contract suite checks. */
    enum Mistake {
        NONE,
        /** Declares that statuses name their send, and its statuses do not carry the send's key. */
        STATUS_WITHOUT_SEND_KEY,
        /** Takes a webhook without checking its signature. */
        SIGNATURE_UNCHECKED,
        /** Gives the same webhook new event ids each time it is read, so a redelivery is not recognised. */
        EVENT_IDS_NOT_STABLE,
        /** Shows the app secret in the session's {@code toString}. */
        SECRET_IN_TO_STRING,
        /** Marks messages read without declaring MARK_READ, so the host never asks it to. */
        MARK_READ_UNDECLARED
    }

    private final Mistake mistake;

    FakeChannel(Mistake mistake) {
        this.mistake = Objects.requireNonNull(mistake, "mistake");
    }

    @Override
    public String type() {
        return "fake-channel";
    }

    @Override
    public ConfigSpec configSpec() {
        return SPEC;
    }

    @Override
    public ChannelSession open(ConnectorContext context) {
        return new FakeChannelSession(context, mistake);
    }
}
