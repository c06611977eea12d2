package dev.deskbridge.connector.zendesk.client;

import io.netty.channel.Channel;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Objects;
import javax.net.ssl.SSLSession;
import org.asynchttpclient.AsyncHandler;
import org.asynchttpclient.HttpResponseBodyPart;
import org.asynchttpclient.HttpResponseStatus;
import org.asynchttpclient.netty.request.NettyRequest;

/**
 * An answer's handler that is handed no more than {@code maxBytes} of the body: the handlers of
 * the client library and of {@link ZendeskApi} keep every part they are given until the answer
 * ends. A Content-Length over the ceiling fails the request before any of the body is read; a body
 * without one (chunked) fails at the part that crosses it. Failing throws from the callback, which
 * makes AsyncHttpClient close the connection and fail the request's future with that exception
 * (returning {@link State#ABORT} would instead complete it with the part read so far as if whole).
 * Everything else goes to the wrapped handler as it came.
 */
final class CappedHandler<T> implements AsyncHandler<T> {
    private final AsyncHandler<T> handler;
    private final String request;
    private final long maxBytes;
    // Callbacks of one answer come from one event loop thread, one after the other.
    private long read;

    /**
     * @param request method and path, for the error ({@link OversizedAnswerException})
     */
    CappedHandler(AsyncHandler<T> handler, String request, long maxBytes) {
        this.handler = Objects.requireNonNull(handler, "handler");
        this.request = Objects.requireNonNull(request, "request");
        this.maxBytes = maxBytes;
    }

    @Override
    public State onStatusReceived(HttpResponseStatus status) throws Exception {
        read = 0; // a new answer: the library's own handler starts afresh on its status too
        return handler.onStatusReceived(status);
    }

    @Override
    public State onHeadersReceived(HttpHeaders headers) throws Exception {
        long declared = declared(headers.get(HttpHeaderNames.CONTENT_LENGTH));
        if (declared > maxBytes) {
            throw new OversizedAnswerException(request, maxBytes, "Content-Length " + declared);
        }
        return handler.onHeadersReceived(headers);
    }

    /** The answer's Content-Length, or -1 when it has none (chunked) or none that reads as a number. */
    private static long declared(String length) {
        if (length == null) {
            return -1;
        }
        try {
            return Long.parseLong(length.trim());
        } catch (NumberFormatException e) {
            return -1; // the count of the parts below still holds
        }
    }

    @Override
    public State onBodyPartReceived(HttpResponseBodyPart part) throws Exception {
        read += part.length();
        if (read > maxBytes) {
            throw new OversizedAnswerException(request, maxBytes, "no Content-Length; more than that arrived");
        }
        return handler.onBodyPartReceived(part);
    }

    @Override
    public State onTrailingHeadersReceived(HttpHeaders headers) throws Exception {
        return handler.onTrailingHeadersReceived(headers);
    }

    @Override
    public void onThrowable(Throwable t) {
        handler.onThrowable(t);
    }

    @Override
    public T onCompleted() throws Exception {
        return handler.onCompleted();
    }

    // The connection's events, passed on as they are.

    @Override
    public void onHostnameResolutionAttempt(String name) {
        handler.onHostnameResolutionAttempt(name);
    }

    @Override
    public void onHostnameResolutionSuccess(String name, List<InetSocketAddress> addresses) {
        handler.onHostnameResolutionSuccess(name, addresses);
    }

    @Override
    public void onHostnameResolutionFailure(String name, Throwable cause) {
        handler.onHostnameResolutionFailure(name, cause);
    }

    @Override
    public void onTcpConnectAttempt(InetSocketAddress remoteAddress) {
        handler.onTcpConnectAttempt(remoteAddress);
    }

    @Override
    public void onTcpConnectSuccess(InetSocketAddress remoteAddress, Channel connection) {
        handler.onTcpConnectSuccess(remoteAddress, connection);
    }

    @Override
    public void onTcpConnectFailure(InetSocketAddress remoteAddress, Throwable cause) {
        handler.onTcpConnectFailure(remoteAddress, cause);
    }

    @Override
    public void onTlsHandshakeAttempt() {
        handler.onTlsHandshakeAttempt();
    }

    @Override
    public void onTlsHandshakeSuccess(SSLSession sslSession) {
        handler.onTlsHandshakeSuccess(sslSession);
    }

    @Override
    public void onTlsHandshakeFailure(Throwable cause) {
        handler.onTlsHandshakeFailure(cause);
    }

    @Override
    public void onConnectionPoolAttempt() {
        handler.onConnectionPoolAttempt();
    }

    @Override
    public void onConnectionPooled(Channel connection) {
        handler.onConnectionPooled(connection);
    }

    @Override
    public void onConnectionOffer(Channel connection) {
        handler.onConnectionOffer(connection);
    }

    @Override
    public void onRequestSend(NettyRequest request) {
        handler.onRequestSend(request);
    }

    @Override
    public void onRetry() {
        handler.onRetry();
    }
}
