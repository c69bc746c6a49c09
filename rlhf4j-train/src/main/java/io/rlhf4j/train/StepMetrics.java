package io.rlhf4j.train;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * One optimizer step as written to {@code training_log.jsonl}. Times are wall-clock milliseconds of
 * this step's phases (the CPU engine runs ops synchronously, so they are real costs, not launches).
 * {@code evalLoss} is present only on steps where evaluation ran.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record StepMetrics(
        long step,
        @JsonProperty("max_steps") long maxSteps,
        double epoch,
        double loss,
        double lr,
        @JsonProperty("grad_norm") double gradNorm,
        @JsonProperty("grad_clip_scale") double gradClipScale,
        long tokens,
        @JsonProperty("tokens_seen") long tokensSeen,
        @JsonProperty("tokens_per_s") double tokensPerSecond,
        @JsonProperty("forward_ms") double forwardMs,
        @JsonProperty("backward_ms") double backwardMs,
        @JsonProperty("optimizer_ms") double optimizerMs,
        @JsonProperty("step_ms") double stepMs,
        @JsonProperty("elapsed_s") double elapsedSeconds,
        @JsonProperty("eval_loss") Double evalLoss) {
}
