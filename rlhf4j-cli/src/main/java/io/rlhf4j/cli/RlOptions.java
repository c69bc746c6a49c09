package io.rlhf4j.cli;

import io.rlhf4j.train.rl.CheckpointSelector;
import io.rlhf4j.train.rl.KlConfig;
import io.rlhf4j.train.rl.OptimConfig;
import io.rlhf4j.train.rl.RlJob;
import io.rlhf4j.train.rl.RlListener;
import io.rlhf4j.train.rl.RlResult;
import io.rlhf4j.train.rl.RlRunConfig;
import io.rlhf4j.train.rl.RlStepMetrics;
import io.rlhf4j.train.rl.health.HealthAction;
import io.rlhf4j.train.rl.health.HealthCheck;
import io.rlhf4j.train.rl.health.HealthConfig;
import io.rlhf4j.train.rl.health.HealthWarning;
import io.rlhf4j.train.rl.rollout.RolloutConfig;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * The options {@code train ppo} and {@code train grpo} share, and the run they start. Defaults come
 * from {@link RlRunConfig#defaults()} (the field initialisers), so the help shows what the trainer uses.
 */
final class RlOptions {
    private static final RlRunConfig DEFAULTS = RlRunConfig.defaults();

    @Option(names = "--policy", required = true, description = "Policy to train (Hugging Face model directory, e.g. the SFT output).")
    Path policy;

    @Option(names = "--reference", description = "The frozen reference the KL penalty anchors to: the SFT policy. Default: "
            + "the reference recorded in the policy's rl_run.json when it came out of an earlier RL run, else --policy.")
    Path reference;

    @Option(names = "--reward", required = true, description = "Reward model directory written by `train reward` "
            + "(a single model, or an ensemble written with --ensemble-size).")
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

    @Option(names = "--steps", description = "Rollout + update rounds. Default: ${DEFAULT-VALUE}.")
    long steps = DEFAULTS.steps();

    @Option(names = "--prompts-per-step", description = "Default: ${DEFAULT-VALUE}.")
    int promptsPerStep = DEFAULTS.rollout().promptsPerStep();

    @Option(names = "--max-new-tokens", description = "Default: ${DEFAULT-VALUE}.")
    int maxNewTokens = DEFAULTS.rollout().maxNewTokens();

    @Option(names = "--temperature", description = "Sampling temperature (1 keeps samples on-policy). Default: ${DEFAULT-VALUE}.")
    double temperature = DEFAULTS.rollout().temperature();

    @Option(names = "--missing-eos-penalty", description = "Subtracted from the (normalised) reward of responses that never "
            + "reach EOS. Default: ${DEFAULT-VALUE}.")
    double missingEosPenalty = DEFAULTS.rollout().missingEosPenalty();

    @Option(names = "--lr", description = "Default: ${DEFAULT-VALUE}.")
    double lr = DEFAULTS.optim().learningRate();

    @Option(names = "--epochs", description = "Passes over each rollout. Default: ${DEFAULT-VALUE}.")
    int epochs = DEFAULTS.optim().epochs();

    @Option(names = "--minibatch-size", description = "Default: ${DEFAULT-VALUE}.")
    int minibatchSize = DEFAULTS.optim().minibatchSize();

    @Option(names = "--kl-coef", description = "KL penalty β (its start, with --kl-target), in reference-reward standard "
            + "deviations per nat when rewards are normalised. Default: ${DEFAULT-VALUE}.")
    double klCoef = DEFAULTS.kl().initCoef();

    @Option(names = "--kl-target", description = "Adapt β towards this KL (nats per response; Ziegler et al.); "
            + "0 keeps β fixed. Default: ${DEFAULT-VALUE}.")
    double klTarget = DEFAULTS.kl().target();

    @Option(names = "--kl-horizon", description = "Samples over which the adaptive β moves by up to 20%%. "
            + "Default: ${DEFAULT-VALUE}.")
    double klHorizon = DEFAULTS.kl().horizon();

    @Option(names = "--reward-norm-samples", description = "Reference-policy samples the reward's mean and std are measured "
            + "on before training; every reward becomes (r - mean) / std. 0: raw rewards. Default: ${DEFAULT-VALUE}.")
    int rewardNormSamples = DEFAULTS.rewardNormSamples();

    @Option(names = "--reward-clip", description = "Clip every (normalised) reward to +-this; 0: no clipping. "
            + "Default: ${DEFAULT-VALUE}.")
    double rewardClip = DEFAULTS.rewardClip();

    @Option(names = "--validation-pairs", paramLabel = "FILE", description = "Held-out human preference pairs (not used to "
            + "train the reward model): the policy is validated every --validate-every steps by how often its implicit reward "
            + "margin agrees with the human label; the run keeps the best policy, rolls back to it on reward hacking and ends with it.")
    Path validationPairs;

    @Option(names = "--validation-format", defaultValue = "rlhf4j", description = "Format of --validation-pairs: hh-rlhf, "
            + "trl or rlhf4j. Default: ${DEFAULT-VALUE}.")
    String validationFormat;

    @Option(names = "--validate-every", description = "Validate (and keep the best policy) every so many steps. "
            + "Default: ${DEFAULT-VALUE}.")
    int validateEvery = DEFAULTS.validateEvery();

    @Option(names = "--select", description = "The policy the run ends with: best (validated) or last. Default: ${DEFAULT-VALUE}.")
    String select = DEFAULTS.selection() == CheckpointSelector.Selection.BEST_VALIDATION ? "best" : "last";

    @Option(names = "--max-kl", description = "Health check: warn when KL to the reference exceeds this (nats per response). "
            + "Default: ${DEFAULT-VALUE}.")
    double maxKl = DEFAULTS.health().maxKl();

    @Option(names = "--on-unhealthy", defaultValue = "warn", description = "What a health check does: warn, stop or "
            + "rollback (to the best validated policy, else the last healthy checkpoint). Default: ${DEFAULT-VALUE}.")
    String onUnhealthy;

    @Option(names = "--on-reward-hacking", description = "What REWARD_HACKING (proxy reward up while validation falls) does: "
            + "warn, stop or rollback. Default: ${DEFAULT-VALUE}.")
    String onRewardHacking = DEFAULTS.health().actionFor(HealthCheck.REWARD_HACKING).name().toLowerCase(Locale.ROOT);

    @Option(names = "--checkpoint-every", description = "Default: ${DEFAULT-VALUE}.")
    int checkpointEvery = DEFAULTS.checkpointEvery();

    @Option(names = "--seed", description = "Default: ${DEFAULT-VALUE}.")
    long seed = DEFAULTS.seed();

    RlRunConfig run(int samplesPerPrompt) {
        HealthConfig health = HealthConfig.builder().maxKl(maxKl).actionForAll(action("--on-unhealthy", onUnhealthy))
                .action(HealthCheck.REWARD_HACKING, action("--on-reward-hacking", onRewardHacking)).build();
        CheckpointSelector.Selection selection = switch (select.toLowerCase(Locale.ROOT)) {
            case "best" -> CheckpointSelector.Selection.BEST_VALIDATION;
            case "last" -> CheckpointSelector.Selection.LAST;
            default -> throw new IllegalArgumentException("--select must be best or last, got '" + select + "'");
        };
        return DEFAULTS.toBuilder().steps(steps).seed(seed)
                .rollout(RolloutConfig.builder().promptsPerStep(promptsPerStep).samplesPerPrompt(samplesPerPrompt)
                        .maxNewTokens(maxNewTokens).temperature(temperature).missingEosPenalty(missingEosPenalty).build())
                .optim(OptimConfig.builder().learningRate(lr).epochs(epochs).minibatchSize(minibatchSize).build())
                .kl(KlConfig.builder().initCoef(klCoef).target(klTarget).horizon(klHorizon).build())
                .checkpointEvery(checkpointEvery).validateEvery(validateEvery).selection(selection)
                .rewardNormSamples(rewardNormSamples).rewardClip(rewardClip).health(health).build();
    }

    private static HealthAction action(String option, String value) {
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "warn" -> HealthAction.WARN;
            case "stop" -> HealthAction.STOP;
            case "rollback" -> HealthAction.ROLLBACK;
            default -> throw new IllegalArgumentException(option + " must be warn, stop or rollback, got '" + value + "'");
        };
    }

    /** The job these options describe ({@code train ppo} adds PPO-ptx to it). */
    RlJob job(RlJob.Algorithm algorithm, int samplesPerPrompt) {
        RlJob job = new RlJob(algorithm, policy, reward, prompts, out, run(samplesPerPrompt), template).withReference(reference);
        return validationPairs == null ? job : job.withValidationPairs(validationPairs, validationFormat);
    }

    /** Runs the job, printing one line per step, the health warnings and the chosen checkpoint to stderr. */
    int execute(RlJob job, RlJob.Algorithm algorithm) throws Exception {
        RlListener printer = new RlListener() {
            @Override public void onStart(long startStep) {
                if (startStep > 0) System.err.println("resumed from step " + startStep);
            }

            @Override public void onStep(RlStepMetrics m) {
                System.err.printf("%s step %d/%d  reward %.4f (raw %.4f)  kl %.3f (β %.3f)  entropy %.3f  length %.1f%s  %.0f ms "
                                + "(generate %.0f, score %.0f, train %.0f)%n", m.algorithm(), m.step(), m.maxSteps(), m.reward(),
                        m.rawScore(), m.kl(), m.klCoef(), m.entropy(), m.responseLength(),
                        m.validationScore() == null ? "" : String.format("  validation %.4f", m.validationScore()),
                        m.stepMs(), m.generationMs(), m.scoringMs(), m.trainingMs());
            }

            @Override public void onWarning(HealthWarning w) {
                System.err.println("health: " + w);
            }

            @Override public void onRollback(long toStep) {
                System.err.println("rolled back to the policy of step " + toStep);
            }
        };
        RlJob.Outcome outcome = job.run(List.of(printer));
        RlResult r = outcome.result();
        if (r.rewardNormalizer().normalizes()) {
            System.err.printf("rewards normalised by the reference's mean %.4f and std %.4f (%d samples)%s%n",
                    r.rewardNormalizer().mean(), r.rewardNormalizer().std(), r.rewardNormalizer().samples(),
                    r.rewardNormalizer().clip() > 0 ? String.format(", clipped at ±%.1f", r.rewardNormalizer().clip()) : "");
        }
        if (r.selection() != null) System.err.println("chosen checkpoint: step " + r.selection().step() + ", " + r.selection().reason());
        System.out.printf("%s: %d steps (%s) on %d prompts, %d health warning(s)%s -> %s%n", algorithm.name().toLowerCase(Locale.ROOT),
                r.steps(), r.resumedFromStep() > 0 ? "resumed from " + r.resumedFromStep() : "fresh", outcome.prompts(),
                r.warnings().size(), r.stoppedByHealthCheck() ? ", STOPPED by a health check" : "", outcome.modelDir());
        return r.stoppedByHealthCheck() ? 3 : 0;
    }
}
