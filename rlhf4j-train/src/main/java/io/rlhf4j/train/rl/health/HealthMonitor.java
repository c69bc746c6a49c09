package io.rlhf4j.train.rl.health;

import io.rlhf4j.train.rl.RlStepMetrics;

import java.util.ArrayList;
import java.util.List;

/**
 * Watches the step metrics of an RL run for the usual ways RLHF goes wrong and says which checks
 * fired. Stateless per step except for reward hacking, which compares the held-out score with its
 * best so far (and the proxy reward at that point).
 */
public final class HealthMonitor {
    private final HealthConfig config;
    private double bestHeldOut = Double.NEGATIVE_INFINITY;
    private double proxyAtBest = Double.NaN;
    private double smoothedProxy = Double.NaN;

    public HealthMonitor(HealthConfig config) {
        this.config = config;
    }

    /** Forgets the reward-hacking history (after a rollback the run continues from an earlier policy). */
    public void reset() {
        bestHeldOut = Double.NEGATIVE_INFINITY;
        proxyAtBest = Double.NaN;
        smoothedProxy = Double.NaN;
    }

    public List<HealthWarning> check(RlStepMetrics m) {
        List<HealthWarning> out = new ArrayList<>();
        long step = m.step();
        double[] mustBeFinite = {m.loss(), m.policyLoss(), m.reward(), m.kl(), m.gradNorm(),
                m.valueLoss() == null ? 0 : m.valueLoss()};
        for (double x : mustBeFinite) {
            if (!Double.isFinite(x)) {
                fire(out, step, HealthCheck.NON_FINITE, String.format("loss %s, reward %s, KL %s, grad norm %s",
                        m.loss(), m.reward(), m.kl(), m.gradNorm()));
                break;
            }
        }
        // below the tolerance and more than two standard errors below 0: a few long samples of a policy
        // that has moved give a noisy k1 sum that is negative by chance, which is no fault
        if (m.kl() < -config.negativeKlTolerance() && m.kl() + 2 * m.klStdErr() < 0) {
            fire(out, step, HealthCheck.NEGATIVE_KL, String.format("mean KL estimate %.4f ± %.4f < 0: samples are not drawn from "
                    + "the policy (temperature/top-k?) or the reference is wrong", m.kl(), m.klStdErr()));
        }
        if (m.kl() > config.maxKl()) {
            fire(out, step, HealthCheck.KL_BLOWUP, String.format("KL %.3f nats > bound %.3f", m.kl(), config.maxKl()));
        }
        if (m.entropy() < config.minEntropy()) {
            fire(out, step, HealthCheck.ENTROPY_COLLAPSE, String.format("entropy %.4f nats/token < %.4f", m.entropy(),
                    config.minEntropy()));
        }
        if (m.responseLength() < config.minLength()) {
            fire(out, step, HealthCheck.LENGTH_COLLAPSE, String.format("mean response length %.2f < %.2f",
                    m.responseLength(), config.minLength()));
        }
        if (m.noEosFraction() > config.maxNoEosFraction()) {
            fire(out, step, HealthCheck.LENGTH_RUNAWAY, String.format("%.0f%% of responses hit the token limit without EOS",
                    100 * m.noEosFraction()));
        }
        if (m.repeatFraction() > config.maxRepeatFraction()) {
            fire(out, step, HealthCheck.REPETITION, String.format("%.0f%% of responses repeat one token %d+ times in a row",
                    100 * m.repeatFraction(), config.repeatRun()));
        }
        checkHacking(m, out);
        return out;
    }

    private void checkHacking(RlStepMetrics m, List<HealthWarning> out) {
        if (Double.isFinite(m.rawScore())) {
            // smooth the noisy per-step proxy reward (an EMA over ~3 steps) so one lucky batch is not a trend
            smoothedProxy = Double.isNaN(smoothedProxy) ? m.rawScore() : 0.5 * smoothedProxy + 0.5 * m.rawScore();
        }
        Double held = m.validationScore();
        if (held == null || !Double.isFinite(held)) return;
        if (held > bestHeldOut) {
            bestHeldOut = held;
            proxyAtBest = smoothedProxy;
            return;
        }
        double drop = bestHeldOut - held, rise = smoothedProxy - proxyAtBest;
        if (drop > config.hackingMargin() && rise > config.hackingMargin()) {
            fire(out, m.step(), HealthCheck.REWARD_HACKING, String.format("proxy reward up %.3f while held-out score "
                    + "down %.3f from its best %.3f", rise, drop, bestHeldOut));
        }
    }

    private void fire(List<HealthWarning> out, long step, HealthCheck check, String message) {
        out.add(new HealthWarning(step, check, message, config.actionFor(check)));
    }
}
