package io.rlhf4j.bench;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.rlhf4j.train.sft.CausalLmForward;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class BenchTest {
    /** The engine's GPT-2 at whatever small size each part asks for: the plumbing with real arrays, in seconds. */
    private static final BenchLmFactory TINY = Gpt2BenchLm.factory(BenchOptions.tiny().generationPositions());

    @Test
    void runsEveryPartOnATinyConfigAndWritesValidJson(@TempDir Path dir) throws Exception {
        List<String> progress = new ArrayList<>();
        Bench.Report report = Bench.run(BenchOptions.tiny(), TINY,
                progress::add);
        Path file = dir.resolve("bench.json");
        Bench.write(report, file);

        JsonNode json = new ObjectMapper().readTree(file.toFile());
        assertThat(json.get("machine").get("cores").asInt()).isEqualTo(Runtime.getRuntime().availableProcessors());
        assertThat(json.get("machine").get("engine").asText()).isEqualTo("PyTorch");
        assertThat(json.get("machine").get("djlVersion").asText()).isEqualTo("0.35.0");
        assertThat(json.get("peak_gflops").asDouble()).isPositive();
        assertThat(json.get("training")).hasSize(2);
        JsonNode first = json.get("training").get(0);
        assertThat(first.get("batchSize").asInt()).isEqualTo(2);
        assertThat(first.get("tokensPerSecond").asDouble()).isPositive();
        assertThat(first.get("mfu").asDouble()).isPositive();
        assertThat(first.get("forwardMs").asDouble() + first.get("backwardMs").asDouble())
                .isLessThanOrEqualTo(first.get("stepMs").asDouble());
        long expected = io.rlhf4j.model.gpt2.Gpt2Model.parameterShapes(io.rlhf4j.model.Gpt2Config.of(64, 32, 2, 2,
                Math.max(16, BenchOptions.tiny().generationPositions()))).values().stream().mapToLong(ai.djl.ndarray.types.Shape::size).sum();
        assertThat(json.get("parameter_count").asLong()).isEqualTo(expected);
        assertThat(json.get("generation")).hasSize(4);
        assertThat(json.get("generation").get(2).get("tokensPerSecond").asDouble()).isPositive();
        assertThat(json.get("kv_cache_speedup").has("batch_3")).isTrue();
        assertThat(progress).anyMatch(l -> l.startsWith("train batch 4"));
        assertThat(json.get("kv_cache").get(1).get("lower_bound").asBoolean()).isTrue();
        assertThat(json.get("kv_cache").get(0).get("lower_bound").asBoolean()).isFalse();
        JsonNode memory = json.get("memory");
        assertThat(memory.get("steps").asLong()).isEqualTo(30);
        assertThat(memory.get("samples").size()).isGreaterThan(10);
        assertThat(memory.get("samples").get(1).get("live_arrays").asInt()).isPositive();
        assertThat(memory.get("samples").get(1).get("rss_mb").asDouble()).isPositive();
    }

    @Test
    void theMemoryRunSeesALeakOfOneArrayPerStep() {
        try (NDManager outside = NDManager.newBaseManager()) {
            List<NDArray> leaked = new ArrayList<>();
            MemoryBench.Result clean = MemoryBench.run(TINY, 40, 4,
                    s -> { });
            assertThat(clean.liveArrayGrowth()).isLessThanOrEqualTo(0);
            assertThat(clean.flat()).isTrue();
            // the same model, but its forward pass leaks one array per call into a manager that outlives the step
            MemoryBench.Result leaky = MemoryBench.run((layers, width, heads, context, vocab, m) -> {
                BenchLm lm = TINY.create(layers, width, heads, context, vocab, m);
                return new BenchLm() {
                    @Override public Map<String, NDArray> parameters() { return lm.parameters(); }
                    @Override public CausalLmForward forward() {
                        return (ids, mask) -> {
                            leaked.add(outside.zeros(new ai.djl.ndarray.types.Shape(1)));
                            return lm.forward().logits(ids, mask);
                        };
                    }
                    @Override public long generate(int[][] prompts, int newTokens, boolean kvCache) { return 0; }
                    @Override public void close() { }
                };
            }, 40, 4, s -> { });
            assertThat(leaky.liveArrayGrowth()).isGreaterThanOrEqualTo(25);
            assertThat(leaky.flat()).isFalse();
        }
    }
}
