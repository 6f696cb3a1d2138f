package org.seedscope.viz;

import java.awt.Color;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.seedscope.audit.Audit;
import org.seedscope.audit.MethodAudit;

/**
 * Package-private: the audits of one (protocol, forget scenario) slice in drawing order — the
 * Retrain-vs-Retrain floor first, then the original, then the methods in the audit's order — with
 * the legend name and colour of each, shared by the audit charts.
 */
final class AuditSlice {

    /** Legend name of the floor. */
    static final String FLOOR_LABEL = "Retrain vs Retrain (floor)";
    /** Legend name of the original. */
    static final String ORIGINAL_LABEL = "original (no unlearning)";
    /** Okabe–Ito colours for the methods, in order of appearance (black is the original's). */
    private static final Color[] METHOD_COLOURS = {Theme.ALGORITHM_2, Theme.ALGORITHM_1,
        new Color(0x00, 0x9E, 0x73), new Color(0xCC, 0x79, 0xA7), new Color(0xE6, 0x9F, 0x00),
        Theme.SKY_BLUE, new Color(0xF0, 0xE4, 0x42)};

    private final List<MethodAudit> audits;

    private AuditSlice(List<MethodAudit> audits) {
        this.audits = audits;
    }

    /**
     * The slice of {@code scenario} under {@code protocol}, or under the first protocol that has it
     * when {@code protocol} is null.
     *
     * @throws IllegalArgumentException when the audit has no such slice, listing the slices it has
     */
    static AuditSlice of(Audit audit, String protocol, String scenario) {
        Objects.requireNonNull(audit, "audit");
        Objects.requireNonNull(scenario, "scenario");
        String chosen = protocol;
        for (MethodAudit a : audit.audits()) {
            if (chosen == null && a.scenario().equals(scenario)) {
                chosen = a.protocol();
            }
        }
        List<MethodAudit> slice = new ArrayList<>();
        for (MethodAudit a : audit.audits()) {
            if (a.scenario().equals(scenario) && a.protocol().equals(chosen)) {
                slice.add(a);
            }
        }
        if (slice.isEmpty()) {
            Set<String> present = new LinkedHashSet<>();
            audit.audits().forEach(a -> present.add(a.protocol() + " / " + a.scenario()));
            throw new IllegalArgumentException("the audit has no slice " + (protocol == null ? "" : protocol + " / ")
                    + scenario + "; audited slices: " + present);
        }
        return of(slice);
    }

    /**
     * The given audits in drawing order.
     *
     * @throws IllegalArgumentException when the list is empty, mixes protocols or scenarios, or
     *     names a method twice
     */
    static AuditSlice of(List<MethodAudit> slice) {
        if (slice.isEmpty()) {
            throw new IllegalArgumentException("an audit chart needs at least one method audit, got none");
        }
        MethodAudit first = slice.get(0);
        Set<String> methods = new LinkedHashSet<>();
        for (MethodAudit a : slice) {
            if (!a.protocol().equals(first.protocol()) || !a.scenario().equals(first.scenario())) {
                throw new IllegalArgumentException("an audit chart draws one slice, but the audits mix "
                        + first.protocol() + " / " + first.scenario() + " with " + a.protocol() + " / "
                        + a.scenario());
            }
            if (!methods.add(a.method())) {
                throw new IllegalArgumentException("the audits name method '" + a.method() + "' twice");
            }
        }
        List<MethodAudit> ordered = new ArrayList<>();
        slice.stream().filter(a -> a.method().equals(Audit.FLOOR)).forEach(ordered::add);
        slice.stream().filter(a -> a.method().equals(Audit.ORIGINAL)).forEach(ordered::add);
        slice.stream().filter(a -> !a.method().equals(Audit.FLOOR) && !a.method().equals(Audit.ORIGINAL))
                .forEach(ordered::add);
        return new AuditSlice(List.copyOf(ordered));
    }

    /** @return the audits: floor, original, then the methods */
    List<MethodAudit> audits() {
        return audits;
    }

    /** @return the floor's audit, or null when the slice has none */
    MethodAudit floor() {
        return audits.get(0).method().equals(Audit.FLOOR) ? audits.get(0) : null;
    }

    /** @return "protocol / scenario" */
    String where() {
        return audits.get(0).protocol() + " / " + audits.get(0).scenario();
    }

    /** @return the method ids in drawing order, the floor as "floor" */
    List<String> methods() {
        return audits.stream().map(a -> a.method().equals(Audit.FLOOR) ? "floor" : a.method()).toList();
    }

    /** @return the legend name of a method: the floor and the original spelled out */
    static String label(MethodAudit a) {
        return switch (a.method()) {
            case Audit.FLOOR -> FLOOR_LABEL;
            case Audit.ORIGINAL -> ORIGINAL_LABEL;
            default -> a.method();
        };
    }

    /** @return the colour of audit {@code k}: grey for the floor, black for the original, else Okabe–Ito */
    Color colour(int k) {
        String method = audits.get(k).method();
        if (method.equals(Audit.FLOOR)) {
            return Theme.REFERENCE;
        }
        if (method.equals(Audit.ORIGINAL)) {
            return Color.BLACK;
        }
        int methodIndex = 0;
        for (int i = 0; i < k; i++) {
            String m = audits.get(i).method();
            if (!m.equals(Audit.FLOOR) && !m.equals(Audit.ORIGINAL)) {
                methodIndex++;
            }
        }
        return METHOD_COLOURS[methodIndex % METHOD_COLOURS.length];
    }
}
