package org.seedscope.study;

import java.util.Objects;

/**
 * One protocol of a study with its seed counts.
 *
 * @param protocol the protocol
 * @param trainingSeeds I: 1 for {@link Protocol#ONE_TRAINING_SEED}, at least 1 otherwise
 * @param unlearningSeeds J: 1 for {@link Protocol#MANY_TRAINING_SEEDS}, at least 1 otherwise
 */
public record ProtocolRun(Protocol protocol, int trainingSeeds, int unlearningSeeds) {

    /** Validates the counts against the protocol. */
    public ProtocolRun {
        Objects.requireNonNull(protocol, "protocol");
        if (trainingSeeds < 1) {
            throw new IllegalArgumentException(protocol + ": trainingSeeds (I) must be at least 1, got " + trainingSeeds);
        }
        if (unlearningSeeds < 1) {
            throw new IllegalArgumentException(protocol + ": unlearningSeeds (J) must be at least 1, got "
                    + unlearningSeeds);
        }
        if (protocol == Protocol.ONE_TRAINING_SEED && trainingSeeds != 1) {
            throw new IllegalArgumentException(protocol + " uses exactly 1 training seed, got " + trainingSeeds);
        }
        if (protocol == Protocol.MANY_TRAINING_SEEDS && unlearningSeeds != 1) {
            throw new IllegalArgumentException(protocol + " uses exactly 1 unlearning seed per training seed, got "
                    + unlearningSeeds);
        }
    }

    /**
     * @param protocol a protocol
     * @param i the study's I (ignored by {@link Protocol#ONE_TRAINING_SEED})
     * @param j the study's J (ignored by {@link Protocol#MANY_TRAINING_SEEDS})
     * @return the protocol with the counts it uses
     */
    public static ProtocolRun of(Protocol protocol, int i, int j) {
        return new ProtocolRun(protocol, protocol == Protocol.ONE_TRAINING_SEED ? 1 : i,
                protocol == Protocol.MANY_TRAINING_SEEDS ? 1 : j);
    }

    /** @return cells per (scenario, method): I x J */
    public long cellsPerMethod() {
        return (long) trainingSeeds * unlearningSeeds;
    }

    @Override
    public String toString() {
        return protocol.id() + " " + trainingSeeds + "x" + unlearningSeeds;
    }
}
