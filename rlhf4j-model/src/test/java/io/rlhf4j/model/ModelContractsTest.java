package io.rlhf4j.model;

import static io.rlhf4j.model.TinyModels.maxAbsDiff;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import io.rlhf4j.model.generate.LogProbs;
import io.rlhf4j.model.io.Llama2cCheckpoint;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Smaller promises of the public API: copies, padding-invariance, scalar heads, memory, errors. */
class ModelContractsTest {
    @TempDir Path dir;

    @Test
    void copyIsIndependentOfTheOriginal() {
        try (NDManager m = NDManager.newBaseManager()) {
            CausalLm model = TinyModels.create(TinyModels.LLAMA, m, 1, DataType.FLOAT32);
            CausalLm ref = model.copy(m);
            NDArray ids = TinyModels.ids(m, new long[][] {{1, 2, 3, 4}});
            NDArray before = ref.forward(ids, null);
            assertThat(maxAbsDiff(before, model.forward(ids, null))).isZero();
            model.parameters().get("model.norm.weight").muli(2); // an optimizer step on the policy
            assertThat(maxAbsDiff(before, ref.forward(ids, null))).isZero();
            assertThat(maxAbsDiff(before, model.forward(ids, null))).isGreaterThan(1e-3);
        }
    }

    @Test
    void leftPaddingDoesNotChangeRealPositions() {
        try (NDManager m = NDManager.newBaseManager()) {
            for (ModelConfig c : new ModelConfig[] {TinyModels.QWEN2, TinyModels.GPT2}) {
                CausalLm model = TinyModels.createPerturbed(c, m, 2, DataType.FLOAT32);
                NDArray alone = model.forward(TinyModels.ids(m, new long[][] {{4, 5, 6}}), null);
                NDArray padded = model.forward(TinyModels.ids(m, new long[][] {{0, 0, 4, 5, 6}}),
                        TinyModels.ids(m, new long[][] {{0, 0, 1, 1, 1}}));
                assertThat(maxAbsDiff(alone, padded.get(":, 2:, :"))).isLessThan(1e-5);
            }
        }
    }

    @Test
    void noMaskComputesWhatAnAllOnesMaskDoes() {
        // Without a mask the models build a causal-only bias and skip it for single-token decode steps.
        try (NDManager m = NDManager.newBaseManager()) {
            for (ModelConfig c : new ModelConfig[] {TinyModels.LLAMA, TinyModels.GPT2}) {
                CausalLm model = TinyModels.createPerturbed(c, m, 6, DataType.FLOAT32);
                long[][] rows = {{4, 5, 6, 7, 1}, {9, 3, 2, 8, 8}};
                long[][] ones = {{1, 1, 1, 1, 1}, {1, 1, 1, 1, 1}};
                NDArray masked = model.forward(TinyModels.ids(m, rows), TinyModels.ids(m, ones));
                assertThat(maxAbsDiff(masked, model.forward(TinyModels.ids(m, rows), null))).isZero();
                try (KvCache cache = model.newCache(m)) {
                    model.forward(TinyModels.ids(m, new long[][] {{4, 5, 6}, {9, 3, 2}}), null, cache);
                    NDArray step4 = model.forward(TinyModels.ids(m, new long[][] {{7}, {8}}), null, cache);
                    NDArray step5 = model.forward(TinyModels.ids(m, new long[][] {{1}, {8}}), null, cache);
                    assertThat(maxAbsDiff(step4, masked.get(":, 3:4, :"))).isLessThan(1e-5);
                    assertThat(maxAbsDiff(step5, masked.get(":, 4:5, :"))).isLessThan(1e-5);
                }
            }
        }
    }

    @Test
    void cachedDecodingPastTheCacheBufferMatchesTheFullPass() {
        // The cache starts with room for 64 positions and doubles: decode across that boundary.
        try (NDManager m = NDManager.newBaseManager()) {
            CausalLm model = TinyModels.createPerturbed(TinyModels.LLAMA3, m, 7, DataType.FLOAT32);
            int total = 140;
            long[][] rows = new long[2][total];
            for (int i = 0; i < total; i++) {
                rows[0][i] = (i * 7 + 3) % 32;
                rows[1][i] = (i * 5 + 1) % 32;
            }
            NDArray full = model.forward(TinyModels.ids(m, rows), null);
            try (KvCache cache = model.newCache(m)) {
                int prompt = 60;
                long[][] head = {java.util.Arrays.copyOf(rows[0], prompt), java.util.Arrays.copyOf(rows[1], prompt)};
                model.forward(TinyModels.ids(m, head), null, cache);
                for (int t = prompt; t < total; t++) {
                    NDArray step = model.forward(TinyModels.ids(m, new long[][] {{rows[0][t]}, {rows[1][t]}}), null, cache);
                    assertThat(maxAbsDiff(step, full.get(":, " + t + ":" + (t + 1) + ", :"))).as("position %d", t).isLessThan(1e-4);
                }
                assertThat(cache.length()).isEqualTo(total);
            }
        }
    }

    @Test
    void scalarHeadReadsTheLastRealTokenForLeftAndRightPadding() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray values = m.create(new float[] {1, 2, 3, 4, 5, 6, 7, 8}, new Shape(2, 4));
            NDArray mask = TinyModels.ids(m, new long[][] {{0, 1, 1, 1}, {1, 1, 0, 0}});
            assertThat(ScalarHeadModel.atLastToken(values, mask).toFloatArray()).containsExactly(4f, 6f);
            ScalarHeadModel rm = ScalarHeadModel.withNewHead(TinyModels.create(TinyModels.GPT2, m, 3, DataType.FLOAT32), 1);
            NDArray scores = rm.scores(TinyModels.ids(m, new long[][] {{0, 7, 8, 9}, {7, 8, 9, 0}}),
                    TinyModels.ids(m, new long[][] {{0, 1, 1, 1}, {1, 1, 1, 0}}));
            float[] s = scores.toFloatArray();
            assertThat(s).hasSize(2);
            assertThat(s[0]).isCloseTo(s[1], org.assertj.core.data.Offset.offset(1e-5f)); // same tokens, other padding side
            assertThat(rm.parameters()).containsKey(ScalarHeadModel.HEAD);
        }
    }

    @Test
    void trainingStepsKeepManagersFlat() {
        try (NDManager m = NDManager.newBaseManager()) {
            CausalLm model = TinyModels.create(TinyModels.LLAMA, m, 4, DataType.FLOAT32);
            model.parameters().values().forEach(p -> p.setRequiresGradient(true));
            int modelArrays = -1, baseArrays = -1;
            for (int step = 0; step < 100; step++) {
                try (NDManager s = m.newSubManager(); GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                    NDArray ids = TinyModels.ids(s, new long[][] {{1, 5, 9, 3}, {0, 1, 7, 7}});
                    NDArray mask = TinyModels.ids(s, new long[][] {{1, 1, 1, 1}, {0, 1, 1, 1}});
                    gc.backward(LogProbs.of(model, ids, mask).sum().neg());
                }
                if (step == 1) {
                    modelArrays = model.manager().getManagedArrays().size();
                    baseArrays = m.getManagedArrays().size();
                }
            }
            assertThat(model.manager().getManagedArrays()).hasSize(modelArrays);
            assertThat(m.getManagedArrays()).hasSize(baseArrays);
        }
    }

    @Test
    void llama2cPermutationMatchesHfConversionScript() {
        // 1 head, head_dim 4, 1 column: rows (0,1,2,3) = pairs (0,1),(2,3) → halves [0,2 | 1,3]
        float[] w = {10, 11, 12, 13};
        assertThat(permute(w, 1, 4, 1)).containsExactly(10, 12, 11, 13);
        // 2 heads of head_dim 4: each head permuted on its own
        float[] w2 = {0, 1, 2, 3, 4, 5, 6, 7};
        assertThat(permute(w2, 2, 8, 1)).containsExactly(0, 2, 1, 3, 4, 6, 5, 7);
    }

    private static float[] permute(float[] w, int heads, int rows, int cols) {
        try {
            var method = Llama2cCheckpoint.class.getDeclaredMethod("permuteForRotateHalf", float[].class, int.class, int.class, int.class);
            method.setAccessible(true);
            return (float[]) method.invoke(null, w, heads, rows, cols);
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void llama2cLoaderRejectsGarbageWithTheFileName() throws IOException {
        Path bad = dir.resolve("bad.bin");
        ByteBuffer b = ByteBuffer.allocate(28 + 16).order(ByteOrder.LITTLE_ENDIAN);
        for (int v : new int[] {64, 172, 5, 8, 4, 512, 512}) b.putInt(v);
        Files.write(bad, b.array());
        try (NDManager m = NDManager.newBaseManager()) {
            assertThatThrownBy(() -> Llama2cCheckpoint.load(bad, m)).hasMessageContaining("bad.bin").hasMessageContaining("truncated");
        }
    }

    @Test
    void llama2cConvertsToHfDirectoryThatLoadsBack() {
        Llama2cCheckpoint.convertToHf(io.rlhf4j.core.testing.SharedFiles.resolve("models/stories260K/stories260K.bin"), dir);
        try (NDManager m = NDManager.newBaseManager()) {
            CausalLm hf = io.rlhf4j.model.io.ModelIO.load(dir, m);
            CausalLm orig = Stories260K.load(m);
            NDArray ids = TinyModels.ids(m, new long[][] {{1, 403, 407}});
            assertThat(maxAbsDiff(hf.forward(ids, null), orig.forward(ids, null))).isZero();
            assertThat(hf.config()).isEqualTo(orig.config());
        }
    }
}
