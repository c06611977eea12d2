package dev.deskbridge.host.admin;

import dev.deskbridge.connector.api.model.PhoneNumber;

/**
 * How customer numbers appear to operators: the admin API, the dashboard and the CLI show only
 * the leading digits (country and area) and the last four, as in {@code +120****0123}. That is
 * enough to tell conversations apart and to match a number a customer reads out, without putting
 * whole phone numbers on a wall screen or in a screenshot; the CRM ticket holds the full number.
 */
public final class PhoneMask {
    private PhoneMask() {}

    /** The masked form; the number of digits is kept so lengths still read right. */
    public static String mask(PhoneNumber number) {
        String digits = number.digits();
        int n = digits.length();
        int head = n >= 10 ? 3 : 1;
        int tail = n >= 10 ? 4 : Math.min(2, n - head);
        int hidden = n - head - tail;
        return "+" + digits.substring(0, head) + "*".repeat(hidden) + digits.substring(n - tail);
    }
}
