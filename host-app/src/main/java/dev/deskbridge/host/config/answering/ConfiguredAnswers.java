package dev.deskbridge.host.config.answering;

import dev.deskbridge.connector.api.model.OutboundMessage;
import java.util.function.BiConsumer;

/**
 * A route's automatic answers, each with the path of its configuration
 * ({@code routes[0].auto_replies.keywords[1].reply}), for the checks that need the channel or its
 * catalogue and so run at start rather than when the configuration is read.
 */
public final class ConfiguredAnswers {
    private ConfiguredAnswers() {}

    /** Each answer of {@code auto} at its path under {@code at} (a route's path): away, greeting, keyword replies. */
    public static void each(AutoReplies auto, String at, BiConsumer<String, OutboundMessage> answer) {
        String answers = at + ".auto_replies";
        auto.away().ifPresent(m -> answer.accept(answers + ".away", m));
        auto.greeting().ifPresent(m -> answer.accept(answers + ".greeting", m));
        for (int k = 0; k < auto.keywords().size(); k++) {
            answer.accept(answers + ".keywords[" + k + "].reply", auto.keywords().get(k).reply());
        }
    }
}
