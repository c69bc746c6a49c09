package io.rlhf4j.cli;

import io.rlhf4j.train.rl.KlConfig;
import io.rlhf4j.train.rl.OptimConfig;
import io.rlhf4j.train.rl.RlJob;
import io.rlhf4j.train.rl.RlListener;
import io.rlhf4j.train.rl.RlResult;
import io.rlhf4j.train.rl.RlRunConfig;
import io.rlhf4j.train.rl.RlStepMetrics;
import io.rlhf4j.train.rl.health.HealthAction;
import io.rlhf4j.train.rl.health.HealthConfig;
import io.rlhf4j.train.rl.health.HealthWarning;
import io.rlhf4j.train.rl.rollout.RolloutConfig;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.List;

/** The options {@code train ppo} and {@code train grpo} share, and the run they start. */
final class RlOptions {
    @Option(names = "--policy", required = true, description = "Policy to train: a Hugging Face model directory (e.g. the SFT output) or a llama2.c .bin.")
    Path policy;

    @Option(names = "--reward", required = true, description = "Reward model directory written by `train reward`.")
    Path reward;

    @Option(names = "--prompts", required = true, description = "Prompts: JSONL with \"prompt\" (text) or \"prompt_ids\", "
            + "or a text file with one prompt per line.")
    Path prompts;

    @Option(names = "--out", required = true, description = "Output directory (HF layout, rl_log.jsonl, rl_run.json, "
            + "lineage.json, checkpoints/). Re-running with the same --out resumes.")
    Path out;

    @Option(names = "--template", defaultValue = "auto", description = "How text prompts are encoded: a chat template "
            + "(auto, chatml, role, plain: the one the reward model was trained with), whose end-of-turn ends a response, "
            + "or none (BOS + the text). Default: ${DEFAULT-VALUE}.")
    String template;

    @Option(names = "--steps", defaultValue = "100", description = "Rollout + update rounds. Default: ${DEFAULT-VALUE}.")
    long steps;

    @Option(names = "--prompts-per-step", defaultValue = "16", description = "Default: ${DEFAULT-VALUE}.")
    int promptsPerStep;

    @Option(names = "--max-new-tokens", defaultValue = "64", description = "Default: ${DEFAULT-VALUE}.")
    int maxNewTokens;

    @Option(names = "--temperature", defaultValue = "1.0", description = "Sampling temperature (1 keeps samples on-policy). "
            + "Default: ${DEFAULT-VALUE}.")
    double temperature;

    @Option(names = "--missing-eos-penalty", defaultValue = "1.0", description = "Subtracted from the reward of responses "
            + "that never reach EOS. Default: ${DEFAULT-VALUE}.")
    double missingEosPenalty;

    @Option(names = "--lr", defaultValue = "1e-5", description = "Default: ${DEFAULT-VALUE}.")
    double lr;

    @Option(names = "--epochs", defaultValue = "2", description = "Passes over each rollout. Default: ${DEFAULT-VALUE}.")
    int epochs;

    @Option(names = "--minibatch-size", defaultValue = "8", description = "Default: ${DEFAULT-VALUE}.")
    int minibatchSize;

    @Option(names = "--kl-coef", defaultValue = "0.2", description = "KL penalty β (its start, with --kl-target). "
            + "Scale it with the reward model's score spread. Default: ${DEFAULT-VALUE}.")
    double klCoef;

    @Option(names = "--kl-target", defaultValue = "0", description = "Adapt β towards this KL (nats per response); "
            + "0 keeps β fixed. Default: ${DEFAULT-VALUE}.")
    double klTarget;

    @Option(names = "--max-kl", defaultValue = "20", description = "Health check: warn when KL to the reference exceeds "
            + "this (nats per response). Default: ${DEFAULT-VALUE}.")
    double maxKl;

    @Option(names = "--on-unhealthy", defaultValue = "warn", description = "What a health check does: warn, stop or "
            + "rollback (to the last healthy checkpoint). Default: ${DEFAULT-VALUE}.")
    String onUnhealthy;

    @Option(names = "--checkpoint-every", defaultValue = "10", description = "Default: ${DEFAULT-VALUE}.")
    int checkpointEvery;

    @Option(names = "--seed", defaultValue = "42", description = "Default: ${DEFAULT-VALUE}.")
    long seed;

    RlRunConfig run(int samplesPerPrompt) {
        HealthAction action = switch (onUnhealthy.toLowerCase(java.util.Locale.ROOT)) {
            case "warn" -> HealthAction.WARN;
            case "stop" -> HealthAction.STOP;
            case "rollback" -> HealthAction.ROLLBACK;
            default -> throw new IllegalArgumentException("--on-unhealthy must be warn, stop or rollback, got '" + onUnhealthy + "'");
        };
        return new RlRunConfig(steps, seed, new RolloutConfig(promptsPerStep, samplesPerPrompt, maxNewTokens, temperature,
                missingEosPenalty), OptimConfig.of(lr, epochs, minibatchSize),
                klTarget > 0 ? KlConfig.adaptive(klCoef, klTarget, 10000) : KlConfig.fixed(klCoef),
                checkpointEvery, 2, 0, HealthConfig.defaults().withMaxKl(maxKl).withActionForAll(action));
    }

    /** Runs the job, printing one line per step and the health warnings to stderr. */
    int execute(RlJob.Algorithm algorithm, int samplesPerPrompt) throws Exception {
        RlJob job = new RlJob(algorithm, policy, reward, prompts, out, run(samplesPerPrompt), template);
        RlListener printer = new RlListener() {
            @Override public void onStart(long startStep) {
                if (startStep > 0) System.err.println("resumed from step " + startStep);
            }

            @Override public void onStep(RlStepMetrics m) {
                System.err.printf("%s step %d/%d  reward %.4f  kl %.3f (β %.3f)  entropy %.3f  length %.1f  %.0f ms "
                                + "(generate %.0f, score %.0f, train %.0f)%n", m.algorithm(), m.step(), m.maxSteps(), m.reward(),
                        m.kl(), m.klCoef(), m.entropy(), m.responseLength(), m.stepMs(), m.generationMs(), m.scoringMs(),
                        m.trainingMs());
            }

            @Override public void onWarning(HealthWarning w) {
                System.err.println("health: " + w);
            }

            @Override public void onRollback(long toStep) {
                System.err.println("rolled back to the checkpoint of step " + toStep);
            }
        };
        RlJob.Outcome outcome = job.run(List.of(printer));
        RlResult r = outcome.result();
        System.out.printf("%s: %d steps (%s) on %d prompts, %d health warning(s)%s -> %s%n", algorithm.name().toLowerCase(),
                r.steps(), r.resumedFromStep() > 0 ? "resumed from " + r.resumedFromStep() : "fresh", outcome.prompts(),
                r.warnings().size(), r.stoppedByHealthCheck() ? ", STOPPED by a health check" : "", outcome.modelDir());
        return r.stoppedByHealthCheck() ? 3 : 0;
    }
}
