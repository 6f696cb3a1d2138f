package org.seedscope.study;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Seed mapping and protocols against hand-worked plans. */
class SeedPlanTest {
    private static final StudySpec BASE = StudySpec.demo().withForget(List.of("full:Shirt"))
            .withMethods(StudySpec.methods("retrain", "ssd"));

    @Test
    void gridUsesTheAuthorsMapping() {
        SeedPlan plan = SeedPlan.of(BASE.withProtocols(List.of(ProtocolRun.of(Protocol.GRID, 2, 3))));
        assertEquals(2 * 3 * 2, plan.size());
        // hand computation, b = 0, J = 3: s_t = i, s_u = (i-1)J + j, s_e = (i-1)J + j (K = 1)
        List<String> seeds = plan.cells().stream().filter(c -> c.method().equals("ssd"))
                .map(c -> c.trainSeed() + "/" + c.unlearnSeed() + "/" + c.evalSeed()).toList();
        assertEquals(List.of("1/1/1", "1/2/2", "1/3/3", "2/4/4", "2/5/5", "2/6/6"), seeds);
    }

    @Test
    void algorithmOneUsesOneTrainingSeedAndAlgorithmTwoOneUnlearningSeedPerTrainingSeed() {
        SeedPlan plan = SeedPlan.of(BASE.withBaseSeed(100).withProtocols(List.of(
                ProtocolRun.of(Protocol.ONE_TRAINING_SEED, 4, 3), ProtocolRun.of(Protocol.MANY_TRAINING_SEEDS, 4, 3))));
        List<Cell> one = plan.cells().stream().filter(c -> c.protocol() == Protocol.ONE_TRAINING_SEED).toList();
        List<Cell> many = plan.cells().stream().filter(c -> c.protocol() == Protocol.MANY_TRAINING_SEEDS).toList();
        assertEquals(3 * 2, one.size());
        assertEquals(4 * 2, many.size());
        assertEquals(Set.of(101L), one.stream().map(Cell::trainSeed).collect(Collectors.toSet()));
        assertEquals(Set.of(101L, 102L, 103L), one.stream().map(Cell::unlearnSeed).collect(Collectors.toSet()));
        assertEquals(Set.of(101L, 102L, 103L, 104L), many.stream().map(Cell::trainSeed).collect(Collectors.toSet()));
        many.forEach(c -> assertEquals(c.trainSeed(), c.unlearnSeed(), "Algorithm 2 with J = 1: s_u = b + i"));
    }

    @Test
    void cellKeysAreUniqueAndIndicesFollowPlanOrder() {
        SeedPlan plan = SeedPlan.of(BASE.withForget(List.of("full:Shirt", "sub:Shirt"))
                .withProtocols(java.util.Arrays.stream(Protocol.values()).map(p -> ProtocolRun.of(p, 3, 3)).toList()));
        assertEquals(plan.size(), SeedPlan.count(BASE.withForget(List.of("full:Shirt", "sub:Shirt"))
                .withProtocols(java.util.Arrays.stream(Protocol.values()).map(p -> ProtocolRun.of(p, 3, 3)).toList())));
        assertEquals(plan.size(), plan.cells().stream().map(Cell::key).distinct().count());
        for (int k = 0; k < plan.size(); k++) {
            assertEquals(k, plan.cells().get(k).index());
        }
    }
}
