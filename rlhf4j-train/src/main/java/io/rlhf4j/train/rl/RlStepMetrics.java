package io.rlhf4j.train.rl;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.List;

/**
 * One RL step as written to {@code rl_log.jsonl}, the same fields for every algorithm (critic
 * fields are absent without a critic). KL is the mean over samples of Σ_t (log π − log π_ref),
 * in nats per sequence, with its standard error over the step's samples; entropy is per token.
 * Times are wall-clock milliseconds.
 *
 * @param reward    mean score after the missing-EOS penalty (what the optimiser maximises, before KL)
 * @param rawScore  mean reward-function score as returned
 * @param ptxLoss   PPO-ptx's SFT loss on demonstrations, averaged over the step's minibatches (absent without ptx)
 * @param validationScore the {@link PolicyValidator}'s score of the policy after this step (absent when not validated)
 * @param warnings  health warnings raised at this step ("CHECK: message")
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RlStepMetrics(
        String algorithm,
        long step,
        @JsonProperty("max_steps") long maxSteps,
        double reward,
        @JsonProperty("reward_std") double rewardStd,
        @JsonProperty("raw_score") double rawScore,
        double kl,
        @JsonProperty("kl_stderr") double klStdErr,
        @JsonProperty("kl_coef") double klCoef,
        double entropy,
        @JsonProperty("clip_fraction") double clipFraction,
        @JsonProperty("approx_kl") double approxKl,
        double loss,
        @JsonProperty("policy_loss") double policyLoss,
        @JsonProperty("value_loss") Double valueLoss,
        @JsonProperty("kl_penalty") double klPenalty,
        @JsonProperty("ptx_loss") Double ptxLoss,
        @JsonProperty("explained_variance") Double explainedVariance,
        @JsonProperty("grad_norm") double gradNorm,
        @JsonProperty("response_length") double responseLength,
        @JsonProperty("no_eos_fraction") double noEosFraction,
        @JsonProperty("repeat_fraction") double repeatFraction,
        @JsonProperty("generation_ms") double generationMs,
        @JsonProperty("scoring_ms") double scoringMs,
        @JsonProperty("training_ms") double trainingMs,
        @JsonProperty("step_ms") double stepMs,
        @JsonProperty("validation_score") Double validationScore,
        List<String> warnings) {

    public RlStepMetrics withWarnings(List<String> w) {
        return new RlStepMetrics(algorithm, step, maxSteps, reward, rewardStd, rawScore, kl, klStdErr, klCoef, entropy, clipFraction,
                approxKl, loss, policyLoss, valueLoss, klPenalty, ptxLoss, explainedVariance, gradNorm, responseLength,
                noEosFraction, repeatFraction, generationMs, scoringMs, trainingMs, stepMs, validationScore, List.copyOf(w));
    }
}
