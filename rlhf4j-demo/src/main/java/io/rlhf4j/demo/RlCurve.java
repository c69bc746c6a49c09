package io.rlhf4j.demo;

/** One PPO step as plotted: proxy (reward-model) reward, KL to the reference, and the gold reward when measured. */
public record RlCurve(int round, long step, double reward, double kl, double klCoef, double responseLength, Double gold) {}
