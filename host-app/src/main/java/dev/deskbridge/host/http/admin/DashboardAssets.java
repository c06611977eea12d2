package dev.deskbridge.host.http.admin;

import io.javalin.Javalin;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * Serves the dashboard's files from the classpath ({@code /dashboard/}): plain HTML, CSS, JS and
 * SVG, every asset bundled, nothing fetched from elsewhere. A strict Content-Security-Policy keeps
 * the page to its own origin. The files carry no data, so they need no token; the data comes from
 * the admin API.
 */
final class DashboardAssets {
    private static final String ROOT = "/dashboard/";
    /** Lower-case names with an allowed extension: no dots elsewhere, so no way out of the folder. */
    private static final Pattern NAME = Pattern.compile("[a-z0-9_-]+\\.(html|css|js|svg)");
    private static final Map<String, String> TYPES = Map.of(
            "html", "text/html; charset=utf-8",
            "css", "text/css; charset=utf-8",
            "js", "text/javascript; charset=utf-8",
            "svg", "image/svg+xml");
    static final String CSP = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
            + "connect-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    private static final String[] TOP_LEVEL = {"index.html", "app.css", "favicon.svg"};

    /**
     * Bundled files only, once read: a miss keeps nothing, since anyone may ask for any name under
     * these unauthenticated routes and remembering each would grow without bound.
     */
    private final Map<String, byte[]> cache = new ConcurrentHashMap<>();

    void register(Javalin app) {
        app.get("/", ctx -> serve(ctx, "index.html"));
        // Named one by one, so the dashboard never shadows the host's own routes (/health, /metrics).
        for (String file : TOP_LEVEL) {
            app.get("/" + file, ctx -> serve(ctx, file));
        }
        app.get("/js/{file}", ctx -> serve(ctx, "js/" + ctx.pathParam("file")));
    }

    private void serve(Context ctx, String path) {
        String name = path.substring(path.lastIndexOf('/') + 1);
        Optional<byte[]> body = NAME.matcher(name).matches() ? file(path) : Optional.empty();
        if (body.isEmpty()) {
            ctx.status(404).contentType("text/plain; charset=utf-8").result("not found");
            return;
        }
        ctx.header("Content-Security-Policy", CSP)
                .header("X-Content-Type-Options", "nosniff")
                .header("Referrer-Policy", "no-referrer")
                .header("Cache-Control", "no-cache")
                .contentType(TYPES.get(name.substring(name.lastIndexOf('.') + 1)))
                .result(body.get());
    }

    private Optional<byte[]> file(String path) {
        byte[] known = cache.get(path);
        if (known != null) {
            return Optional.of(known);
        }
        Optional<byte[]> read = read(path);
        read.ifPresent(bytes -> cache.putIfAbsent(path, bytes));
        return read;
    }

    /** How many files are kept in memory, for the test that a stranger's misses keep none. */
    int cachedFiles() {
        return cache.size();
    }

    private static Optional<byte[]> read(String path) {
        try (InputStream in = DashboardAssets.class.getResourceAsStream(ROOT + path)) {
            return in == null ? Optional.empty() : Optional.of(in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
