package io.rlhf4j.demo;

import io.rlhf4j.train.StepMetrics;
import io.rlhf4j.train.TrainingListener;
import io.rlhf4j.train.reward.PreferenceExample;
import io.rlhf4j.train.reward.RewardModelScorer;
import io.rlhf4j.train.reward.RewardTrainer;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Reward-model training and its check against gold, as both demo worlds do them: a held-out split by
 * prompt, training as one stage, and accuracy on every held-out candidate pair that gold decides. One
 * copy keeps the split's seeded draws and the accuracy's definition the same in both worlds, so their
 * reward-model figures mean the same thing.
 */
final class RewardModelStage {
    private RewardModelStage() {}

    /** Pairs split by prompt; {@code heldOutPrompt} says, per prompt id seen, whether it was held out. */
    record Split(List<PreferenceExample> train, List<PreferenceExample> heldOut, Map<String, Boolean> heldOutPrompt) {}

    /** Gold's verdict on a pair of candidates for the same prompt: true if it prefers the first, null if it does not decide. */
    interface GoldOrder {
        Boolean prefersFirst(PanelRound.Candidate a, PanelRound.Candidate b);
    }

    /** Accuracy against gold (ties in the reward count half) over {@code decided} pairs; NaN when gold decided none. */
    record GoldAccuracy(double accuracy, int decided) {}

    /**
     * Holds out whole prompts, each with probability {@code heldOutShare} (one draw of {@code new Random(seed ^ 0xABCD)}
     * per new prompt, in the order of {@code pairs}), so no held-out prompt's labels are trained on.
     */
    static Split splitByPrompt(List<PreferenceExample> pairs, long seed, double heldOutShare) {
        Map<String, Boolean> heldOutPrompt = new LinkedHashMap<>();
        Random split = new Random(seed ^ 0xABCDL);
        List<PreferenceExample> train = new ArrayList<>(), heldOut = new ArrayList<>();
        for (PreferenceExample e : pairs) {
            boolean held = heldOutPrompt.computeIfAbsent(e.promptId(), k -> split.nextDouble() < heldOutShare);
            (held ? heldOut : train).add(e);
        }
        return new Split(train, heldOut, heldOutPrompt);
    }

    /** Trains as the stage "reward model", evaluating on the held-out pairs (on the training pairs when none are held out). */
    static void train(Stages stages, RewardTrainer trainer, Split split, int steps) {
        try (Stages.Stage s = stages.start("reward model", steps)) {
            trainer.addListener(new TrainingListener() {
                @Override public void onStep(StepMetrics m) {
                    s.stepTo(m.step());
                    s.message(String.format("loss %.3f", m.loss()));
                }
            });
            trainer.train(split.train(), split.heldOut().isEmpty() ? split.train() : split.heldOut(), null);
        }
    }

    /** The trained reward model's accuracy on every pair of held-out candidates for the same prompt that gold decides. */
    static GoldAccuracy goldAccuracy(RewardTrainer trainer, int context, Collection<PanelRound.Candidate> candidates,
                                     Map<String, Boolean> heldOutPrompt, GoldOrder gold) {
        Map<String, List<PanelRound.Candidate>> held = new LinkedHashMap<>();
        for (PanelRound.Candidate c : candidates) {
            if (Boolean.TRUE.equals(heldOutPrompt.get(c.completion().promptId()))) {
                held.computeIfAbsent(c.completion().promptId(), k -> new ArrayList<>()).add(c);
            }
        }
        List<PanelRound.Candidate> flat = held.values().stream().flatMap(List::stream).toList();
        double[] scores = new RewardModelScorer(trainer.model(), 0, context, trainer.config().padId(), 64)
                .score(flat.stream().map(PanelRound.Candidate::prompt).toList(), flat.stream().map(PanelRound.Candidate::response).toList());
        Map<PanelRound.Candidate, Double> score = new LinkedHashMap<>();
        for (int i = 0; i < flat.size(); i++) score.put(flat.get(i), scores[i]);
        double right = 0;
        int decided = 0;
        for (List<PanelRound.Candidate> list : held.values()) {
            for (int i = 0; i < list.size(); i++) {
                for (int k = i + 1; k < list.size(); k++) {
                    PanelRound.Candidate a = list.get(i), b = list.get(k);
                    Boolean goldA = gold.prefersFirst(a, b);
                    if (goldA == null) continue;
                    decided++;
                    double d = score.get(a) - score.get(b);
                    if (d == 0) right += 0.5;
                    else if ((d > 0) == goldA) right++;
                }
            }
        }
        return new GoldAccuracy(decided == 0 ? Double.NaN : right / decided, decided);
    }
}
