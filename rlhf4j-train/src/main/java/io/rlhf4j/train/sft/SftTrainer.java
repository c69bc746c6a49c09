package io.rlhf4j.train.sft;

import ai.djl.ndarray.NDArray;
import io.rlhf4j.train.TrainResult;
import io.rlhf4j.train.TrainingListener;
import io.rlhf4j.train.TrainingLoop;
import io.rlhf4j.train.checkpoint.CheckpointStore;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Supervised fine-tuning of a causal LM (TRL's SFTTrainer): next-token cross entropy on the
 * loss-masked tokens of right-padded batches, run by the generic {@link TrainingLoop}.
 */
public final class SftTrainer {
    private final SftConfig config;
    private final Map<String, NDArray> parameters;
    private final CausalLmForward model;
    private final int padId;
    private final List<TrainingListener> listeners = new ArrayList<>();
    private TrainingLoop<TokenizedExample> running;

    /**
     * @param parameters the model's trainable arrays by name (updated in place)
     * @param padId      id to pad batches with; never a target, so any valid id works
     */
    public SftTrainer(SftConfig config, Map<String, NDArray> parameters, CausalLmForward model, int padId) {
        this.config = config;
        this.parameters = parameters;
        this.model = model;
        this.padId = padId;
    }

    public SftTrainer addListener(TrainingListener listener) {
        listeners.add(listener);
        return this;
    }

    /**
     * Trains, resuming from {@code checkpoints}' latest checkpoint when it has one. Examples with no
     * target token inside {@code maxLength} (e.g. a prompt longer than the limit) are dropped first.
     *
     * @param checkpoints null for a run without checkpoints
     */
    public TrainResult train(List<TokenizedExample> trainSet, List<TokenizedExample> evalSet, CheckpointStore checkpoints) {
        List<TokenizedExample> train = prepare(trainSet);
        if (train.isEmpty()) throw new IllegalArgumentException("no training example has a target token within maxLength "
                + config.maxLength());
        List<TokenizedExample> eval = prepare(evalSet);
        TrainingLoop<TokenizedExample> loop = new TrainingLoop<>(config.toTrainConfig(train.size()), parameters,
                new SftLoss(model, config.maxLength(), padId), train, eval, checkpoints);
        listeners.forEach(loop::addListener);
        running = loop;
        try {
            return loop.run();
        } finally {
            running = null;
        }
    }

    /** Stops a running {@link #train} after its current step (it checkpoints first). */
    public void requestStop() {
        TrainingLoop<TokenizedExample> loop = running;
        if (loop != null) loop.requestStop();
    }

    /** Applies the loss-mask policy and drops examples left with nothing to learn. */
    List<TokenizedExample> prepare(List<TokenizedExample> examples) {
        List<TokenizedExample> out = new ArrayList<>(examples.size());
        for (TokenizedExample e : examples) {
            TokenizedExample x = config.assistantOnlyLoss() ? e : TokenizedExample.plain(e.ids());
            if (x.targetCount(config.maxLength()) > 0) out.add(x);
        }
        return out;
    }
}
