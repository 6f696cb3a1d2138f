package org.seedscope.spark;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.TaskContext;
import scala.collection.Iterator;
import scala.runtime.AbstractFunction1;

/**
 * What one Spark task does on its executor: for each cell index of its partition, either make sure
 * the cell's original and Retrain are in the shared cache, or run the cell and return its result
 * ({@link org.seedscope.study.CellResult#toBytes}: the row and, when the study stores them, its
 * per-example outputs). Nothing is written but cache entries (atomically, first publisher wins), so a retried or
 * speculative attempt only repeats work: the driver keeps the first row of a cell.
 */
final class StageTask extends AbstractFunction1<Iterator<List<Integer>>, ArrayList<byte[]>> implements Serializable {
    private static final long serialVersionUID = 1L;

    private final TaskConfig config;
    private final boolean rows;

    /**
     * @param config the study
     * @param rows true to run cells and return their results, false to train models only
     */
    StageTask(TaskConfig config, boolean rows) {
        this.config = config;
        this.rows = rows;
    }

    @Override
    public ArrayList<byte[]> apply(Iterator<List<Integer>> partition) {
        TaskContext context = TaskContext.get();
        int attempt = context == null ? 0 : context.attemptNumber();
        return ExecutorWork.with(config, work -> {
            ArrayList<byte[]> out = new ArrayList<>();
            while (partition.hasNext()) {
                for (int cell : partition.next()) {
                    config.hook().beforeCell(cell, attempt);
                    if (rows) {
                        out.add(work.run(cell).toBytes());
                    } else {
                        work.prepareModels(cell);
                    }
                }
            }
            return out;
        });
    }
}
