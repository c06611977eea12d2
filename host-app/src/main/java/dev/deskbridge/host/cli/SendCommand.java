package dev.deskbridge.host.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code deskbridge send --template NAME --to +E164 --param k=v ...}: the notifications API from the
 * command line. It asks the running host ({@code POST /api/messages}) with the configuration's send
 * token (or its admin token), so the send is checked, quoted, budgeted and queued exactly as the
 * API's are, and the host's outbox sends it.
 */
@Command(name = "send", mixinStandardHelpOptions = true,
        description = "Sends an approved template, or an order (--order), to a customer through the running host "
                + "(POST /api/messages).",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:queued (the host's outbox sends it)", "1:the host could not be reached",
            "2:bad arguments or configuration", "3:refused (the reason code is printed)"})
public final class SendCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @CommandLine.Mixin
    HostApiOptions hostOptions;

    @CommandLine.ArgGroup(exclusive = true, multiplicity = "1")
    What what;

    /** A template, or an order (Meta's order_details / order_status) read from a JSON file. */
    static final class What {
        @Option(names = "--template", required = true, paramLabel = "NAME", description = "the template's name")
        String template;

        @Option(names = "--order", required = true, paramLabel = "FILE.json",
                description = "an order message instead of a template: the API's 'order' object (kind details or "
                        + "status), in a JSON file")
        java.nio.file.Path order;
    }

    @Option(names = "--to", required = true, paramLabel = "+E164", description = "the customer's number")
    String to;

    @Option(names = "--language", paramLabel = "CODE", description = "the template's language, e.g. en_US")
    String language;

    @Option(names = "--param", paramLabel = "NAME=VALUE", mapFallbackValue = "",
            description = "a parameter: a body parameter's name or position (1, 2, ...), header, or button.N")
    Map<String, String> parameters = new LinkedHashMap<>();

    @Option(names = "--route", paramLabel = "CRM", description = "the CRM that gets the conversation")
    String route;

    @Option(names = "--channel", paramLabel = "ID", description = "the channel that sends it, when several are "
            + "routed to the CRM")
    String channel;

    @Option(names = "--ticket", paramLabel = "MODE", defaultValue = "attach",
            description = "open, attach (default) or none")
    String ticket;

    @Option(names = "--idempotency-key", paramLabel = "KEY",
            description = "the same key sends once; the host answers a repeat with the first answer")
    String idempotencyKey;

    @Option(names = "--order-reference", paramLabel = "REF", description = "the order this message is about")
    String orderReference;

    @Override
    public Integer call() throws IOException, InterruptedException {
        CliEnvironment env = DeskBridgeCli.environment(spec);
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try {
            ObjectNode body;
            try {
                body = body();
            } catch (IOException e) {
                err.println("--order: " + what.order + " cannot be read as JSON: " + e.getMessage());
                return 2;
            }
            HostApiClient host = HostApiClient.open(env, hostOptions.config, hostOptions.url, true, err);
            HostApiClient.Answer answer = host.post("/api/messages", "application/json",
                    HostApiClient.JSON.writeValueAsBytes(body));
            if (answer.status() != 202) {
                err.println("refused (" + answer.status() + ") " + answer.body().path("error").asText("?") + ": "
                        + answer.body().path("message").asText(""));
                return answer.status() == 400 ? 2 : 3;
            }
            out.println(describe(answer.body(), answer.replayed()));
            return 0;
        } catch (HostApiClient.Unavailable e) {
            return e.exitCode;
        }
    }

    private ObjectNode body() throws IOException {
        ObjectNode n = HostApiClient.JSON.createObjectNode();
        n.put("to", to);
        if (what.order != null) {
            // An order takes neither template parameters nor a ticket mode: it goes on the customer's conversation.
            n.set("order", HostApiClient.JSON.readTree(java.nio.file.Files.readAllBytes(what.order)));
            putRoute(n);
            if (idempotencyKey != null) {
                n.put("idempotencyKey", idempotencyKey);
            }
            return n;
        }
        n.put("template", what.template);
        if (language != null) {
            n.put("language", language);
        }
        ObjectNode params = n.putObject("parameters");
        parameters.forEach(params::put);
        putRoute(n);
        n.put("ticket", ticket);
        if (idempotencyKey != null) {
            n.put("idempotencyKey", idempotencyKey);
        }
        if (orderReference != null) {
            n.put("orderReference", orderReference);
        }
        return n;
    }

    private void putRoute(ObjectNode n) {
        if (route != null) {
            n.put("route", route);
        }
        if (channel != null) {
            n.put("channel", channel);
        }
    }

    /** One paragraph: what was queued, what it costs, what is left of the budget. */
    static String describe(JsonNode a, boolean replayed) {
        JsonNode q = a.path("quote");
        String cost = q.path("free").asBoolean()
                ? "free (" + q.path("why").asText("not billable") + ")"
                : "quoted " + q.path("total").path("amount").asText() + " " + q.path("total").path("currency").asText()
                        + " (" + q.path("category").asText() + ", market " + q.path("market").asText() + ", schedule "
                        + q.path("schedule").asText() + ")";
        JsonNode b = a.path("budget");
        String budget = b.isObject() ? "; budget left this month: " + b.path("left").path("amount").asText() + " "
                + b.path("left").path("currency").asText() : "";
        String queued = (replayed ? "Already queued (same idempotency key): message " : "Queued message ")
                + a.path("id").asLong() + " to " + a.path("to").asText();
        if (a.has("order")) {
            return queued + ", order " + a.path("orderReference").asText() + " (" + a.path("order").asText() + "): "
                    + cost + ".";
        }
        return queued + ", template " + a.path("template").asText() + " ("
                + a.path("language").asText() + "), ticket " + a.path("ticket").asText() + ": " + cost + budget + ".";
    }
}
