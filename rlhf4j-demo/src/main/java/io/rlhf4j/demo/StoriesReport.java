package io.rlhf4j.demo;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

import static io.rlhf4j.demo.HtmlReport.esc;
import static io.rlhf4j.demo.HtmlReport.fmt;

/**
 * report.html of a stories run: one self-contained page with the policies' gold figures against the
 * pretrained model, the PPO curves, the reward model's accuracy, the panel's data quality, and sample
 * stories before (pretrained) and after (PPO, DPO, best-of-n) next to the figures.
 */
public final class StoriesReport {
    private StoriesReport() {}

    public static void write(StoriesPipeline.Result r, Path file) throws IOException {
        Files.writeString(file, render(r), StandardCharsets.UTF_8);
    }

    static String render(StoriesPipeline.Result r) {
        StringBuilder h = new StringBuilder();
        ReportSections.open(h, "rlhf4j stories demo report", ";vertical-align:top");
        h.append("<h1>rlhf4j demo: RLHF on the pretrained stories260K model</h1>");
        h.append(String.format(Locale.ROOT, "<p class=note>Configuration <b>%s</b>, seed %d; the pretrained %d-parameter stories260K Llama "
                        + "(%d-token vocabulary, no SFT) continues story openings (up to %d tokens). The gold judge prefers stories that end "
                        + "happily, keep to the named character and object, stay gentle, stop at a sensible length and do not repeat "
                        + "themselves; it simulates the "
                        + "annotators and scores the evaluation, and is never a training signal. Wall time %.1f s.</p>",
                esc(r.config().name()), r.config().seed(), r.modelParameters(), r.vocabSize(), r.config().maxNewTokens(), r.wallSeconds()));

        h.append("<h2>Policies against the pretrained model (held-out openings, judged by gold)</h2><table><tr><th class=l>policy</th>")
                .append("<th>gold reward</th><th>win rate</th><th>Wilson 95%</th><th>bootstrap 95%</th><th>W/T/L</th><th>KL (nats)</th>")
                .append("<th>RM score</th><th>happy ending</th><th>keeps to cast</th><th>gentleness</th><th>length</th><th>variety</th><th>words</th></tr>");
        for (StoriesPipeline.StoryPolicyReport p : r.policies().values()) {
            WinRate w = p.winRateVsPretrained();
            h.append(String.format(Locale.ROOT, "<tr><td class=l>%s</td><td>%.3f</td><td>%.1f%%</td><td>[%.1f, %.1f]</td><td>[%.1f, %.1f]</td>"
                            + "<td>%d/%d/%d</td><td>%.3f</td><td>%.3f</td><td>%.3f</td><td>%.3f</td><td>%.3f</td><td>%.3f</td><td>%.3f</td><td>%.1f</td></tr>",
                    esc(p.name()), p.goldReward(), 100 * w.rate(), 100 * w.wilsonLow(), 100 * w.wilsonHigh(), 100 * w.bootstrapLow(),
                    100 * w.bootstrapHigh(), w.wins(), w.ties(), w.losses(), p.kl(), p.rewardModelScore(), p.happyEnding(), p.keepsToCast(),
                    p.gentleness(), p.length(), p.variety(), p.meanWords()));
        }
        h.append("</table><p class=note>Win rate: per held-out opening, the policy's sampled story against the pretrained model's, by "
                + "gold total; equal totals count half. KL: mean over the policy's own samples of &Sigma;<sub>t</sub> log &pi; &minus; log "
                + "&pi;<sub>pretrained</sub>; best-of-n's is the analytic log n &minus; (n&minus;1)/n.</p>");

        h.append("<h2>Sample stories, before and after</h2><table><tr><th class=l>opening</th>");
        List<String> shown = StoriesSummary.POLICIES.stream().filter(r.policies()::containsKey).toList();
        for (String s : shown) h.append("<th class=l>").append(esc(s)).append("</th>");
        h.append("</tr>");
        for (int i = 0; i < Math.min(10, r.evalOpenings().size()); i++) {
            h.append("<tr><td class=l>").append(esc(r.evalOpenings().get(i))).append("</td>");
            for (String s : shown) {
                StoriesPipeline.StoryPolicyReport p = r.policies().get(s);
                h.append(String.format(Locale.ROOT, "<td class=l>%s <span style=\"color:#888\">(%.2f)</span></td>",
                        esc(p.responses().get(i)), p.goldScores()[i]));
            }
            h.append("</tr>");
        }
        h.append("</table>");

        h.append("<h2>PPO per step</h2><div class=grid>");
        List<RlCurve> curve = r.ppoCurve();
        ReportSections.ppoCharts(h, curve, "the pretrained model", "openings");
        h.append("</div>");
        ReportSections.dpo(h, r.dpoLoss());

        StoriesPipeline.RewardReport rm = r.rewardModel();
        h.append("<h2>Reward model</h2><table><tr><th>train pairs</th><th>held-out pairs</th><th>held-out accuracy</th>")
                .append("<th>accuracy vs gold</th><th>gold pairs</th><th>held-out loss</th></tr>");
        h.append(String.format(Locale.ROOT, "<tr><td>%d</td><td>%d</td><td>%s</td><td>%s</td><td>%d</td><td>%s</td></tr></table>",
                rm.trainPairs(), rm.heldOutPairs(), fmt(rm.heldOutAccuracy()), fmt(rm.goldAccuracy()), rm.goldPairs(), fmt(rm.heldOutLoss())));
        h.append("<p class=note>The stories260K backbone with a new scalar head. Held-out accuracy is against the panel's labels on "
                + "openings the reward model never saw; accuracy vs gold is on every pair of held-out candidates whose gold totals differ by "
                + "at least 0.05.</p>");

        PanelRound.Result p = r.panel();
        h.append("<h2>Panel data quality</h2>");
        h.append(String.format(Locale.ROOT, "<p class=note>%d submissions (qualification and gold included), %d pairwise labels on the "
                        + "pretrained model's stories; single-label accuracy vs gold %s, reliability-weighted %s; Krippendorff's alpha %s; share "
                        + "choosing the first story shown %s.</p>", p.submitted(), p.labels().size(), fmt(p.labelAccuracy()),
                fmt(p.weightedAccuracy()), fmt(p.pairwiseAlpha()), fmt(p.positionBiasShareA())));
        ReportSections.annotatorTable(h, p.annotators());

        ReportSections.stageTimesAndClose(h, r.stageSeconds());
        return h.toString();
    }
}
