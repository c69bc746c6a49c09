package io.rlhf4j.bench;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import io.rlhf4j.model.Gpt2Config;
import io.rlhf4j.model.generate.Generator;
import io.rlhf4j.model.generate.SamplingConfig;
import io.rlhf4j.model.gpt2.Gpt2Model;
import io.rlhf4j.train.sft.CausalLmForward;

import java.util.Arrays;
import java.util.Map;

/** The model engine's GPT-2 as the bench model: random fp32 weights, generation through its Generator. */
public final class Gpt2BenchLm implements BenchLm {
    private final Gpt2Model model;
    private final Generator generator;

    private Gpt2BenchLm(Gpt2Model model) {
        this.model = model;
        this.generator = new Generator(model, null);
    }

    /**
     * {@code positions} covers both the training context and prompt + new tokens of generation
     * (a few extra rows of the position table, which changes the parameter count by under 1%).
     */
    public static BenchLmFactory factory(int positions) {
        return (layers, width, heads, context, vocab, manager) -> {
            Gpt2Config config = Gpt2Config.of(vocab, width, layers, heads, Math.max(context, positions));
            return new Gpt2BenchLm(Gpt2Model.random(config, manager, 1, DataType.FLOAT32));
        };
    }

    @Override
    public Map<String, NDArray> parameters() {
        return model.parameters();
    }

    @Override
    public CausalLmForward forward() {
        return model::forward;
    }

    @Override
    public long generate(int[][] prompts, int newTokens, boolean kvCache) {
        SamplingConfig greedy = SamplingConfig.greedy(newTokens).withStopAtEos(false);
        var list = Arrays.asList(prompts);
        var result = kvCache ? generator.generate(list, greedy) : generator.generateWithoutCache(list, greedy);
        return result.totalGeneratedTokens();
    }

    @Override
    public void close() {
        model.close();
    }
}
