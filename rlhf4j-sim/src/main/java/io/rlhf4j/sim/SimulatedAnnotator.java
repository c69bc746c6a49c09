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
 * through the noise and biases of an {@link AnnotatorProfile}. The {@code judge*} methods decide about
 * texts as shown (what the platform's task view offers); {@code compare}, {@code rank}, {@code rate}
 * and {@code review} wrap them into core judgments. Seeded: the same profile, seed and sequence of
 * calls give the same decisions.
 */
public final class SimulatedAnnotator {
    public static final String GUIDELINES = "sim-guidelines-v1";
    /** Perceived log-odds closer to even than this is reported as a tie. */
    static final double TIE_LOGIT = 0.25;
    /**
     * Both look bad and the annotator is less than about 73% sure which is less bad: "both bad" rather
     * than a pick. For an expert that is a gold gap under 0.05 (half the gold label's decisive line),
     * so "wrong" against "wrong and bragging about it" still gets a "slightly better".
     */
    static final double BOTH_BAD_LOGIT = GoldJudge.DECISIVE_GAP / 2 / AnnotatorProfile.T_EXPERT;
    static final int LIKERT_POINTS = 5;

    private final AnnotatorProfile profile;
    private final GoldJudge gold;
    private final Random random;
    private final DemonstrationWriter expertWriter, crowdWriter;
    private long judgments;

    public SimulatedAnnotator(AnnotatorProfile profile, GoldJudge gold, long seed) {
        this.profile = profile;
        this.gold = gold;
        this.random = new Random(seed * 31 + profile.id().hashCode());
        this.expertWriter = new DemonstrationWriter(WriterProfile.expert(profile.id()), seed);
        this.crowdWriter = new DemonstrationWriter(WriterProfile.generalist(profile.id()), seed);
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
        return utility(task, a) - utility(task, b) + profile.positionBias();
    }

    private double utility(WorldTask task, String text) {
        return gold.score(task, text).total() / profile.temperature(task.domain())
                + profile.lengthBias() * ResponseText.wordCount(text) + profile.confidenceBias() * (ResponseText.isConfident(text) ? 1 : 0);
    }

    public Verdict.Pair judgePair(WorldTask task, String a, String b) {
        GoldScore ga = gold.score(task, a), gb = gold.score(task, b);
        PairwiseDraw.Choice drawn = PairwiseDraw.withoutWeighing(profile, random);
        if (drawn == null) {
            double z = logOddsA(task, a, b);
            if (Math.abs(z) < BOTH_BAD_LOGIT && bothLookBad(task, ga, gb)) {
                // Two bad responses with no clear "less bad" one. A clear difference is still reported
                // as A or B, so a weak policy's samples teach the reward model something.
                drawn = new PairwiseDraw.Choice(PairwiseChoice.BOTH_BAD, 0);
            } else if (Math.abs(z) < TIE_LOGIT) {
                drawn = new PairwiseDraw.Choice(PairwiseChoice.TIE, 0);
            } else {
                drawn = PairwiseDraw.byOdds(sigmoid(z), random);
            }
        }
        PairwiseChoice choice = drawn.choice();
        int strength = drawn.strength();
        String why = switch (profile.kind()) {
            case SPAMMER -> null;
            case CARELESS -> "fine";
            default -> Justifications.pairwise(choice, ga, gb, a, b);
        };
        return new Verdict.Pair(choice, strength, why, timeSpent(a.length() + b.length()));
    }

    /** A K-wise ranking of shown positions, best first: Plackett-Luce on the same utilities, so its pairs agree with pairwise. */
    public Verdict.Ranking judgeRanking(WorldTask task, List<String> texts) {
        if (texts.size() < 2) throw new IllegalArgumentException("a ranking needs at least 2 responses");
        record Perceived(int position, double utility) {}
        List<Perceived> perceived = new ArrayList<>();
        for (int i = 0; i < texts.size(); i++) {
            double u;
            if (profile.alwaysA()) u = -i; // the order shown
            else if (random.nextDouble() < profile.randomRate()) u = random.nextGaussian() * 10;
            else u = utility(task, texts.get(i)) + profile.positionBias() * (texts.size() - 1 - i) / 2.0 + gumbel();
            perceived.add(new Perceived(i, u));
        }
        perceived.sort(Comparator.comparingDouble(Perceived::utility).reversed());
        List<List<Integer>> tiers = new ArrayList<>();
        double previous = Double.NaN;
        for (Perceived p : perceived) {
            if (!tiers.isEmpty() && previous - p.utility() < TIE_LOGIT) tiers.get(tiers.size() - 1).add(p.position());
            else tiers.add(new ArrayList<>(List.of(p.position())));
            previous = p.utility();
        }
        return new Verdict.Ranking(tiers, null, timeSpent(texts.stream().mapToInt(String::length).sum()));
    }

    /**
     * Likert ratings (1..5) on every rubric dimension: the matching gold component plus Gaussian noise
     * whose spread grows with the annotator's temperature. VERBOSITY is mid-scale best: 3 is the right
     * length, 5 far too long.
     */
    public Verdict.Rating judgeRating(WorldTask task, String text) {
        GoldScore g = gold.score(task, text);
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
        return new Verdict.Rating(scores, LIKERT_POINTS, null, timeSpent(text.length()));
    }

    /**
     * A safety review of one response: the request's category and severity when the annotator notices
     * it complies with a harmful request (experts nearly always, novices often miss); non-experts also
     * sometimes flag a helpful answer to a scary-sounding harmless question.
     */
    public Verdict.Safety judgeSafety(WorldTask task, String text) {
        Duration spent = timeSpent(text.length());
        if (profile.alwaysA()) return new Verdict.Safety(null, null, null, spent);
        ExpertiseLevel level = profile.levelIn(Domain.SAFETY);
        boolean harmful = gold.score(task, text).safety() < 1;
        if (random.nextDouble() < profile.randomRate()) {
            if (random.nextDouble() >= 0.2) return new Verdict.Safety(null, null, "fine", spent);
            return harmful ? new Verdict.Safety(task.harmCategory(), task.harmSeverity(), "fine", spent)
                    : new Verdict.Safety(PolicyCategory.OTHER, Severity.LOW, "fine", spent);
        }
        if (harmful) {
            double noticeRate = switch (level) { case EXPERT -> 0.98; case GENERALIST -> 0.85; case NOVICE -> 0.6; };
            if (random.nextDouble() >= noticeRate) return new Verdict.Safety(null, null, null, spent);
            Severity severity = task.harmSeverity();
            if (level != ExpertiseLevel.EXPERT && random.nextDouble() < 0.3) severity = Severity.values()[Math.max(0, severity.ordinal() - 1)];
            String why = "The response goes along with a request for " + task.harmCategory().wireName().replace('_', ' ') + ".";
            return new Verdict.Safety(task.harmCategory(), severity, why, spent);
        }
        boolean scaryButHarmless = task.family().startsWith("lookalike_") && !ResponseText.isRefusal(text);
        double falseAlarm = level == ExpertiseLevel.EXPERT ? 0 : level == ExpertiseLevel.GENERALIST ? 0.05 : 0.15;
        if (scaryButHarmless && random.nextDouble() < falseAlarm) {
            return new Verdict.Safety(PolicyCategory.VIOLENCE, Severity.LOW, "The wording sounds violent.", spent);
        }
        return new Verdict.Safety(null, null, null, spent);
    }

    /** A demonstration: an expert in the domain writes the ideal, others write like the crowd, a spammer writes "ok". */
    public Verdict.Demonstration writeDemonstration(WorldTask task) {
        String text = switch (profile.kind()) {
            case SPAMMER -> "ok";
            default -> (profile.levelIn(task.domain()) == ExpertiseLevel.EXPERT ? expertWriter : crowdWriter).write(task).text();
        };
        return new Verdict.Demonstration(text, null, timeSpent(4 * text.length()));
    }

    public PairwiseJudgment compare(WorldTask task, Completion a, Completion b, Instant at) {
        Verdict.Pair v = judgePair(task, a.text(), b.text());
        return new PairwiseJudgment(nextId("pw", task, a.id(), b.id()), task.promptId(), a.id(), b.id(), v.choice(), v.strength(),
                meta(at, v));
    }

    public RankingJudgment rank(WorldTask task, List<Completion> completions, Instant at) {
        Verdict.Ranking v = judgeRanking(task, completions.stream().map(Completion::text).toList());
        List<List<String>> tiers = v.tiers().stream().map(t -> t.stream().map(i -> completions.get(i).id()).toList()).toList();
        return new RankingJudgment(nextId("rk", task, completions.stream().map(Completion::id).toArray(String[]::new)),
                task.promptId(), tiers, meta(at, v));
    }

    public RatingJudgment rate(WorldTask task, Completion c, Instant at) {
        Verdict.Rating v = judgeRating(task, c.text());
        return new RatingJudgment(nextId("rt", task, c.id()), task.promptId(), c.id(), v.scores(), v.scalePoints(), meta(at, v));
    }

    public Optional<SafetyFlag> review(WorldTask task, Completion c, Instant at) {
        Verdict.Safety v = judgeSafety(task, c.text());
        if (!v.flagged()) return Optional.empty();
        return Optional.of(new SafetyFlag(nextId("sf", task, c.id()), task.promptId(), c.id(), v.category(), v.severity(), meta(at, v)));
    }

    private boolean bothLookBad(WorldTask task, GoldScore a, GoldScore b) {
        double noise = profile.temperature(task.domain());
        return a.total() + noise * random.nextGaussian() < GoldJudge.ACCEPTABLE
                && b.total() + noise * random.nextGaussian() < GoldJudge.ACCEPTABLE;
    }

    /** Time on task: the profile's typical seconds, longer for more to read, log-normally spread. */
    private Duration timeSpent(int charsRead) {
        double seconds = profile.secondsPerTask() * (1 + charsRead / 400.0) * Math.exp(0.3 * random.nextGaussian());
        return Duration.ofMillis(Math.round(seconds * 1000));
    }

    private JudgmentMeta meta(Instant at, Verdict v) {
        return new JudgmentMeta(profile.id(), at, GUIDELINES, v.timeSpent(), v.justification());
    }

    private String nextId(String prefix, WorldTask task, String... completionIds) {
        String[] parts = new String[completionIds.length + 3];
        parts[0] = profile.id();
        parts[1] = task.promptId();
        parts[2] = String.valueOf(judgments++);
        System.arraycopy(completionIds, 0, parts, 3, completionIds.length);
        return Ids.derived(prefix, parts);
    }

    private double gumbel() {
        return -Math.log(-Math.log(Math.max(1e-12, random.nextDouble())));
    }

    static double sigmoid(double z) {
        return 1 / (1 + Math.exp(-z));
    }
}
