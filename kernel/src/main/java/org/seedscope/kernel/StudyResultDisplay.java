package org.seedscope.kernel;

import java.util.ArrayList;
import java.util.List;
import org.seedscope.study.StudyResult;
import tech.tablesaw.api.Table;

/**
 * A finished study as a notebook shows it, from {@link StudyResult}'s public getters: its name,
 * how many rows succeeded and failed, where they are stored, how many originals and Retrains came
 * from the cache and how many were trained, and the first {@value #MAX_FAILURES} failed rows
 * with their reasons.
 */
final class StudyResultDisplay {
    /** Failed rows listed; the rest are counted. */
    static final int MAX_FAILURES = 10;
    /** Columns of a failed row that are listed, when the table has them. */
    private static final List<String> FAILURE_COLUMNS = List.of("cell", "scenario", "method", "protocol", "reason");

    private StudyResultDisplay() {}

    /**
     * @param result a study result
     * @return for example "Study demo: 66 rows (64 ok, 2 failed) in seedscope-runs/demo-1a2b" and
     *         "cache: 12 models loaded, 3 trained", then one line per listed failure
     */
    static String text(StudyResult result) {
        StringBuilder out = new StringBuilder(headline(result)).append('\n').append(cache(result));
        Table failed = failures(result.results());
        for (int r = 0; r < Math.min(failed.rowCount(), MAX_FAILURES); r++) {
            out.append("\n  failed: ").append(String.join(", ", failureCells(failed, r)));
        }
        return out.append(moreFailures(failed)).toString();
    }

    /** @return the same as {@link #text} in HTML, the failures as a table */
    static String html(StudyResult result) {
        StringBuilder out = new StringBuilder("<p><b>").append(TableDisplay.escape(headline(result)))
                .append("</b><br>").append(TableDisplay.escape(cache(result))).append("</p>");
        Table failed = failures(result.results());
        if (failed.rowCount() > 0) {
            out.append("\n<table>\n<thead><tr>");
            for (String c : FAILURE_COLUMNS) {
                if (failed.containsColumn(c)) {
                    out.append("<th>").append(c).append("</th>");
                }
            }
            out.append("</tr></thead>\n<tbody>\n");
            for (int r = 0; r < Math.min(failed.rowCount(), MAX_FAILURES); r++) {
                out.append("<tr>");
                for (String cell : failureCells(failed, r)) {
                    out.append("<td>").append(TableDisplay.escape(cell)).append("</td>");
                }
                out.append("</tr>\n");
            }
            out.append("</tbody>\n</table>");
            String more = moreFailures(failed);
            if (!more.isEmpty()) {
                out.append("\n<p>").append(TableDisplay.escape(more.strip())).append("</p>");
            }
        }
        return out.toString();
    }

    private static String headline(StudyResult result) {
        Table rows = result.results();
        int failed = failures(rows).rowCount();
        return "Study " + result.spec().name() + ": " + rows.rowCount() + (rows.rowCount() == 1 ? " row" : " rows")
                + " (" + (rows.rowCount() - failed) + " ok, " + failed + " failed) in " + result.folder();
    }

    private static String cache(StudyResult result) {
        return "cache: " + result.cacheHits() + (result.cacheHits() == 1 ? " model" : " models")
                + " loaded, " + result.cacheMisses() + " trained"
                + (result.cacheRepaired() > 0 ? ", " + result.cacheRepaired() + " damaged entries trained again" : "")
                + (result.warnings().isEmpty() ? "" : "\nwarnings:\n  " + String.join("\n  ", result.warnings()));
    }

    /** @return the rows whose status is not "ok" (none when the table has no status column) */
    private static Table failures(Table rows) {
        if (!rows.containsColumn("status")) {
            return rows.emptyCopy();
        }
        return rows.where(rows.stringColumn("status").isNotEqualTo("ok"));
    }

    private static List<String> failureCells(Table failed, int row) {
        List<String> cells = new ArrayList<>();
        for (String c : FAILURE_COLUMNS) {
            if (failed.containsColumn(c)) {
                cells.add(TableDisplay.cell(failed.column(c), row));
            }
        }
        return cells;
    }

    private static String moreFailures(Table failed) {
        int more = failed.rowCount() - MAX_FAILURES;
        return more > 0 ? "\n  \u2026 " + more + " more failed " + (more == 1 ? "row" : "rows") : "";
    }
}
