package dev.deskbridge.host.runtime;

import dev.deskbridge.connector.api.config.ConfigProblem;
import dev.deskbridge.connector.api.config.InvalidConfigException;
import dev.deskbridge.connector.api.model.OutboundMessage;
import dev.deskbridge.host.config.RouteConfig;
import dev.deskbridge.host.config.answering.ConfiguredAnswers;
import dev.deskbridge.host.engine.ConnectorSessions;
import java.util.ArrayList;
import java.util.List;

/**
 * Each automatic answer's text against what its route's channel takes in one message
 * ({@code ChannelSession.maxTextLength()}: 4096 for WhatsApp's Cloud API, 1600 through Twilio).
 * Reading the configuration can only hold a text to WhatsApp's own limit, since the channel's is
 * known once its plugin's session is open; a longer text would be refused by the provider on every
 * customer message it answers.
 */
final class AnswerTexts {
    private AnswerTexts() {}

    /** @throws InvalidConfigException naming each text too long for its channel, at its path */
    static void check(List<RouteConfig> routes, ConnectorSessions sessions) {
        List<ConfigProblem> problems = new ArrayList<>();
        for (int i = 0; i < routes.size(); i++) {
            RouteConfig route = routes.get(i);
            int max = sessions.channel(route.channel()).maxTextLength();
            String at = "routes[" + i + "]";
            route.answering().autoReplies().ifPresent(auto -> ConfiguredAnswers.each(auto, at,
                    (path, reply) -> {
                        if (reply instanceof OutboundMessage.Text t && t.body().length() > max) {
                            problems.add(new ConfigProblem(path + ".text", "must be at most " + max
                                    + " characters, what channel '" + route.channel() + "' takes in one message, got "
                                    + t.body().length()));
                        }
                    }));
        }
        if (!problems.isEmpty()) {
            throw new InvalidConfigException(problems);
        }
    }
}
