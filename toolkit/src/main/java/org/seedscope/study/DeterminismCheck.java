package org.seedscope.study;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.seedscope.results.ResultRow;
import org.seedscope.results.ResultSchema;

/**
 * Verifies, on a study's own rows, what methods declare: a method that declares itself
 * deterministic must produce bit-identical parameters ({@code model_sha256}) for every unlearning
 * seed of one (scenario, training seed).
 */
final class DeterminismCheck {
    private DeterminismCheck() {}

    /**
     * @param rows a study's rows
     * @return one warning per (scenario, method, training seed) whose declared-deterministic method
     *     gave different parameters; empty when every declaration held
     */
    static List<String> of(List<ResultRow> rows) {
        Map<String, String> first = new LinkedHashMap<>();
        List<String> violations = new ArrayList<>();
        for (ResultRow r : rows) {
            if (!r.ok() || !Boolean.TRUE.equals(r.provenance().get(ResultSchema.DETERMINISTIC.name()))) {
                continue;
            }
            String group = r.identity().scenario() + "|" + r.identity().method() + "|" + r.identity().trainSeed();
            String seen = first.putIfAbsent(group, r.modelSha256());
            if (seen != null && !seen.equals(r.modelSha256())) {
                violations.add("method " + r.identity().method() + " declares itself deterministic but gave different "
                        + "parameters for two unlearning seeds of training seed " + r.identity().trainSeed() + " ("
                        + r.identity().scenario() + ")");
                first.put(group, r.modelSha256());
            }
        }
        return violations.stream().distinct().toList();
    }
}
