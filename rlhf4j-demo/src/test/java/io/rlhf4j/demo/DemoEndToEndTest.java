package io.rlhf4j.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The micro configuration end to end (world, SFT, panel through an H2 store, reward model, PPO in
 * two rounds, DPO, best-of-n, gold evaluation, summary.json and report.html). Too small for the
 * win-rate bar, which `./rlhf4j demo --quick` measures; here the files' shape and that the reward
 * model learned something from the panel.
 */
class DemoEndToEndTest {
    @TempDir
    Path out;

    @Test
    void microRunWritesSummaryAndReportAndTheRewardModelBeatsChance() throws Exception {
        DemoPipeline.Result r = Demo.run(DemoConfig.micro(), out, null);

        JsonNode summary = new ObjectMapper().readTree(out.resolve(Demo.SUMMARY).toFile());
        for (String policy : new String[] {"sft", "ppo", "dpo", "best_of_n", "ppo_round1", "ppo_round2"}) {
            JsonNode p = summary.path(policy);
            assertThat(p.isObject()).as(policy).isTrue();
            for (String field : new String[] {"gold_reward", "win_rate_vs_sft", "kl"}) {
                assertThat(p.path(field).isNumber()).as(policy + "." + field).isTrue();
            }
            assertThat(p.path("gold_reward").asDouble()).as(policy).isBetween(0.0, 1.0);
            JsonNode ci = p.path("win_rate_detail").path("wilson_95");
            assertThat(ci.get(0).asDouble()).isLessThanOrEqualTo(p.path("win_rate_vs_sft").asDouble());
            assertThat(ci.get(1).asDouble()).isGreaterThanOrEqualTo(p.path("win_rate_vs_sft").asDouble());
        }
        // SFT against itself is a draw on every prompt; best-of-n's KL is the analytic log n - (n-1)/n.
        assertThat(summary.path("sft").path("win_rate_vs_sft").asDouble()).isEqualTo(0.5);
        int n = DemoConfig.micro().bestOfN();
        assertThat(summary.path("best_of_n").path("kl").asDouble()).isCloseTo(Math.log(n) - (n - 1.0) / n,
                org.assertj.core.data.Offset.offset(1e-9));
        assertThat(summary.path("stage_seconds").path("sft").asDouble()).isPositive();
        assertThat(summary.path("stage_seconds").path("panel labels").asDouble()).isPositive();
        assertThat(summary.path("panel").size()).isEqualTo(2);
        assertThat(summary.path("ppo_curve").size()).isEqualTo(2 * DemoConfig.micro().ppoSteps());

        // The reward model is evaluated on labels of prompts it never trained on, on enough pairs to mean
        // something. At this size the policy's samples are mostly garbled and the labels on them mostly noise,
        // so beating chance is not asserted here; `demo --quick` measures it (rlhf4j-demo/RESULTS.md).
        DemoPipeline.RewardRound rm = r.rewardRounds().get(r.rewardRounds().size() - 1);
        assertThat(rm.heldOutPairs()).isGreaterThan(60);
        assertThat(rm.trainPairs()).isGreaterThan(rm.heldOutPairs());
        assertThat(summary.path("reward_model").path("heldout_accuracy").asDouble()).isBetween(0.0, 1.0);
        assertThat(r.panelRounds().get(0).submitted()).isEqualTo(DemoConfig.micro().labelBudget());

        // The panel's leaderboard on fresh prompts: every main policy rated, from battles the platform counted.
        JsonNode board = summary.path("leaderboard");
        assertThat(board.path("battles").asInt()).isGreaterThan(20);
        assertThat(board.path("ratings").findValuesAsText("model")).containsExactlyInAnyOrder("sft", "ppo", "dpo", "best_of_n");
        for (JsonNode m : board.path("ratings")) {
            assertThat(m.path("ci_95").get(0).asDouble()).isLessThanOrEqualTo(m.path("rating").asDouble());
            assertThat(m.path("ci_95").get(1).asDouble()).isGreaterThanOrEqualTo(m.path("rating").asDouble());
        }

        String html = Files.readString(out.resolve(Demo.REPORT));
        assertThat(html).startsWith("<!DOCTYPE html>").contains("<svg").contains("Win rate vs SFT").contains("KL to the reference").contains("Panel leaderboard")
                .doesNotContain("<script").doesNotContain("http://cdn").doesNotContain("NaN%");
    }
}
