package org.seedscope.audit;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;
import org.seedscope.study.StoredOutputs;
import tech.tablesaw.api.Table;

/**
 * A privacy audit of a study from its seed ensemble (PAPER.md "Privacy audits from many models"):
 * every cell holds one unlearned model and its Retrain, so each (protocol, forget scenario, method)
 * slice is an ensemble of unlearned models against an ensemble of retrained ones. For each slice
 * with at least 2 training seeds:
 * <ul>
 *   <li>U-LiRA ({@link Ulira}): per forget example, Gaussian fits of the logit-scaled confidence
 *       under each ensemble, the likelihood-ratio score of every held-out target model (leave one
 *       training seed out), pooled over examples into one ROC: AUC and TPR at 1 % and 0.1 % FPR;
 *   <li>the NeurIPS 2023 competition's per-example epsilon and forgetting quality
 *       ({@link CompetitionEpsilon}), all unlearned models against all retrained ones;
 *   <li>the same per training seed ({@link SeedAudit}) and its spread across training seeds: the
 *       verdict one training seed alone would have given;
 *   <li>the reference rows: method {@value #ORIGINAL} (the original unchanged, when the study runs
 *       it) shows what no unlearning looks like, and {@value #FLOOR} (Retrain models of half the
 *       training seeds against those of the other half) what perfect unlearning looks like with
 *       this many models — the attacks' own noise floor, to which every method compares.
 * </ul>
 * The audit draws no random numbers: the same rows and outputs give bit-identical results.
 */
public final class Audit {
    /** Method name of the Retrain-vs-Retrain floor. */
    public static final String FLOOR = "retrain-vs-retrain";
    /** Method id of the original-model reference. */
    public static final String ORIGINAL = "original";
    /** Method id of Retrain. */
    public static final String RETRAIN = "retrain";
    /** Points of the log-spaced ROC in {@link #toJson()}. */
    static final int ROC_POINTS = 60;
    private static final String ROW = "  %-26s %5s %7s %7s %7s %8s %10s %7s %8s | %-15s %-15s%n";

    private final String source;
    private final List<MethodAudit> audits;
    private final List<String> notes;

    private Audit(String source, List<MethodAudit> audits, List<String> notes) {
        this.source = source;
        this.audits = List.copyOf(audits);
        this.notes = List.copyOf(notes);
    }

    /**
     * Audits a finished study folder: {@code DIR/results.csv} and {@code DIR/outputs.bin}.
     *
     * @param dir the study output folder
     * @return the audit
     * @throws IllegalArgumentException when a file is missing, a finished cell has no stored outputs,
     *     or no slice has at least 2 training seeds; the message names the file and what is missing
     */
    public static Audit of(Path dir) {
        Table rows = AuditInput.read(dir);
        return of(rows, StoredOutputs.read(dir), dir.toString());
    }

    /**
     * Audits a study's rows (e.g. {@code study.results()} in a notebook) with its stored outputs.
     *
     * @param rows the result table, one row per cell (protocol, scenario, method, status and seed columns)
     * @param outputs the study's per-example outputs ({@link StoredOutputs#read})
     * @return the audit
     * @throws IllegalArgumentException as {@link #of(Path)}
     */
    public static Audit of(Table rows, StoredOutputs outputs) {
        return of(rows, outputs, outputs.file().toString());
    }

    private static Audit of(Table rows, StoredOutputs outputs, String source) {
        Objects.requireNonNull(rows, "rows");
        Objects.requireNonNull(outputs, "outputs");
        Auditor run = Auditor.run(rows, outputs);
        if (run.audits().isEmpty()) {
            throw new IllegalArgumentException("nothing to audit in " + source + ": "
                    + (run.notes().isEmpty() ? "no row has status ok" : String.join("; ", run.notes())));
        }
        return new Audit(source, run.audits(), run.notes());
    }

    /** @return every audited slice: per (protocol, scenario) the floor first, then the methods in table order */
    public List<MethodAudit> audits() {
        return audits;
    }

    /** @return what was not audited, and why */
    public List<String> notes() {
        return notes;
    }

    /**
     * @param scenario a forget scenario id
     * @param method a method name, {@value #ORIGINAL} or {@value #FLOOR}
     * @return its audit (the first protocol that has one)
     * @throws IllegalArgumentException when there is none, listing what there is
     */
    public MethodAudit get(String scenario, String method) {
        return audits.stream().filter(a -> a.scenario().equals(scenario) && a.method().equals(method)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no audit of '" + method + "' on '" + scenario
                        + "'; audited: " + audits.stream().map(a -> a.scenario() + " " + a.method())
                                .collect(Collectors.joining(", "))));
    }

    /**
     * @return the audit as nested maps and lists of strings, numbers (NaN as null) and booleans, for JSON
     */
    public Map<String, Object> toJson() {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("source", source);
        doc.put("definitions", Map.of("ulira", "Hayes et al. 2024 (arXiv 2403.01218), leave-one-training-seed-out",
                "epsilon", "NeurIPS 2023 unlearning competition (Triantafillou et al. 2024, arXiv 2406.09073), "
                        + "delta = " + CompetitionEpsilon.DELTA));
        List<Object> list = new ArrayList<>();
        for (MethodAudit a : audits) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("protocol", a.protocol());
            m.put("scenario", a.scenario());
            m.put("method", a.method());
            m.put("reference", a.reference());
            m.put("training_seeds", a.trainingSeeds());
            m.put("method_models", a.methodModels());
            m.put("retrain_models", a.retrainModels());
            m.put("auc", num(a.auc()));
            m.put("tpr_at_1pct_fpr", num(a.tprAt1()));
            m.put("tpr_at_0.1pct_fpr", num(a.tprAt01()));
            m.put("median_epsilon", num(a.medianEpsilon()));
            m.put("forget_quality", num(a.forgetQuality()));
            m.put("score", num(a.score()));
            m.put("control_auc", num(a.controlAuc()));
            m.put("auc_spread", spread(a.aucSpread()));
            m.put("forget_quality_spread", spread(a.forgetQualitySpread()));
            List<Object> seeds = new ArrayList<>();
            for (SeedAudit s : a.seeds()) {
                Map<String, Object> sm = new LinkedHashMap<>();
                sm.put("train_seed", s.trainSeed());
                sm.put("method_models", s.methodModels());
                sm.put("retrain_models", s.retrainModels());
                sm.put("auc", num(s.auc()));
                sm.put("tpr_at_1pct_fpr", num(s.tprAt1()));
                sm.put("tpr_at_0.1pct_fpr", num(s.tprAt01()));
                sm.put("forget_quality", num(s.forgetQuality()));
                sm.put("median_epsilon", num(s.medianEpsilon()));
                seeds.add(sm);
            }
            m.put("per_seed", seeds);
            List<Object> roc = new ArrayList<>();
            for (double[] p : a.roc().logSpaced(ROC_POINTS)) {
                roc.add(List.of(p[0], p[1]));
            }
            m.put("roc_log_spaced", roc);
            m.put("example_ids", java.util.Arrays.stream(a.exampleIds()).boxed().toList());
            m.put("epsilons", java.util.Arrays.stream(a.epsilons()).mapToObj(Audit::num).toList());
            list.add(m);
        }
        doc.put("audits", list);
        doc.put("notes", notes);
        return doc;
    }

    private static Object num(double v) {
        return Double.isFinite(v) ? v : null;
    }

    private static Map<String, Object> spread(Spread s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("n", s.n());
        m.put("mean", num(s.mean()));
        m.put("sd", num(s.sd()));
        m.put("min", num(s.min()));
        m.put("max", num(s.max()));
        return m;
    }

    /**
     * @param floor a floor that is {@link MethodAudit#offChance() off chance}
     * @return the warning the text and the report print for its slice
     */
    public static String offChanceWarning(MethodAudit floor) {
        return "The floor, Retrain against Retrain, is itself off chance here (AUC " + sig(floor.auc())
                + ", every seed pair on the same side of 0.5): this slice has too few models for its verdicts to"
                + " mean much; use more training seeds (or unlearning seeds).";
    }

    /** @return {@code v} to 4 significant figures ("-" for NaN) */
    static String sig(double v) {
        if (Double.isNaN(v)) {
            return "-";
        }
        if (v == 0 || Double.isInfinite(v)) {
            return v == 0 ? "0" : String.valueOf(v);
        }
        return new java.math.BigDecimal(v).round(new java.math.MathContext(4)).stripTrailingZeros().toPlainString();
    }

    private static String range(Spread s) {
        return s.n() == 0 ? "-" : sig(s.min()) + "-" + sig(s.max());
    }

    /** @return one table per (protocol, scenario), reference rows marked, then the notes */
    @Override
    public String toString() {
        StringBuilder b = new StringBuilder("Privacy audit of ").append(source).append('\n');
        b.append("U-LiRA (Hayes et al. 2024): per-example Gaussian likelihood ratio, leave-one-training-seed-out, "
                + "pooled ROC (AUC 0.5: indistinguishable from Retrain).\neps, F: NeurIPS 2023 competition's per-example "
                + "epsilon and forgetting quality (F = 1 best); compare both with the floor, not with 0.5 or 1.\n"
                + "models: distinct unlearned / retrained models; seeds: training seeds (pairs of them for the floor); "
                + "control: AUC on test examples.\n");
        String slice = null;
        String header = String.format(Locale.ROOT, ROW, "method", "seeds", "models", "AUC", "TPR@1%", "TPR@.1%", "median eps",
                "F", "control", "seed AUC range", "seed F range");
        for (MethodAudit a : audits) {
            String s = a.protocol() + " / " + a.scenario();
            if (!s.equals(slice)) {
                b.append('\n').append(s).append('\n').append(header);
                slice = s;
            }
            String name = a.method() + (a.method().equals(ORIGINAL) ? " (no unlearning)" : "")
                    + (a.method().equals(FLOOR) ? " (floor)" : "");
            b.append(String.format(Locale.ROOT, ROW, name, a.trainingSeeds(),
                    a.methodModels() + "/" + a.retrainModels(), sig(a.auc()), sig(a.tprAt1()), sig(a.tprAt01()),
                    sig(a.medianEpsilon()), sig(a.forgetQuality()), sig(a.controlAuc()), range(a.aucSpread()),
                    range(a.forgetQualitySpread())));
            if (a.method().equals(FLOOR) && a.offChance()) {
                b.append("  ! ").append(offChanceWarning(a)).append('\n');
            }
        }
        if (!notes.isEmpty()) {
            b.append("\nnotes:\n");
            notes.forEach(n -> b.append("  - ").append(n).append('\n'));
        }
        return b.toString();
    }
}
