package dev.deskbridge.connector.twilio.rest;

import com.twilio.exception.ApiConnectionException;
import com.twilio.exception.ApiException;
import com.twilio.exception.TwilioException;
import com.twilio.http.TwilioRestClient;
import dev.deskbridge.connector.api.error.ConnectorException;
import dev.deskbridge.connector.api.error.PermanentException;
import dev.deskbridge.connector.api.error.RetryableException;
import java.time.Clock;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * One account's SDK client, with every call's failure classified into the SPI's exceptions.
 * Thread-safe.
 */
public final class TwilioApi implements AutoCloseable {
    private final TwilioAccount account;
    private final TwilioHttpClient http;
    private final TwilioRestClient client;
    private final Clock clock;
    private final String senderSetting;

    /**
     * @param account credentials and base URL
     * @param clock the host's clock, for Retry-After dates
     * @param senderSetting the setting to blame when Twilio refuses the sender, or null
     */
    public TwilioApi(TwilioAccount account, Clock clock, String senderSetting) {
        this.account = Objects.requireNonNull(account, "account");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.senderSetting = senderSetting;
        this.http = new TwilioHttpClient(account.baseUrl());
        this.client = new TwilioRestClient.Builder(account.username(), account.password().reveal())
                .accountSid(account.accountSid())
                .httpClient(http)
                .build();
    }

    /**
     * Runs one SDK call.
     *
     * @param action what is being done, for error messages ("send a WhatsApp message")
     * @throws ConnectorException classified: retryable, window closed, configuration or permanent
     */
    public <T> T call(String action, Function<TwilioRestClient, T> call) {
        return run(action, call, e -> false, false).orElseThrow();
    }

    /**
     * Runs one SDK call that sends a message (POST Messages). Classified as {@link #call}, except
     * that a gateway's 502 or 504 page (not Twilio's JSON error) leaves open whether Twilio took
     * the message: the failure carries an I/O cause, so the host waits for a status naming the
     * send before it would send again, instead of sending a duplicate at once.
     */
    public <T> T send(String action, Function<TwilioRestClient, T> call) {
        return run(action, call, e -> false, true).orElseThrow();
    }

    /**
     * Runs one SDK call on a resource that may not exist (a read, an update, a post to it); empty
     * when Twilio says it does not exist.
     */
    public <T> Optional<T> find(String action, Function<TwilioRestClient, T> call) {
        return run(action, call, TwilioErrors::isNotFound, false);
    }

    /** Runs one SDK call that creates a resource; empty when Twilio says it exists already. */
    public <T> Optional<T> createUnlessExists(String action, Function<TwilioRestClient, T> call) {
        return run(action, call, TwilioErrors::isConflict, false);
    }

    private <T> Optional<T> run(String action, Function<TwilioRestClient, T> call, Predicate<ApiException> absent,
            boolean sends) {
        try {
            return Optional.of(call.apply(client));
        } catch (ApiException e) {
            if (absent.test(e)) {
                return Optional.empty();
            }
            throw TwilioErrors.classify(action, e, http.lastStatus(), http.lastRetryAfter(clock),
                    account.credentialSetting(), senderSetting, sends);
        } catch (ApiConnectionException e) {
            throw new RetryableException("could not " + action + ": Twilio not reachable: " + e.getMessage(), e);
        } catch (TwilioException e) {
            throw new PermanentException("could not " + action + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        http.close();
    }

    @Override
    public String toString() {
        return "TwilioApi[" + account.accountSid() + account.baseUrl().map(u -> " via " + u).orElse("") + "]";
    }
}
