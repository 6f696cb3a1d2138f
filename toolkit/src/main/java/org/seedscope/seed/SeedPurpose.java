package org.seedscope.seed;

import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;
import org.seedscope.files.Sha256;

/**
 * What a random stream is for. Every stream a study draws from is derived from a pair
 * (purpose, user-visible seed), never from the bare seed, so two purposes that happen to receive
 * the same seed still draw independent numbers. The paper's seed mapping gives
 * {@code s_u = s_t} for every Algorithm-2 cell; if the original and its Retrain both initialised
 * from the bare seed, Retrain would start from the original's initial weights and every distance
 * to Retrain would shrink under that protocol only (PAPER.md, "Seeds have purposes").
 *
 * <p>The mapping, reproducible in any language: let {@code tag(p)} be the first 8 bytes (big
 * endian) of SHA-256 of the UTF-8 text {@code "seedscope/" + p.id()}; then
 * {@code derive(p, s) = SplitMix64(s XOR tag(p))}, i.e. the first {@code nextLong()} of
 * {@code java.util.SplittableRandom(s ^ tag(p))}.
 */
public enum SeedPurpose {
    /** Initial weights of an original model, from the training seed s_t. */
    ORIGINAL_INIT("original-init"),
    /** Batch order of an original model's training, from s_t. */
    ORIGINAL_ORDER("original-order"),
    /** Initial weights of a Retrain model, from the unlearning seed s_u. */
    RETRAIN_INIT("retrain-init"),
    /** Batch order of a Retrain model's training, from s_u. */
    RETRAIN_ORDER("retrain-order"),
    /** An unlearning method's own randomness (batch order, samples, noise, random models), from s_u. */
    METHOD("method"),
    /** Evaluation randomness (ZRF's random model; the membership attacks are exact fits), from the evaluation seed s_e. */
    EVALUATION("evaluation"),
    /** The fixed sample of test examples whose outputs a study stores for its audit, from the base seed. */
    AUDIT_SAMPLE("audit-sample");

    private final String id;
    private final long tag;

    SeedPurpose(String id) {
        this.id = id;
        this.tag = tagOf(id);
    }

    /** @return the stable text id hashed into the purpose's tag, e.g. {@code retrain-init} */
    public String id() {
        return id;
    }

    /**
     * @param seed a user-visible seed (s_t, s_u or s_e)
     * @return the seed of this purpose's stream for it (see the class comment for the formula)
     */
    public long derive(long seed) {
        return new SplittableRandom(seed ^ tag).nextLong();
    }

    /**
     * @param seed a user-visible seed
     * @return a fresh generator of this purpose's stream: {@code new SplittableRandom(derive(seed))}
     */
    public SplittableRandom stream(long seed) {
        return new SplittableRandom(derive(seed));
    }

    private static long tagOf(String id) {
        byte[] h = Sha256.digest().digest(("seedscope/" + id).getBytes(StandardCharsets.UTF_8));
        long t = 0;
        for (int i = 0; i < Long.BYTES; i++) {
            t = (t << 8) | (h[i] & 0xFF);
        }
        return t;
    }
}
