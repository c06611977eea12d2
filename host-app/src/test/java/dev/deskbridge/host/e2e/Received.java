package dev.deskbridge.host.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.matching.RequestPatternBuilder;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.util.List;

/** What a WireMock peer received, read the way the end-to-end tests check it. */
final class Received {
    private Received() {}

    /** The one request matching the pattern; fails when there is none or more than one. */
    static LoggedRequest only(WireMockServer server, RequestPatternBuilder pattern) {
        List<LoggedRequest> found = server.findAll(pattern);
        assertThat(found).as("requests matching %s", pattern.build()).hasSize(1);
        return found.get(0);
    }

    /** Closes each in order, even when an earlier one fails; nulls (never started) are skipped. */
    static void closeAll(AutoCloseable... resources) {
        RuntimeException failure = null;
        for (AutoCloseable r : resources) {
            try {
                if (r != null) {
                    r.close();
                }
            } catch (Exception e) {
                if (failure == null) {
                    failure = new IllegalStateException("could not close " + r, e);
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
    }
}
