package io.rlhf4j.demo;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static io.rlhf4j.demo.HtmlReport.esc;
import static io.rlhf4j.demo.HtmlReport.fmt;
import static io.rlhf4j.demo.HtmlReport.lineChart;

/**
 * The parts of report.html that the task-world report ({@link HtmlReport}) and the stories report
 * ({@link StoriesReport}) share: the page head and style, the PPO and DPO charts, the annotator table and
 * the stage timings. One copy keeps the two pages looking alike and lets a fix to one reach both; the
 * world-specific tables and notes stay in each report.
 */
final class ReportSections {
    private ReportSections() {}

    /**
     * The document head with the inline style sheet, and the opening body tag. {@code leftCellStyle} is
     * appended to the left-aligned cells' rule (the stories page tops them, its cells hold whole stories).
     */
    static void open(StringBuilder h, String title, String leftCellStyle) {
        h.append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>").append(title).append("</title><style>")
                .append("body{font-family:system-ui,-apple-system,Segoe UI,Helvetica,Arial,sans-serif;margin:24px auto;max-width:1100px;color:#222}")
                .append("h1{font-size:24px}h2{font-size:18px;margin-top:28px;border-bottom:1px solid #ddd}")
                .append("table{border-collapse:collapse;margin:8px 0;font-size:13px}td,th{border:1px solid #ccc;padding:3px 8px;text-align:right}")
                .append("th{background:#f3f3f3}td.l,th.l{text-align:left").append(leftCellStyle)
                .append("}.grid{display:flex;flex-wrap:wrap;gap:16px}")
                .append(".note{color:#555;font-size:13px;max-width:900px}svg{background:#fff;border:1px solid #e5e5e5}")
                .append("</style></head><body>");
    }

    /** The four PPO charts per step: proxy reward, KL (to {@code reference}), gold reward on the probe slice, response length. */
    static void ppoCharts(StringBuilder h, List<RlCurve> curve, String reference, String probe) {
        h.append(lineChart("Reward-model reward (proxy)", "step", curve, c -> c.reward()));
        h.append(lineChart("KL to " + reference + " (nats / sequence)", "step", curve, c -> c.kl()));
        h.append(lineChart("Gold reward on 64 held-out " + probe, "step", curve.stream().filter(c -> c.gold() != null).toList(),
                c -> c.gold()));
        h.append(lineChart("Response length (tokens)", "step", curve, c -> c.responseLength()));
    }

    /** The DPO loss curve, or nothing when DPO did not run. */
    static void dpo(StringBuilder h, List<Double> dpoLoss) {
        if (dpoLoss.isEmpty()) return;
        List<RlCurve> dpo = new ArrayList<>();
        for (int i = 0; i < dpoLoss.size(); i++) dpo.add(new RlCurve(1, i + 1, dpoLoss.get(i), 0, 0, 0, null));
        h.append("<h2>DPO</h2>").append(lineChart("DPO training loss", "step", dpo, c -> c.reward()));
    }

    /** One row per annotator: what the panel simulation knows (agreement with gold) beside what the platform saw. */
    static void annotatorTable(StringBuilder h, List<PanelRound.AnnotatorQuality> annotators) {
        h.append("<table><tr><th class=l>annotator</th><th class=l>kind</th><th>labels</th><th>agreement with gold</th>")
                .append("<th>platform gold accuracy</th><th>weight in RM</th></tr>");
        for (PanelRound.AnnotatorQuality a : annotators) {
            h.append(String.format(Locale.ROOT, "<tr><td class=l>%s</td><td class=l>%s</td><td>%d</td><td>%s</td><td>%s</td><td>%.2f</td></tr>",
                    esc(a.name()), esc(a.kind()), a.labels(), fmt(a.agreementWithGold()), fmt(a.platformGoldAccuracy()), a.weight()));
        }
        h.append("</table>");
    }

    /** The wall time per stage, then the end of the page. */
    static void stageTimesAndClose(StringBuilder h, Map<String, Double> stageSeconds) {
        h.append("<h2>Wall time per stage</h2><table><tr><th class=l>stage</th><th>seconds</th></tr>");
        for (Map.Entry<String, Double> e : stageSeconds.entrySet()) {
            h.append(String.format(Locale.ROOT, "<tr><td class=l>%s</td><td>%.1f</td></tr>", esc(e.getKey()), e.getValue()));
        }
        h.append("</table></body></html>\n");
    }
}
