package dev.deskbridge.host.reports;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.deskbridge.host.admin.responsiveness.DayFigures;
import dev.deskbridge.host.admin.responsiveness.ResponseFigures;
import dev.deskbridge.host.admin.responsiveness.ResponsivenessReport;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The JSON form of a responsiveness report, shared by {@code deskbridge stats --format json},
 * {@code GET /api/stats/responsiveness} and the dashboard. Times are whole seconds (null when
 * nothing was answered), shares fractions from 0 to 1 (null when nothing is decided yet).
 */
public final class ResponsivenessJson {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private ResponsivenessJson() {}

    public static ObjectNode toJson(ResponsivenessReport report) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("from", report.from().toString());
        root.put("to", report.to().toString());
        root.put("asOf", report.asOf().toString());
        root.set("total", figures(report.total()));
        root.set("routes", list(report.routes()));
        root.set("businesses", list(report.businesses()));
        root.set("agents", list(report.agents()));
        ArrayNode days = root.putArray("days");
        for (DayFigures d : report.days()) {
            ObjectNode n = days.addObject();
            n.put("day", d.day().toString());
            n.put("customerMessages", d.customerMessages());
            n.put("answered", d.answered());
            n.put("withinTarget", d.withinTarget());
            seconds(n, "medianSeconds", d.median());
            seconds(n, "medianBusinessHoursSeconds", d.medianBusinessHours());
        }
        return root;
    }

    private static ArrayNode list(List<ResponseFigures> figures) {
        ArrayNode a = MAPPER.createArrayNode();
        figures.forEach(f -> a.add(figures(f)));
        return a;
    }

    private static ObjectNode figures(ResponseFigures f) {
        ObjectNode n = MAPPER.createObjectNode();
        n.put("key", f.key());
        n.put("customerMessages", f.customerMessages());
        n.put("answered", f.answered());
        n.put("waiting", f.waiting());
        n.put("unansweredWhenWindowClosed", f.unansweredWhenWindowClosed());
        n.put("answeredInWindow", f.answeredInWindow());
        n.put("withinTarget", f.withinTarget());
        n.put("withinTargetBusinessHours", f.withinTargetBusinessHours());
        share(n, "shareAnsweredInWindow", f.shareAnsweredInWindow());
        share(n, "shareWithinTarget", f.shareWithinTarget());
        share(n, "shareWithinTargetBusinessHours", f.shareWithinTargetBusinessHours());
        seconds(n, "firstResponseSeconds", f.firstResponse());
        seconds(n, "firstResponseBusinessHoursSeconds", f.firstResponseBusinessHours());
        seconds(n, "medianSeconds", f.median());
        seconds(n, "p90Seconds", f.p90());
        seconds(n, "medianBusinessHoursSeconds", f.medianBusinessHours());
        seconds(n, "p90BusinessHoursSeconds", f.p90BusinessHours());
        n.put("lateTemplates", f.lateTemplates());
        ObjectNode cost = n.putObject("lateCost");
        f.lateCost().forEach((currency, amount) -> cost.put(currency, amount.stripTrailingZeros().toPlainString()));
        return n;
    }

    private static void seconds(ObjectNode n, String name, Optional<Duration> d) {
        d.ifPresentOrElse(v -> n.put(name, v.getSeconds()), () -> n.putNull(name));
    }

    private static void share(ObjectNode n, String name, Optional<Double> s) {
        s.ifPresentOrElse(v -> n.put(name, Math.round(v * 10_000) / 10_000.0), () -> n.putNull(name));
    }
}
