package org.seedscope.report;

import java.util.Optional;
import java.util.OptionalDouble;
import org.seedscope.stats.SeedVariance;
import org.seedscope.stats.VarianceComponents;
import org.seedscope.viz.ResultRows;

/**
 * Package-private: the best available split of one method's variance into training-seed and
 * unlearning-seed parts. A full grid gives both directly. Without a grid, Algorithm 1 (one
 * training seed, J runs) estimates σ²_unlearn and Algorithm 2 (I training seeds, one run each)
 * estimates the total σ²_train + σ²_unlearn, so σ²_train = max(0, total − σ²_unlearn) (method of
 * moments; it assumes Algorithm 1's training seed is typical).
 *
 * @param sigma2Train σ²_train, when estimable
 * @param sigma2Unlearn σ²_unlearn, when estimable
 * @param total σ²_train + σ²_unlearn, when estimable
 * @param deterministic true when some design shows zero spread across unlearning seeds
 * @param source which protocols the numbers come from
 */
record SeedEstimate(OptionalDouble sigma2Train, OptionalDouble sigma2Unlearn,
        OptionalDouble total, boolean deterministic, String source) {

    /** @return the training-seed share of the total, when both parts are known and total > 0 */
    OptionalDouble shareTrain() {
        if (sigma2Train.isEmpty() || total.isEmpty() || !(total.getAsDouble() > 0)) {
            return OptionalDouble.empty();
        }
        return OptionalDouble.of(sigma2Train.getAsDouble() / total.getAsDouble());
    }

    static SeedEstimate of(SeedVariance sv, String scenario, String method) {
        Optional<VarianceComponents> grid = sv.components(scenario, method, ResultRows.GRID);
        if (grid.isPresent() && grid.get().sigma2Train().isPresent()) {
            VarianceComponents g = grid.get();
            return new SeedEstimate(g.sigma2Train(), g.sigma2Unlearn(), g.total(),
                    g.deterministic(), "full grid");
        }
        Optional<VarianceComponents> one = sv.components(scenario, method, ResultRows.ONE_SEED);
        Optional<VarianceComponents> many = sv.components(scenario, method, ResultRows.MANY_SEEDS);
        OptionalDouble s2u = one.map(VarianceComponents::sigma2Unlearn)
                .orElse(OptionalDouble.empty());
        OptionalDouble total = many.map(VarianceComponents::total).orElse(OptionalDouble.empty());
        boolean deterministic = one.map(VarianceComponents::deterministic).orElse(false);
        if (s2u.isPresent() && total.isPresent()) {
            double t = Math.max(total.getAsDouble(), s2u.getAsDouble());
            return new SeedEstimate(OptionalDouble.of(t - s2u.getAsDouble()), s2u,
                    OptionalDouble.of(t), deterministic, "Algorithm 1 (σ²_unlearn) and"
                    + " Algorithm 2 (total)");
        }
        return new SeedEstimate(OptionalDouble.empty(), s2u, total, deterministic,
                s2u.isPresent() ? "Algorithm 1 only" : total.isPresent() ? "Algorithm 2 only"
                        : "none");
    }
}
