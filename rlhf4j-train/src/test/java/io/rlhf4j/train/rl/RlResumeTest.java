package io.rlhf4j.train.rl;

import io.rlhf4j.train.MetricsLog;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.rlhf4j.model.io.Safetensors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Seeded PPO runs are reproducible, across JVMs, and a run SIGKILLed mid-way resumes from its last
 * checkpoint (policy, critic, AdamW moments, adaptive β) to the very same weights and metrics as an
 * uninterrupted run.
 */
class RlResumeTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Everything a step logs except wall times. */
    private static final List<String> METRICS = List.of("reward", "raw_score", "kl", "kl_coef", "entropy", "clip_fraction",
            "approx_kl", "loss", "policy_loss", "value_loss", "explained_variance", "grad_norm", "response_length");

    @Test
    void aSeededRunKilledWithSigkillResumesToTheSameWeightsAndMetricsAsAnUninterruptedOne(@TempDir Path dir) throws Exception {
        long steps = 6;
        Path sft = SyntheticPolicies.sftPolicyDir();
        RlResult reference = RlJobMain.run(sft, dir.resolve("uninterrupted"), steps, false);
        assertThat(reference.resumedFromStep()).isZero();

        Path killed = dir.resolve("killed");
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dai.djl.offline=true",
                // the engine may have started before SyntheticPolicies asked for 1 thread (another test class first)
                "-Dai.djl.pytorch.num_threads=" + ai.djl.pytorch.jni.JniUtils.getNumThreads(), "-cp", System.getProperty("java.class.path"), RlJobMain.class.getName(),
                sft.toString(), killed.toString(), Long.toString(steps)));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream()));
        List<String> seen = new ArrayList<>();
        for (String line = out.readLine(); line != null && !line.equals("step 3"); line = out.readLine()) seen.add(line);
        p.destroyForcibly(); // SIGKILL mid-step 4: no shutdown hook, no final save
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(seen).as("killed mid-run").doesNotContain("done");
        assertThat(killed.resolve(RlJobMain.FINAL)).doesNotExist();
        // the child's steps are a second, independent run in another JVM: same seed, same metrics
        List<JsonNode> childLog = read(killed.resolve(MetricsLog.RL_FILE));
        List<JsonNode> referenceLog = read(dir.resolve("uninterrupted").resolve(MetricsLog.RL_FILE));
        assertThat(childLog.size()).isGreaterThanOrEqualTo(2);
        for (int i = 0; i < childLog.size(); i++) assertSameMetrics(childLog.get(i), referenceLog.get(i));

        RlResult resumed = RlJobMain.run(sft, killed, steps, false);
        assertThat(resumed.resumedFromStep()).isBetween(2L, steps - 1);
        assertThat(resumed.steps()).isEqualTo(steps);

        try (NDManager m = NDManager.newBaseManager()) {
            Map<String, NDArray> a = Safetensors.read(dir.resolve("uninterrupted").resolve(RlJobMain.FINAL).resolve("model.safetensors"), m);
            Map<String, NDArray> b = Safetensors.read(killed.resolve(RlJobMain.FINAL).resolve("model.safetensors"), m);
            assertThat(b.keySet()).isEqualTo(a.keySet());
            for (String name : a.keySet()) assertThat(b.get(name).toFloatArray()).as(name).containsExactly(a.get(name).toFloatArray());
        }
        List<JsonNode> resumedLog = read(killed.resolve(MetricsLog.RL_FILE));
        assertThat(resumedLog).hasSize((int) steps);
        assertThat(referenceLog).hasSize((int) steps);
        for (int i = 0; i < steps; i++) assertSameMetrics(resumedLog.get(i), referenceLog.get(i));
    }

    private static void assertSameMetrics(JsonNode actual, JsonNode expected) {
        assertThat(actual.get("step").asLong()).isEqualTo(expected.get("step").asLong());
        for (String f : METRICS) {
            assertThat(actual.get(f).asDouble()).as("%s at step %s", f, expected.get("step")).isEqualTo(expected.get(f).asDouble());
        }
    }

    private static List<JsonNode> read(Path file) throws Exception {
        List<JsonNode> out = new ArrayList<>();
        for (String line : Files.readAllLines(file)) out.add(JSON.readTree(line));
        return out;
    }
}
