package io.rlhf4j.train.rl.rollout;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;

import java.util.List;

/**
 * Prompt + response rows as one tensor batch: prompts left-padded to width P, responses
 * right-padded to width R, so response token j of every row sits at column P + j. The model counts
 * positions over real tokens and attends only to real keys, so padding on either side leaves the
 * real tokens' outputs unchanged; right padding also never sits before a real token causally.
 *
 * <p>Log-probs from a forward pass are [n, P+R-1] (entry c scores column c+1); the response part
 * is columns P-1 .. P+R-2, which {@link #responsePart} cuts out. Values [n, P+R] use the same cut:
 * the value of the state before response token j is read at column P-1+j.
 */
public final class ResponseBatch {
    private final NDArray ids;
    private final NDArray attentionMask;
    private final NDArray responseMask;
    private final NDArray responseIds;
    private final int promptWidth;
    private final int responseWidth;
    private final int[] lengths;

    private ResponseBatch(NDArray ids, NDArray attentionMask, NDArray responseMask, NDArray responseIds,
                          int promptWidth, int responseWidth, int[] lengths) {
        this.ids = ids;
        this.attentionMask = attentionMask;
        this.responseMask = responseMask;
        this.responseIds = responseIds;
        this.promptWidth = promptWidth;
        this.responseWidth = responseWidth;
        this.lengths = lengths;
    }

    /** Rows {@code rows} of (prompts, responses); arrays live in {@code manager}. */
    public static ResponseBatch of(List<int[]> prompts, List<int[]> responses, int[] rows, int padId, NDManager manager) {
        int n = rows.length;
        int p = 0, r = 1;
        for (int row : rows) {
            p = Math.max(p, prompts.get(row).length);
            r = Math.max(r, responses.get(row).length);
        }
        int width = p + r;
        long[] ids = new long[n * width];
        long[] mask = new long[n * width];
        long[] respIds = new long[n * r];
        float[] respMask = new float[n * r];
        int[] lengths = new int[n];
        java.util.Arrays.fill(ids, padId);
        for (int b = 0; b < n; b++) {
            int[] prompt = prompts.get(rows[b]);
            int[] resp = responses.get(rows[b]);
            int base = b * width;
            for (int i = 0; i < prompt.length; i++) {
                ids[base + p - prompt.length + i] = prompt[i];
                mask[base + p - prompt.length + i] = 1;
            }
            for (int j = 0; j < resp.length; j++) {
                ids[base + p + j] = resp[j];
                mask[base + p + j] = 1;
                respIds[b * r + j] = resp[j];
                respMask[b * r + j] = 1;
            }
            lengths[b] = resp.length;
        }
        return new ResponseBatch(manager.create(ids, new Shape(n, width)), manager.create(mask, new Shape(n, width)),
                manager.create(respMask, new Shape(n, r)), manager.create(respIds, new Shape(n, r)), p, r, lengths);
    }

    public NDArray ids() { return ids; }

    public NDArray attentionMask() { return attentionMask; }

    /** [n, R] float32: 1 on real response tokens. */
    public NDArray responseMask() { return responseMask; }

    /** [n, R] int64 response tokens (padding where the mask is 0). */
    public NDArray responseIds() { return responseIds; }

    public int promptWidth() { return promptWidth; }

    public int responseWidth() { return responseWidth; }

    public int rows() { return lengths.length; }

    public int length(int row) { return lengths[row]; }

    /** The R columns of a per-position array ([n, ≥ P+R-1, ...]) that belong to response tokens. */
    public NDArray responsePart(NDArray perPosition) {
        return perPosition.get(":, " + (promptWidth - 1) + ":" + (promptWidth - 1 + responseWidth));
    }

    /** A [n, R] array from JVM rows (row b padded with zeros past its length). */
    public NDArray pack(float[][] perRow, int[] rows, NDManager manager) {
        float[] flat = new float[rows.length * responseWidth];
        for (int b = 0; b < rows.length; b++) {
            float[] src = perRow[rows[b]];
            System.arraycopy(src, 0, flat, b * responseWidth, src.length);
        }
        return manager.create(flat, new Shape(rows.length, responseWidth));
    }

    /** A [n, 1] array of per-row scalars. */
    public static NDArray column(double[] perRow, int[] rows, NDManager manager) {
        float[] flat = new float[rows.length];
        for (int b = 0; b < rows.length; b++) flat[b] = (float) perRow[rows[b]];
        return manager.create(flat, new Shape(rows.length, 1));
    }

    /** [n, R] back to JVM rows, each cut to its response length. */
    public float[][] unpack(NDArray nr) {
        float[] flat = nr.toType(DataType.FLOAT32, false).toFloatArray();
        float[][] out = new float[lengths.length][];
        for (int b = 0; b < lengths.length; b++) {
            out[b] = java.util.Arrays.copyOfRange(flat, b * responseWidth, b * responseWidth + lengths[b]);
        }
        return out;
    }
}
