package dev.deskbridge.host.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code deskbridge campaign send --template NAME --recipients FILE.csv}: the campaigns API from the
 * command line. The running host checks the whole file first (bad rows listed by line, nothing sent
 * until they are fixed or {@code --skip-invalid} skips them) and quotes the total; after a yes (or
 * {@code --yes}) it sends, paced, and this command shows the progress until every send has left,
 * then the report. Stopping this command does not stop the campaign: the host keeps sending it.
 */
@Command(name = "send", mixinStandardHelpOptions = true,
        description = "Sends a template to every recipient of a CSV file (column 'to', one column per parameter).",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:sent (see the report)", "1:the host could not be reached", "2:bad arguments or configuration",
            "3:bad rows or refused; nothing sent", "4:not confirmed; nothing sent"})
public final class CampaignSendCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @CommandLine.Mixin
    HostApiOptions hostOptions;

    @Option(names = "--template", required = true, paramLabel = "NAME", description = "the template's name")
    String template;

    @Option(names = "--recipients", required = true, paramLabel = "FILE.csv", description = "the recipients")
    Path recipients;

    @Option(names = "--language", paramLabel = "CODE", description = "the template's language, e.g. en_US")
    String language;

    @Option(names = "--route", paramLabel = "CRM", description = "the CRM that gets the conversations")
    String route;

    @Option(names = "--channel", paramLabel = "ID", description = "the channel that sends them, when several are "
            + "routed to the CRM")
    String channel;

    @Option(names = "--ticket", paramLabel = "MODE", defaultValue = "none",
            description = "open, attach or none (default: none; an answer opens the ticket)")
    String ticket;

    @Option(names = "--rate", paramLabel = "N", description = "messages per second (default: messaging.campaign_rate)")
    Integer rate;

    @Option(names = "--skip-invalid", description = "send to the valid rows and skip the bad ones")
    boolean skipInvalid;

    @Option(names = "--yes", description = "do not ask before sending")
    boolean yes;

    @Override
    public Integer call() throws IOException, InterruptedException {
        CliEnvironment env = DeskBridgeCli.environment(spec);
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        byte[] csv;
        try {
            csv = Files.readAllBytes(recipients);
        } catch (NoSuchFileException e) {
            err.println("--recipients: no such file: " + recipients);
            return 2;
        }
        try {
            HostApiClient host = HostApiClient.open(env, hostOptions.config, hostOptions.url, false, err);
            HostApiClient.Answer prepared = host.post("/api/campaigns?" + query(), "text/csv", csv);
            JsonNode p = prepared.body();
            if (prepared.status() == 422 && p.path("error").asText().equals("invalid_rows")) {
                err.println(p.path("badRowCount").asInt() + " rows of " + recipients + " cannot be sent; nothing was sent:");
                p.path("badRows").forEach(r -> err.println("  line " + r.path("line").asInt() + ": "
                        + r.path("message").asText()));
                err.println("Fix them, or run again with --skip-invalid to send the other " + p.path("recipients").asInt()
                        + ".");
                return 3;
            }
            if (prepared.status() != 201) {
                err.println("refused (" + prepared.status() + ") " + p.path("error").asText("?") + ": "
                        + p.path("message").asText(""));
                return prepared.status() == 400 ? 2 : 3;
            }
            out.println(quote(p));
            out.flush();
            if (!yes && !confirmed(out)) {
                out.println("Not sent. The campaign " + p.path("id").asText() + " stays prepared.");
                return 4;
            }
            String id = p.path("id").asText();
            HostApiClient.Answer started = host.post("/api/campaigns/" + id + "/start", "application/json", new byte[0]);
            if (started.status() != 202) {
                err.println("the host did not start the campaign (" + started.status() + ")");
                return 1;
            }
            JsonNode report = started.body();
            long lastCall = 0;
            while (!finished(report)) {
                out.print("\r" + progress(report));
                out.flush();
                Thread.sleep(pause(lastCall));
                long asked = System.nanoTime();
                report = host.get("/api/campaigns/" + id).body();
                lastCall = (System.nanoTime() - asked) / 1_000_000;
            }
            out.println("\r" + progress(report));
            out.println(report(report));
            return 0;
        } catch (HostApiClient.Unavailable e) {
            return e.exitCode;
        }
    }

    private String query() {
        List<String> q = new ArrayList<>();
        q.add("template=" + enc(template));
        if (language != null) {
            q.add("language=" + enc(language));
        }
        if (route != null) {
            q.add("route=" + enc(route));
        }
        if (channel != null) {
            q.add("channel=" + enc(channel));
        }
        q.add("ticket=" + enc(ticket));
        if (rate != null) {
            q.add("rate=" + rate);
        }
        if (skipInvalid) {
            q.add("skipInvalid=true");
        }
        return String.join("&", q);
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private boolean confirmed(PrintWriter out) throws IOException {
        out.print("Send? [y/N] ");
        out.flush();
        String answer = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
        return answer != null && answer.strip().toLowerCase(Locale.ROOT).startsWith("y");
    }

    /**
     * How long to wait before asking for the progress again: a second, or ten times what the last
     * answer took (at most a minute). The report reads every row of the campaign, so a large campaign
     * is asked less often and the host spends its time sending, not reporting.
     */
    static long pause(long lastCallMillis) {
        return Math.min(60_000, Math.max(1000, 10 * lastCallMillis));
    }

    /** Every recipient queued, and every queued send has left the outbox. */
    static boolean finished(JsonNode r) {
        JsonNode m = r.path("messages");
        return r.path("status").asText().equals("done") && r.path("pending").asLong() == 0
                && sent(m) + m.path("failed").asLong() >= r.path("queued").asLong();
    }

    /** Taken by the provider: accepted (no status yet), sent, delivered or read. */
    static long sent(JsonNode m) {
        return m.path("accepted").asLong() + m.path("sent").asLong() + m.path("delivered").asLong()
                + m.path("read").asLong();
    }

    static String quote(JsonNode p) {
        StringBuilder s = new StringBuilder();
        s.append(p.path("recipients").asInt()).append(" recipients");
        if (p.path("badRowCount").asInt() > 0) {
            s.append(" (").append(p.path("badRowCount").asInt()).append(" bad rows skipped)");
        }
        s.append(", total quote ").append(p.path("total").path("amount").asText()).append(' ')
                .append(p.path("total").path("currency").asText());
        s.append(" (").append(p.path("free").asInt()).append(" free):");
        p.path("byMarketAndCategory").fields().forEachRemaining(e -> s.append("\n  ").append(e.getKey()).append(": ")
                .append(e.getValue().asInt()));
        JsonNode b = p.path("budget");
        if (b.isObject()) {
            s.append("\nBudget left this month: ").append(b.path("left").path("amount").asText()).append(' ')
                    .append(b.path("left").path("currency").asText());
        }
        return s.toString();
    }

    static String progress(JsonNode r) {
        long total = r.path("recipients").asLong();
        long done = r.path("queued").asLong() + sum(r.path("refused"));
        int width = 30;
        int filled = total == 0 ? width : (int) (width * done / total);
        JsonNode m = r.path("messages");
        return "[" + "#".repeat(filled) + " ".repeat(width - filled) + "] " + done + "/" + total + " queued, "
                + sent(m) + " sent, "
                + m.path("failed").asLong() + " failed";
    }

    static String report(JsonNode r) {
        JsonNode m = r.path("messages");
        StringBuilder s = new StringBuilder("Campaign ").append(r.path("id").asText()).append(": ")
                .append(r.path("recipients").asLong()).append(" recipients; sent ")
                .append(sent(m))
                .append(", delivered ").append(m.path("delivered").asLong() + m.path("read").asLong())
                .append(", read ").append(m.path("read").asLong()).append(", failed ").append(m.path("failed").asLong());
        r.path("failedByReason").fields().forEachRemaining(e -> s.append("\n  failed: ").append(e.getKey())
                .append(": ").append(e.getValue().asLong()));
        r.path("refused").fields().forEachRemaining(e -> s.append("\n  refused: ").append(e.getKey()).append(": ")
                .append(e.getValue().asLong()));
        s.append("\nCost: quoted ").append(r.path("quoted").path("amount").asText()).append(' ')
                .append(r.path("quoted").path("currency").asText()).append(", settled ")
                .append(r.path("settled").path("amount").asText()).append(' ')
                .append(r.path("settled").path("currency").asText());
        return s.toString();
    }

    private static long sum(JsonNode counts) {
        long n = 0;
        for (JsonNode v : counts) {
            n += v.asLong();
        }
        return n;
    }
}
