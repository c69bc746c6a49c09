package io.rlhf4j.core.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class DawidSkeneTest {

    @Test
    void oneIterationOnUnanimousLabelsMatchesHandComputation() {
        // Two annotators agree: item i1 is class 0, item i2 is class 1. Majority init gives one-hot posteriors.
        // M-step with smoothing s = 0.01: prior = (1 + s) / (2 + 2s) = 0.5; each confusion row puts
        // (1 + s) / (1 + 2s) = 1.01/1.02 on the diagonal and 0.01/1.02 off it.
        // E-step: P(i1 = 0) = 1.01² / (1.01² + 0.01²) = 1.0201 / 1.0202 = 0.999902.
        List<Annotation> annotations = List.of(
                new Annotation("i1", "ann", 0), new Annotation("i1", "bob", 0),
                new Annotation("i2", "ann", 1), new Annotation("i2", "bob", 1));
        DawidSkeneResult result = new DawidSkene(2, 0.01, 1e-12, 1).estimate(annotations);
        assertThat(result.iterations()).isEqualTo(1);
        assertThat(result.classPrior()).containsExactly(new double[] {0.5, 0.5}, within(1e-12));
        assertThat(result.confusion().get("ann")[0][0]).isCloseTo(1.01 / 1.02, within(1e-12));
        assertThat(result.confusion().get("bob")[1][0]).isCloseTo(0.01 / 1.02, within(1e-12));
        assertThat(result.posteriors().get("i1")[0]).isCloseTo(0.999902, within(5e-7));
        assertThat(result.posteriors().get("i2")[1]).isCloseTo(0.999902, within(5e-7));
        // Reliability = sum_k prior_k * confusion[k][k] = 0.5 * 2 * 1.01/1.02 = 0.990196.
        assertThat(result.reliabilityOf("ann")).isCloseTo(0.990196, within(5e-7));
        assertThat(result.mostLikelyLabel("i2")).isEqualTo(1);
    }

    private record Simulation(List<Annotation> annotations, Map<String, Integer> truth) {
    }

    /**
     * 3 classes; "good1" and "good2" are right 80% of the time (errors spread evenly), "adversary" answers
     * (truth + 1) mod 3 85% of the time. Each annotator skips an item with probability 0.15, so items have 1-3
     * labels.
     */
    private static Simulation simulate(int items, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        double[] prior = {0.5, 0.3, 0.2};
        List<Annotation> annotations = new ArrayList<>();
        Map<String, Integer> truth = new java.util.LinkedHashMap<>();
        for (int i = 0; i < items; i++) {
            String item = "item" + i;
            double u = random.nextDouble();
            int label = u < prior[0] ? 0 : u < prior[0] + prior[1] ? 1 : 2;
            truth.put(item, label);
            boolean anyone = false;
            for (String annotator : List.of("good1", "good2", "adversary")) {
                if (random.nextDouble() < 0.15 && (anyone || !annotator.equals("adversary"))) {
                    continue;
                }
                anyone = true;
                int given;
                if (annotator.equals("adversary")) {
                    given = random.nextDouble() < 0.85 ? (label + 1) % 3 : label;
                } else {
                    given = random.nextDouble() < 0.8 ? label : (label + 1 + random.nextInt(2)) % 3;
                }
                annotations.add(new Annotation(item, annotator, given));
            }
        }
        return new Simulation(annotations, truth);
    }

    private static double accuracy(Map<String, Integer> truth, java.util.function.ToIntFunction<String> predicted) {
        return truth.keySet().stream().filter(item -> predicted.applyAsInt(item) == truth.get(item)).count()
                / (double) truth.size();
    }

    @Test
    void separatesGoodFromAdversarialAnnotatorsAndBeatsMajorityVote() {
        Simulation sim = simulate(1500, 42L);
        DawidSkeneResult result = DawidSkene.estimate(sim.annotations(), 3);

        assertThat(result.converged()).isTrue();
        assertThat(result.reliabilityOf("good1")).isCloseTo(0.8, within(0.05));
        assertThat(result.reliabilityOf("good2")).isCloseTo(0.8, within(0.05));
        assertThat(result.reliabilityOf("adversary")).isCloseTo(0.15, within(0.05));
        // The adversary's confusion matrix is learnt as a rotation, which is what lets EM use its labels.
        double[][] adversary = result.confusion().get("adversary");
        for (int k = 0; k < 3; k++) {
            assertThat(adversary[k][(k + 1) % 3]).as("adversary row " + k).isGreaterThan(0.75);
        }
        assertThat(result.classPrior()[0]).isCloseTo(0.5, within(0.05));

        Map<String, Integer> majority = MajorityVote.labels(sim.annotations(), 3);
        double majorityAccuracy = accuracy(sim.truth(), majority::get);
        double dawidSkeneAccuracy = accuracy(sim.truth(), result::mostLikelyLabel);
        assertThat(dawidSkeneAccuracy).as("DS %.3f vs majority %.3f", dawidSkeneAccuracy, majorityAccuracy)
                .isGreaterThan(majorityAccuracy + 0.1);
        result.posteriors().values().forEach(p ->
                assertThat(p[0] + p[1] + p[2]).isCloseTo(1.0, within(1e-9)));
    }

    @Test
    void rejectsBadInput() {
        assertThatThrownBy(() -> DawidSkene.estimate(List.of(), 2)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no annotations");
        assertThatThrownBy(() -> DawidSkene.estimate(List.of(new Annotation("i", "a", 2)), 2))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("outside 0..1");
        assertThatThrownBy(() -> new DawidSkene(2, 0, 1e-6, 10)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("smoothing");
    }
}
