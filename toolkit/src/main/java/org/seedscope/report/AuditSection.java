package org.seedscope.report;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.seedscope.audit.Audit;
import org.seedscope.audit.CompetitionEpsilon;
import org.seedscope.audit.MethodAudit;
import org.seedscope.audit.Spread;
import org.seedscope.format.Numbers;
import org.seedscope.study.OutputStore;
import org.seedscope.study.StoredOutputs;
import org.seedscope.viz.AuditRocChart;
import org.seedscope.viz.AuditSpreadChart;
import org.seedscope.viz.AuditSpreadChart.Statistic;
import org.seedscope.viz.Charts;
import org.seedscope.viz.EpsilonHistogramChart;
import tech.tablesaw.api.Table;

/**
 * The privacy-audit section of the HTML report ({@link Audit}): per (protocol, forget scenario) a
 * table of U-LiRA's AUC and TPR at 1 % and 0.1 % FPR, the competition's median per-example ε and
 * forgetting quality, the AUC on test examples (control) and the spread of AUC and forgetting quality
 * across training seeds; the ROC, ε-histogram and spread charts; and a plain reading of every method.
 *
 * <p>Every reading compares with the Retrain-vs-Retrain floor computed from the same study, never
 * with AUC 0.5 or ε 0: with a few dozen models the attacks' own noise keeps the floor's ε far from 0
 * ({@link CompetitionEpsilon}) and its AUC off 0.5. The verdict of a reading counts the training
 * seeds whose own audit puts the method's AUC above the floor's highest seed-pair AUC (see
 * {@link #reading}).
 */
public final class AuditSection {

    /** The section's heading. */
    static final String HEADING = "Privacy audit";

    private AuditSection() {
    }

    /**
     * Writes the section for a study folder: audits {@code rows} with the outputs stored in
     * {@code dir}, or says in one paragraph why there is no audit (no {@value OutputStore#FILE}, or
     * the audit's own message, e.g. fewer than 2 training seeds).
     *
     * @param html the report being written
     * @param rows the study's result table
     * @param dir the study folder holding {@value OutputStore#FILE}
     */
    static void write(Html html, Table rows, Path dir) {
        if (!Files.isRegularFile(dir.resolve(OutputStore.FILE))) {
            html.tag("h2", HEADING);
            html.tag("p", "No privacy audit: " + dir.resolve(OutputStore.FILE) + " does not exist (the study ran"
                    + " with auditSample: 0, or with a toolkit that did not store per-example outputs).");
            return;
        }
        Audit audit;
        try {
            audit = Audit.of(rows, StoredOutputs.read(dir));
        } catch (IllegalArgumentException e) {
            html.tag("h2", HEADING);
            html.tag("p", "No privacy audit: " + e.getMessage());
            return;
        }
        write(html, audit);
    }

    /**
     * Writes the section for an audit.
     *
     * @param html the report being written
     * @param audit the audit
     */
    static void write(Html html, Audit audit) {
        Objects.requireNonNull(audit, "audit");
        html.tag("h2", HEADING);
        html.tag("p", "Every cell holds an unlearned model and its Retrain, so the study's cells form an ensemble of"
                + " unlearned models and one of retrained models. U-LiRA (Hayes et al. 2024) fits, per forget"
                + " example, a Gaussian to the logit-scaled confidence under each ensemble and scores every model"
                + " of a held-out training seed by the likelihood ratio; AUC and TPR at low FPR measure how well it"
                + " tells unlearned from retrained models. ε is the NeurIPS 2023 competition's per-example privacy"
                + " loss (Triantafillou et al. 2024, δ = " + Numbers.format(CompetitionEpsilon.DELTA) + "), and the"
                + " forgetting quality its bucketed score. The floor, Retrain vs Retrain, audits Retrain models of"
                + " half the training seeds against those of the other half: what perfect unlearning looks like"
                + " with this many models. Read every number against the floor, never against AUC 0.5, ε 0 or"
                + " forgetting quality 1: even exact retraining shows ε far from 0 here, and the floor's forgetting"
                + " quality is the best this many models can show. The original (no unlearning) shows the other"
                + " end. Control: the AUC on sampled test examples, which no model trained on; above the floor it"
                + " measures a change of the outputs beyond the forget examples (with class forgetting, the"
                + " forgotten class's test examples change too) rather than memory of the forget set. The verdict"
                + " per method counts the training seeds whose own audit puts it above the floor's highest"
                + " seed-pair AUC. A forgetting quality per training seed uses N = that seed's runs, and so"
                + " fewer and more lenient score buckets than the pooled one (N = all runs): compare per-seed"
                + " values with the floor's per-pair values and pooled with pooled. A deterministic method"
                + " (the original, SSD) has one model per training seed, a spike by the competition's rule:"
                + " ε = " + Numbers.format(CompetitionEpsilon.EPSILON_CAP) + " and quality 0 per seed.");
        for (List<MethodAudit> slice : slices(audit).values()) {
            slice(html, slice);
        }
        if (!audit.notes().isEmpty()) {
            html.tag("h3", "Not audited");
            html.raw("<ul>\n");
            audit.notes().forEach(n -> html.tag("li", n));
            html.raw("</ul>\n");
        }
    }

    /** The audits grouped by "protocol / scenario", in audit order. */
    private static Map<String, List<MethodAudit>> slices(Audit audit) {
        Map<String, List<MethodAudit>> out = new LinkedHashMap<>();
        for (MethodAudit a : audit.audits()) {
            out.computeIfAbsent(a.protocol() + " / " + a.scenario(), k -> new ArrayList<>()).add(a);
        }
        return out;
    }

    private static void slice(Html html, List<MethodAudit> slice) {
        MethodAudit first = slice.get(0);
        String where = first.protocol() + " / " + first.scenario();
        html.tag("h3", "Audit: " + where);
        MethodAudit floor = slice.stream().filter(a -> a.method().equals(Audit.FLOOR)).findFirst().orElse(null);
        if (floor == null) {
            html.tag("p", "No Retrain-vs-Retrain floor here (it pairs training seeds and needs at least 4): the"
                    + " numbers below cannot be read against what perfect unlearning looks like with this many"
                    + " models.");
        } else if (floor.offChance()) {
            html.tag("p", Audit.offChanceWarning(floor));
        }
        html.rows(List.of("method", "training seeds", "models (unlearned / retrained)", "AUC", "TPR at 1 % FPR",
                "TPR at 0.1 % FPR", "median ε", "forgetting quality", "control AUC (test examples)",
                "AUC per training seed: mean ± sd", "AUC per training seed: range",
                "forgetting quality per training seed: range"), rows(slice));
        String name = "audit-" + first.protocol() + "-" + first.scenario();
        html.chart(() -> AuditRocChart.of(slice), name + "-roc");
        html.chart(() -> EpsilonHistogramChart.of(slice), name + "-epsilon");
        html.chart(() -> AuditSpreadChart.of(slice, Statistic.AUC), name + "-auc-spread");
        html.chart(() -> AuditSpreadChart.of(slice, Statistic.FORGET_QUALITY), name + "-quality-spread");
        html.tag("h4", "Reading");
        for (MethodAudit a : slice) {
            if (!a.method().equals(Audit.FLOOR)) {
                html.tag("p", reading(a, floor));
            }
        }
    }

    private static List<List<String>> rows(List<MethodAudit> slice) {
        List<List<String>> body = new ArrayList<>();
        for (MethodAudit a : slice) {
            Spread auc = a.aucSpread();
            body.add(List.of(Charts.auditLabel(a), Numbers.format(a.trainingSeeds()), a.methodModels() + " / " + a.retrainModels(),
                    Numbers.estimate(a.auc()), Numbers.estimate(a.tprAt1()), Numbers.estimate(a.tprAt01()),
                    Numbers.estimate(a.medianEpsilon()), Numbers.estimate(a.forgetQuality()),
                    Numbers.estimate(a.controlAuc()),
                    auc.n() == 0 ? Numbers.NOT_ESTIMABLE
                            : Numbers.estimate(auc.mean()) + " ± " + Numbers.estimate(auc.sd()),
                    range(auc), range(a.forgetQualitySpread())));
        }
        return body;
    }

    private static String range(Spread s) {
        return s.n() == 0 ? Numbers.NOT_ESTIMABLE : Numbers.format(s.min()) + " – " + Numbers.format(s.max());
    }

    /**
     * The plain reading of one method's audit against the floor, e.g. "finetune: U-LiRA AUC 0.866
     * against the floor's 0.598 (TPR at 1 % FPR 0.386 vs 0.0125). Per training seed its AUC ranged
     * 0.838 – 0.932, and 4 of 4 training seeds lie above the floor's highest seed-pair AUC (0.599):
     * every training seed alone would have told its models from Retrain's. ..." Numbers are printed by
     * {@link Numbers#estimate(double)}.
     *
     * <p>The verdict counts the k of n training seeds (those with a finite AUC) whose own AUC exceeds
     * the largest per-pair AUC of the floor: k = n "every training seed alone would have told its
     * models from Retrain's", k = 0 "no training seed alone ... beyond the floor's own spread",
     * otherwise "it depends on the training seed"; none when the floor is {@link
     * MethodAudit#offChance() off chance}. The control sentence adds "a change of the outputs beyond
     * the forget examples" when the method's AUC is above the floor's and its control AUC exceeds the
     * floor's control by at least half as much.
     *
     * @param method the method's audit (the original too)
     * @param floor the floor's audit of the same slice, or null when there is none
     * @return the paragraph
     */
    public static String reading(MethodAudit method, MethodAudit floor) {
        Objects.requireNonNull(method, "method");
        StringBuilder b = new StringBuilder(method.method().equals(Audit.ORIGINAL)
                ? "original (no unlearning, what a method that does nothing shows): " : method.method() + ": ");
        b.append("U-LiRA AUC ").append(Numbers.estimate(method.auc()));
        if (floor == null) {
            b.append(" and median ε ").append(Numbers.estimate(method.medianEpsilon()))
                    .append(", with no floor to compare them with (it needs at least 4 training seeds), so they say"
                            + " little on their own: even exact retraining shows AUC off 0.5 and ε far from 0.");
            return b.toString();
        }
        b.append(" against the floor's ").append(Numbers.estimate(floor.auc())).append(" (TPR at 1 % FPR ")
                .append(Numbers.estimate(method.tprAt1())).append(" vs ").append(Numbers.estimate(floor.tprAt1()))
                .append(").");
        if (floor.offChance()) {
            b.append(" With the floor itself off chance, no verdict per training seed is given here.");
        } else {
            verdict(b, method, floor);
        }
        b.append(" Median per-example ε ").append(Numbers.estimate(method.medianEpsilon())).append(" vs the floor's ")
                .append(Numbers.estimate(floor.medianEpsilon())).append("; forgetting quality ")
                .append(Numbers.estimate(method.forgetQuality())).append(" vs the floor's ")
                .append(Numbers.estimate(floor.forgetQuality())).append('.');
        double lift = method.auc() - floor.auc();
        double controlLift = method.controlAuc() - floor.controlAuc();
        if (Double.isFinite(controlLift)) {
            b.append(" On test examples, which no model trained on, the attack reaches AUC ")
                    .append(Numbers.estimate(method.controlAuc())).append(" (floor ")
                    .append(Numbers.estimate(floor.controlAuc())).append(")");
            if (lift > 0 && controlLift >= lift / 2) {
                b.append(": at least half of the separation appears there too, so much of it is a change of the"
                        + " outputs beyond the forget examples")
                        .append(method.scenario().startsWith("random:") ? ""
                                : " (with class forgetting the forgotten class's test examples change too)")
                        .append(", not memory of the forget set");
            }
            b.append('.');
        }
        return b.toString();
    }

    /** Appends the per-training-seed sentence: how many seeds alone put the method above the floor. */
    private static void verdict(StringBuilder b, MethodAudit method, MethodAudit floor) {
        Spread seeds = method.aucSpread();
        Spread pairs = floor.aucSpread();
        if (seeds.n() == 0 || pairs.n() == 0) {
            b.append(" The audit per training seed is not estimable here.");
            return;
        }
        long above = method.seeds().stream().filter(s -> s.auc() > pairs.max()).count();
        b.append(" Per training seed its AUC ranged ").append(Numbers.format(seeds.min())).append(" – ")
                .append(Numbers.format(seeds.max())).append(", and ").append(above).append(" of ").append(seeds.n())
                .append(" training seeds lie above the floor's highest seed-pair AUC (")
                .append(Numbers.format(pairs.max())).append("): ");
        if (above == seeds.n()) {
            b.append("every training seed alone would have told its models from Retrain's.");
        } else if (above == 0) {
            b.append("no training seed alone would have told its models from Retrain's beyond the floor's own"
                    + " spread.");
        } else {
            b.append("whether an audit with one training seed tells its models from Retrain's depends on which"
                    + " seed it used.");
        }
    }
}
