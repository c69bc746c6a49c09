package io.rlhf4j.sim;

import io.rlhf4j.core.data.Completion;
import io.rlhf4j.core.data.ExpertiseLevel;
import io.rlhf4j.core.data.Ids;
import io.rlhf4j.core.data.JudgmentMeta;
import io.rlhf4j.core.data.PairwiseChoice;
import io.rlhf4j.core.data.PairwiseJudgment;
import io.rlhf4j.core.data.PolicyCategory;
import io.rlhf4j.core.data.RankingJudgment;
import io.rlhf4j.core.data.RatingJudgment;
import io.rlhf4j.core.data.RubricDimension;
import io.rlhf4j.core.data.SafetyFlag;
import io.rlhf4j.core.data.Severity;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;

/**
 * One simulated person giving every kind of feedback the platform collects, driven by the gold judge
 * through the noise and biases of an {@link AnnotatorProfile}. Seeded: the same profile, seed and
 * sequence of calls give the same judgments.
 */
public final class SimulatedAnnotator {
    public static final String GUIDELINES = "sim-guidelines-v1";
    /** Perceived log-odds closer to even than this is reported as a tie. */
    static final double TIE_LOGIT = 0.25;
    static final int LIKERT_POINTS = 5;

    private final AnnotatorProfile profile;
    private final GoldJudge gold;
    private final Random random;
    private long judgments;

    public SimulatedAnnotator(AnnotatorProfile profile, GoldJudge gold, long seed) {
        this.profile = profile;
        this.gold = gold;
        this.random = new Random(seed * 31 + profile.id().hashCode());
    }

    public AnnotatorProfile profile() {
        return profile;
    }

    public String id() {
        return profile.id();
    }

    /**
     * The Bradley-Terry log-odds that this annotator prefers A (before any random clicking): the gold
     * gap over the annotator's temperature in this domain plus length, confidence and position biases.
     */
    public double logOddsA(WorldTask task, String a, String b) {
        double gap = gold.score(task, a).total() - gold.score(task, b).total();
        return gap / profile.temperature(task.domain())
                + profile.lengthBias() * (ResponseText.wordCount(a) - ResponseText.wordCount(b))
                + profile.confidenceBias() * (sure(a) - sure(b))
                + profile.positionBias();
    }

    public PairwiseJudgment compare(WorldTask task, Completion a, Completion b, Instant at) {
        GoldScore ga = gold.score(task, a.text()), gb = gold.score(task, b.text());
        PairwiseChoice choice;
        int strength;
        if (profile.alwaysA()) {
            choice = PairwiseChoice.A;
            strength = PairwiseJudgment.MAX_STRENGTH;
        } else if (random.nextDouble() < profile.randomRate()) {
            choice = random.nextBoolean() ? PairwiseChoice.A : PairwiseChoice.B;
            strength = 1 + random.nextInt(PairwiseJudgment.MAX_STRENGTH);
        } else if (bothLookBad(task, ga, gb)) {
            choice = PairwiseChoice.BOTH_BAD;
            strength = 0;
        } else {
            double z = logOddsA(task, a.text(), b.text());
            double pA = sigmoid(z);
            if (Math.abs(z) < TIE_LOGIT) {
                choice = PairwiseChoice.TIE;
                strength = 0;
            } else {
                choice = random.nextDouble() < pA ? PairwiseChoice.A : PairwiseChoice.B;
                boolean withTheOdds = (choice == PairwiseChoice.A) == (pA >= 0.5);
                // Strength follows the probability margin: barely sure -> "slightly", near certain -> "much".
                double margin = Math.abs(pA - 0.5);
                strength = !withTheOdds ? 1 : margin < 0.2 ? 1 : margin < 0.4 ? 2 : 3;
            }
        }
        String why = profile.kind() == AnnotatorProfile.Kind.SPAMMER ? null
                : profile.randomRate() >= 1 ? "fine" : Justifications.pairwise(choice, ga, gb, a.text(), b.text());
        return new PairwiseJudgment(nextId("pw", task, a.id(), b.id()), task.promptId(), a.id(), b.id(), choice, strength,
                meta(at, a.text().length() + b.text().length(), why));
    }

    /** A K-wise ranking, best first: Plackett-Luce on the same utilities, so its pairs agree with {@link #compare}. */
    public RankingJudgment rank(WorldTask task, List<Completion> completions, Instant at) {
        if (completions.size() < 2) throw new IllegalArgumentException("a ranking needs at least 2 completions");
        record Perceived(Completion completion, double utility) {}
        List<Perceived> perceived = new ArrayList<>();
        double temperature = profile.temperature(task.domain());
        for (int i = 0; i < completions.size(); i++) {
            Completion c = completions.get(i);
            double u;
            if (profile.alwaysA()) u = -i; // the order shown
            else if (random.nextDouble() < profile.randomRate()) u = random.nextGaussian() * 10;
            else {
                u = gold.score(task, c.text()).total() / temperature + profile.lengthBias() * ResponseText.wordCount(c.text())
                        + profile.confidenceBias() * sure(c.text()) + profile.positionBias() * (completions.size() - 1 - i) / 2.0
                        + gumbel();
            }
            perceived.add(new Perceived(c, u));
        }
        perceived.sort(Comparator.comparingDouble(Perceived::utility).reversed());
        List<List<String>> tiers = new ArrayList<>();
        double previous = Double.NaN;
        for (Perceived p : perceived) {
            if (!tiers.isEmpty() && previous - p.utility() < TIE_LOGIT) tiers.get(tiers.size() - 1).add(p.completion().id());
            else tiers.add(new ArrayList<>(List.of(p.completion().id())));
            previous = p.utility();
        }
        int chars = completions.stream().mapToInt(c -> c.text().length()).sum();
        return new RankingJudgment(nextId("rk", task, completions.stream().map(Completion::id).toArray(String[]::new)),
                task.promptId(), tiers, meta(at, chars, null));
    }

    /**
     * Likert ratings (1..5) on every rubric dimension: the matching gold component plus Gaussian noise
     * whose spread grows with the annotator's temperature. VERBOSITY is mid-scale best: 3 is the right
     * length, 5 far too long.
     */
    public RatingJudgment rate(WorldTask task, Completion c, Instant at) {
        GoldScore g = gold.score(task, c.text());
        Map<RubricDimension, Double> truth = new EnumMap<>(RubricDimension.class);
        truth.put(RubricDimension.HELPFULNESS, g.total());
        truth.put(RubricDimension.ACCURACY, g.correctness());
        truth.put(RubricDimension.HARMLESSNESS, g.safety());
        truth.put(RubricDimension.INSTRUCTION_FOLLOWING, g.instructionFollowing());
        truth.put(RubricDimension.VERBOSITY, 0.5 + 0.5 * (1 - g.concision()));
        double spread = 2 * profile.temperature(task.domain());
        Map<RubricDimension, Integer> scores = new EnumMap<>(RubricDimension.class);
        truth.forEach((dimension, value) -> {
            int score;
            if (profile.alwaysA()) score = LIKERT_POINTS;
            else if (random.nextDouble() < profile.randomRate()) score = 1 + random.nextInt(LIKERT_POINTS);
            else score = 1 + (int) Math.round((LIKERT_POINTS - 1) * GoldJudge.clamp(value + spread * random.nextGaussian()));
            scores.put(dimension, score);
        });
        return new RatingJudgment(nextId("rt", task, c.id()), task.promptId(), c.id(), scores, LIKERT_POINTS,
                meta(at, c.text().length(), null));
    }

    /**
     * A safety review of one completion: a flag with the request's category and severity when the
     * annotator notices it complies with a harmful request (experts nearly always, novices often
     * miss); non-experts also sometimes flag a helpful answer to a scary-sounding harmless question.
     */
    public Optional<SafetyFlag> review(WorldTask task, Completion c, Instant at) {
        if (profile.alwaysA()) return Optional.empty();
        ExpertiseLevel level = profile.levelIn(Domain.SAFETY);
        GoldScore g = gold.score(task, c.text());
        boolean flag;
        PolicyCategory category = task.harmCategory();
        Severity severity = task.harmSeverity();
        if (random.nextDouble() < profile.randomRate()) {
            flag = random.nextDouble() < 0.2;
            if (category == null) { category = PolicyCategory.OTHER; severity = Severity.LOW; }
        } else if (g.safety() < 1) {
            double noticeRate = switch (level) { case EXPERT -> 0.98; case GENERALIST -> 0.85; case NOVICE -> 0.6; };
            flag = random.nextDouble() < noticeRate;
            if (level != ExpertiseLevel.EXPERT && random.nextDouble() < 0.3) severity = Severity.values()[Math.max(0, severity.ordinal() - 1)];
        } else {
            boolean scaryButHarmless = task.family().startsWith("lookalike_") && !ResponseText.isRefusal(c.text());
            double falseAlarm = level == ExpertiseLevel.EXPERT ? 0 : level == ExpertiseLevel.GENERALIST ? 0.05 : 0.15;
            flag = scaryButHarmless && random.nextDouble() < falseAlarm;
            category = PolicyCategory.VIOLENCE;
            severity = Severity.LOW;
        }
        if (!flag) return Optional.empty();
        String why = g.safety() < 1 ? "The response goes along with a request to " + task.harmCategory().wireName().replace('_', ' ') + "."
                : "The wording sounds violent.";
        return Optional.of(new SafetyFlag(nextId("sf", task, c.id()), task.promptId(), c.id(), category, severity,
                meta(at, c.text().length(), why)));
    }

    private boolean bothLookBad(WorldTask task, GoldScore a, GoldScore b) {
        double noise = profile.temperature(task.domain());
        return a.total() + noise * random.nextGaussian() < GoldJudge.ACCEPTABLE
                && b.total() + noise * random.nextGaussian() < GoldJudge.ACCEPTABLE;
    }

    /** Time on task: the profile's typical seconds, longer for more to read, log-normally spread. */
    private JudgmentMeta meta(Instant at, int charsRead, String justification) {
        double seconds = profile.secondsPerTask() * (1 + charsRead / 400.0) * Math.exp(0.3 * random.nextGaussian());
        return new JudgmentMeta(profile.id(), at, GUIDELINES, Duration.ofMillis(Math.round(seconds * 1000)), justification);
    }

    private String nextId(String prefix, WorldTask task, String... completionIds) {
        String[] parts = new String[completionIds.length + 3];
        parts[0] = profile.id();
        parts[1] = task.promptId();
        parts[2] = String.valueOf(judgments++);
        System.arraycopy(completionIds, 0, parts, 3, completionIds.length);
        return Ids.derived(prefix, parts);
    }

    private static int sure(String text) {
        return ResponseText.isConfident(text) ? 1 : 0;
    }

    private double gumbel() {
        return -Math.log(-Math.log(Math.max(1e-12, random.nextDouble())));
    }

    static double sigmoid(double z) {
        return 1 / (1 + Math.exp(-z));
    }
}
