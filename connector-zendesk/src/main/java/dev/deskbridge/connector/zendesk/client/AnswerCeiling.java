package dev.deskbridge.connector.zendesk.client;

import org.asynchttpclient.Request;
import org.asynchttpclient.filter.FilterContext;
import org.asynchttpclient.filter.RequestFilter;

/**
 * The most of one answer's body the plugin reads, for every request to Zendesk (the client
 * library's and {@link ZendeskApi}'s own raw ones): both keep a whole answer in memory, so a
 * misbehaving Zendesk, or whatever answers in its place, could otherwise fill the host's heap with
 * one answer. Each request's handler is wrapped in a {@link CappedHandler}, the way
 * AsyncHttpClient's own filters wrap handlers; an answer over the ceiling fails the request with
 * {@link OversizedAnswerException}, naming its method and path (never its query or credentials).
 * The ceiling is the setting {@code max_response_bytes} (its default says why it is what it is).
 */
final class AnswerCeiling implements RequestFilter {
    private final long maxBytes;

    AnswerCeiling(long maxBytes) {
        if (maxBytes < 1) {
            throw new IllegalArgumentException("maxBytes must be at least 1");
        }
        this.maxBytes = maxBytes;
    }

    @Override
    public <T> FilterContext<T> filter(FilterContext<T> ctx) {
        Request request = ctx.getRequest();
        String where = request.getMethod() + " " + request.getUri().getPath();
        return new FilterContext.FilterContextBuilder<>(ctx)
                .asyncHandler(new CappedHandler<>(ctx.getAsyncHandler(), where, maxBytes))
                .build();
    }
}
