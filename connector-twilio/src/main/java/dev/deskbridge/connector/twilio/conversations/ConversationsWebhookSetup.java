package dev.deskbridge.connector.twilio.conversations;

import com.twilio.rest.conversations.v1.configuration.Webhook;
import dev.deskbridge.connector.api.CrmSetup;
import dev.deskbridge.connector.api.error.ConfigurationException;
import dev.deskbridge.connector.twilio.rest.TwilioApi;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Points the account's Conversations post-event webhook at DeskBridge for {@code onMessageAdded}.
 * Running it again finds it in place. A post-event webhook that calls someone else is never
 * replaced: the operator decides. The webhook's target (plain webhook or Flex) is left as it is.
 */
final class ConversationsWebhookSetup implements CrmSetup {
    static final String EVENT = "onMessageAdded";
    private static final String WHAT = "Conversations post-event webhook";

    private final TwilioApi api;

    ConversationsWebhookSetup(TwilioApi api) {
        this.api = Objects.requireNonNull(api, "api");
    }

    @Override
    public List<Step> setUp(String webhookUrl, boolean dryRun) {
        Webhook current = api.call("read the Conversations webhook configuration", c -> Webhook.fetcher().fetch(c));
        String post = current.getPostWebhookUrl();
        boolean unset = post == null || post.isBlank();
        if (!unset && !post.equals(webhookUrl)) {
            throw new ConfigurationException("the account's " + WHAT + " already calls " + post
                    + "; DeskBridge does not replace it. Forward " + EVENT + " from there to " + webhookUrl
                    + ", or clear it and run the setup again", null, null, null);
        }
        List<String> filters = new ArrayList<>(current.getFilters() == null ? List.of() : current.getFilters());
        boolean postMethod = current.getMethod() == Webhook.Method.POST;
        if (!unset && filters.contains(EVENT) && postMethod) {
            return List.of(new Step(Step.Action.EXISTS, WHAT, "POST " + webhookUrl + " on " + EVENT));
        }
        if (!filters.contains(EVENT)) {
            filters.add(EVENT);
        }
        String detail = "POST " + webhookUrl + " on " + String.join(", ", filters);
        if (dryRun) {
            return List.of(new Step(Step.Action.PLAN, WHAT, detail));
        }
        api.call("set the " + WHAT, c -> Webhook.updater()
                .setPostWebhookUrl(webhookUrl)
                .setMethod("POST")
                .setFilters(filters)
                .update(c));
        return List.of(new Step(unset ? Step.Action.CREATE : Step.Action.UPDATE, WHAT, detail));
    }
}
