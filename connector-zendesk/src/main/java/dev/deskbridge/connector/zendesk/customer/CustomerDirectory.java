package dev.deskbridge.connector.zendesk.customer;

import dev.deskbridge.connector.api.error.RetryableException;
import dev.deskbridge.connector.api.model.PhoneNumber;
import dev.deskbridge.connector.zendesk.client.Listings;
import dev.deskbridge.connector.zendesk.client.Lru;
import dev.deskbridge.connector.zendesk.client.ZendeskApi;
import dev.deskbridge.connector.zendesk.client.ZendeskRejectedException;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.zendesk.client.v2.model.Identity;
import org.zendesk.client.v2.model.Role;
import org.zendesk.client.v2.model.User;

/**
 * Finds the Zendesk end user behind a WhatsApp number, creating one when there is none, and never
 * two for one number: users DeskBridge creates carry the E.164 number as {@code external_id} and
 * are made with {@code create_or_update}, which Zendesk matches on that id.
 *
 * <p>One request for a number this process has not seen: {@code create_or_update} creates the user
 * or answers the one with that {@code external_id}. Only when Zendesk refuses it (422: an agent
 * already gave the number to another user as a phone identity) are users searched by phone. The
 * host keeps the id with the conversation's ticket, so a known conversation costs none.
 */
public final class CustomerDirectory {
    /** Identity type of a phone number in Zendesk. */
    public static final String PHONE_IDENTITY = "phone_number";
    private static final int CACHE_SIZE = 10_000;
    private static final int IDENTITY_CHECKS = 3;

    private final ZendeskApi api;
    private final Logger log;
    private final Map<String, Long> cache = Lru.map(CACHE_SIZE);

    public CustomerDirectory(ZendeskApi api, Logger log) {
        this.api = Objects.requireNonNull(api, "api");
        this.log = Objects.requireNonNull(log, "log");
    }

    /**
     * The id of the end user for this number.
     *
     * @param phone the customer's number
     * @param profileName the WhatsApp profile name, used as the name of a new user
     */
    public long requesterFor(PhoneNumber phone, Optional<String> profileName) {
        Long cached = cache.get(phone.e164());
        if (cached != null) {
            return cached;
        }
        long id;
        try {
            id = createOrMatch(phone, profileName);
        } catch (ZendeskRejectedException e) {
            if (e.status() != 422) {
                throw e;
            }
            id = byPhoneIdentity(phone).orElseThrow(() -> e);
            log.info("Zendesk refused a user for a WhatsApp number ({}); an agent's user {} has it",
                    e.zendeskMessage(), id);
        }
        cache.put(phone.e164(), id);
        return id;
    }

    /** Remembers a requester the host knew from the conversation's ticket. */
    public void remember(PhoneNumber phone, long userId) {
        cache.put(phone.e164(), userId);
    }

    private Optional<Long> byPhoneIdentity(PhoneNumber phone) {
        // GET /users/search?query=... matches any user property, phone identities included; the
        // library names this call after e-mail, but it is the general query.
        List<User> candidates = api.call("search users by phone",
                z -> Listings.upTo(z.lookupUserByEmail(phone.e164()), 100));
        for (User u : candidates) {
            if (u.getId() != null && samePhone(u.getPhone(), phone)) {
                return Optional.of(u.getId());
            }
        }
        // The number may be a secondary identity: check the identities of the first few matches.
        for (User u : candidates.subList(0, Math.min(IDENTITY_CHECKS, candidates.size()))) {
            if (u.getId() == null) {
                continue;
            }
            List<Identity> identities = api.call("read identities of user " + u.getId(),
                    z -> z.getUserIdentities(u.getId()));
            boolean match = identities != null && identities.stream()
                    .anyMatch(i -> PHONE_IDENTITY.equals(i.getType()) && samePhone(i.getValue(), phone));
            if (match) {
                return Optional.of(u.getId());
            }
        }
        return Optional.empty();
    }

    private long createOrMatch(PhoneNumber phone, Optional<String> profileName) {
        String name = profileName.map(String::strip).filter(n -> !n.isEmpty()).orElse(phone.e164());
        User user = new User(true, name, new Identity(PHONE_IDENTITY, phone.e164()));
        user.setExternalId(phone.e164());
        user.setRole(Role.END_USER);
        User created = api.call("create or match end user", z -> z.createOrUpdateUser(user));
        if (created == null || created.getId() == null) {
            throw new RetryableException("Zendesk answered create_or_update without a user id");
        }
        log.debug("Zendesk end user {} for a WhatsApp customer", created.getId());
        return created.getId();
    }

    private static boolean samePhone(String value, PhoneNumber phone) {
        return value != null && value.replaceAll("[^0-9]", "").equals(phone.digits());
    }
}
