package dev.deskbridge.benchmarks;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Cloud API as the host's channel uses it: every send accepted with a wamid of its own, counted
 * per recipient and per second of its own clock, timing its own handling; and, when given, one page
 * of the account's message templates.
 */
final class CloudApiStandIn {
    private static final Pattern TO = Pattern.compile("\"to\"\\s*:\\s*\"\\+?(\\d+)\"");

    final StandInServer server;
    final LongAdder sends = new LongAdder();
    final LongAdder handling = new LongAdder();
    final Map<String, String> wamidTo = new ConcurrentHashMap<>();
    /** Sends per recipient (digits of the number): each campaign recipient should be there once. */
    final Map<String, LongAdder> perRecipient = new ConcurrentHashMap<>();
    /** Sends per second of the stand-in's clock (epoch second). */
    final Map<Long, LongAdder> perSecond = new ConcurrentHashMap<>();
    /** When each send arrived ({@code System.nanoTime()}), in order. */
    final List<Long> sentAt = Collections.synchronizedList(new ArrayList<>());
    private final AtomicLong ids = new AtomicLong();
    private volatile String templates;

    CloudApiStandIn() {
        server = StandInServer.serve(this::answer, handling);
    }

    String url() {
        return server.url();
    }

    /** Answers {@code GET /{version}/{waba}/message_templates} with this page (Meta's shape). */
    CloudApiStandIn templates(String page) {
        this.templates = page;
        return this;
    }

    private String answer(String method, String path, String body) {
        if (method.equals("GET") && path.endsWith("/message_templates")) {
            return templates;
        }
        if (!path.endsWith("/messages")) {
            return null;
        }
        String wamid = "wamid.out-" + ids.incrementAndGet();
        Matcher m = TO.matcher(body);
        String to = m.find() ? m.group(1) : "";
        wamidTo.put(to, wamid);
        perRecipient.computeIfAbsent(to, k -> new LongAdder()).increment();
        perSecond.computeIfAbsent(System.currentTimeMillis() / 1000, k -> new LongAdder()).increment();
        sends.increment();
        sentAt.add(System.nanoTime());
        return "{\"messaging_product\":\"whatsapp\",\"contacts\":[{\"input\":\"" + to + "\",\"wa_id\":\"" + to
                + "\"}],\"messages\":[{\"id\":\"" + wamid + "\"}]}";
    }
}
