package io.rlhf4j.demo;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.rlhf4j.sim.RoutingExperiment.Policy;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * {@code ./rlhf4j demo --experiment routing}: the same loop (one round, no DPO or best-of-n) at the
 * same label budget under each collection policy, over several seeds: (a) random assignment without
 * quality control, (b) routing to domain experts, (c) routing plus qualification, gold items and a
 * reliability-weighted reward model. Reports reward-model accuracy (on held-out panel labels and
 * against gold) and the PPO policy's gold win rate against SFT, per seed and as a mean with a
 * t-interval over seeds. Writes routing.json.
 */
public final class RoutingComparison {
    public static final String FILE = "routing.json";

    /** One arm on one seed. */
    public record Arm(Policy policy, long seed, double labelAccuracy, double weightedLabelAccuracy, double rmHeldOutAccuracy,
                      double rmGoldAccuracy, double ppoWinRate, double ppoWinLow, double ppoWinHigh, double ppoGold, double sftGold,
                      double seconds) {}

    private RoutingComparison() {}

    public static Map<Policy, List<Arm>> run(DemoConfig base, int seeds, Path out, PrintStream console) throws Exception {
        Map<Policy, List<Arm>> arms = new EnumMap<>(Policy.class);
        for (int s = 0; s < seeds; s++) {
            long seed = base.seed() + s;
            for (Policy policy : Policy.values()) {
                DemoConfig config = base.withSeed(seed).withCollection(policy).withRounds(1);
                if (console != null) console.printf("%n== %s, seed %d ==%n", policy.name().toLowerCase(), seed);
                DemoPipeline.Result r = new DemoPipeline(config, out.resolve(policy.name().toLowerCase() + "-seed" + seed), console)
                        .withoutBaselines().run();
                PanelRound.Result panel = r.panelRounds().get(0);
                DemoPipeline.RewardRound rm = r.rewardRounds().get(0);
                PolicyReport ppo = r.policies().get("ppo");
                arms.computeIfAbsent(policy, k -> new ArrayList<>()).add(new Arm(policy, seed, panel.labelAccuracy(),
                        panel.weightedAccuracy(), rm.heldOutAccuracy(), rm.goldAccuracy(), ppo.winRateVsSft().rate(),
                        ppo.winRateVsSft().wilsonLow(), ppo.winRateVsSft().wilsonHigh(), ppo.goldReward(),
                        r.policies().get("sft").goldReward(), r.wallSeconds()));
            }
        }
        ObjectNode root = DemoSummary.JSON.createObjectNode();
        root.put("label_budget", base.labelBudget());
        root.put("seeds", seeds);
        ObjectNode byPolicy = root.putObject("arms");
        if (console != null) {
            console.printf("%n%-16s %14s %14s %14s %14s %20s%n", "collection", "label acc", "weighted acc", "RM held-out", "RM vs gold",
                    "PPO win vs SFT");
        }
        for (Map.Entry<Policy, List<Arm>> e : arms.entrySet()) {
            ObjectNode n = byPolicy.putObject(e.getKey().name().toLowerCase());
            ArrayNode runs = n.putArray("runs");
            e.getValue().forEach(a -> runs.add(DemoSummary.JSON.valueToTree(a)));
            double[] la = e.getValue().stream().mapToDouble(Arm::labelAccuracy).toArray();
            double[] wa = e.getValue().stream().mapToDouble(Arm::weightedLabelAccuracy).toArray();
            double[] held = e.getValue().stream().mapToDouble(Arm::rmHeldOutAccuracy).toArray();
            double[] gold = e.getValue().stream().mapToDouble(Arm::rmGoldAccuracy).toArray();
            double[] win = e.getValue().stream().mapToDouble(Arm::ppoWinRate).toArray();
            n.set("label_accuracy", meanCi(la));
            n.set("weighted_label_accuracy", meanCi(wa));
            n.set("rm_heldout_accuracy", meanCi(held));
            n.set("rm_gold_accuracy", meanCi(gold));
            n.set("ppo_win_rate_vs_sft", meanCi(win));
            if (console != null) {
                console.printf("%-16s %14s %14s %14s %14s %20s%n", e.getKey().name().toLowerCase(), show(la), show(wa), show(held), show(gold),
                        show(win));
            }
        }
        Files.createDirectories(out);
        DemoSummary.JSON.writeValue(out.resolve(FILE).toFile(), root);
        if (console != null) console.println("wrote " + out.resolve(FILE).toAbsolutePath());
        return arms;
    }

    private static ObjectNode meanCi(double[] xs) {
        ObjectNode n = DemoSummary.JSON.createObjectNode();
        double[] m = meanAndHalfWidth(xs);
        n.put("mean", m[0]);
        n.put("ci95_half_width", m[1]);
        return n;
    }

    /** Mean and the half-width of a 95% Student-t interval over seeds (NaN with one seed). */
    static double[] meanAndHalfWidth(double[] xs) {
        double mean = 0;
        for (double x : xs) mean += x / xs.length;
        if (xs.length < 2) return new double[] {mean, Double.NaN};
        double var = 0;
        for (double x : xs) var += (x - mean) * (x - mean) / (xs.length - 1);
        double t = new org.hipparchus.distribution.continuous.TDistribution(xs.length - 1).inverseCumulativeProbability(0.975);
        return new double[] {mean, t * Math.sqrt(var / xs.length)};
    }

    private static String show(double[] xs) {
        double[] m = meanAndHalfWidth(xs);
        return Double.isNaN(m[1]) ? String.format("%.3f", m[0]) : String.format("%.3f±%.3f", m[0], m[1]);
    }
}
