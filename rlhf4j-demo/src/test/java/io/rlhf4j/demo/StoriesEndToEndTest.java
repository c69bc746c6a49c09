package io.rlhf4j.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The stories world's micro configuration end to end on the real pretrained stories260K (from
 * ../shared): openings, K samples, the panel through an H2 store, a reward model on the pretrained
 * backbone, PPO, DPO, best-of-n, gold evaluation against the pretrained policy, summary.json and
 * report.html. Too small for the win-rate bar (`demo --quick --world stories` measures that); here
 * the files' shape and the panel's quality control.
 */
class StoriesEndToEndTest {
    @TempDir
    Path out;

    @Test
    void microRunWritesSummaryAndReportAndThePanelsQualityControlWorks() throws Exception {
        StoriesConfig config = StoriesConfig.micro();
        StoriesPipeline.Result r = StoriesDemo.run(config, out, StoriesPipeline.findModel(), null);

        JsonNode summary = new ObjectMapper().readTree(out.resolve(Demo.SUMMARY).toFile());
        assertThat(summary.path("world").asText()).isEqualTo("stories");
        for (String policy : StoriesSummary.POLICIES) {
            JsonNode p = summary.path(policy);
            assertThat(p.isObject()).as(policy).isTrue();
            assertThat(p.path("gold_reward").asDouble()).as(policy).isBetween(0.0, 1.0);
            double rate = p.path("win_rate_vs_pretrained").asDouble();
            JsonNode ci = p.path("win_rate_detail").path("wilson_95");
            assertThat(ci.get(0).asDouble()).isLessThanOrEqualTo(rate);
            assertThat(ci.get(1).asDouble()).isGreaterThanOrEqualTo(rate);
            assertThat(p.path("gold_components").path("happy_ending").isNumber()).as(policy).isTrue();
        }
        assertThat(summary.path("pretrained").path("win_rate_vs_pretrained").asDouble()).isEqualTo(0.5);
        assertThat(summary.path("pretrained").path("kl").asDouble()).isZero();
        assertThat(summary.path("ppo").path("kl").asDouble()).isPositive();
        assertThat(summary.path("ppo_curve").size()).isEqualTo(config.ppoSteps());
        assertThat(summary.path("model").path("parameters").asInt()).isBetween(250_000, 300_000);
        assertThat(summary.path("samples").get(0).path("ppo").asText()).isNotBlank();

        // The panel works through the platform: the budget is spent, the careless and the spammer get no weight.
        assertThat(r.panel().submitted()).isEqualTo(config.labelBudget());
        assertThat(r.panel().weightedAccuracy()).isGreaterThan(0.7);
        // The reward model is evaluated on labels of openings it never trained on, and against gold on their candidate pairs.
        // At this size (under 200 training labels) it is not reliably above chance; `demo --quick --world stories` measures that.
        StoriesPipeline.RewardReport rm = r.rewardModel();
        assertThat(rm.heldOutPairs()).isGreaterThan(60);
        assertThat(rm.trainPairs()).isGreaterThan(rm.heldOutPairs());
        assertThat(rm.goldPairs()).isGreaterThan(20);
        assertThat(rm.goldAccuracy()).isBetween(0.0, 1.0);
        // Weights come from the platform's gold items: the careless and the spammer (right by luck on a few at most) below every expert.
        double expertWeight = r.panel().annotators().stream().filter(a -> a.kind().equals("expert"))
                .mapToDouble(PanelRound.AnnotatorQuality::weight).min().orElseThrow();
        for (PanelRound.AnnotatorQuality a : r.panel().annotators()) {
            if (a.kind().equals("spammer") || a.kind().equals("careless")) assertThat(a.weight()).as(a.name()).isLessThan(expertWeight);
        }

        String html = Files.readString(out.resolve(Demo.REPORT));
        assertThat(html).startsWith("<!DOCTYPE html>").contains("<svg").contains("Sample stories, before and after")
                .contains(r.evalOpenings().get(0).substring(0, 20)).doesNotContain("<script").doesNotContain("NaN%");
    }
}
