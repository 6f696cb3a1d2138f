package org.seedscope.stats;

import java.util.Objects;

/**
 * The key of one analysed group of result rows: a forget scenario, a method and the protocol
 * that produced the rows. Rows of different protocols are never pooled, because Algorithm 1,
 * Algorithm 2 and the full grid may share (training seed, unlearning seed) cells.
 *
 * @param scenario the {@code scenario} column value, e.g. "full:Shirt"
 * @param method the {@code method} column value, e.g. "SSD"
 * @param protocol the {@code protocol} column value: "one-training-seed",
 *     "many-training-seeds" or "grid"
 */
public record Slice(String scenario, String method, String protocol) {

    /** Rejects null parts. */
    public Slice {
        Objects.requireNonNull(scenario, "scenario");
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(protocol, "protocol");
    }

    /** @return {@code scenario / method / protocol} */
    @Override
    public String toString() {
        return scenario + " / " + method + " / " + protocol;
    }
}
