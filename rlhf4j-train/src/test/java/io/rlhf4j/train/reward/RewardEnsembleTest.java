package io.rlhf4j.train.reward;

import ai.djl.ndarray.NDManager;
import io.rlhf4j.train.rl.SyntheticPolicies;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/** The reward-model ensemble: mean − k·std over members, and its on-disk form. */
class RewardEnsembleTest {
    private static final List<int[]> PROMPTS = List.of(new int[] {1}, new int[] {2});
    private static final List<int[]> RESPONSES = List.of(new int[] {5}, new int[] {6});

    /** A member that gives response i the score {@code scores[i]}. */
    private static RewardFunction member(double... scores) {
        return (prompts, responses) -> scores.clone();
    }

    @Test
    void scoresTheMeanMinusKStandardDeviationsAndPrefersWhatTheMembersAgreeOn() {
        // response 0: members agree on 1; response 1: mean 1.25, but they disagree (3 vs -0.5)
        RewardEnsemble e = new RewardEnsemble(List.of(member(1, 3), member(1, -0.5)), 1.0);
        double[] s = e.score(PROMPTS, RESPONSES);
        assertThat(s[0]).isCloseTo(1.0, within(1e-12));
        assertThat(s[1]).isCloseTo(1.25 - 1.75, within(1e-12));
        assertThat(s[0]).as("the uncertain response loses under k = 1").isGreaterThan(s[1]);
        // k = 0 is the plain mean, which the uncertain response wins: the std penalty is what decides
        double[] mean = new RewardEnsemble(List.of(member(1, 3), member(1, -0.5)), 0.0).score(PROMPTS, RESPONSES);
        assertThat(mean[1]).isGreaterThan(mean[0]);
    }

    @Test
    void rejectsAnEnsembleOfOne() {
        assertThatThrownBy(() -> new RewardEnsemble(List.of(member(1, 2)), 1.0)).hasMessageContaining("at least 2");
    }

    @Test
    void loadsFromItsIndexAndScoresLikeItsMembers(@TempDir Path dir) throws Exception {
        Path rm = SyntheticPolicies.rewardModelDir();
        Files.createSymbolicLink(dir.resolve("member-0"), rm);
        Files.createSymbolicLink(dir.resolve("member-1"), rm);
        RewardEnsemble.write(dir, List.of("member-0", "member-1"), 2.0);
        assertThat(RewardEnsemble.isEnsemble(dir)).isTrue();
        assertThat(RewardEnsemble.isEnsemble(rm)).isFalse();
        List<int[]> prompts = io.rlhf4j.train.synthetic.SyntheticTask.prompts(4, 3);
        List<int[]> responses = List.of(new int[] {20, 21}, new int[] {22}, new int[] {23, 3, 4}, new int[] {5});
        try (NDManager m = NDManager.newBaseManager();
             RewardEnsemble e = RewardEnsemble.load(dir, m);
             RewardModelScorer single = RewardModelScorer.load(rm, m)) {
            assertThat(e.size()).isEqualTo(2);
            assertThat(e.stdCoef()).isEqualTo(2.0);
            // identical members: no disagreement, so the ensemble scores exactly like one of them
            double[] a = e.score(prompts, responses), b = single.score(prompts, responses);
            for (int i = 0; i < a.length; i++) assertThat(a[i]).isCloseTo(b[i], within(1e-9));
        }
        Files.writeString(dir.resolve(RewardEnsemble.FILE), "{\"members\": [\"member-0\", \"missing\"]}");
        assertThatThrownBy(() -> RewardEnsemble.memberDirs(dir)).hasMessageContaining("missing").hasMessageContaining("members[1]");
    }
}
