package dev.deskbridge.connector.api;

import java.util.List;
import java.util.Objects;

/**
 * Optional ability of a CRM session to create what it needs in the CRM (ticket fields, the
 * webhook that reports agent replies, the trigger that calls it). Running it again finds what
 * exists instead of creating duplicates.
 */
public interface CrmSetup {

    /** One thing set up, found, or (in a dry run) planned. */
    record Step(Action action, String what, String detail) {
        public enum Action { CREATE, EXISTS, UPDATE, PLAN }

        public Step {
            Objects.requireNonNull(action, "action");
            Objects.requireNonNull(what, "what");
            Objects.requireNonNull(detail, "detail");
        }
    }

    /**
     * Sets up (or, with {@code dryRun}, only plans) the CRM side.
     *
     * @param webhookUrl the public URL the CRM must call with agent replies
     * @param dryRun when true, change nothing and return the plan
     * @return what was done or would be done, in order; never contains a secret
     */
    List<Step> setUp(String webhookUrl, boolean dryRun);
}
