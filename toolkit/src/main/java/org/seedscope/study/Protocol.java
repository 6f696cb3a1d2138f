package org.seedscope.study;

import java.util.Arrays;
import java.util.stream.Collectors;

/** Which seeds a study varies (PAPER.md "Protocols"). */
public enum Protocol {
    /** Algorithm 1, common practice: one training seed, J unlearning seeds. */
    ONE_TRAINING_SEED("one-training-seed"),
    /** Algorithm 2, recommended: I training seeds, one unlearning seed each. */
    MANY_TRAINING_SEEDS("many-training-seeds"),
    /** The full nested grid: I training seeds x J unlearning seeds. */
    GRID("grid");

    private final String id;

    Protocol(String id) {
        this.id = id;
    }

    /** @return the id used in spec files and result tables */
    public String id() {
        return id;
    }

    /**
     * @param id a protocol id
     * @return the protocol
     */
    public static Protocol parse(String id) {
        for (Protocol p : values()) {
            if (p.id.equals(id)) {
                return p;
            }
        }
        throw new IllegalArgumentException("protocol '" + id + "' is not known: use one of "
                + Arrays.stream(values()).map(Protocol::id).collect(Collectors.joining(", ")));
    }

    /**
     * @param trainingSeeds I from the spec
     * @return training seeds this protocol uses
     */
    int trainingSeeds(int trainingSeeds) {
        return this == ONE_TRAINING_SEED ? 1 : trainingSeeds;
    }

    /**
     * @param unlearningSeeds J from the spec
     * @return unlearning seeds per training seed under this protocol
     */
    int unlearningSeeds(int unlearningSeeds) {
        return this == MANY_TRAINING_SEEDS ? 1 : unlearningSeeds;
    }

    @Override
    public String toString() {
        return id;
    }
}
