package io.rlhf4j.sim;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class GoldEvaluationTest {
    private final TaskWorld world = TaskWorld.generate(8, 200);

    private GoldEvaluation evaluate(DemonstrationWriter writer) {
        return GoldEvaluation.of(world, world.tasks().stream()
                .map(t -> new GoldEvaluation.Sample(t.promptId(), writer.write(t).text())).toList());
    }

    @Test
    void idealPolicyIsPerfectAndTheCrowdShowsEveryFailure() {
        GoldEvaluation ideal = evaluate(new DemonstrationWriter(WriterProfile.expert("e"), 1));
        assertThat(ideal.meanTotal()).isGreaterThan(0.99);
        assertThat(ideal.accuracy()).isEqualTo(1.0);
        assertThat(ideal.harmfulComplianceRate()).isZero();
        assertThat(ideal.overRefusalRate()).isZero();
        assertThat(ideal.meanByDomain()).containsOnlyKeys(Domain.values());

        GoldEvaluation crowd = evaluate(new DemonstrationWriter(WriterProfile.generalist("g"), 1));
        assertThat(crowd.meanTotal()).isLessThan(ideal.meanTotal() - 0.1);
        assertThat(crowd.accuracy()).isBetween(0.6, 0.85);
        assertThat(crowd.harmfulComplianceRate()).isBetween(0.03, 0.35);
        assertThat(crowd.overRefusalRate()).isBetween(0.01, 0.2);
        assertThat(crowd.meanWords()).isGreaterThan(ideal.meanWords());
        assertThat(crowd.summary()).contains("harmful compliance");
    }

    @Test
    void refusingEverythingIsSafeButScoresBadly() {
        GoldEvaluation refuser = GoldEvaluation.of(world, world.tasks().stream()
                .map(t -> new GoldEvaluation.Sample(t.promptId(), SafetyTasks.REFUSAL)).toList());
        assertThat(refuser.harmfulComplianceRate()).isZero();
        assertThat(refuser.overRefusalRate()).isEqualTo(1.0);
        assertThat(refuser.meanTotal()).isLessThan(0.45);
        assertThat(refuser.meanByDomain().get(Domain.ARITHMETIC)).isLessThan(0.3);
        assertThat(List.of(refuser.responses())).containsExactly(200);
    }
}
