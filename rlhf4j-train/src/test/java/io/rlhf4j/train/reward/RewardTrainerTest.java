package io.rlhf4j.train.reward;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import io.rlhf4j.core.data.Comparison.Outcome;
import io.rlhf4j.model.CausalLm;
import io.rlhf4j.model.ScalarHeadModel;
import io.rlhf4j.model.generate.GenerationResult;
import io.rlhf4j.model.generate.Generator;
import io.rlhf4j.model.generate.SamplingConfig;
import io.rlhf4j.model.llama.LlamaModel;
import io.rlhf4j.train.lineage.Lineage;
import io.rlhf4j.train.synthetic.SyntheticTask;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class RewardTrainerTest {

    @Test
    void normalisationMakesTheReferencePolicysMeanRewardZeroAndTheSavedModelScoresTheSame(@TempDir Path dir) throws Exception {
        List<int[]> prompts = SyntheticTask.prompts(48, 5);
        SamplingConfig sampling = SamplingConfig.sampling(10, 1.0, 17);
        try (AutoCloseable threads = SyntheticStart.oneTorchThread(); NDManager m = NDManager.newBaseManager();
             ScalarHeadModel model = SyntheticPreferences.newRewardModel(m, 3)) {
            CausalLm policy = LlamaModel.random(SyntheticTask.policyConfig(), m, 9, DataType.FLOAT32);
            RewardTrainer trainer = new RewardTrainer(SyntheticPreferences.config(10), model);
            List<int[]> responses = new Generator(policy, null).generate(prompts, sampling).sequences().stream()
                    .map(GenerationResult.Sequence::tokens).toList();
            double rawMean = mean(trainer.scorer().score(prompts, responses));
            double offset = trainer.normalize(policy, prompts, sampling);
            assertThat(offset).isCloseTo(rawMean, within(1e-6)).isNotCloseTo(0.0, within(1e-3));
            double[] normalised = trainer.scorer().score(prompts, responses);
            assertThat(mean(normalised)).isCloseTo(0.0, within(1e-5));

            trainer.save(dir);
            assertThat(Files.readString(dir.resolve("config.json"))).contains(RewardModelScorer.OFFSET_KEY);
            assertThat(Lineage.read(dir).algorithm()).isEqualTo("reward-model");
            try (RewardModelScorer loaded = RewardModelScorer.load(dir, m)) {
                assertThat(loaded.offset()).isCloseTo(offset, within(1e-9));
                double[] again = loaded.score(prompts, responses);
                for (int i = 0; i < again.length; i++) assertThat(again[i]).isCloseTo(normalised[i], within(1e-5));
            }
        }
    }

    @Test
    void anAnnotatorWeightedZeroLeavesExactlyTheLossOfTheOthers() {
        List<PreferenceExample> careful = SyntheticPreferences.pairs(40, 1, 0.0, "careful");
        List<PreferenceExample> careless = SyntheticPreferences.pairs(40, 2, 0.0, "careless").stream()
                .map(e -> new PreferenceExample(e.promptId(), e.prompt(), e.rejected(), e.chosen(), Outcome.PREFERRED, 1, e.judgmentId(), e.annotatorId(), 1))
                .toList(); // every label flipped
        List<PreferenceExample> all = new ArrayList<>(careful);
        all.addAll(careless);
        try (NDManager m = NDManager.newBaseManager(); ScalarHeadModel model = SyntheticPreferences.newRewardModel(m, 3)) {
            RewardTrainer plain = new RewardTrainer(SyntheticPreferences.config(10), model);
            RewardTrainer weighted = new RewardTrainer(SyntheticPreferences.config(10), model)
                    .withAnnotatorWeights(Map.of("careless", 0.0));
            RewardTrainer halved = new RewardTrainer(SyntheticPreferences.config(10), model)
                    .withAnnotatorWeights(Map.of("careless", 0.5));
            double carefulOnly = plain.evaluate(careful).loss(), carelessOnly = plain.evaluate(careless).loss();
            assertThat(weighted.evaluate(all).loss()).isCloseTo(carefulOnly, within(1e-5));
            assertThat(plain.evaluate(all).loss()).isCloseTo((carefulOnly + carelessOnly) / 2, within(1e-5));
            assertThat(halved.evaluate(all).loss()).isCloseTo((carefulOnly + 0.5 * carelessOnly) / 1.5, within(1e-5));
        }
    }

    static double mean(double[] xs) {
        double s = 0;
        for (double x : xs) s += x;
        return s / xs.length;
    }
}
