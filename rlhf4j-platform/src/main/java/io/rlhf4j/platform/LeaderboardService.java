package io.rlhf4j.platform;

import io.rlhf4j.core.data.Comparison;
import io.rlhf4j.core.data.Judgment;
import io.rlhf4j.core.stats.Battle;
import io.rlhf4j.core.stats.BradleyTerry;
import io.rlhf4j.core.stats.BradleyTerryFit;
import io.rlhf4j.core.stats.PairwiseOutcome;
import io.rlhf4j.store.Store;
import io.rlhf4j.store.Tx;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Ranks the models behind a project's candidates with Bradley-Terry and bootstrap confidence
 * intervals, from the pairwise and ranking judgments on its real items (gold and qualification items
 * measure annotators, not models). "Both bad" says nothing about which is better and is left out, and
 * so are the judgments of annotators {@link QualityService} excludes (failed gold, or disagreeing with peers).
 */
public final class LeaderboardService {
    public record Leaderboard(String projectId, int battles, Optional<BradleyTerryFit> fit) {}

    public static final int BOOTSTRAP_ROUNDS = 200;
    private final Db db;

    public LeaderboardService(Store store) {
        this.db = new Db(store);
    }

    public Leaderboard leaderboard(String projectId) {
        List<Battle> battles = db.tx(t -> battles(t, projectId));
        long models = battles.stream().flatMap(b -> java.util.stream.Stream.of(b.modelA(), b.modelB())).distinct().count();
        Optional<BradleyTerryFit> fit = battles.isEmpty() || models < 2 ? Optional.empty()
                : Optional.of(new BradleyTerry().fitWithBootstrap(battles, BOOTSTRAP_ROUNDS, 0.95, 42L));
        return new Leaderboard(projectId, battles.size(), fit);
    }

    static List<Battle> battles(Tx t, String projectId) throws Exception {
        ProjectService.load(t.connection(), projectId);
        Map<String, String> modelOf = new HashMap<>();
        List<Battle> out = new ArrayList<>();
        List<Submission> subs = Submission.ofProject(t.connection(), projectId);
        Map<String, Double> weights = QualityService.compute(t, projectId, subs).weights();
        for (Submission s : subs) {
            if (s.kind() != ItemKind.REAL || s.judgmentId() == null || weights.get(s.annotatorId()) == 0) continue;
            if (!s.type().isPairwise() && s.type() != TaskType.RANKING) continue;
            Judgment j = t.judgments().find(s.judgmentId()).orElse(null);
            for (Comparison c : j == null ? List.<Comparison>of() : j.comparisons()) {
                if (c.outcome() == Comparison.Outcome.BOTH_BAD) continue; // says nothing about which model is better
                String a = model(t, modelOf, c.chosenId()), b = model(t, modelOf, c.rejectedId());
                if (a.equals(b)) continue;
                out.add(new Battle(a, b, c.outcome() == Comparison.Outcome.PREFERRED ? PairwiseOutcome.A_WINS : PairwiseOutcome.TIE));
            }
        }
        return out;
    }

    private static String model(Tx t, Map<String, String> cache, String completionId) throws Exception {
        String m = cache.get(completionId);
        if (m == null) {
            m = t.completions().find(completionId).map(c -> c.provenance().model()).orElse("unknown");
            cache.put(completionId, m);
        }
        return m;
    }
}
