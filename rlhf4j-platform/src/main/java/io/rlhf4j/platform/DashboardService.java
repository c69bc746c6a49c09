package io.rlhf4j.platform;

import io.rlhf4j.core.data.PairwiseChoice;
import io.rlhf4j.core.data.RubricDimension;
import io.rlhf4j.core.stats.KrippendorffAlpha;
import io.rlhf4j.store.Store;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * The numbers a project lead watches: throughput, coverage, inter-annotator agreement (Krippendorff's
 * alpha), per-annotator gold accuracy and speed, and position bias (how often "A", the response shown
 * first, wins decided comparisons: 0.5 means positions do not sway people).
 */
public final class DashboardService {
    public record AnnotatorStats(String annotatorId, String username, long submitted, long goldAnswered, Double goldAccuracy,
                                 double meanSecondsPerTask) {}

    public record Dashboard(String projectId, long submitted, long submittedLastHour, List<Long> perHourLast24h, long realItems,
                            long itemsStarted, long itemsComplete, double coverage, Double pairwiseAlpha, Double ratingAlpha,
                            Double positionBiasShareA, long decidedPairwise, double medianSecondsPerTask,
                            List<AnnotatorStats> annotators) {}

    private final Db db;
    private final Clock clock;

    public DashboardService(Store store, Clock clock) {
        this.db = new Db(store);
        this.clock = clock;
    }

    public Dashboard dashboard(String projectId) {
        return db.tx(t -> {
            Project p = ProjectService.load(t.connection(), projectId);
            List<Submission> subs = Submission.ofProject(t.connection(), projectId);
            long realItems = Db.count(t.connection(), "SELECT COUNT(*) FROM platform_items WHERE project_id = ? AND kind = 'REAL'", projectId);
            Map<String, String> usernames = new TreeMap<>();
            for (String[] r : Db.list(t.connection(), "SELECT id, username FROM platform_users", rs -> new String[]{rs.getString(1), rs.getString(2)})) {
                usernames.put(r[0], r[1]);
            }
            return build(p, subs, realItems, usernames);
        });
    }

    private Dashboard build(Project p, List<Submission> subs, long realItems, Map<String, String> usernames) {
        long now = clock.millis();
        long hour = 3_600_000L;
        List<Long> perHour = new ArrayList<>();
        for (int h = 23; h >= 0; h--) {
            long from = now - (h + 1) * hour, to = now - h * hour;
            perHour.add(subs.stream().filter(s -> s.submittedAt() > from && s.submittedAt() <= to).count());
        }
        Map<String, Long> perItem = new TreeMap<>();
        subs.stream().filter(s -> s.kind() == ItemKind.REAL).forEach(s -> perItem.merge(s.itemId(), 1L, Long::sum));
        long complete = perItem.values().stream().filter(n -> n >= p.overlap()).count();
        List<Submission> real = subs.stream().filter(s -> s.kind() == ItemKind.REAL).toList();
        Double pairwiseAlpha = alpha(real.stream().filter(s -> s.type().isPairwise()).toList(),
                s -> s.canonicalScale() == null ? null : s.canonicalScale().doubleValue(), KrippendorffAlpha.Level.ORDINAL);
        Double ratingAlpha = alpha(real.stream().filter(s -> s.type() == TaskType.RATING).toList(), DashboardService::helpfulness,
                KrippendorffAlpha.Level.INTERVAL);
        long decided = 0, shownFirstWins = 0;
        for (Submission s : subs) {
            if (!s.type().isPairwise()) continue;
            PairwiseChoice c = JudgmentPayload.comparison(PayloadJson.read(s.payload())).choice();
            if (c == PairwiseChoice.A || c == PairwiseChoice.B) {
                decided++;
                if (c == PairwiseChoice.A) shownFirstWins++;
            }
        }
        List<Long> times = subs.stream().map(Submission::timeSpentMs).sorted().toList();
        double median = times.isEmpty() ? 0 : times.get(times.size() / 2) / 1000.0;
        return new Dashboard(p.id(), subs.size(), subs.stream().filter(s -> s.submittedAt() > now - hour).count(), perHour,
                realItems, perItem.size(), complete, realItems == 0 ? 0 : (double) complete / realItems, pairwiseAlpha, ratingAlpha,
                decided == 0 ? null : (double) shownFirstWins / decided, decided, median, annotators(subs, usernames));
    }

    private static Double helpfulness(Submission s) {
        Integer v = ((JudgmentPayload.Rating) PayloadJson.read(s.payload())).scores().get(RubricDimension.HELPFULNESS);
        return v == null ? null : v.doubleValue();
    }

    /** Alpha over items (units) and annotators (raters); null when there is nothing pairable or no variation. */
    static Double alpha(List<Submission> subs, Function<Submission, Double> value, KrippendorffAlpha.Level level) {
        // Positions by id in maps: a list lookup per submission made a 30,000-submission dashboard quadratic.
        Map<String, Integer> raters = new LinkedHashMap<>(), units = new LinkedHashMap<>();
        for (Submission s : subs) {
            raters.putIfAbsent(s.annotatorId(), raters.size());
            units.putIfAbsent(s.itemId(), units.size());
        }
        if (raters.size() < 2 || units.isEmpty()) return null;
        Double[][] data = new Double[raters.size()][units.size()];
        for (Submission s : subs) data[raters.get(s.annotatorId())][units.get(s.itemId())] = value.apply(s);
        try {
            double a = KrippendorffAlpha.alpha(data, level);
            return Double.isFinite(a) ? a : null;
        } catch (IllegalArgumentException nothingPairable) {
            return null;
        }
    }

    private static List<AnnotatorStats> annotators(List<Submission> subs, Map<String, String> usernames) {
        Map<String, List<Submission>> by = new LinkedHashMap<>();
        subs.forEach(s -> by.computeIfAbsent(s.annotatorId(), k -> new ArrayList<>()).add(s));
        List<AnnotatorStats> out = new ArrayList<>();
        by.forEach((id, list) -> {
            long gold = list.stream().filter(s -> s.goldCorrect() != null).count();
            long right = list.stream().filter(s -> Boolean.TRUE.equals(s.goldCorrect())).count();
            double mean = list.stream().mapToLong(Submission::timeSpentMs).average().orElse(0) / 1000.0;
            out.add(new AnnotatorStats(id, usernames.getOrDefault(id, id), list.size(), gold, gold == 0 ? null : (double) right / gold, mean));
        });
        return out;
    }
}
