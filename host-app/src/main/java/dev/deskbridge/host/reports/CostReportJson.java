package dev.deskbridge.host.reports;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** The JSON form of a cost report, shared by {@code deskbridge costs --format json} and {@code GET /api/costs}. */
public final class CostReportJson {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private CostReportJson() {}

    /** The report as a JSON object; amounts are decimal strings, never floating point. */
    public static ObjectNode toJson(CostReport report) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("month", report.month().toString());
        report.grouping().ifPresentOrElse(g -> root.put("by", g.wireName()), () -> root.putNull("by"));
        ArrayNode lines = root.putArray("lines");
        report.lines().forEach(l -> lines.add(line(l)));
        ArrayNode totals = root.putArray("totals");
        report.totals().forEach(l -> totals.add(line(l)));
        return root;
    }

    private static ObjectNode line(CostLine l) {
        ObjectNode n = MAPPER.createObjectNode();
        n.put("key", l.key());
        n.put("currency", l.currency().getCurrencyCode());
        n.put("messages", l.messages());
        n.put("billed", l.billed());
        n.put("free", l.free());
        n.put("failed", l.failed());
        n.put("pending", l.pending());
        n.put("insideWindow", l.insideWindow());
        n.put("quoted", l.quoted().amount().toPlainString());
        n.put("settled", l.settled().amount().toPlainString());
        n.put("cost", l.cost().amount().toPlainString());
        n.put("metaFee", l.metaFee().amount().toPlainString());
        n.put("channelFee", l.channelFee().amount().toPlainString());
        n.put("saved", l.saved().amount().toPlainString());
        return n;
    }
}
