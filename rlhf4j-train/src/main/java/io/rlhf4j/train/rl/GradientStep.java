package io.rlhf4j.train.rl;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;
import io.rlhf4j.train.optim.AdamW;
import io.rlhf4j.train.optim.GradientNorm;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * One optimizer step on one minibatch: a single gradient collector around the whole loss (DJL
 * allows one per JVM, so PPO's policy and value losses go into one backward as
 * {@code pg + vf_coef · vf}), global-norm clipping, AdamW (skipped when the gradient is not finite). Everything the step allocates lives in a
 * sub-manager closed before returning.
 */
public final class GradientStep {
    private GradientStep() {}

    /**
     * @param lossAndStats builds, on the given manager, a list of scalars: the loss to minimise
     *                     first, then any statistics to read back (computed in the same graph, read
     *                     in one host transfer)
     * @return the scalars' values followed by the gradient norm before clipping
     */
    public static double[] apply(Map<String, NDArray> parameters, AdamW optimizer, OptimConfig config, NDManager parent,
                                 Function<NDManager, NDList> lossAndStats) {
        try (NDManager step = parent.newSubManager()) {
            float[] scalars;
            try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                NDList out = lossAndStats.apply(step);
                collector.backward(out.get(0));
                NDArray stacked = NDArrays.stack(new NDList(out.stream().map(a -> a.reshape(1)).toList())).stopGradient();
                stacked.attach(step);
                scalars = stacked.toType(ai.djl.ndarray.types.DataType.FLOAT32, false).toFloatArray();
            }
            Map<String, NDArray> grads = new LinkedHashMap<>();
            for (Map.Entry<String, NDArray> e : parameters.entrySet()) {
                NDArray g = e.getValue().getGradient();
                g.attach(step); // a new handle on the parameter's manager: free it with the step
                grads.put(e.getKey(), g);
            }
            double norm = GradientNorm.of(grads.values(), step);
            // A non-finite gradient is not applied (as a mixed-precision grad scaler skips the step): one
            // overflowing minibatch would otherwise turn every weight NaN. The NaN norm is still returned,
            // so the run's NON_FINITE health check reports the step.
            if (Double.isFinite(norm)) {
                optimizer.step(parameters, grads, config.learningRate(), GradientNorm.clipFactor(norm, config.maxGradNorm()));
            } else {
                // the optimizer's kernel zeroes stored gradients; without it they would carry the NaN into the next step
                grads.values().forEach(g -> g.set(new ai.djl.ndarray.index.NDIndex("..."), 0));
            }
            double[] result = new double[scalars.length + 1];
            for (int i = 0; i < scalars.length; i++) result[i] = scalars[i];
            result[scalars.length] = norm;
            return result;
        }
    }
}
