package org.seedscope.audit;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.seedscope.audit.AuditInput.CellRef;
import org.seedscope.audit.AuditInput.SliceKey;
import org.seedscope.study.ExampleOutputs;
import org.seedscope.study.OutputStore.Role;
import org.seedscope.study.StoredOutputs;
import tech.tablesaw.api.Table;

/** Computes the audits of every (protocol, scenario) slice of a study. */
final class Auditor {
    private final Table rows;
    private final StoredOutputs outputs;
    private final List<MethodAudit> audits = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();
    /** Methods left out, by where and why, in the order first met: one note for all that share a reason. */
    private final Map<Skip, List<String>> notAudited = new LinkedHashMap<>();

    private record Skip(String where, String reason) {}

    private Auditor(Table rows, StoredOutputs outputs) {
        this.rows = rows;
        this.outputs = outputs;
    }

    /** @return the audits and the notes on what was left out */
    static Auditor run(Table rows, StoredOutputs outputs) {
        Auditor a = new Auditor(rows, outputs);
        Map<String, Map<SliceKey, List<CellRef>>> bySlice = new LinkedHashMap<>();
        AuditInput.cells(rows).forEach((k, v) -> bySlice.computeIfAbsent(k.protocol() + " " + k.scenario(),
                s -> new LinkedHashMap<>()).put(k, v));
        bySlice.values().forEach(a::slice);
        return a;
    }

    List<MethodAudit> audits() {
        return audits;
    }

    List<String> notes() {
        List<String> all = new ArrayList<>(notes);
        notAudited.forEach((skip, methods) -> all.add(skip.where() + ": " + String.join(", ", methods)
                + " not audited: " + skip.reason()));
        return all;
    }

    private void slice(Map<SliceKey, List<CellRef>> methods) {
        SliceKey first = methods.keySet().iterator().next();
        String where = first.protocol() + " / " + first.scenario();
        long seeds = methods.values().stream().flatMap(List::stream).mapToLong(CellRef::trainSeed).distinct().count();
        if (seeds < 2) {
            notes.add(where + ": " + seeds + " training seed; the audit leaves one training seed out, so it needs at "
                    + "least 2 (this protocol varies only the unlearning seed)");
            return;
        }
        Reference reference = new Reference();
        floor(first, methods, reference);
        methods.forEach((slice, cells) -> {
            if (slice.method().equals(Audit.RETRAIN)) {
                notes.add(where + ": method 'retrain' is the cells' own Retrain model, identical by construction; its "
                        + "floor is '" + Audit.FLOOR + "' (Retrain against independent Retrain models)");
                return;
            }
            List<Long> groups = new ArrayList<>();
            List<ExampleOutputs> unlearned = new ArrayList<>();
            List<ExampleOutputs> retrained = new ArrayList<>();
            for (CellRef c : cells) {
                groups.add(c.trainSeed());
                unlearned.add(record(c, Role.METHOD, reference));
                retrained.add(record(c, Role.RETRAIN, reference));
            }
            audit(slice, slice.method().equals(Audit.ORIGINAL), Ensemble.of(groups, unlearned),
                    Ensemble.of(groups, retrained), reference, AuditInput.utility(rows, cells), where);
        });
    }

    /** Retrain against Retrain: the seeds at even positions (ascending) against those at odd positions, paired. */
    private void floor(SliceKey first, Map<SliceKey, List<CellRef>> methods, Reference reference) {
        Map<Long, CellRef> byUnlearnSeed = new TreeMap<>();
        methods.values().forEach(cells -> cells.forEach(c -> byUnlearnSeed.putIfAbsent(c.unlearnSeed(), c)));
        long[] seeds = byUnlearnSeed.values().stream().mapToLong(CellRef::trainSeed).distinct().sorted().toArray();
        String where = first.protocol() + " / " + first.scenario();
        if (seeds.length < 4) {
            notes.add(where + ": no " + Audit.FLOOR + " floor: it splits the training seeds into pairs and needs at "
                    + "least 4, got " + seeds.length);
            return;
        }
        List<Long> ga = new ArrayList<>();
        List<Long> gb = new ArrayList<>();
        List<ExampleOutputs> a = new ArrayList<>();
        List<ExampleOutputs> b = new ArrayList<>();
        for (CellRef c : byUnlearnSeed.values()) {
            int position = Arrays.binarySearch(seeds, c.trainSeed());
            if (position / 2 * 2 + 1 >= seeds.length) {
                continue; // the last seed of an odd count has no partner
            }
            long pair = seeds[position / 2 * 2];
            (position % 2 == 0 ? ga : gb).add(pair);
            (position % 2 == 0 ? a : b).add(record(c, Role.RETRAIN, reference));
        }
        audit(new SliceKey(first.protocol(), first.scenario(), Audit.FLOOR), true, Ensemble.of(ga, a),
                Ensemble.of(gb, b), reference, Double.NaN, where);
    }

    private void audit(SliceKey slice, boolean isReference, Ensemble unlearned, Ensemble retrained,
            Reference reference, double utility, String where) {
        Ulira.Scores scores;
        try {
            scores = Ulira.score(unlearned, retrained, true);
        } catch (IllegalArgumentException e) {
            notAudited.computeIfAbsent(new Skip(where, e.getMessage()), k -> new ArrayList<>())
                    .add("'" + slice.method() + "'");
            return;
        }
        double[] eps = Ensemble.epsilons(unlearned, retrained);
        double quality = CompetitionEpsilon.forgetScore(eps, Math.min(unlearned.runs(), retrained.runs()));
        double control = reference.testIds.length == 0 ? Double.NaN
                : Ulira.score(unlearned, retrained, false).roc().auc();
        List<SeedAudit> perSeed = new ArrayList<>();
        for (long g : unlearned.distinctGroups()) {
            perSeed.add(seed(g, scores, unlearned.only(g), retrained.only(g)));
        }
        audits.add(new MethodAudit(slice.protocol(), slice.scenario(), slice.method(), isReference,
                unlearned.distinctGroups().length, unlearned.models(), retrained.models(), reference.forgetIds,
                scores.roc(), eps, quality, quality * utility, control, perSeed));
    }

    private static SeedAudit seed(long g, Ulira.Scores scores, Ensemble unlearned, Ensemble retrained) {
        Roc roc = scores.roc(g);
        double quality = Double.NaN;
        double median = Double.NaN;
        if (retrained.models() >= 2 && unlearned.models() >= 1) {
            double[] eps = Ensemble.epsilons(unlearned, retrained);
            quality = CompetitionEpsilon.forgetScore(eps, Math.min(unlearned.runs(), retrained.runs()));
            median = MethodAudit.median(eps);
        }
        return new SeedAudit(g, unlearned.models(), retrained.models(), roc == null ? Double.NaN : roc.auc(),
                roc == null ? Double.NaN : roc.tprAt(0.01), roc == null ? Double.NaN : roc.tprAt(0.001), quality, median);
    }

    /** Looks up a stored record and checks it against the slice's first one (same examples, finite values). */
    private ExampleOutputs record(CellRef c, Role role, Reference reference) {
        ExampleOutputs o = outputs.get(c.key(), role);
        if (o == null) {
            throw new IllegalArgumentException(outputs.file() + " has no " + role.id() + " outputs for cell '" + c.key()
                    + "' (row " + c.row() + " of " + rows.name() + " is ok): the study stored outputs for only some "
                    + "cells; rerun it in the same folder");
        }
        if (reference.forgetIds == null) {
            reference.forgetIds = o.forgetIds();
            reference.testIds = o.testIds();
            reference.key = c.key();
        } else if (!Arrays.equals(reference.forgetIds, o.forgetIds()) || !Arrays.equals(reference.testIds, o.testIds())) {
            throw new IllegalArgumentException(outputs.file() + ": the " + role.id() + " outputs of cell '" + c.key()
                    + "' are for other examples than those of cell '" + reference.key + "'");
        }
        for (float[] values : new float[][] {o.forget(), o.test()}) {
            for (float v : values) {
                if (!Float.isFinite(v)) {
                    throw new IllegalArgumentException(outputs.file() + ": the " + role.id() + " outputs of cell '"
                            + c.key() + "' hold a non-finite confidence (" + v + "); was the model diverged?");
                }
            }
        }
        return o;
    }

    /** The examples of a slice, fixed by its first record. */
    private static final class Reference {
        private int[] forgetIds;
        private int[] testIds = new int[0];
        private String key;
    }
}
