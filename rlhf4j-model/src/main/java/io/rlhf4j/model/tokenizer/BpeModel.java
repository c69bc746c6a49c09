package io.rlhf4j.model.tokenizer;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A trained byte-level BPE: the token strings by id (specials first, then the 256 byte symbols, then
 * one token per merge, in merge order) and the merges in priority order. This is exactly what
 * {@code tokenizer.json}'s BPE model stores, so writing and reading it is lossless.
 */
public record BpeModel(List<String> tokens, List<Merge> merges, List<String> specialTokens) {

    /** Two adjacent tokens that become one; earlier merges win. */
    public record Merge(String left, String right) {
        public String merged() { return left + right; }
    }

    public BpeModel {
        tokens = List.copyOf(tokens);
        merges = List.copyOf(merges);
        specialTokens = List.copyOf(specialTokens);
        if (tokens.stream().distinct().count() != tokens.size()) {
            throw new IllegalArgumentException("token strings must be unique");
        }
        if (!tokens.containsAll(specialTokens)) throw new IllegalArgumentException("a special token is not in the vocabulary");
    }

    public int vocabSize() {
        return tokens.size();
    }

    /** Token string to id. */
    public Map<String, Integer> vocab() {
        Map<String, Integer> ids = new HashMap<>(tokens.size() * 2);
        for (int i = 0; i < tokens.size(); i++) ids.put(tokens.get(i), i);
        return ids;
    }

    public int idOf(String token) {
        int id = tokens.indexOf(token);
        if (id < 0) throw new IllegalArgumentException("no token " + token);
        return id;
    }
}
