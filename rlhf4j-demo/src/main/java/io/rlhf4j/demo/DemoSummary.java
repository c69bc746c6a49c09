package io.rlhf4j.demo;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * summary.json: one entry per policy ({@code sft}, {@code ppo}, {@code dpo}, {@code best_of_n}, and
 * {@code ppo_roundN} per round) with gold reward, win rate against SFT and its intervals, KL, length
 * and refusal rates; the reward model's held-out accuracy; the panel's data-quality figures; the PPO
 * curve; wall time per stage.
 */
public final class DemoSummary {
    static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    static final List<String> MAIN_POLICIES = List.of("sft", "ppo", "dpo", "best_of_n");

    private DemoSummary() {}

    public static ObjectNode toJson(DemoPipeline.Result r) {
        ObjectNode root = JSON.createObjectNode();
        root.put("world", "tasks");
        root.set("config", JSON.valueToTree(r.config()));
        ObjectNode model = root.putObject("model");
        model.put("architecture", "gpt2");
        model.put("parameters", r.modelParameters());
        model.put("vocab_size", r.vocabSize());
        model.put("sft_final_loss", r.sftFinalLoss());
        root.set("splits", JSON.valueToTree(r.splits()));
        for (Map.Entry<String, PolicyReport> e : r.policies().entrySet()) root.set(e.getKey(), policy(e.getValue()));

        {
            ObjectNode rm = root.putObject("reward_model");
            DemoPipeline.RewardRound last = r.rewardRounds().get(r.rewardRounds().size() - 1);
            rm.put("heldout_accuracy", last.heldOutAccuracy());
            rm.put("gold_accuracy", last.goldAccuracy());
            rm.put("heldout_loss", last.heldOutLoss());
            rm.put("ece", last.ece());
            rm.put("train_pairs", last.trainPairs());
            rm.put("heldout_pairs", last.heldOutPairs());
            rm.set("rounds", JSON.valueToTree(r.rewardRounds()));
        }
        ArrayNode panel = root.putArray("panel");
        for (int i = 0; i < r.panelRounds().size(); i++) {
            PanelRound.Result p = r.panelRounds().get(i);
            ObjectNode n = panel.addObject();
            n.put("round", i + 1);
            n.put("collection", r.config().collection().name().toLowerCase());
            n.put("submitted", p.submitted());
            n.put("labels", p.labels().size());
            n.put("label_accuracy_vs_gold", p.labelAccuracy());
            n.put("weighted_label_accuracy_vs_gold", p.weightedAccuracy());
            if (p.pairwiseAlpha() != null) n.put("krippendorff_alpha", p.pairwiseAlpha());
            if (p.positionBiasShareA() != null) n.put("share_choosing_a", p.positionBiasShareA());
            n.set("annotators", JSON.valueToTree(p.annotators()));
        }
        ObjectNode board = root.putObject("leaderboard");
        board.put("prompts", Math.min(DemoPipeline.LEADERBOARD_PROMPTS, r.evalQuestions().size()));
        board.put("battles", r.leaderboardBattles());
        ArrayNode ratings = board.putArray("ratings");
        r.leaderboard().ifPresent(fit -> fit.strengths().forEach(m -> {
            ObjectNode n = ratings.addObject();
            n.put("rank", m.rank());
            n.put("model", m.model());
            n.put("rating", m.rating());
            n.putArray("ci_95").add(m.lower()).add(m.upper());
            n.put("battles", m.battles());
        }));
        root.set("ppo_curve", JSON.valueToTree(r.ppoCurve()));
        root.set("dpo_loss", JSON.valueToTree(r.dpoLoss()));
        ObjectNode stages = root.putObject("stage_seconds");
        r.stageSeconds().forEach(stages::put);
        root.put("wall_seconds", r.wallSeconds());
        ArrayNode samples = root.putArray("samples");
        for (int i = 0; i < Math.min(12, r.evalQuestions().size()); i++) {
            ObjectNode s = samples.addObject();
            s.put("prompt", r.evalQuestions().get(i));
            for (String p : MAIN_POLICIES) {
                if (r.policies().containsKey(p)) s.put(p, r.policies().get(p).responses().get(i));
            }
        }
        return root;
    }

    private static ObjectNode policy(PolicyReport p) {
        ObjectNode n = JSON.createObjectNode();
        n.put("gold_reward", p.goldReward());
        n.put("win_rate_vs_sft", p.winRateVsSft().rate());
        ObjectNode w = n.putObject("win_rate_detail");
        WinRate wr = p.winRateVsSft();
        w.put("n", wr.n());
        w.put("wins", wr.wins());
        w.put("ties", wr.ties());
        w.put("losses", wr.losses());
        w.putArray("wilson_95").add(wr.wilsonLow()).add(wr.wilsonHigh());
        w.putArray("bootstrap_95").add(wr.bootstrapLow()).add(wr.bootstrapHigh());
        n.put("kl", p.kl());
        n.put("reward_model_score", p.rewardModelScore());
        n.put("accuracy", p.accuracy());
        n.put("harmful_compliance_rate", p.harmfulComplianceRate());
        n.put("over_refusal_rate", p.overRefusalRate());
        n.put("mean_words", p.meanWords());
        n.set("gold_by_domain", JSON.valueToTree(p.goldByDomain()));
        return n;
    }

    public static void write(ObjectNode summary, Path file) throws IOException {
        JSON.writeValue(file.toFile(), summary);
    }

    /** The few lines the terminal shows at the end. */
    public static void print(DemoPipeline.Result r, PrintStream out) {
        out.println();
        out.printf("%-11s %8s %22s %8s %7s %7s %9s %7s%n", "policy", "gold", "win vs SFT [95% CI]", "KL", "acc", "harm", "overref", "words");
        for (String name : r.policies().keySet()) {
            PolicyReport p = r.policies().get(name);
            WinRate w = p.winRateVsSft();
            out.printf("%-11s %8.3f %7.1f%% [%4.1f, %4.1f] %8.3f %7.2f %7.2f %9.2f %7.1f%n", name, p.goldReward(), 100 * w.rate(),
                    100 * w.wilsonLow(), 100 * w.wilsonHigh(), p.kl(), p.accuracy(), p.harmfulComplianceRate(), p.overRefusalRate(),
                    p.meanWords());
        }
        DemoPipeline.RewardRound rm = r.rewardRounds().get(r.rewardRounds().size() - 1);
        out.printf("reward model: held-out accuracy %.3f on %d panel labels, %.3f against gold on %d pairs%n", rm.heldOutAccuracy(),
                rm.heldOutPairs(), rm.goldAccuracy(), rm.goldPairs());
        PanelRound.Result p = r.panelRounds().get(0);
        out.printf("panel (%s): %d submissions, single-label accuracy vs gold %.3f, weighted %.3f%n",
                r.config().collection().name().toLowerCase(), p.submitted(), p.labelAccuracy(), p.weightedAccuracy());
        r.leaderboard().ifPresent(fit -> {
            StringBuilder line = new StringBuilder("panel leaderboard (" + r.leaderboardBattles() + " battles):");
            fit.strengths().forEach(m -> line.append(String.format(" %d. %s %.0f [%.0f, %.0f]", m.rank(), m.model(), m.rating(), m.lower(), m.upper())));
            out.println(line);
        });
        out.printf("wall time %.1f s%n", r.wallSeconds());
    }
}
