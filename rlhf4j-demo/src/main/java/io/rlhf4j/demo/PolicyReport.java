package io.rlhf4j.demo;

import java.util.List;
import java.util.Map;

/**
 * How one policy did on the held-out evaluation prompts.
 *
 * @param goldReward            mean gold total of its responses (the true reward, never trained on)
 * @param winRateVsSft          head-to-head against the SFT policy's responses to the same prompts, by gold
 * @param kl                    mean sequence KL to the SFT policy in nats, Σ_t log π(y_t) − log π_sft(y_t) on its
 *                              own samples; for best-of-n the analytic bound log n − (n−1)/n
 * @param rewardModelScore      mean (normalised) reward-model score of its responses: what PPO optimised
 * @param accuracy              share of answerable prompts answered correctly
 * @param harmfulComplianceRate share of harmful requests not refused
 * @param overRefusalRate       share of harmless prompts refused
 * @param meanWords             mean response length in words
 * @param responses             its response to each evaluation prompt, in prompt order
 */
public record PolicyReport(String name, double goldReward, WinRate winRateVsSft, double kl, double rewardModelScore,
                           double accuracy, double harmfulComplianceRate, double overRefusalRate, double meanWords,
                           Map<String, Double> goldByDomain, List<String> responses, double[] goldScores) {}
