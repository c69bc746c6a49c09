package io.rlhf4j.bench;

import ai.djl.ndarray.NDManager;
import ai.djl.pytorch.jni.JniUtils;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.rlhf4j.model.CausalLm;
import io.rlhf4j.model.io.Llama2cCheckpoint;
import io.rlhf4j.model.tokenizer.Llama2cTokenizer;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.function.Consumer;

/**
 * The engine on a real checkpoint (stories15M) side by side with llama2.c's run.c in one run: decode
 * tokens/s at batch 1 (greedy, as run.c) and 32, one PPO step, the profile of a decode step, and
 * the machine and its load before and after, so the ratio is read against the same conditions.
 * run.c has no batching: its batch-32 figure is its batch-1 rate (32 sequences run one after
 * another), which the report says.
 */
public final class RealModelBench {
    public record Report(@JsonProperty("started_at") String startedAt, MachineInfo machine, String model, int threads,
                         @JsonProperty("new_tokens") int newTokens, Llama2cPeer.Result llama2c,
                         @JsonProperty("engine_batch_1") EngineDecode.Result batch1,
                         @JsonProperty("engine_batch_32") EngineDecode.Result batch32,
                         @JsonProperty("ratio_batch_1") double ratioBatch1,
                         @JsonProperty("ratio_batch_32_vs_llama2c_sequential") double ratioBatch32,
                         @JsonProperty("same_greedy_text") boolean sameGreedyText,
                         @JsonProperty("decode_profile") EngineDecode.Profile profile,
                         @JsonProperty("ppo_step") PpoStep.Result ppo,
                         @JsonProperty("ppo_rollout_at_llama2c_rate_ms") double ppoRolloutAtLlama2cRateMs,
                         @JsonProperty("load_average_at_end") String loadAtEnd) { }

    private RealModelBench() { }

    public static Report run(Path modelBin, Path tokenizerBin, Path runC, int threads, int newTokens, Path work,
                             Consumer<String> progress) throws Exception {
        JniUtils.setNumThreads(threads); // the engine's intra-op threads = run.c's OMP_NUM_THREADS
        String started = Instant.now().toString();
        MachineInfo machine = MachineInfo.current();
        Llama2cPeer.Result peer = Llama2cPeer.run(runC, modelBin, tokenizerBin, threads, newTokens, 3);
        progress.accept(String.format("llama2.c run.c: %.1f tokens/s (median of %s)", peer.medianTokensPerSecond(), peer.tokensPerSecond()));
        EngineDecode.Result b1, b32;
        EngineDecode.Profile profile;
        Llama2cTokenizer tok = Llama2cTokenizer.load(tokenizerBin);
        try (NDManager m = NDManager.newBaseManager(); CausalLm model = Llama2cCheckpoint.load(modelBin, m)) {
            b1 = EngineDecode.decode(model, tok, 1, newTokens);
            progress.accept(String.format("engine batch 1: %.1f tokens/s", b1.tokensPerSecond()));
            b32 = EngineDecode.decode(model, tok, 32, newTokens);
            progress.accept(String.format("engine batch 32: %.1f tokens/s", b32.tokensPerSecond()));
            profile = EngineDecode.profile(model, tok.bosId(), 40);
            progress.accept(String.format("decode step %.2f ms: layers %.2f, head %.2f; %d arrays x %.1f us", profile.stepMs(),
                    profile.layersMs(), profile.lmHeadMs(), profile.arraysPerStep(), profile.microsPerTinyOp()));
        }
        PpoStep.Result ppo = PpoStep.run(modelBin, Files.createDirectories(work).resolve("ppo-step"));
        progress.accept(String.format("PPO step: %.0f ms (generate %.0f, score %.0f, train %.0f)", ppo.step().stepMs(),
                ppo.step().generationMs(), ppo.step().scoringMs(), ppo.step().trainingMs()));
        String ours = b1.sample() == null ? "" : b1.sample().strip(), theirs = peer.sample().replace("<0x0A>", "\n").strip();
        boolean same = !ours.isEmpty() && (ours.startsWith(theirs) || theirs.startsWith(ours));
        double rolloutAtPeer = 1000 * ppo.generatedTokens() / peer.medianTokensPerSecond();
        return new Report(started, machine, modelBin.toAbsolutePath().toString(), threads, newTokens, peer, b1, b32,
                b1.tokensPerSecond() / peer.medianTokensPerSecond(), b32.tokensPerSecond() / peer.medianTokensPerSecond(),
                same, profile, ppo, rolloutAtPeer, MachineInfo.currentLoadAverage());
    }
}
