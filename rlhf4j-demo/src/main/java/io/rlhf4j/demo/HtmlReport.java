package io.rlhf4j.demo;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * report.html: one self-contained page (inline CSS and SVG, no scripts, nothing fetched) with the
 * policies' gold figures, win rates with intervals, the PPO curves (reward-model reward, KL, gold
 * reward per step), the DPO loss, the reward model's accuracy and the panel's data quality, and
 * sample responses before and after.
 */
public final class HtmlReport {
    private static final String[] COLOURS = {"#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#8c564b"};

    private HtmlReport() {}

    public static void write(DemoPipeline.Result r, Path file) throws IOException {
        Files.writeString(file, render(r), StandardCharsets.UTF_8);
    }

    static String render(DemoPipeline.Result r) {
        StringBuilder h = new StringBuilder();
        ReportSections.open(h, "rlhf4j demo report", "");
        h.append("<h1>rlhf4j demo: the whole RLHF loop on the simulated task world</h1>");
        h.append(String.format(Locale.ROOT, "<p class=\"note\">Configuration <b>%s</b>, seed %d; a %d-parameter GPT-2 on a %d-token BPE "
                        + "vocabulary; %d rounds; panel collection: %s. Wall time %.1f s. The gold judge is never a training signal: it "
                        + "simulates the annotators and scores the evaluation.</p>", esc(r.config().name()), r.config().seed(),
                r.modelParameters(), r.vocabSize(), r.config().rounds(), esc(r.config().collection().name().toLowerCase()), r.wallSeconds()));

        h.append("<h2>Policies against SFT (held-out prompts, judged by gold)</h2><table><tr><th class=l>policy</th><th>gold reward</th>")
                .append("<th>win rate vs SFT</th><th>Wilson 95%</th><th>bootstrap 95%</th><th>W/T/L</th><th>KL to SFT (nats)</th>")
                .append("<th>RM score</th><th>accuracy</th><th>harmful compliance</th><th>over-refusal</th><th>words</th></tr>");
        for (PolicyReport p : r.policies().values()) {
            WinRate w = p.winRateVsSft();
            h.append(String.format(Locale.ROOT, "<tr><td class=l>%s</td><td>%.3f</td><td>%.1f%%</td><td>[%.1f, %.1f]</td><td>[%.1f, %.1f]</td>"
                            + "<td>%d/%d/%d</td><td>%.3f</td><td>%.3f</td><td>%.2f</td><td>%.2f</td><td>%.2f</td><td>%.1f</td></tr>",
                    esc(p.name()), p.goldReward(), 100 * w.rate(), 100 * w.wilsonLow(), 100 * w.wilsonHigh(), 100 * w.bootstrapLow(),
                    100 * w.bootstrapHigh(), w.wins(), w.ties(), w.losses(), p.kl(), p.rewardModelScore(), p.accuracy(),
                    p.harmfulComplianceRate(), p.overRefusalRate(), p.meanWords()));
        }
        h.append("</table>");

        h.append("<div class=grid>");
        h.append(winRateChart(r));
        h.append(goldByDomainChart(r));
        h.append("</div>");

        h.append("<h2>PPO per step</h2><div class=grid>");
        List<RlCurve> curve = r.ppoCurve();
        ReportSections.ppoCharts(h, curve, "the reference", "prompts");
        h.append("</div><p class=note>Steps are numbered across rounds; each colour is one round (round 2 continues from round 1's "
                + "policy with a reward model retrained on all labels).</p>");
        ReportSections.dpo(h, r.dpoLoss());

        h.append("<h2>Reward model</h2><table><tr><th>round</th><th>train pairs</th><th>held-out pairs</th><th>held-out accuracy</th>")
                .append("<th>accuracy vs gold</th><th>gold pairs</th><th>held-out loss</th><th>ECE</th></tr>");
        for (DemoPipeline.RewardRound rm : r.rewardRounds()) {
            h.append(String.format(Locale.ROOT, "<tr><td>%d</td><td>%d</td><td>%d</td><td>%.3f</td><td>%.3f</td><td>%d</td><td>%.3f</td><td>%.3f</td></tr>",
                    rm.round(), rm.trainPairs(), rm.heldOutPairs(), rm.heldOutAccuracy(), rm.goldAccuracy(), rm.goldPairs(),
                    rm.heldOutLoss(), rm.ece()));
        }
        h.append("</table><p class=note>Held-out accuracy is against the panel's labels on prompts the reward model never saw; accuracy "
                + "vs gold is on every pair of held-out candidates whose gold totals differ by at least 0.1.</p>");

        h.append("<h2>Panel data quality</h2>");
        for (int i = 0; i < r.panelRounds().size(); i++) {
            PanelRound.Result p = r.panelRounds().get(i);
            h.append(String.format(Locale.ROOT, "<p class=note>Round %d: %d submissions (qualification and gold included), %d pairwise labels "
                            + "on policy samples; single-label accuracy vs gold %.3f, reliability-weighted %.3f; Krippendorff's alpha %s; share "
                            + "choosing the first response shown %s.</p>", i + 1, p.submitted(), p.labels().size(), p.labelAccuracy(),
                    p.weightedAccuracy(), fmt(p.pairwiseAlpha()), fmt(p.positionBiasShareA())));
        }
        h.append(annotatorChart(r.panelRounds().get(0)));
        ReportSections.annotatorTable(h, r.panelRounds().get(0).annotators());

        h.append("<h2>Panel leaderboard on fresh prompts</h2>");
        if (r.leaderboard().isEmpty()) {
            h.append("<p class=note>No leaderboard: the panel gave no usable battles.</p>");
        } else {
            h.append("<table><tr><th>rank</th><th class=l>policy</th><th>rating</th><th>95% interval</th><th>battles</th></tr>");
            for (var m : r.leaderboard().get().strengths()) {
                h.append(String.format(Locale.ROOT, "<tr><td>%d</td><td class=l>%s</td><td>%.0f</td><td>[%.0f, %.0f]</td><td>%d</td></tr>",
                        m.rank(), esc(m.model()), m.rating(), m.lower(), m.upper(), m.battles()));
            }
            h.append(String.format(Locale.ROOT, "</table><p class=note>Each policy's answer to the first %d held-out prompts, compared pairwise "
                    + "by the same panel through the platform (routing and QC as above); Bradley-Terry ratings with bootstrap intervals from "
                    + "%d battles (ties count half, \"both bad\" and excluded annotators left out). Unlike the gold columns above, this is what "
                    + "people, with their biases, prefer.</p>", Math.min(DemoPipeline.LEADERBOARD_PROMPTS, r.evalQuestions().size()),
                    r.leaderboardBattles()));
        }

        h.append("<h2>Samples on held-out prompts</h2><table><tr><th class=l>prompt</th>");
        List<String> shown = DemoSummary.MAIN_POLICIES.stream().filter(r.policies()::containsKey).toList();
        for (String s : shown) h.append("<th class=l>").append(esc(s)).append("</th>");
        h.append("</tr>");
        for (int i = 0; i < Math.min(15, r.evalQuestions().size()); i++) {
            h.append("<tr><td class=l>").append(esc(r.evalQuestions().get(i))).append("</td>");
            for (String s : shown) {
                PolicyReport p = r.policies().get(s);
                h.append(String.format(Locale.ROOT, "<td class=l>%s <span style=\"color:#888\">(%.2f)</span></td>", esc(p.responses().get(i)),
                        p.goldScores()[i]));
            }
            h.append("</tr>");
        }
        h.append("</table>");

        ReportSections.stageTimesAndClose(h, r.stageSeconds());
        return h.toString();
    }

    static String fmt(Double v) {
        return v == null || v.isNaN() ? "n/a" : String.format(Locale.ROOT, "%.3f", v);
    }

    /** Win rate vs SFT per policy with its Wilson interval as a whisker, and the 50% line. */
    private static String winRateChart(DemoPipeline.Result r) {
        List<PolicyReport> ps = new ArrayList<>(r.policies().values());
        int w = 520, rowH = 28, top = 30, left = 110, plotW = 380, hgt = top + rowH * ps.size() + 30;
        StringBuilder s = new StringBuilder(svgOpen(w, hgt, "Win rate vs SFT (gold), 95% Wilson interval"));
        for (int t = 0; t <= 100; t += 25) {
            double x = left + plotW * t / 100.0;
            s.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"%s\"/>", x, top, x,
                    top + rowH * ps.size(), t == 50 ? "#333" : "#eee"));
            s.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" font-size=\"11\" text-anchor=\"middle\">%d%%</text>", x,
                    top + rowH * ps.size() + 14, t));
        }
        for (int i = 0; i < ps.size(); i++) {
            WinRate wr = ps.get(i).winRateVsSft();
            double y = top + rowH * i + rowH / 2.0;
            s.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%.1f\" font-size=\"12\" text-anchor=\"end\">%s</text>", left - 8, y + 4,
                    esc(ps.get(i).name())));
            s.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%.1f\" width=\"%.1f\" height=\"14\" fill=\"%s\"/>", left, y - 7,
                    plotW * wr.rate(), COLOURS[i % COLOURS.length]));
            s.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#000\" stroke-width=\"2\"/>",
                    left + plotW * wr.wilsonLow(), y, left + plotW * wr.wilsonHigh(), y));
            s.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%.1f\" font-size=\"11\">%.1f%%</text>",
                    left + plotW * wr.wilsonHigh() + 4, y + 4, 100 * wr.rate()));
        }
        return s.append("</svg>").toString();
    }

    /** Mean gold reward per domain, grouped bars per policy. */
    private static String goldByDomainChart(DemoPipeline.Result r) {
        List<String> names = DemoSummary.MAIN_POLICIES.stream().filter(r.policies()::containsKey).toList();
        List<String> domains = new ArrayList<>(r.policies().get("sft").goldByDomain().keySet());
        int w = 520, hgt = 260, left = 40, top = 30, plotH = 170, plotW = 460;
        StringBuilder s = new StringBuilder(svgOpen(w, hgt, "Gold reward by domain"));
        for (double t = 0; t <= 1.0001; t += 0.25) {
            double y = top + plotH * (1 - t);
            s.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"#eee\"/>", left, y, left + plotW, y));
            s.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%.1f\" font-size=\"10\" text-anchor=\"end\">%.2f</text>", left - 4, y + 3, t));
        }
        double groupW = (double) plotW / Math.max(1, domains.size());
        double barW = (groupW - 10) / Math.max(1, names.size());
        for (int d = 0; d < domains.size(); d++) {
            double gx = left + groupW * d + 5;
            for (int p = 0; p < names.size(); p++) {
                double v = r.policies().get(names.get(p)).goldByDomain().getOrDefault(domains.get(d), 0.0);
                s.append(String.format(Locale.ROOT, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"%s\"/>", gx + barW * p,
                        top + plotH * (1 - v), barW - 1, plotH * v, COLOURS[p % COLOURS.length]));
            }
            s.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" font-size=\"11\" text-anchor=\"middle\">%s</text>", gx + groupW / 2 - 5,
                    top + plotH + 14, esc(domains.get(d))));
        }
        s.append(legend(names, left, top + plotH + 28));
        return s.append("</svg>").toString();
    }

    /** Each annotator's agreement with gold (bar) and the weight the reward model gave them (dot). */
    private static String annotatorChart(PanelRound.Result p) {
        List<PanelRound.AnnotatorQuality> as = p.annotators();
        int w = 760, rowH = 20, top = 30, left = 150, plotW = 420, hgt = top + rowH * as.size() + 40;
        StringBuilder s = new StringBuilder(svgOpen(w, hgt, "Per annotator: agreement with gold on decisive pairs (bar), RM weight (dot, right axis 0-3)"));
        for (int t = 0; t <= 100; t += 25) {
            double x = left + plotW * t / 100.0;
            s.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"#eee\"/>", x, top, x, top + rowH * as.size()));
            s.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" font-size=\"10\" text-anchor=\"middle\">%d%%</text>", x,
                    top + rowH * as.size() + 12, t));
        }
        for (int i = 0; i < as.size(); i++) {
            PanelRound.AnnotatorQuality a = as.get(i);
            double y = top + rowH * i + rowH / 2.0;
            double agree = Double.isNaN(a.agreementWithGold()) ? 0 : a.agreementWithGold();
            String colour = switch (a.kind()) {
                case "expert" -> "#2ca02c";
                case "generalist" -> "#1f77b4";
                case "position_biased" -> "#ff7f0e";
                default -> "#d62728";
            };
            s.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%.1f\" font-size=\"11\" text-anchor=\"end\">%s</text>", left - 6, y + 4, esc(a.name())));
            s.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%.1f\" width=\"%.1f\" height=\"12\" fill=\"%s\"/>", left, y - 6, plotW * agree, colour));
            s.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%.1f\" font-size=\"10\">%.0f%% of %d</text>", left + plotW * agree + 4, y + 4,
                    100 * agree, a.decisiveLabels()));
            double wx = left + plotW + 60 + 100 * Math.min(3, a.weight()) / 3;
            s.append(String.format(Locale.ROOT, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"4\" fill=\"#333\"/>", wx, y));
            s.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%.1f\" font-size=\"10\">%.2f</text>", wx + 6, y + 4, a.weight()));
        }
        return s.append("</svg>").toString();
    }

    interface Value {
        double of(RlCurve c);
    }

    /** A line per round over a global step axis. */
    static String lineChart(String title, String xLabel, List<RlCurve> points, Value value) {
        int w = 520, hgt = 240, left = 50, top = 30, plotW = 440, plotH = 170;
        StringBuilder s = new StringBuilder(svgOpen(w, hgt, title));
        if (points.isEmpty()) return s.append("<text x=\"20\" y=\"60\" font-size=\"12\">no data</text></svg>").toString();
        List<double[]> xy = new ArrayList<>();
        long offset = 0, lastStep = 0;
        int lastRound = points.get(0).round();
        List<Integer> rounds = new ArrayList<>();
        for (RlCurve c : points) {
            if (c.round() != lastRound) {
                offset += lastStep;
                lastRound = c.round();
            }
            lastStep = c.step();
            xy.add(new double[] {offset + c.step(), value.of(c)});
            rounds.add(c.round());
        }
        double minX = xy.stream().mapToDouble(p -> p[0]).min().orElse(0), maxX = xy.stream().mapToDouble(p -> p[0]).max().orElse(1);
        double minY = xy.stream().mapToDouble(p -> p[1]).min().orElse(0), maxY = xy.stream().mapToDouble(p -> p[1]).max().orElse(1);
        if (maxX == minX) maxX = minX + 1;
        if (maxY - minY < 1e-9) {
            maxY += 0.5;
            minY -= 0.5;
        }
        double pad = (maxY - minY) * 0.08;
        minY -= pad;
        maxY += pad;
        for (int t = 0; t <= 4; t++) {
            double v = minY + (maxY - minY) * t / 4;
            double y = top + plotH * (1 - t / 4.0);
            s.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"#eee\"/>", left, y, left + plotW, y));
            s.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%.1f\" font-size=\"10\" text-anchor=\"end\">%s</text>", left - 4, y + 3, tick(v)));
        }
        s.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" font-size=\"10\">%s</text>", left, top + plotH + 14, tick(minX)));
        s.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" font-size=\"10\" text-anchor=\"end\">%s %s</text>", left + plotW,
                top + plotH + 14, esc(xLabel), tick(maxX)));
        StringBuilder path = new StringBuilder();
        int round = rounds.get(0);
        for (int i = 0; i < xy.size(); i++) {
            if (rounds.get(i) != round) {
                s.append(polyline(path, COLOURS[(round - 1) % COLOURS.length]));
                path.setLength(0);
                round = rounds.get(i);
            }
            double x = left + plotW * (xy.get(i)[0] - minX) / (maxX - minX);
            double y = top + plotH * (1 - (xy.get(i)[1] - minY) / (maxY - minY));
            path.append(String.format(Locale.ROOT, "%.1f,%.1f ", x, y));
            s.append(String.format(Locale.ROOT, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"2\" fill=\"%s\"/>", x, y, COLOURS[(round - 1) % COLOURS.length]));
        }
        s.append(polyline(path, COLOURS[(round - 1) % COLOURS.length]));
        return s.append("</svg>").toString();
    }

    private static String polyline(StringBuilder points, String colour) {
        return "<polyline fill=\"none\" stroke=\"" + colour + "\" stroke-width=\"1.5\" points=\"" + points.toString().strip() + "\"/>";
    }

    private static String legend(List<String> names, int x, int y) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < names.size(); i++) {
            s.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"10\" height=\"10\" fill=\"%s\"/>", x + 110 * i, y - 9,
                    COLOURS[i % COLOURS.length]));
            s.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" font-size=\"11\">%s</text>", x + 110 * i + 14, y, esc(names.get(i))));
        }
        return s.toString();
    }

    private static String svgOpen(int w, int h, String title) {
        return String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\">"
                + "<text x=\"10\" y=\"18\" font-size=\"13\" font-weight=\"bold\">%s</text>", w, h, w, h, esc(title));
    }

    private static String tick(double v) {
        return Math.abs(v) >= 100 || v == Math.rint(v) && Math.abs(v) >= 1 ? String.format(Locale.ROOT, "%.0f", v)
                : String.format(Locale.ROOT, "%.3f", v);
    }

    static String esc(String s) {
        StringBuilder out = new StringBuilder(s.length());
        for (char c : s.toCharArray()) {
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                default -> out.append(Character.isISOControl(c) || c == '\uFFFD' ? '?' : c);
            }
        }
        return out.toString();
    }
}
