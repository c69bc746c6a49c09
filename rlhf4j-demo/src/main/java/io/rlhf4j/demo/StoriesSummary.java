package io.rlhf4j.demo;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.PrintStream;
import java.util.List;
import java.util.Map;

/**
 * summary.json of a stories run: one entry per policy ({@code pretrained}, {@code ppo}, {@code dpo},
 * {@code best_of_n}) with gold reward and its components, win rate against the pretrained policy with
 * both intervals, KL; the reward model's held-out accuracy on panel labels and against gold; the
 * panel's data quality; the PPO curve; wall time per stage; sample stories.
 */
public final class StoriesSummary {
    static final List<String> POLICIES = List.of("pretrained", "ppo", "dpo", "best_of_n");

    private StoriesSummary() {}

    public static ObjectNode toJson(StoriesPipeline.Result r) {
        ObjectNode root = DemoSummary.JSON.createObjectNode();
        root.put("world", "stories");
        root.set("config", DemoSummary.JSON.valueToTree(r.config()));
        ObjectNode model = root.putObject("model");
        model.put("architecture", "llama");
        model.put("checkpoint", "stories260K (pretrained, no SFT)");
        model.put("parameters", r.modelParameters());
        model.put("vocab_size", r.vocabSize());
        root.set("splits", DemoSummary.JSON.valueToTree(r.splits()));
        for (Map.Entry<String, StoriesPipeline.StoryPolicyReport> e : r.policies().entrySet()) root.set(e.getKey(), policy(e.getValue()));
        StoriesPipeline.RewardReport rm = r.rewardModel();
        ObjectNode rmNode = root.putObject("reward_model");
        rmNode.put("heldout_accuracy", rm.heldOutAccuracy());
        rmNode.put("gold_accuracy", rm.goldAccuracy());
        rmNode.put("gold_pairs", rm.goldPairs());
        rmNode.put("heldout_loss", rm.heldOutLoss());
        rmNode.put("train_pairs", rm.trainPairs());
        rmNode.put("heldout_pairs", rm.heldOutPairs());
        rmNode.put("offset", rm.offset());
        PanelRound.Result p = r.panel();
        ObjectNode panel = root.putObject("panel");
        panel.put("collection", "routing_with_qc");
        panel.put("submitted", p.submitted());
        panel.put("labels", p.labels().size());
        panel.put("label_accuracy_vs_gold", p.labelAccuracy());
        panel.put("weighted_label_accuracy_vs_gold", p.weightedAccuracy());
        if (p.pairwiseAlpha() != null) panel.put("krippendorff_alpha", p.pairwiseAlpha());
        if (p.positionBiasShareA() != null) panel.put("share_choosing_a", p.positionBiasShareA());
        panel.set("annotators", DemoSummary.JSON.valueToTree(p.annotators()));
        root.set("ppo_curve", DemoSummary.JSON.valueToTree(r.ppoCurve()));
        root.set("dpo_loss", DemoSummary.JSON.valueToTree(r.dpoLoss()));
        ObjectNode stages = root.putObject("stage_seconds");
        r.stageSeconds().forEach(stages::put);
        root.put("wall_seconds", r.wallSeconds());
        ArrayNode samples = root.putArray("samples");
        for (int i = 0; i < Math.min(12, r.evalOpenings().size()); i++) {
            ObjectNode s = samples.addObject();
            s.put("prompt", r.evalOpenings().get(i));
            for (String name : POLICIES) {
                if (r.policies().containsKey(name)) s.put(name, r.policies().get(name).responses().get(i));
            }
        }
        return root;
    }

    private static ObjectNode policy(StoriesPipeline.StoryPolicyReport p) {
        ObjectNode n = DemoSummary.JSON.createObjectNode();
        WinRate w = p.winRateVsPretrained();
        n.put("gold_reward", p.goldReward());
        n.put("win_rate_vs_pretrained", w.rate());
        ObjectNode d = n.putObject("win_rate_detail");
        d.put("n", w.n());
        d.put("wins", w.wins());
        d.put("ties", w.ties());
        d.put("losses", w.losses());
        d.putArray("wilson_95").add(w.wilsonLow()).add(w.wilsonHigh());
        d.putArray("bootstrap_95").add(w.bootstrapLow()).add(w.bootstrapHigh());
        n.put("kl", p.kl());
        n.put("reward_model_score", p.rewardModelScore());
        ObjectNode g = n.putObject("gold_components");
        g.put("happy_ending", p.happyEnding());
        g.put("keeps_to_cast", p.keepsToCast());
        g.put("gentleness", p.gentleness());
        g.put("length", p.length());
        g.put("variety", p.variety());
        n.put("mean_words", p.meanWords());
        n.put("ended_with_eos", p.endedRate());
        return n;
    }

    /** The few lines the terminal shows at the end. */
    public static void print(StoriesPipeline.Result r, PrintStream out) {
        out.println();
        out.printf("%-11s %7s %26s %7s %6s %6s %6s %6s %7s %6s%n", "policy", "gold", "win vs pretrained [95% CI]", "KL", "happy", "cast",
                "gentle", "length", "variety", "words");
        for (StoriesPipeline.StoryPolicyReport p : r.policies().values()) {
            WinRate w = p.winRateVsPretrained();
            out.printf("%-11s %7.3f %11.1f%% [%4.1f, %4.1f] %7.3f %6.3f %6.3f %6.3f %6.3f %7.3f %6.1f%n", p.name(), p.goldReward(), 100 * w.rate(),
                    100 * w.wilsonLow(), 100 * w.wilsonHigh(), p.kl(), p.happyEnding(), p.keepsToCast(), p.gentleness(), p.length(),
                    p.variety(), p.meanWords());
        }
        StoriesPipeline.RewardReport rm = r.rewardModel();
        out.printf("reward model: held-out accuracy %.3f on %d panel labels, %.3f against gold on %d pairs%n", rm.heldOutAccuracy(),
                rm.heldOutPairs(), rm.goldAccuracy(), rm.goldPairs());
        out.printf("panel (routing + QC): %d submissions, %d labels, single-label accuracy vs gold %.3f, weighted %.3f%n",
                r.panel().submitted(), r.panel().labels().size(), r.panel().labelAccuracy(), r.panel().weightedAccuracy());
        out.printf("wall time %.1f s%n", r.wallSeconds());
    }
}
