package io.rlhf4j.platform;

import io.rlhf4j.core.data.Completion;
import io.rlhf4j.core.data.PairwiseChoice;
import io.rlhf4j.store.Store;
import io.rlhf4j.store.Tx;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Per-annotator quality and the weight each annotator's judgments carry in the export and the
 * leaderboard. Measured: agreement with gold answers, agreement with peers on the same items,
 * position bias (share of decided comparisons won by the response shown first), length bias (share
 * won by the longer response) and speed. Each measure raises a flag only with enough evidence
 * behind it (the MIN_* constants), so a newcomer is not flagged on two unlucky answers. Peer
 * agreement flags only an annotator well below the project's own level (PEER_MARGIN under the pooled
 * agreement) as well as under PEER_FLOOR: on a genuinely split item set everyone agrees little, and
 * nobody should be excluded for that.
 *
 * <p>Weight: the smoothed gold accuracy (right + 1) / (answered + 2), so 0.5 with no gold yet.
 * Failing gold or disagreeing with peers is evidence the answers are wrong, and excludes the
 * annotator (weight 0). Answering too fast or always picking one side is evidence of carelessness
 * but not proof, and halves the weight.
 */
public final class QualityService {
    public enum Flag {
        LOW_GOLD_ACCURACY(true), LOW_PEER_AGREEMENT(true), POSITION_BIAS(false), TOO_FAST(false);

        /** Whether this flag excludes the annotator's judgments (true) or halves their weight (false). */
        public final boolean excludes;

        Flag(boolean excludes) { this.excludes = excludes; }
    }

    public static final int MIN_GOLD = 3;
    public static final double GOLD_FLOOR = 0.5;
    public static final int MIN_PEER_PAIRS = 5;
    public static final double PEER_FLOOR = 0.4;
    public static final double PEER_MARGIN = 0.2;
    public static final int MIN_DECIDED = 10;
    public static final double POSITION_LIMIT = 0.9;
    public static final int MIN_TASKS_FOR_SPEED = 10;
    public static final double FAST_SECONDS = 2.0;

    public record AnnotatorQuality(String annotatorId, String username, long submitted, long goldAnswered, Double goldAccuracy,
                                   long peerPairs, Double peerAgreement, long decidedPairwise, Double shareShownFirst,
                                   Double shareLonger, double medianSecondsPerTask, Set<Flag> flags, double weight) {
        public boolean excluded() { return weight == 0; }
    }

    /** Project-wide biases (decided pairwise comparisons only) and the disputed items awaiting or past adjudication. */
    public record Report(String projectId, long decidedPairwise, Double shareShownFirst, Double shareLonger, long disputedItems,
                         long adjudicatedItems, List<AnnotatorQuality> annotators) {
        public Map<String, Double> weights() {
            Map<String, Double> out = new TreeMap<>();
            annotators.forEach(a -> out.put(a.annotatorId(), a.weight()));
            return out;
        }
    }

    private final Db db;

    public QualityService(Store store) {
        this.db = new Db(store);
    }

    public Report report(String projectId) {
        return db.tx(t -> compute(t, projectId));
    }

    static Report compute(Tx t, String projectId) throws SQLException {
        ProjectService.load(t.connection(), projectId);
        return compute(t, projectId, Submission.ofProject(t.connection(), projectId));
    }

    static Report compute(Tx t, String projectId, List<Submission> subs) throws SQLException {
        Map<String, String> usernames = new HashMap<>();
        for (String[] r : Db.list(t.connection(), "SELECT id, username FROM platform_users", rs -> new String[]{rs.getString(1), rs.getString(2)})) {
            usernames.put(r[0], r[1]);
        }
        // Every candidate's length in one query, not one query per completion (a project has thousands).
        Map<String, Integer> lengths = new HashMap<>();
        for (Object[] r : Db.list(t.connection(), "SELECT c.id, LENGTH(c.text) FROM completions c JOIN platform_candidates pc"
                + " ON pc.completion_id = c.id WHERE pc.project_id = ?", rs -> new Object[]{rs.getString(1), rs.getInt(2)}, projectId)) {
            lengths.put((String) r[0], (Integer) r[1]);
        }
        Map<String, List<Submission>> byItem = AdjudicationService.byItem(subs);
        Map<String, Tally> tallies = new LinkedHashMap<>();
        Tally project = new Tally();
        for (Submission s : subs) {
            Tally a = tallies.computeIfAbsent(s.annotatorId(), k -> new Tally());
            a.submitted++;
            a.times.add(s.timeSpentMs());
            if (s.goldCorrect() != null) {
                a.gold++;
                if (s.goldCorrect()) a.goldRight++;
            }
            decidedPairwise(t, s, lengths, a);
            decidedPairwise(t, s, lengths, project);
        }
        for (List<Submission> onItem : byItem.values()) {
            for (Submission s : onItem) {
                for (Submission other : onItem) {
                    if (other == s) continue;
                    Boolean agree = Answers.agree(s, other);
                    if (agree == null) continue;
                    Tally a = tallies.get(s.annotatorId());
                    a.peerPairs++;
                    if (agree) a.peerAgree++;
                }
            }
        }
        long disputed = byItem.values().stream().filter(Answers::disputed).count();
        long adjudicated = Db.count(t.connection(), "SELECT COUNT(*) FROM platform_adjudications WHERE project_id = ?", projectId);
        long pairs = tallies.values().stream().mapToLong(a -> a.peerPairs).sum();
        double pooledPeer = pairs == 0 ? 1 : (double) tallies.values().stream().mapToLong(a -> a.peerAgree).sum() / pairs;
        List<AnnotatorQuality> out = new ArrayList<>();
        tallies.forEach((id, a) -> out.add(a.quality(id, usernames.getOrDefault(id, id), pooledPeer)));
        return new Report(projectId, project.decided, share(project.shownFirst, project.decided), share(project.longer, project.lengthDecided),
                disputed, adjudicated, out);
    }

    /** Counts a decided pairwise answer (A or B) into the tally: which side won and whether it was the longer response. */
    private static void decidedPairwise(Tx t, Submission s, Map<String, Integer> lengths, Tally into) throws SQLException {
        if (!s.type().isPairwise()) return;
        PairwiseChoice c = JudgmentPayload.comparison(PayloadJson.read(s.payload())).choice();
        if (c != PairwiseChoice.A && c != PairwiseChoice.B) return;
        into.decided++;
        if (c == PairwiseChoice.A) into.shownFirst++;
        int la = length(t, s.shown().get(0), lengths), lb = length(t, s.shown().get(1), lengths);
        if (la == lb) return;
        into.lengthDecided++;
        if ((c == PairwiseChoice.A) == (la > lb)) into.longer++;
    }

    private static int length(Tx t, String completionId, Map<String, Integer> cache) throws SQLException {
        Integer n = cache.get(completionId);
        if (n == null) {
            n = t.completions().find(completionId).map(Completion::text).map(String::length).orElse(0);
            cache.put(completionId, n);
        }
        return n;
    }

    private static Double share(long part, long whole) {
        return whole == 0 ? null : (double) part / whole;
    }

    /** Running counts for one annotator (or the whole project). */
    private static final class Tally {
        long submitted, gold, goldRight, peerPairs, peerAgree, decided, shownFirst, lengthDecided, longer;
        final List<Long> times = new ArrayList<>();

        AnnotatorQuality quality(String id, String username, double pooledPeer) {
            Double goldAccuracy = share(goldRight, gold), peer = share(peerAgree, peerPairs), first = share(shownFirst, decided);
            double median = times.isEmpty() ? 0 : times.stream().sorted().toList().get(times.size() / 2) / 1000.0;
            Set<Flag> flags = EnumSet.noneOf(Flag.class);
            if (gold >= MIN_GOLD && goldAccuracy < GOLD_FLOOR) flags.add(Flag.LOW_GOLD_ACCURACY);
            if (peerPairs >= MIN_PEER_PAIRS && peer < PEER_FLOOR && peer < pooledPeer - PEER_MARGIN) flags.add(Flag.LOW_PEER_AGREEMENT);
            if (decided >= MIN_DECIDED && (first >= POSITION_LIMIT || first <= 1 - POSITION_LIMIT)) flags.add(Flag.POSITION_BIAS);
            if (submitted >= MIN_TASKS_FOR_SPEED && median < FAST_SECONDS) flags.add(Flag.TOO_FAST);
            double weight = (goldRight + 1.0) / (gold + 2.0);
            for (Flag f : flags) weight = f.excludes ? 0 : weight / 2;
            return new AnnotatorQuality(id, username, submitted, gold, goldAccuracy, peerPairs, peer, decided, first,
                    share(longer, lengthDecided), median, flags, weight);
        }
    }
}
