package io.rlhf4j.sim;

import io.rlhf4j.store.testing.TestDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The platform's reason to exist, measured through its real services on H2. */
class RoutingExperimentTest {
    @TempDir
    Path dir;

    private final List<TestDatabase> databases = new ArrayList<>();

    @AfterEach
    void close() {
        databases.forEach(TestDatabase::close);
    }

    @Test
    void routingAndQualityControlBeatRandomAssignmentAtTheSameBudget() {
        TaskWorld world = TaskWorld.generate(21, 400);
        // 50 prompts x 3 candidates = 150 pairs; 300 labels fill about 100 of them to overlap 3.
        RoutingExperiment.Config config = new RoutingExperiment.Config(50, 3, 3, 300, 6, 0.8, 20, 5, 0.65, 1);
        Map<RoutingExperiment.Policy, RoutingExperiment.Result> results = RoutingExperiment.compare(policy -> {
            TestDatabase db = TestDatabase.h2(dir);
            databases.add(db);
            return db.open();
        }, world, AnnotatorProfile.standardPanel(), config);
        results.values().forEach(r -> System.out.printf(
                "%-16s submitted %d, real labels %d, pairs %d, label accuracy %.3f (Dawid-Skene %.3f), by kind %s%n",
                r.policy(), r.submitted(), r.realLabels(), r.pairsEvaluated(), r.labelAccuracy(), r.dawidSkeneAccuracy(),
                r.individualAccuracy()));
        var random = results.get(RoutingExperiment.Policy.RANDOM);
        var routed = results.get(RoutingExperiment.Policy.EXPERT_ROUTING);
        var qc = results.get(RoutingExperiment.Policy.ROUTING_WITH_QC);
        for (var r : results.values()) assertThat(r.submitted()).isEqualTo(config.budget());
        // Seeds 1..4 gave random 0.79..0.90, routing 0.96..1.00, routing + QC 0.96..1.00.
        assertThat(routed.labelAccuracy()).isGreaterThan(random.labelAccuracy() + 0.03);
        assertThat(qc.labelAccuracy()).isGreaterThan(random.labelAccuracy() + 0.03);
        // Qualification shut out the careless annotators and the spammer: none of their labels count.
        assertThat(qc.individualAccuracy()).doesNotContainKeys(AnnotatorProfile.Kind.CARELESS, AnnotatorProfile.Kind.SPAMMER);
        assertThat(random.individualAccuracy().get(AnnotatorProfile.Kind.CARELESS)).isLessThan(0.7);
        // Without gold, Dawid-Skene still finds the experts more reliable than the spammer from the votes alone.
        System.out.println("Dawid-Skene reliability under random assignment: " + random.dawidSkeneReliability());
        assertThat(random.dawidSkeneReliability().get("expert-arithmetic")).isGreaterThan(random.dawidSkeneReliability().get("spammer-1"));
        assertThat(qc.weights().get("expert-units")).isGreaterThan(1.0);
        // QC spent part of the budget on known answers, so it has fewer real labels than the others.
        assertThat(qc.realLabels()).isLessThan(random.realLabels());
    }
}
