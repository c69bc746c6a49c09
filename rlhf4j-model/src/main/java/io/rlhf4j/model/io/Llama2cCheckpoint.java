package io.rlhf4j.model.io;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.rlhf4j.model.LlamaConfig;
import io.rlhf4j.model.llama.LlamaModel;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads llama2.c's legacy {@code .bin} checkpoints (7 int32 header, then float32 tensors stacked
 * per kind over layers) into a {@link LlamaModel} with Hugging Face names and conventions.
 *
 * <p>llama2.c rotates interleaved pairs (0,1), (2,3), ... of each head; HF's rotate_half pairs
 * (i, i + d/2). As in HF's convert_llama_weights_to_hf.py we permute the rows of wq and wk per head
 * (view [heads, d/2, 2, dim] → swap axes 1 and 2) so the HF-convention model computes the same
 * attention scores (q·k is invariant under applying the same row permutation to q and k).
 */
public final class Llama2cCheckpoint {
    private Llama2cCheckpoint() {}

    /** Converts a llama2.c checkpoint into a Hugging Face directory (config.json + model.safetensors). */
    public static void convertToHf(Path binFile, Path outDir) {
        try (NDManager m = NDManager.newBaseManager(); LlamaModel model = load(binFile, m)) {
            ModelIO.save(model, outDir);
        }
    }

    /** Checks the header and the file's size without reading the weights: a broken checkpoint fails at once. */
    public static LlamaConfig check(Path file) {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            if (ch.size() < 28) throw new IllegalArgumentException(file + ": not a llama2.c checkpoint (" + ch.size() + " bytes)");
            MappedByteBuffer buf = ch.map(FileChannel.MapMode.READ_ONLY, 0, 28);
            buf.order(ByteOrder.LITTLE_ENDIAN);
            return header(file, buf, ch.size());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read llama2.c checkpoint " + file + ": " + e.getMessage(), e);
        }
    }

    /** The config in the 7-int header at the buffer's position, checked against the file size. */
    private static LlamaConfig header(Path file, java.nio.ByteBuffer buf, long fileSize) {
        int dim = buf.getInt(), hidden = buf.getInt(), layers = buf.getInt(), heads = buf.getInt();
        int kvHeads = buf.getInt(), vocabSigned = buf.getInt(), seqLen = buf.getInt();
        boolean tied = vocabSigned > 0;
        int vocab = Math.abs(vocabSigned);
        if (dim <= 0 || hidden <= 0 || layers <= 0 || heads <= 0 || kvHeads <= 0 || vocab == 0 || seqLen <= 0
                || dim % heads != 0 || heads % kvHeads != 0) {
            throw new IllegalArgumentException(file + ": not a llama2.c checkpoint (header " + dim + "," + hidden
                    + "," + layers + "," + heads + "," + kvHeads + "," + vocabSigned + "," + seqLen + ")");
        }
        LlamaConfig config = LlamaConfig.llama(vocab, dim, hidden, layers, heads, kvHeads, seqLen, tied);
        int headDim = dim / heads, kvDim = kvHeads * headDim;
        long expectedFloats = (long) vocab * dim
                + (long) layers * (2L * dim + (long) dim * dim * 2 + 2L * kvDim * dim + 3L * hidden * dim)
                + dim + (long) seqLen * headDim + (tied ? 0 : (long) vocab * dim);
        if ((fileSize - 28) / 4 < expectedFloats) {
            throw new IllegalArgumentException(file + ": truncated: " + fileSize + " bytes, header implies at least "
                    + (28 + 4 * expectedFloats));
        }
        return config;
    }

    public static LlamaModel load(Path file, NDManager parent) {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            if (ch.size() < 28) throw new IllegalArgumentException(file + ": not a llama2.c checkpoint (" + ch.size() + " bytes)");
            MappedByteBuffer buf = ch.map(FileChannel.MapMode.READ_ONLY, 0, ch.size());
            buf.order(ByteOrder.LITTLE_ENDIAN);
            LlamaConfig config = header(file, buf, ch.size());
            int dim = config.hiddenSize(), hidden = config.intermediateSize(), layers = config.numLayers();
            int heads = config.numHeads(), kvHeads = config.numKvHeads(), vocab = config.vocabSize();
            int seqLen = config.maxPositions(), headDim = config.headDim(), kvDim = config.kvDim();
            boolean tied = config.tieWordEmbeddings();
            FloatBuffer f = buf.slice(28, (int) (ch.size() - 28)).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer();

            float[] embed = take(f, vocab * dim);
            float[][] attnNorm = stack(f, layers, dim), wq = stack(f, layers, dim * dim),
                    wk = stack(f, layers, kvDim * dim), wv = stack(f, layers, kvDim * dim),
                    wo = stack(f, layers, dim * dim), ffnNorm = stack(f, layers, dim),
                    w1 = stack(f, layers, hidden * dim), w2 = stack(f, layers, dim * hidden),
                    w3 = stack(f, layers, hidden * dim);
            float[] finalNorm = take(f, dim);
            f.position(f.position() + seqLen * headDim); // legacy freq_cis_real and _imag, unused
            float[] classifier = tied ? null : take(f, vocab * dim);

            try (NDManager tmp = parent.newSubManager()) {
                Map<String, NDArray> p = new LinkedHashMap<>();
                p.put("model.embed_tokens.weight", tmp.create(embed, new Shape(vocab, dim)));
                for (int l = 0; l < layers; l++) {
                    String pre = "model.layers." + l + ".";
                    p.put(pre + "self_attn.q_proj.weight", tmp.create(permuteForRotateHalf(wq[l], heads, dim, dim), new Shape(dim, dim)));
                    p.put(pre + "self_attn.k_proj.weight", tmp.create(permuteForRotateHalf(wk[l], kvHeads, kvDim, dim), new Shape(kvDim, dim)));
                    p.put(pre + "self_attn.v_proj.weight", tmp.create(wv[l], new Shape(kvDim, dim)));
                    p.put(pre + "self_attn.o_proj.weight", tmp.create(wo[l], new Shape(dim, dim)));
                    p.put(pre + "mlp.gate_proj.weight", tmp.create(w1[l], new Shape(hidden, dim)));
                    p.put(pre + "mlp.up_proj.weight", tmp.create(w3[l], new Shape(hidden, dim)));
                    p.put(pre + "mlp.down_proj.weight", tmp.create(w2[l], new Shape(dim, hidden)));
                    p.put(pre + "input_layernorm.weight", tmp.create(attnNorm[l], new Shape(dim)));
                    p.put(pre + "post_attention_layernorm.weight", tmp.create(ffnNorm[l], new Shape(dim)));
                }
                p.put("model.norm.weight", tmp.create(finalNorm, new Shape(dim)));
                if (!tied) p.put("lm_head.weight", tmp.create(classifier, new Shape(vocab, dim)));
                return new LlamaModel(config, p, parent); // re-attaches the arrays to the model's manager
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read llama2.c checkpoint " + file, e);
        }
    }

    /**
     * Row permutation of HF's conversion script, {@code w.view(heads, rows/heads/2, 2, cols)
     * .transpose(1, 2).reshape(rows, cols)}: row h*hd + 2i + j moves to h*hd + j*hd/2 + i.
     */
    static float[] permuteForRotateHalf(float[] w, int heads, int rows, int cols) {
        int hd = rows / heads, half = hd / 2;
        float[] out = new float[w.length];
        for (int h = 0; h < heads; h++) {
            for (int i = 0; i < half; i++) {
                for (int j = 0; j < 2; j++) {
                    int src = h * hd + 2 * i + j, dst = h * hd + j * half + i;
                    System.arraycopy(w, src * cols, out, dst * cols, cols);
                }
            }
        }
        return out;
    }

    private static float[] take(FloatBuffer f, int n) {
        float[] a = new float[n];
        f.get(a);
        return a;
    }

    private static float[][] stack(FloatBuffer f, int layers, int n) {
        float[][] a = new float[layers][];
        for (int l = 0; l < layers; l++) a[l] = take(f, n);
        return a;
    }
}
