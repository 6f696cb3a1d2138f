package org.seedscope.train;

import java.util.Arrays;

/**
 * A learning-rate schedule: the factor by which the base rate is multiplied in each epoch.
 */
public sealed interface Schedule {

    /**
     * @param epoch zero-based epoch
     * @param epochs total epochs of the run
     * @return the factor for that epoch
     */
    double factor(int epoch, int epochs);

    /** @return the same rate every epoch */
    static Schedule constant() {
        return new Constant();
    }

    /**
     * @param gamma factor applied at each milestone, in (0, 1]
     * @param milestones zero-based epochs at which the rate is multiplied by gamma, increasing
     * @return a step schedule as PyTorch's MultiStepLR
     */
    static Schedule multiStep(double gamma, int... milestones) {
        return new MultiStep(gamma, milestones.clone());
    }

    /** @return cosine annealing from the base rate towards 0: {@code (1 + cos(pi * epoch / epochs)) / 2} */
    static Schedule cosine() {
        return new Cosine();
    }

    /**
     * Parses {@code constant}, {@code cosine} or {@code multistep:GAMMA:M1,M2,...}.
     *
     * @param id the schedule id
     * @return the schedule
     */
    static Schedule parse(String id) {
        if (id.equals("constant")) {
            return constant();
        }
        if (id.equals("cosine")) {
            return cosine();
        }
        String[] parts = id.split(":");
        if (parts.length == 3 && parts[0].equals("multistep")) {
            try {
                return multiStep(Double.parseDouble(parts[1]),
                        Arrays.stream(parts[2].split(",")).mapToInt(Integer::parseInt).toArray());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("schedule '" + id + "': gamma and milestones must be numbers", e);
            }
        }
        throw new IllegalArgumentException("schedule '" + id
                + "' is not known: use constant, cosine or multistep:GAMMA:M1,M2 (e.g. multistep:0.1:5,8)");
    }

    /** Constant rate. */
    record Constant() implements Schedule {
        @Override
        public double factor(int epoch, int epochs) {
            return 1;
        }

        @Override
        public String toString() {
            return "constant";
        }
    }

    /**
     * Multiply by gamma at each milestone.
     *
     * @param gamma factor per milestone
     * @param milestones increasing zero-based epochs
     */
    record MultiStep(double gamma, int[] milestones) implements Schedule {
        /** Validates gamma and the milestones. */
        public MultiStep {
            if (!(gamma > 0 && gamma <= 1)) {
                throw new IllegalArgumentException("multistep gamma must be in (0, 1], got " + gamma);
            }
            for (int i = 0; i < milestones.length; i++) {
                if (milestones[i] < 1 || (i > 0 && milestones[i] <= milestones[i - 1])) {
                    throw new IllegalArgumentException("multistep milestones must be increasing epochs >= 1, got "
                            + Arrays.toString(milestones));
                }
            }
        }

        @Override
        public double factor(int epoch, int epochs) {
            double f = 1;
            for (int m : milestones) {
                if (epoch >= m) {
                    f *= gamma;
                }
            }
            return f;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof MultiStep m && m.gamma == gamma && Arrays.equals(m.milestones, milestones);
        }

        @Override
        public int hashCode() {
            return Double.hashCode(gamma) * 31 + Arrays.hashCode(milestones);
        }

        @Override
        public String toString() {
            StringBuilder sb = new StringBuilder("multistep:").append(gamma).append(':');
            for (int i = 0; i < milestones.length; i++) {
                sb.append(i > 0 ? "," : "").append(milestones[i]);
            }
            return sb.toString();
        }
    }

    /** Cosine annealing per epoch. */
    record Cosine() implements Schedule {
        @Override
        public double factor(int epoch, int epochs) {
            return 0.5 * (1 + StrictMath.cos(StrictMath.PI * epoch / epochs));
        }

        @Override
        public String toString() {
            return "cosine";
        }
    }
}
